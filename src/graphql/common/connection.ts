// Relay-style connections: `edges { cursor node }` and `pageInfo { hasNextPage endCursor }`,
// with opaque base64 cursors over a unique sort key (keyset pagination, stable under inserts).
import { ArgsType, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { InvalidInputError } from '../../recommend/errors';
import { MAX_PAGE, PageSize } from './pageSize';

export { MAX_PAGE };
export const DEFAULT_PAGE = 20;

@ObjectType({ description: 'Where a page ends and whether more follow' })
export class PageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the last edge; pass it as `after` for the next page' })
  endCursor!: string | null;
}

@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, { nullable: true, defaultValue: DEFAULT_PAGE, description: `Page size, 1–${MAX_PAGE} (null: ${DEFAULT_PAGE})` })
  @PageSize()
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Return the edges after this cursor' })
  after?: string | null;
}

export interface Edge<T> { cursor: string; node: T }
export interface ConnectionShape<T> { edges: Edge<T>[]; pageInfo: PageInfo }

/** An object type `<Name>Connection` with `<Name>Edge` edges over `Node`. */
export function Connection<T extends object>(Node: ClassType<T>, name: string) {
  @ObjectType(`${name}Edge`)
  class EdgeType {
    @Field()
    cursor!: string;

    @Field(() => Node)
    node!: T;
  }

  @ObjectType() // never referenced itself: only its named subclasses reach the schema
  abstract class ConnectionType {
    @Field(() => [EdgeType])
    edges!: EdgeType[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;
  }
  return ConnectionType;
}

export function encodeCursor(kind: string, key: string): string {
  return Buffer.from(`${kind}:${key}`, 'utf8').toString('base64');
}

/** The sort key inside a cursor made by `encodeCursor(kind, …)`; anything else is a client error. */
export function decodeCursor(kind: string, cursor: string): string {
  const text = Buffer.from(cursor, 'base64').toString('utf8');
  if (!text.startsWith(`${kind}:`) || encodeCursor(kind, text.slice(kind.length + 1)) !== cursor) {
    throw new InvalidInputError('after', 'after is not a cursor returned by this connection');
  }
  return text.slice(kind.length + 1);
}

export interface PageArgs { first?: number | null; after?: string | null }

/** Page size (default when null) and the sort key to start after, both checked. */
export function pageOf(args: PageArgs, kind: string): { first: number; afterKey?: string } {
  const first = args.first ?? DEFAULT_PAGE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE) throw new InvalidInputError('first', `first must be between 1 and ${MAX_PAGE}`);
  return { first, afterKey: args.after ? decodeCursor(kind, args.after) : undefined };
}

/**
 * Build a connection from rows fetched with `take: first + 1` after the cursor's key:
 * the extra row only tells whether another page follows.
 */
export function toConnection<R, T>(rows: R[], first: number, kind: string, keyOf: (r: R) => string, toNode: (r: R) => T): ConnectionShape<T> {
  const page = rows.slice(0, first);
  const edges = page.map((r) => ({ cursor: encodeCursor(kind, keyOf(r)), node: toNode(r) }));
  return { edges, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null } };
}
