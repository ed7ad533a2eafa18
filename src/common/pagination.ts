// Keyset pagination of Relay-style lists through MikroORM's `findByCursor`. Cursors are wrapped
// with the ordering they were made for, so a cursor from another ordering or a forged one is
// refused cleanly. Neutral: graphql/relay/connection.ts gives these shapes their GraphQL types.
import {
  Cursor,
  type EntityManager,
  type EntityMetadata,
  type EntityProperty,
  type FilterQuery,
  type QueryOrder,
} from '@mikro-orm/core';
import { badUserInput } from './errors.js';
import { isUuid } from './ids.js';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** Relay's paging arguments: `first/after` forwards, `last/before` backwards. */
export interface PageArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

export interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Connection<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  totalCount: number;
}

/**
 * The parts of a connection the caller will read: the count costs a `count(*)`, the cursors
 * are built per edge. The GraphQL layer derives it from the selection (relay/connection.ts);
 * other callers get everything.
 */
export interface PageWants {
  totalCount: boolean;
  /** `edges.cursor`, `pageInfo.startCursor` or `pageInfo.endCursor`. */
  cursors: boolean;
  /** The fields read of each node (e.g. to select only their columns); absent: all of them. */
  nodeFields?: ReadonlySet<string>;
}

export const WANTS_EVERYTHING: Readonly<PageWants> = Object.freeze({ totalCount: true, cursors: true });

/**
 * A connection without the parts nobody asked for: reading them is a bug (the selection was
 * misread), answered loudly rather than with a plausible wrong value.
 */
export function connectionOf<T>(
  wants: PageWants,
  /** With cursors when `wants.cursors`, else bare nodes. */
  edges: Array<Edge<T>> | T[],
  totalCount: number | undefined,
  page: { hasNextPage: boolean; hasPreviousPage: boolean },
): Connection<T> {
  // Classes whose prototypes hold the throwing getters: no per-object property definitions.
  const pageInfo: PageInfo = wants.cursors
    ? {
        hasNextPage: page.hasNextPage,
        hasPreviousPage: page.hasPreviousPage,
        startCursor: (edges as Edge<T>[])[0]?.cursor ?? null,
        endCursor: (edges as Edge<T>[]).at(-1)?.cursor ?? null,
      }
    : new UncursoredPageInfo(page.hasNextPage, page.hasPreviousPage);
  const nodes = wants.cursors ? (edges as Edge<T>[]) : (edges as T[]).map((node) => new UncursoredEdge(node));
  return wants.totalCount
    ? { edges: nodes, pageInfo, totalCount: totalCount! }
    : new UncountedConnection(nodes, pageInfo);
}

const notSelected = (part: string) => () => {
  throw new Error(`${part} was read but not counted as selected (PageWants)`);
};

/** An edge whose cursor nobody selected: reading it throws (the getter lives on the prototype). */
class UncursoredEdge<T> {
  constructor(readonly node: T) {}
  get cursor(): string {
    return notSelected('cursor')();
  }
}

/** Page information without cursors (none selected): reading one throws. */
class UncursoredPageInfo implements PageInfo {
  constructor(
    readonly hasNextPage: boolean,
    readonly hasPreviousPage: boolean,
  ) {}
  get startCursor(): string | null {
    return notSelected('startCursor')();
  }
  get endCursor(): string | null {
    return notSelected('endCursor')();
  }
}

/** A connection whose count nobody selected: reading it throws. */
class UncountedConnection<T> implements Connection<T> {
  constructor(
    readonly edges: Edge<T>[],
    readonly pageInfo: PageInfo,
  ) {}
  get totalCount(): number {
    return notSelected('totalCount')();
  }
}

export type Ordering = Array<[field: string, direction: QueryOrder | 'asc' | 'desc']>;

interface CursorEnvelope {
  o: string;
  k: string;
}

function orderingSignature(ordering: Ordering): string {
  return ordering.map(([field, direction]) => `${field}:${String(direction).toLowerCase()}`).join(',');
}

function wrapCursor(ordering: string, cursor: string): string {
  return Buffer.from(JSON.stringify({ o: ordering, k: cursor } satisfies CursorEnvelope)).toString(
    'base64url',
  );
}

