import { createHash } from 'crypto';

/**
 * A cursor over a list of timestamped items (emails of a record, modified Books documents): a floor `f`
 * (epoch ms), the items already seen at or above it, and, only after an overflow, a ceiling `c`. An item
 * is new when its time is at or above the floor, below the ceiling, and its key is not in `s`.
 * Invariant: every item the trigger has handled whose time is at or above `f` (and below `c`) is in `s`.
 *
 * The floor follows the newest item that is not dated ahead of Zoho's clock, never an item's date alone:
 * an email dated in the future (a sender's clock running ahead) is remembered by its key until Zoho's
 * clock passes it, and every email that arrives after it with an earlier date is still new.
 */
export interface Cursor {
	/** Floor, epoch milliseconds. */
	f: number;
	/** Keys seen at or above the floor (short hashes) → their time in epoch seconds. */
	s: Record<string, number>;
	/**
	 * Ceiling, epoch milliseconds; present only while more than the cap of items are dated ahead of Zoho's
	 * clock. Items dated at or after it are taken as seen (they cannot be told apart without their keys).
	 */
	c?: number;
}

/**
 * The most keys a cursor keeps. Beyond it, the oldest keys dated before Zoho's current second go first
 * and the floor rises just past them (only items that appear later with exactly those old times could
 * then be missed); if the items dated at or after Zoho's current second alone are more than the cap, the
 * latest-dated are forgotten and a ceiling is set at the earliest of them (items that appear later dated
 * at or after it could then be missed, until a read after Zoho's clock has passed it). Each key costs
 * about 25 bytes of static data.
 */
export const EDGE_ID_CAP = 50;

/** A 72-bit hash of an ID: Zoho's CRM message IDs are up to 96 characters, state should stay small. */
export function shortKey(id: string): string {
	return createHash('sha256').update(id).digest('base64url').slice(0, 12);
}

export function newCursor(floorMs: number): Cursor {
	return { f: floorMs, s: {} };
}

export function isNew(cursor: Cursor, key: string, timeMs: number): boolean {
	return timeMs >= cursor.f && (cursor.c === undefined || timeMs < cursor.c) && !(key in cursor.s);
}

/**
 * The cursor after a read that saw every item at or above the old floor.
 * @param seen every item read whose time is at or above the old floor, new or not (items at or after
 *   the old ceiling included: they become known by their keys)
 * @param lateWindowMs how far below the newest item the floor stays, to catch items that show up late
 * @param nowMs Zoho's clock at the read: items dated after it never raise the floor
 */
export function advance(
	cursor: Cursor,
	seen: Array<{ key: string; timeMs: number }>,
	lateWindowMs: number,
	nowMs: number,
	cap = EDGE_ID_CAP,
): Cursor {
	let newest = -Infinity;
	for (const item of seen) if (item.timeMs <= nowMs) newest = Math.max(newest, item.timeMs);
	let floor = Math.max(cursor.f, newest - lateWindowMs);
	const keys = new Map<string, number>(Object.entries(cursor.s));
	// The time just read wins: an email whose time changed is remembered at the time it now shows.
	for (const item of seen) keys.set(item.key, Math.floor(item.timeMs / 1000));
	let kept = [...keys].filter(([, sec]) => sec * 1000 >= floor).sort((a, b) => a[1] - b[1]);
	const nowSecond = Math.floor(nowMs / 1000);
	let ceiling: number | undefined;
	while (kept.length > cap) {
		const lowest = kept[0][1];
		// Past seconds (or more than the cap in Zoho's current second) go by raising the floor; above that
		// the floor would hide emails that arrive later dated before the future ones.
		if (lowest < nowSecond || kept[cap][1] === nowSecond) {
			floor = Math.max(floor, (lowest + 1) * 1000);
			kept = kept.filter(([, sec]) => sec * 1000 >= floor);
		} else {
			ceiling = kept[cap][1] * 1000;
			kept = kept.filter(([, sec]) => sec * 1000 < (ceiling as number));
		}
	}
	const next: Cursor = { f: floor, s: Object.fromEntries(kept) };
	if (ceiling !== undefined) next.c = ceiling;
	return next;
}

/**
 * Whether a listed page runs newest first (ties allowed). Only then does a time below the floor prove
 * that the pages after it are older; an unreadable time (NaN) proves nothing, so it fails the check.
 */
export function newestFirst(timesMs: number[]): boolean {
	return timesMs.every((ms, i) => i === 0 || ms <= timesMs[i - 1]);
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
