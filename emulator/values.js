// @ts-check
'use strict';

/** Checks and copies of plain values: email addresses, objects, integer query parameters, public views of stored objects. */

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

module.exports = { isEmail, isObject, publicView, clone, intParam };
