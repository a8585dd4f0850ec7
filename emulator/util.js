// @ts-check
'use strict';

const crypto = require('node:crypto');

/**
 * @typedef {{ status: number, body?: unknown, raw?: Buffer, headers?: Record<string, string> }} Reply
 * A handler's answer: `body` is sent as JSON (omitted for 204), `raw` as bytes.
 */

/** @param {number} bytes @returns {string} */
function hex(bytes) {
	return crypto.randomBytes(bytes).toString('hex');
}

/** Zoho-style token / grant code: `1000.<32 hex>.<32 hex>`. */
function zohoToken() {
	return `1000.${hex(16)}.${hex(16)}`;
}

/**
 * Sequential numeric-string id generator. Ids are kept as strings: 19-digit CRM ids exceed
 * Number.MAX_SAFE_INTEGER.
 * @param {string} prefix digits the ids start with
 * @param {number} start first counter value
 * @param {number} width digits after the prefix
 */
function idSequence(prefix, start, width) {
	let next = start;
	return () => prefix + String(next++).padStart(width, '0');
}

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

const EMAIL = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/;

/** @param {unknown} value */
function isEmail(value) {
	return typeof value === 'string' && value.length <= 254 && EMAIL.test(value);
}

/** @param {unknown} value @returns {value is Record<string, any>} */
function isObject(value) {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Drops the internal `_`-prefixed keys of a stored object.
 * @param {Record<string, any>} obj
 */
function publicView(obj) {
	/** @type {Record<string, any>} */
	const out = {};
	for (const [key, value] of Object.entries(obj)) if (!key.startsWith('_')) out[key] = value;
	return out;
}

/**
 * Deep copy of plain JSON data (seed data and store snapshots).
 * @template T
 * @param {T} value
 * @returns {T}
 */
function clone(value) {
	return value === undefined ? value : JSON.parse(JSON.stringify(value));
}

/**
 * A CRM/Bigin error object `{code, details, message, status:'error'}`.
 * @param {string} code
 * @param {string} message
 * @param {Record<string, unknown>} [details]
 */
function crmErr(code, message, details = {}) {
	return { code, details, message, status: 'error' };
}

/**
 * A request-level CRM/Bigin error reply (bare object).
 * @param {number} status
 * @param {string} code
 * @param {string} message
 * @param {Record<string, unknown>} [details]
 * @returns {Reply}
 */
function crmError(status, code, message, details = {}) {
	return { status, body: crmErr(code, message, details) };
}

/**
 * A per-item CRM/Bigin error reply wrapped in the request's root key (`data` or `Emails`).
 * @param {string} rootKey
 * @param {number} status
 * @param {string} code
 * @param {string} message
 * @param {Record<string, unknown>} [details]
 * @returns {Reply}
 */
function crmItemError(rootKey, status, code, message, details = {}) {
	return { status, body: { [rootKey]: [crmErr(code, message, details)] } };
}

/**
 * A Books error reply `{code, message}`.
 * @param {number} status
 * @param {number} code
 * @param {string} message
 * @returns {Reply}
 */
function booksError(status, code, message) {
	return { status, body: { code, message } };
}

/** @param {unknown} body @param {number} [status] @returns {Reply} */
function json(body, status = 200) {
	return { status, body };
}

/** @type {Reply} */
const NO_CONTENT = { status: 204 };

/**
 * Integer query parameter with bounds; returns null when present but not a valid integer.
 * @param {unknown} value
 * @param {number} fallback
 * @param {number} min
 * @param {number} max
 */
function intParam(value, fallback, min, max) {
	if (value === undefined || value === '') return fallback;
	const text = String(value);
	if (!/^\d+$/.test(text)) return null;
	const n = Number(text);
	return n < min || n > max ? null : n;
}

module.exports = {
	hex,
	zohoToken,
	idSequence,
	crmTime,
	booksTime,
	booksDate,
	parseIsoDateTime,
	isEmail,
	isObject,
	publicView,
	clone,
	crmErr,
	crmError,
	crmItemError,
	booksError,
	json,
	NO_CONTENT,
	intParam,
};
