// @ts-check
'use strict';

const crypto = require('node:crypto');

/** Random and sequential identifiers: hex strings, Zoho-style tokens, numeric-string ids. */

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

module.exports = { hex, zohoToken, idSequence };
