// Enforcement of src/auth/policy.ts inside the schema: type-graphql's authChecker for
// `@Authorized(...roles)`, and the OwnCustomer middleware that binds a CUSTOMER key to its customer.
// Both run before the resolver, so nothing is read or written for a caller who may not.
import type { AuthChecker, MiddlewareFn } from 'type-graphql';
import { ForbiddenError, UnauthenticatedError } from '../recommend/errors';
import type { Context } from '../graphql/context';

export const authChecker: AuthChecker<Context> = ({ context, info }, roles) => {
  const principal = context.principal;
  if (!principal) throw new UnauthenticatedError();
  if (roles.length > 0 && !roles.includes(principal.role)) {
    throw new ForbiddenError(info.fieldName, `${/^[AEIOU]/.test(principal.role) ? 'an' : 'a'} ${principal.role} key may not use ${info.fieldName}`);
  }
  return true;
};

/** The value at a dotted path of the field's arguments, e.g. "input.userId". */
function argAt(args: Record<string, unknown>, path: string): unknown {
  return path.split('.').reduce<unknown>((v, k) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), args);
}

/**
 * A CUSTOMER key may only name its own customer in `argPath` (and must name it when the argument is
 * optional and absent only if `required`). Other roles pass. FORBIDDEN is decided before any read,
 * so another customer's id gives the same answer whether or not that customer exists.
 */
export function OwnCustomer(argPath: string, options: { required?: boolean } = {}): MiddlewareFn<Context> {
  return async ({ args, context }, next) => {
    const p = context.principal;
    if (p?.role === 'CUSTOMER') {
      const id = argAt(args, argPath);
      if ((id === undefined || id === null) ? options.required : id !== p.customerId) {
        throw new ForbiddenError(argPath, `this API key may only act for its own customer (${argPath})`);
      }
    }
    return next();
  };
}