/** Whether a decoded key value can be the value of `prop` (else the database would choke on it). */
function keyFits(prop: EntityProperty | undefined, value: unknown): boolean {
  if (!prop) return false;
  if (value === null) return Boolean(prop.nullable);
  const type = String(prop.runtimeType ?? prop.type).toLowerCase();
  if (type === 'date') return typeof value === 'string' && !Number.isNaN(Date.parse(value));
  if (type === 'number') return typeof value === 'number' && Number.isFinite(value);
  if (type === 'boolean') return typeof value === 'boolean';
  if (typeof value !== 'string' || value.includes('\u0000')) return false;
  return String(prop.type).toLowerCase() !== 'uuid' || isUuid(value);
}

/**
 * The cursor's keys, if it was made for `ordering` and every key fits its column: a forged or
 * foreign cursor is the client's mistake (BAD_USER_INPUT), never a database error.
 */
function unwrapCursor(meta: EntityMetadata, ordering: Ordering, argName: string, value: string): string {
  try {
    const envelope = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as CursorEnvelope;
    if (envelope.o === orderingSignature(ordering) && typeof envelope.k === 'string') {
      const keys: unknown = Cursor.decode(envelope.k);
      const fits =
        Array.isArray(keys) &&
        keys.length === ordering.length &&
        ordering.every(([field], i) => keyFits(meta.properties[field as never], keys[i]));
      if (fits) return envelope.k;
    }
  } catch {
    // fall through: any decoding failure is the same client error
  }
  throw badUserInput(
    `Invalid cursor in "${argName}": use a cursor returned by this list with the same ordering`,
    [{ field: argName, messages: ['is not a valid cursor for this list'] }],
  );
}

/** Validates `first/last` and returns the page-size window MikroORM expects. */
export function pageWindow(args: PageArgs): { first?: number; last?: number } {
  for (const name of ['first', 'last'] as const) {
    const value = args[name];
    if (value !== undefined && value !== null && (value < 0 || value > MAX_PAGE_SIZE)) {
      throw badUserInput(`"${name}" must be between 0 and ${MAX_PAGE_SIZE}`, [
        { field: name, messages: [`must be between 0 and ${MAX_PAGE_SIZE}`] },
      ]);
    }
  }
  if (args.first != null && args.last != null) {
    throw badUserInput('Pass either "first" or "last", not both');
  }
  if (args.last != null) return { last: args.last };
  if (args.before && args.first == null) return { last: DEFAULT_PAGE_SIZE };
  return { first: args.first ?? DEFAULT_PAGE_SIZE };
}

/**
 * The cursor `paginate` would give `node` under `ordering`, for pages built elsewhere
 * (DataLoader): `node` is an entity or a row with the ordering's properties.
 */
export function cursorOf<T extends object>(
  em: EntityManager,
  entity: new (...args: never[]) => T,
  node: object,
  ordering: Ordering,
): string {
  const orderBy = ordering.map(([field, direction]) => ({ [field]: direction }));
  return wrapCursor(
    orderingSignature(ordering),
    Cursor.for(em.getMetadata().get(entity), node as never, orderBy as never),
  );
}

/** Where a keyset page starts and ends: the decoded keys of `after` and `before`, in ordering order. */
export interface KeysetBounds {
  after?: readonly unknown[];
  before?: readonly unknown[];
  /** Rows wanted: the page size + 1 (to learn whether there is more). */
  limit: number;
  /** Read from the end (`last`): rows come in the reverse of the ordering. */
  fromEnd: boolean;
}

/**
 * `paginate` for pages read without the ORM's entities (plain rows from named SQL): the same
 * cursors, the same checks on them, the same page information, so that a list can move from
 * one to the other without clients noticing. `rows` reads one page within `bounds`; `count`
 * the whole list (only called when `totalCount` is wanted). Rows carry the ordering's
 * properties under the entity's property names, so their cursors equal the entities'.
 */
