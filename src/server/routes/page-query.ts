import { z } from 'zod';

/** The admin API's lists answer at most this many items per request. */
export const MAX_PAGE = 500;
export const DEFAULT_PAGE = 100;
/** Offsets beyond this are refused: narrow the query (from/to, filters) instead of paging that far. */
export const MAX_OFFSET = 100_000;

/** `limit` and `offset` of a list request. */
export const PageQuery = {
  limit: z.coerce.number({ error: 'limit must be a number' }).int('limit must be a whole number').min(1, 'limit is at least 1').max(MAX_PAGE, `limit is at most ${MAX_PAGE}`).default(DEFAULT_PAGE),
  offset: z.coerce.number({ error: 'offset must be a number' }).int('offset must be a whole number').min(0, 'offset is at least 0').max(MAX_OFFSET, `offset is at most ${MAX_OFFSET}: narrow the query instead`).default(0),
};

/**
 * One page of a list: the store is asked for one item more than the page holds, so the answer
 * can say whether a next page exists (`next`: the offset to ask for, or null).
 */
export function pageOf<T>(items: T[], page: { limit: number; offset: number }): { items: T[]; page: { limit: number; offset: number; next: number | null } } {
  const more = items.length > page.limit;
  return { items: more ? items.slice(0, page.limit) : items, page: { limit: page.limit, offset: page.offset, next: more ? page.offset + page.limit : null } };
}
