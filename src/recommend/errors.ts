// Expected, client-caused failures of the services, independent of any transport. The GraphQL
// layer maps them to GraphQLError extensions (src/graphql/errors.ts); the CLI prints them.
export type DomainErrorCode = 'BAD_USER_INPUT' | 'NOT_FOUND' | 'FAILED_PRECONDITION' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'RATE_LIMITED';

export class DomainError extends Error {
  constructor(readonly code: DomainErrorCode, readonly field: string, message: string) {
    super(message);
    this.name = 'DomainError';
  }
}

/** The input is well-formed but not acceptable (range, consistency, conflict). */
export class InvalidInputError extends DomainError {
  constructor(field: string, message: string) { super('BAD_USER_INPUT', field, message); }
}

/** The input names something that does not exist. */
export class NotFoundError extends DomainError {
  constructor(field: string, what: string, id: string) {
    // Ids come from the client at any length: quote a bounded prefix, never the whole value.
    const shown = id.length > 80 ? `${id.slice(0, 80)}…` : id;
    super('NOT_FOUND', field, `${what} "${shown}" does not exist`);
  }
}

/** The named thing exists but cannot be used as asked (e.g. a model version whose artifact is damaged). */
export class FailedPreconditionError extends DomainError {
  constructor(field: string, message: string) { super('FAILED_PRECONDITION', field, message); }
}

/** No valid API key was sent (`Authorization: Bearer <key>`). */
export class UnauthenticatedError extends DomainError {
  constructor(message = 'an API key is required: send Authorization: Bearer <key>') { super('UNAUTHENTICATED', 'authorization', message); }
}

/** The key is valid but its role, or the customer it is bound to, does not allow this. The message
 *  never says whether the thing asked for exists. */
export class ForbiddenError extends DomainError {
  constructor(field: string, message = 'this API key is not allowed to do this') { super('FORBIDDEN', field, message); }
}

/**
 * A service the request needs is down (e.g. the embedding provider behind semantic search): not the
 * client's fault, worth retrying later; the rest of the API keeps working. Reported with code
 * SERVICE_UNAVAILABLE and no field (src/graphql/errors.ts); `cause` holds the provider's error for the log.
 */
export class ServiceUnavailableError extends Error {
  readonly code = 'SERVICE_UNAVAILABLE';
  constructor(readonly service: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ServiceUnavailableError';
  }
}
