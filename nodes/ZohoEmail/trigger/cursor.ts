import { createHash } from 'crypto';

/**
 * An "at least this new" cursor over a list of timestamped items (emails of a record, modified Books
 * documents): a floor `f` (epoch ms) and the items already seen at or above it. An item is new when its
 * time is at or above the floor and its key is not in `s`. Invariant: every item the trigger has
 * handled whose time is at or above `f` is in `s`, so nothing at the edge is emitted twice, and
 * nothing newer than the floor is skipped.
 */
export interface Cursor {
	/** Floor, epoch milliseconds. */
	f: number;
	/** Keys seen at or above the floor (short hashes) → their time in epoch seconds. */
	s: Record<string, number>;
}

/**
 * The most keys a cursor keeps. When more items than this share the newest seconds, the floor rises
 * just past the oldest dropped one: the only items that could then be missed are ones that appear
 * later with exactly that old time. Each key costs about 25 bytes of workflow static data.
 */
export const EDGE_ID_CAP = 50;

/**
 * Items dated further ahead of Zoho's clock than this never raise the floor: one email with a wrong
 * date (a sender's clock in 2099) must not hide every email after it.
 */
export const MAX_CLOCK_SKEW_MS = 15 * 60_000;

/** A 72-bit hash of an ID: Zoho's CRM message IDs are up to 96 characters, state should stay small. */
export function shortKey(id: string): string {
	return createHash('sha256').update(id).digest('base64url').slice(0, 12);
}

export function newCursor(floorMs: number): Cursor {
	return { f: floorMs, s: {} };
}

export function isNew(cursor: Cursor, key: string, timeMs: number): boolean {
	return timeMs >= cursor.f && !(key in cursor.s);
}

/**
 * The cursor after a read that saw every item at or above the old floor.
 * @param seen every item read whose time is at or above the old floor, new or not
 * @param lateWindowMs how far below the newest item the floor stays, to catch items that show up late
 * @param nowMs Zoho's clock: items dated far ahead of it never raise the floor past it
 */
export function advance(
	cursor: Cursor,
	seen: Array<{ key: string; timeMs: number }>,
	lateWindowMs: number,
	nowMs: number,
	cap = EDGE_ID_CAP,
): Cursor {
	let newest = -Infinity;
	for (const item of seen) newest = Math.max(newest, Math.min(item.timeMs, nowMs + MAX_CLOCK_SKEW_MS));
	let floor = Math.max(cursor.f, newest - lateWindowMs);
	const keep: Array<[string, number]> = [];
	for (const [key, sec] of Object.entries(cursor.s)) keep.push([key, sec]);
	for (const item of seen) if (!(item.key in cursor.s)) keep.push([item.key, Math.floor(item.timeMs / 1000)]);
	let kept = keep.filter(([, sec]) => sec * 1000 >= floor);
	if (kept.length > cap) {
		kept.sort((a, b) => b[1] - a[1]);
		const dropped = kept[cap][1];
		floor = Math.max(floor, (dropped + 1) * 1000);
		kept = kept.filter(([, sec]) => sec * 1000 >= floor);
	}
	return { f: floor, s: Object.fromEntries(kept) };
}

/** Zoho's times (`2023-10-30T11:19:42+05:30`, Books' `…+0530`) as epoch ms; NaN when unreadable. */
export function parseZohoTime(value: unknown): number {
	if (typeof value !== 'string') return NaN;
	return Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
}

/** Zoho's clock from a response's `Date` header; the local clock only if the header is missing. */
export function serverTime(headers: Record<string, string | string[] | undefined>): number {
	const raw = headers.date ?? headers.Date;
	const ms = Date.parse(Array.isArray(raw) ? raw[0] : String(raw ?? ''));
	return Number.isNaN(ms) ? Date.now() : ms;
}

/** Books' filter format: `2023-11-18T02:02:51-0800` (UTC here). */
export function booksTimeParam(ms: number): string {
	return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, '+0000');
}
