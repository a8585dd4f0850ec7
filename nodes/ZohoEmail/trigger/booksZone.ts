import type { IDataObject } from 'n8n-workflow';

import { wallClockAt, zoneFormatter } from '../helpers/dateTime';
import { zohoRequest } from '../transport';
import type { PollSettings, PollThis } from './types';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** The longest time zone name kept in the trigger's state (IANA names are shorter). */
const ZONE_CAP = 64;

/**
 * The organization's calendar: which day a moment falls on where the organization is. Books dates
 * credit-note email history (`date`) and payment reminders (`last_reminder_sent_date`) by day in the
 * organization's time zone (docs/zoho-api-decisions.md, "Books trigger: the organization's time zone").
 */
export interface OrgCalendar {
	/** The organization's date of a moment, `yyyy-mm-dd`. */
	day(ms: number): string;
	/** A moment no later than the start of the organization's day of `ms` (a bound for reading back). */
	dayStartBound(ms: number): number;
}

/**
 * The organization's `time_zone`, read once per activation (`GET /organizations/{organization_id}`,
 * scope `ZohoBooks.settings.READ`); an empty string when Zoho gives none.
 */
export async function organizationTimeZone(this: PollThis, s: PollSettings): Promise<string> {
	const { body } = await zohoRequest.call(this, {
		product: 'books',
		method: 'GET',
		path: `/organizations/${encodeURIComponent(s.organizationId)}`,
		organizationId: s.organizationId,
		action: "read the organization's time zone",
	});
	const zone = ((body.organization ?? {}) as IDataObject).time_zone;
	return typeof zone === 'string' ? zone.trim().slice(0, ZONE_CAP) : '';
}

/** The UTC offset a Books time carries (`2013-08-05T12:06:10+0530` → 330 minutes); undefined when none. */
export function offsetOfTime(value: unknown): number | undefined {
	const m = typeof value === 'string' ? /([+-])(\d{2}):?(\d{2})$/.exec(value.trim()) : null;
	if (!m) return /Z$/.test(String(value ?? '')) ? 0 : undefined;
	return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

/**
 * The calendar of a zone. An IANA name (`Europe/Brussels`, what live organizations report) is exact,
 * daylight saving time included. Any other name falls back to `fallbackOffsetMin`, the offset Books
 * writes its own times with (the first listed document's `last_modified_time`), then to UTC.
 */
export function orgCalendar(zone: string, fallbackOffsetMin: number | undefined): OrgCalendar {
	// None for a name Intl does not know (Zoho's own example is "PST"): the offset of Books' times decides.
	const format = zoneFormatter(zone);
	const fixed = (fallbackOffsetMin ?? 0) * 60_000;
	const wallMs = (ms: number): number => {
		if (!format) return ms + fixed;
		return wallClockAt(format, ms) + (ms - Math.floor(ms / 1000) * 1000);
	};
	return {
		day: (ms) => (Number.isFinite(ms) ? new Date(wallMs(ms)).toISOString().slice(0, 10) : ''),
		// The wall clock's midnight taken back by the offset of `ms`; an hour more covers a change of
		// daylight saving time earlier that day.
		dayStartBound: (ms) => {
			const wall = wallMs(ms);
			return ms - (wall - Math.floor(wall / DAY_MS) * DAY_MS) - HOUR_MS;
		},
	};
}

/** A `yyyy-mm-dd` date as epoch ms of its UTC midnight: days compare and advance like times. */
export function dayMs(day: string): number {
	return Date.parse(`${day}T00:00:00Z`);
}
