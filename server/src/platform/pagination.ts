import { fieldError } from './errors.js';

// Keyset pagination: the cursor is the sort key of the last row, opaque to the client.

export function encodeCursor(key: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor<T extends Record<string, string | number>>(cursor: string | undefined, shape: (keyof T)[]): T | null {
  if (!cursor) return null;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as T;
    if (shape.every((k) => typeof value[k] === 'string' || typeof value[k] === 'number')) return value;
  } catch {
    /* fall through */
  }
  throw fieldError('cursor', 'field.invalid');
}

/** Takes `limit + 1` rows' worth of result and splits it into a page and the next cursor. */
export function pageFrom<R>(rows: R[], limit: number, keyOf: (row: R) => Record<string, string | number>) {
  const hasMore = rows.length > limit;
  const items = hasMore ? rows.slice(0, limit) : rows;
  return { items, nextCursor: hasMore ? encodeCursor(keyOf(items[items.length - 1]!)) : null };
}
