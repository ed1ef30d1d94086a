// Text no store can hold is refused at the door. PostgreSQL rejects a NUL character in any text
// value ("invalid byte sequence for encoding UTF8: 0x00"), so without this check an id or a key
// with "\u0000" reached the database and came back as an INTERNAL_SERVER_ERROR (SQLite stored it,
// a value that then could not be exported or moved to PostgreSQL). Every argument of every Query
// and Mutation field is checked, input objects included, before its resolver runs.
import { defaultFieldResolver, type GraphQLSchema } from 'graphql';
import { InvalidInputError } from '../recommend/errors';

/** The first string holding a NUL, as a field path in the resolvers' convention (see errors.ts). */
function nulField(value: unknown, path: string[]): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path.join('.') : null;
  if (Array.isArray(value)) {
    for (const v of value) { const f = nulField(v, path); if (f !== null) return f; }
    return null;
  }
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    for (const [k, v] of Object.entries(value)) { const f = nulField(v, [...path, k]); if (f !== null) return f; }
  }
  return null;
}

export function checkArguments(args: Record<string, unknown>): void {
  for (const [name, value] of Object.entries(args)) {
    // An input object's fields are named without the argument in front (`segment`, not `input.segment`).
    const isInput = value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date);
    const field = nulField(value, isInput ? [] : [name]);
    if (field !== null) throw new InvalidInputError(field || name, `${field || name} must not contain a NUL character`);
  }
}

/** Wrap the resolvers of the root Query and Mutation fields with `checkArguments`. */
export function guardRootArguments(schema: GraphQLSchema): GraphQLSchema {
  for (const type of [schema.getQueryType(), schema.getMutationType()]) {
    if (!type) continue;
    for (const field of Object.values(type.getFields())) {
      if (field.args.length === 0) continue;
      const resolve = field.resolve ?? defaultFieldResolver;
      field.resolve = (root, args, context, info) => {
        checkArguments(args as Record<string, unknown>);
        return resolve(root, args, context, info);
      };
    }
  }
  return schema;
}
