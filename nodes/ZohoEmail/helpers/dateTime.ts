import type { IExecuteFunctions, NodeOperationError } from 'n8n-workflow';

import { kindOf, refusal } from './validation';

/** The wall-clock parts of a date-time as written. */
interface WallClock {
	year: number;
	month: number;
	day: number;
	hour: number;
	minute: number;
	second: number;
	/** Minutes east of UTC, when the value carries an offset (Z is 0). */
	offset?: number;
}

// Strict ISO 8601 (date, "T" or a space, hh:mm, optional :ss and fraction, optional Z or ±hh:mm / ±hhmm).
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/i;

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0');

function invalid(
	ctx: IExecuteFunctions,
	field: string,
	itemIndex: number,
	shown: string,
	example: string,
): NodeOperationError {
	return refusal(
		ctx,
		itemIndex,
		`"${field}" is not a date and time: "${shown.slice(0, 60)}"`,
		`Use an ISO 8601 date and time such as ${example}`,
	);
}

/** Text from a string, a JS Date or a Luxon DateTime (what `{{ $now }}` returns); anything else is refused. */
function dateTimeText(ctx: IExecuteFunctions, value: unknown, field: string, itemIndex: number): string {
	if (typeof value === 'string') return value.trim();
	if (value instanceof Date) {
		if (Number.isNaN(value.getTime()))
			throw invalid(ctx, field, itemIndex, 'Invalid Date', '2030-06-12T12:12:12+05:30');
		return value.toISOString();
	}
	const luxon = value as { isLuxonDateTime?: unknown; isValid?: unknown; toISO?: () => string | null } | null;
	if (luxon && typeof luxon === 'object' && luxon.isLuxonDateTime === true && typeof luxon.toISO === 'function') {
		const iso = luxon.isValid === true ? luxon.toISO() : null;
		if (!iso) throw invalid(ctx, field, itemIndex, 'an invalid DateTime', '2030-06-12T12:12:12+05:30');
		return iso;
	}
	if (value === undefined || value === null) return '';
	throw refusal(
		ctx,
		itemIndex,
		`"${field}" must be a date and time, not ${kindOf(value)}`,
		`Give "${field}" as an ISO 8601 text such as 2030-06-12T12:12:12+05:30, or {{ $now }}`,
	);
}

/** Parses strictly and checks the calendar (no 30 February, no 24:00, offsets within ±18:00). */
function parseWallClock(text: string): WallClock | undefined {
	const m = DATE_TIME.exec(text);
	if (!m) return undefined;
	const [year, month, day, hour, minute] = [1, 2, 3, 4, 5].map((k) => Number(m[k]));
	const second = m[6] === undefined ? 0 : Number(m[6]);
	let offset: number | undefined;
	if (m[7] !== undefined) {
		if (m[7].toUpperCase() === 'Z') offset = 0;
		else {
			const digits = m[7].replace(':', '');
			const hours = Number(digits.slice(1, 3));
			const minutes = Number(digits.slice(3, 5));
			if (hours > 18 || minutes > 59) return undefined;
			offset = (digits[0] === '-' ? -1 : 1) * (hours * 60 + minutes);
		}
	}
	if (year < 1900 || month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59 || day < 1) return undefined;
	if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return undefined;
	return { year, month, day, hour, minute, second, offset };
}

/**
 * A formatter of `zone`'s wall clock to the second, from Intl (no date library needed); undefined when
 * `zone` is not a time zone Intl knows (an IANA name such as Europe/Brussels).
 */
export function zoneFormatter(zone: string): Intl.DateTimeFormat | undefined {
	if (!zone) return undefined;
	try {
		return new Intl.DateTimeFormat('en-US', {
			timeZone: zone,
			hourCycle: 'h23',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit',
		});
	} catch {
		return undefined;
	}
}

/** The wall clock `format` shows at the second of `utcMs`, as the epoch ms of the same reading in UTC. */
export function wallClockAt(format: Intl.DateTimeFormat, utcMs: number): number {
	const second = Math.floor(utcMs / 1000) * 1000;
	const p = Object.fromEntries(format.formatToParts(new Date(second)).map((part) => [part.type, part.value]));
	return Date.UTC(
		Number(p.year),
		Number(p.month) - 1,
		Number(p.day),
		Number(p.hour),
		Number(p.minute),
		Number(p.second),
	);
}

/** Minutes east of UTC of a time zone at an instant. */
function zoneOffsetAt(format: Intl.DateTimeFormat, utcMs: number): number {
	return Math.round((wallClockAt(format, utcMs) - Math.floor(utcMs / 1000) * 1000) / 60_000);
}

const formatOffset = (minutes: number) =>
	`${minutes < 0 ? '-' : '+'}${pad(Math.trunc(Math.abs(minutes) / 60))}:${pad(Math.abs(minutes) % 60)}`;

