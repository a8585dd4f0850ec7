// @ts-check
'use strict';

/**
 * Times as CRM and Books write them, and ISO 8601 parsing. CRM times are in IST (the seeded CRM org);
 * Books times and dates are in the organization's time zone (`org.tz`, an IANA name; IST unless a test
 * sets another with `emu.data.books.setTimeZone`).
 */

const IST_OFFSET_MS = 330 * 60 * 1000;
/** The zone of every seeded Books organization: the times they had before zones could be set. */
const IST_ZONE = 'Asia/Kolkata';

/** @type {Map<string, Intl.DateTimeFormat>} */
const formatters = new Map();

/**
 * Whether `zone` is a time zone name this runtime knows (IANA, e.g. `America/Los_Angeles`).
 * @param {unknown} zone
 */
function isTimeZone(zone) {
	if (typeof zone !== 'string' || zone === '' || zone.length > 64) return false;
	try {
		new Intl.DateTimeFormat('en-US', { timeZone: zone });
		return true;
	} catch {
		return false;
	}
}

/**
 * The UTC offset of `zone` at `ms`, in ms.
 * @param {number} ms @param {string} zone
 */
function offsetMs(ms, zone) {
	if (zone === IST_ZONE) return IST_OFFSET_MS;
	let format = formatters.get(zone);
	if (!format) {
		format = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
		formatters.set(zone, format);
	}
	const second = Math.floor(ms / 1000) * 1000;
	const p = Object.fromEntries(format.formatToParts(new Date(second)).map((x) => [x.type, x.value]));
	return Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second)) - second;
}

/**
 * `2023-10-30T11:19:42+05:30` in `zone`.
 * @param {number} ms epoch milliseconds
 * @param {string} zone
 */
function zonedTime(ms, zone) {
	const offset = offsetMs(ms, zone);
	const minutes = Math.abs(offset) / 60000;
	const sign = offset < 0 ? '-' : '+';
	return `${new Date(ms + offset).toISOString().slice(0, 19)}${sign}${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/**
 * Formats a time the way CRM does: `2023-10-30T11:19:42+05:30` (the seeded org is in IST).
 * @param {number} ms epoch milliseconds
 */
function crmTime(ms) {
	return zonedTime(ms, IST_ZONE);
}

/**
 * Formats a time the way Books does: `2013-08-05T12:06:10+0530`, in the organization's zone.
 * @param {number} ms epoch milliseconds
 * @param {string} [zone] IST when not given
 */
function booksTime(ms, zone = IST_ZONE) {
	return zonedTime(ms, zone).replace(/([+-]\d\d):(\d\d)$/, '$1$2');
}

/** @param {number} ms @param {string} [zone] IST when not given @returns {string} `yyyy-mm-dd` in the zone */
function booksDate(ms, zone = IST_ZONE) {
	return zonedTime(ms, zone).slice(0, 10);
}

/** `h:mm AM` in the zone, as Books' history entries show the time. @param {number} ms @param {string} [zone] */
function booksClock(ms, zone = IST_ZONE) {
	const hhmm = zonedTime(ms, zone).slice(11, 16);
	const hour = Number(hhmm.slice(0, 2));
	return `${hour % 12 || 12}:${hhmm.slice(3)} ${hour < 12 ? 'AM' : 'PM'}`;
}

const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * Parses an ISO-8601 date-time with an offset (or Z). Returns epoch ms, or null when invalid.
 * @param {unknown} value
 */
function parseIsoDateTime(value) {
	if (typeof value !== 'string' || !ISO_DATETIME.test(value)) return null;
	const normalised = value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
	const ms = Date.parse(normalised);
	return Number.isNaN(ms) ? null : ms;
}

module.exports = { IST_ZONE, isTimeZone, crmTime, booksTime, booksDate, booksClock, parseIsoDateTime };
