// @ts-check
'use strict';

/** Handler replies: JSON bodies, 204, and the error bodies of CRM/Bigin and Books. */

/**
 * @typedef {{ status: number, body?: unknown, raw?: Buffer, headers?: Record<string, string> }} Reply
 * A handler's answer: `body` is sent as JSON (omitted for 204), `raw` as bytes.
 */

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

module.exports = { crmErr, crmError, crmItemError, booksError, json, NO_CONTENT };