export async function paginateRows<T extends object>(
  em: EntityManager,
  entity: new (...args: never[]) => object,
  ordering: Ordering,
  args: PageArgs,
  wants: PageWants,
  rows: (bounds: KeysetBounds) => Promise<T[]>,
  count: () => Promise<number>,
): Promise<Connection<T>> {
  const window = pageWindow(args);
  const meta = em.getMetadata().get(entity);
  const decode = (argName: string, value: string) =>
    Cursor.decode(unwrapCursor(meta, ordering, argName, value));
  const after = args.after ? decode('after', args.after) : undefined;
  const before = args.before ? decode('before', args.before) : undefined;
  // Exactly as MikroORM decides it (`last: 0` reads forwards).
  const size = (window.first ?? window.last)!;
  const fromEnd = !window.first && Boolean(window.last);
  const [items, totalCount] = await Promise.all([
    rows({ after, before, limit: size + 1, fromEnd }),
    wants.totalCount ? count() : undefined,
  ]);
  const more = items.length > size;
  if (fromEnd) items.reverse();
  if (more) {
    if (fromEnd) items.shift();
    else items.pop();
  }
  // As MikroORM's Cursor answers: the far side is known from the extra row, the near side
  // only from whether a cursor was given.
  const page = fromEnd
    ? { hasNextPage: Boolean(args.before), hasPreviousPage: more }
    : { hasNextPage: more, hasPreviousPage: Boolean(args.after) };
  const edges = wants.cursors
    ? items.map((node) => ({ cursor: cursorOf(em, entity, node, ordering), node }))
    : items;
  return connectionOf(wants, edges, totalCount, page);
}

export async function paginate<T extends object>(
  em: EntityManager,
  entity: new (...args: never[]) => T,
  where: FilterQuery<T>,
  ordering: Ordering,
  args: PageArgs,
  wants: PageWants = WANTS_EVERYTHING,
): Promise<Connection<T>> {
  const window = pageWindow(args);
  const signature = orderingSignature(ordering);
  const orderBy = ordering.map(([field, direction]) => ({ [field]: direction }));
  const meta = em.getMetadata().get(entity);
  const after = args.after ? unwrapCursor(meta, ordering, 'after', args.after) : undefined;
  const before = args.before ? unwrapCursor(meta, ordering, 'before', args.before) : undefined;
  const page = await em.findByCursor(entity, {
    where,
    ...window,
    after,
    before,
    orderBy: orderBy as never,
    includeCount: wants.totalCount,
  });
  const edges = wants.cursors
    ? page.items.map((node) => ({ cursor: wrapCursor(signature, page.from(node)), node: node as T }))
    : (page.items as T[]);
  return connectionOf(wants, edges, page.totalCount, {
    hasNextPage: page.hasNextPage,
    hasPreviousPage: page.hasPrevPage,
  });
}

/**
 * A page of a list held in memory (e.g. stored JSON): offset cursors, bound to the list's name
 * so that a cursor of another list (or a forged one) is refused like a keyset cursor.
 */
export function paginateList<T>(items: readonly T[], args: PageArgs, list: string): Connection<T> {
  const window = pageWindow(args);
  const signature = `list:${list}`;
  const offsetOf = (argName: 'after' | 'before', value: string): number => {
    try {
      const envelope = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as CursorEnvelope;
      const offset = Number(envelope.k);
      if (
        envelope.o === signature &&
        typeof envelope.k === 'string' &&
        Number.isSafeInteger(offset) &&
        offset >= 0
      )
        return offset;
    } catch {
      // fall through: any decoding failure is the same client error
    }
    throw badUserInput(`Invalid cursor in "${argName}": use a cursor returned by this list`, [
      { field: argName, messages: ['is not a valid cursor for this list'] },
    ]);
  };
  const start = args.after ? offsetOf('after', args.after) + 1 : 0;
  const end = Math.min(items.length, args.before ? offsetOf('before', args.before) : items.length);
  let from: number;
  let to: number;
  if (window.last !== undefined) {
    to = Math.max(start, end);
    from = Math.max(start, to - window.last);
  } else {
    from = Math.min(start, end);
    to = Math.min(end, from + (window.first ?? DEFAULT_PAGE_SIZE));
  }
  const edges = items
    .slice(from, to)
    .map((node, index) => ({ cursor: wrapCursor(signature, String(from + index)), node }));
  return {
    edges,
    totalCount: items.length,
    pageInfo: {
      hasNextPage: to < end,
      hasPreviousPage: from > start || (window.last === undefined && from > 0),
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