/**
 * The offset of a wall-clock time in a time zone. Around a clock change the earlier of two readings
 * wins; a time the clock skips (e.g. 02:30 when clocks jump from 02:00 to 03:00) has none.
 */
function offsetOfWallClock(format: Intl.DateTimeFormat, wall: WallClock): number | undefined {
	const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
	const candidates = new Set([
		zoneOffsetAt(format, asUtc - 36 * 3_600_000),
		zoneOffsetAt(format, asUtc),
		zoneOffsetAt(format, asUtc + 36 * 3_600_000),
	]);
	const matching = [...candidates].filter((offset) => zoneOffsetAt(format, asUtc - offset * 60_000) === offset);
	if (matching.length === 0) return undefined;
	// The earlier instant has the larger offset.
	return Math.max(...matching);
}

/**
 * An ISO 8601 date-time with seconds and an offset, as Zoho wants it (2030-06-12T12:12:12+05:30).
 * A space instead of "T", missing seconds, a fraction or "Z" are normalised; a time typed without an
 * offset is the workflow's time zone (Settings → Timezone), never the server's. Anything else is refused.
 */
export function isoDateTime(ctx: IExecuteFunctions, value: unknown, field: string, itemIndex: number): string {
	const text = dateTimeText(ctx, value, field, itemIndex);
	const wall = parseWallClock(text);
	if (!text || !wall) throw invalid(ctx, field, itemIndex, text, '2030-06-12T12:12:12+05:30');
	let offset = wall.offset;
	if (offset === undefined) {
		const zone = ctx.getTimezone();
		const format = zoneFormatter(zone);
		if (!format) {
			throw refusal(
				ctx,
				itemIndex,
				`The workflow's time zone "${zone}" is not known`,
				`Give "${field}" with an offset, e.g. 2030-06-12T12:12:12+05:30, or fix the workflow's time zone`,
			);
		}
		offset = offsetOfWallClock(format, wall);
		if (offset === undefined) {
			throw refusal(
				ctx,
				itemIndex,
				`"${field}" does not exist in the time zone ${zone}: "${text.slice(0, 60)}"`,
				'The clocks skip this time (daylight saving time). Give another time or an offset',
			);
		}
	}
	return `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}T${pad(wall.hour)}:${pad(wall.minute)}:${pad(wall.second)}${formatOffset(offset)}`;
}

/** The instant of a normalised ISO date-time. */
const instantOf = (iso: string): number => Date.parse(iso);

/** ISO 8601 date-time with an offset, in the future. */
export function futureDateTime(
	ctx: IExecuteFunctions,
	value: unknown,
	field: string,
	itemIndex: number,
	now = Date.now(),
): string {
	const iso = isoDateTime(ctx, value, field, itemIndex);
	if (instantOf(iso) <= now) {
		throw refusal(
			ctx,
			itemIndex,
			`"${field}" is in the past: ${iso}`,
			'Zoho can only schedule emails for a future time',
		);
	}
	return iso;
}

/**
 * A wall-clock date-time without an offset, `yyyy-MM-dd HH:mm:ss` (Books' schedule call, reference
 * Zoho's Books invoice API, read in the organization's time zone). An offset cannot be honoured without knowing that zone,
 * so a value with one is refused rather than shifted or cut off.
 */
export function localDateTime(ctx: IExecuteFunctions, value: unknown, field: string, itemIndex: number): string {
	const text = dateTimeText(ctx, value, field, itemIndex);
	const wall = parseWallClock(text);
	if (!text || !wall) throw invalid(ctx, field, itemIndex, text, '2030-06-20T10:00:00');
	if (wall.offset !== undefined) {
		throw refusal(
			ctx,
			itemIndex,
			`"${field}" must be a time without an offset: "${text.slice(0, 60)}"`,
			"Zoho Books reads this time in the organization's time zone; give the local time only, e.g. 2030-06-20T10:00:00 or {{ $now.toFormat('yyyy-MM-dd HH:mm:ss') }}",
		);
	}
	return `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)} ${pad(wall.hour)}:${pad(wall.minute)}:${pad(wall.second)}`;
}

/** `yyyy-mm-dd` from a date, or from a date-time taken as written (no time-zone shift). */
export function calendarDate(ctx: IExecuteFunctions, value: unknown, field: string, itemIndex: number): string {
	const text = dateTimeText(ctx, value, field, itemIndex);
	const dateOnly = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
	const wall = dateOnly ? parseWallClock(`${text}T00:00:00`) : parseWallClock(text);
	if (!text || !wall) {
		throw refusal(ctx, itemIndex, `"${field}" is not a date: "${text.slice(0, 60)}"`, 'Use a date such as 2025-04-01');
	}
	return `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}`;
}
