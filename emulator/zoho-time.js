// @ts-check
'use strict';

/** Times as CRM and Books write them (the seeded organization is in IST), and ISO 8601 parsing. */

const IST_OFFSET_MS = 330 * 60 * 1000;

/**
 * Formats a time the way CRM does: `2023-10-30T11:19:42+05:30` (the seeded org is in IST).
 * @param {number} ms epoch milliseconds
 */
function crmTime(ms) {
	return new Date(ms + IST_OFFSET_MS).toISOString().slice(0, 19) + '+05:30';
}

/**
 * Formats a time the way Books does: `2013-08-05T12:06:10+0530`.
 * @param {number} ms epoch milliseconds
 */
function booksTime(ms) {
	return crmTime(ms).replace(/([+-]\d\d):(\d\d)$/, '$1$2');
}

/** @param {number} ms @returns {string} `yyyy-mm-dd` in IST */
function booksDate(ms) {
	return crmTime(ms).slice(0, 10);
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

module.exports = { crmTime, booksTime, booksDate, parseIsoDateTime };
