// How errors leave the API: every error carries `extensions.code`; client errors also name the
// offending input `field`. Internal errors are logged with their stack and, in production,
// reach the client as a bare "Internal server error".
import { unwrapResolverError } from '@apollo/server/errors';
import type { ValidationError } from 'class-validator';
import type { GraphQLError, GraphQLFormattedError } from 'graphql';
import { ArgumentValidationError } from 'type-graphql';
import type { Logger } from '../log';
import { DomainError, ServiceUnavailableError } from '../recommend/errors';
import { isStoreUnavailable, storeUnavailable } from '../store/errors';
import { inputFieldOf } from './errorField';

/** Codes of errors about the request's input, which should name the offending field. */
const INPUT_CODES = new Set(['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED']);

/** The first failed constraint of class-validator's tree, with the dotted path of its property. */
function firstViolation(errors: readonly ValidationError[], prefix = ''): { field: string; message: string } | null {
  for (const e of errors) {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const message = e.constraints ? Object.values(e.constraints)[0] : undefined;
    if (message) return { field, message };
    const nested = firstViolation(e.children ?? [], field);
    if (nested) return nested;
  }
  return null;
}

export function createFormatError(options: { production: boolean; log: Logger }) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const { locations, path } = formatted;
    if (original instanceof ArgumentValidationError) {
      const v = firstViolation(original.extensions.validationErrors) ?? { field: 'input', message: 'invalid input' };
      return { message: v.message, locations, path, extensions: { code: 'BAD_USER_INPUT', field: v.field } };
    }
    if (original instanceof DomainError) {
      return { message: original.message, locations, path, extensions: { code: original.code, field: original.field } };
    }
    // A database failure from any resolver (locked, unreachable, I/O error) is not a bug: the same
    // clear, retryable answer everywhere, never INTERNAL_SERVER_ERROR (src/store/errors.ts decides).
    const unavailable = original instanceof ServiceUnavailableError ? original : isStoreUnavailable(original) ? storeUnavailable(original) : null;
    if (unavailable) {
      options.log.warn({ err: unavailable.cause ?? unavailable, service: unavailable.service, path }, 'service unavailable');
      return { message: unavailable.message, locations, path, extensions: { code: unavailable.code } };
    }
    const code = formatted.extensions?.code ?? 'INTERNAL_SERVER_ERROR';
    if (code !== 'INTERNAL_SERVER_ERROR') {
      // parse, validation, coercion errors of the request: add the field GraphQL only names in prose
      if (!INPUT_CODES.has(String(code)) || formatted.extensions?.field || !(original instanceof Error)) return formatted;
      const field = inputFieldOf(original as GraphQLError); // duck-typed: message, source, nodes
      return field ? { ...formatted, extensions: { ...formatted.extensions, field } } : formatted;
    }
    options.log.error({ err: original, path }, 'internal error while resolving');
    if (options.production) return { message: 'Internal server error', locations, path, extensions: { code } };
    return { ...formatted, extensions: { ...formatted.extensions, code } };
  };
}
