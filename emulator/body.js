// @ts-check
'use strict';

const { parseMultipart } = require('./multipart');

/**
 * Request body reading and parsing by content type (JSON, form, multipart). Parsing never throws: a bad
 * body is reported as `bodyError` for the product handler to answer in its own envelope.
 */

const MAX_BODY_BYTES = 64 * 1024 * 1024;
// Admin calls carry small JSON objects (a few given emails at most).
const MAX_ADMIN_BODY_BYTES = 1024 * 1024;
// Deeper JSON is refused as malformed: Zoho's bodies nest about six levels, and a body nested hundreds of
// thousands of levels deep parses but cannot be serialised back (the request log would answer 500 from
// then on). UNCONFIRMED: what Zoho answers for such a body; the emulator treats it as unparsable JSON.
const MAX_JSON_DEPTH = 64;
// The request log keeps at most this much of a raw body.
const MAX_LOGGED_RAW = 1024 * 1024;

/**
 * Reads the whole body; past the cap it keeps draining but discards.
 * @param {import('node:http').IncomingMessage} req
 * @param {number} [limit] bytes kept
 * @returns {Promise<{ buffer: Buffer, tooLarge: boolean }>}
 */
function readBody(req, limit = MAX_BODY_BYTES) {
	return new Promise((resolve) => {
		/** @type {Buffer[]} */
		const chunks = [];
		let size = 0;
		req.on('data', (/** @type {Buffer} */ chunk) => {
			size += chunk.length;
			if (size <= limit) chunks.push(chunk);
		});
		req.on('end', () => resolve({ buffer: Buffer.concat(chunks), tooLarge: size > limit }));
		req.on('error', () => resolve({ buffer: Buffer.concat(chunks), tooLarge: size > limit }));
	});
}

/**
 * True when the JSON text nests arrays/objects deeper than `max` (one linear scan, strings skipped).
 * @param {string} text
 * @param {number} [max]
 */
function nestsTooDeep(text, max = MAX_JSON_DEPTH) {
	let depth = 0;
	let inString = false;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (inString) {
			if (c === 0x5c) i++;
			else if (c === 0x22) inString = false;
		} else if (c === 0x22) {
			inString = true;
		} else if (c === 0x5b || c === 0x7b) {
			if (++depth > max) return true;
		} else if (c === 0x5d || c === 0x7d) {
			depth--;
		}
	}
	return false;
}

/**
 * `JSON.parse` that also refuses bodies nested deeper than MAX_JSON_DEPTH (throws a SyntaxError).
 * @param {string} text
 */
function parseJson(text) {
	if (nestsTooDeep(text)) throw new SyntaxError(`JSON nests deeper than ${MAX_JSON_DEPTH} levels`);
	return JSON.parse(text);
}

/**
 * Parses a body by content type. `body` is what the log shows; `multipart` keeps file bytes.
 * @param {Buffer} buffer
 * @param {string} contentType
 */
function parseBody(buffer, contentType) {
	/** @type {{ body: any, multipart: import('./multipart').Multipart | null, bodyError: 'json' | 'multipart' | null }} */
	const out = { body: null, multipart: null, bodyError: null };
	const type = contentType.toLowerCase();
	if (type.startsWith('multipart/form-data')) {
		try {
			out.multipart = parseMultipart(buffer, contentType);
			out.body = { fields: out.multipart.fields, files: out.multipart.files.map(({ field, filename, contentType: ct, size }) => ({ field, filename, contentType: ct, size })) };
		} catch {
			out.bodyError = 'multipart';
		}
		return out;
	}
	if (buffer.length === 0) return out;
	const text = buffer.toString('utf8');
	if (type.startsWith('application/x-www-form-urlencoded')) {
		out.body = Object.fromEntries(new URLSearchParams(text));
		return out;
	}
	try {
		out.body = parseJson(text);
	} catch {
		out.bodyError = 'json';
	}
	return out;
}

module.exports = { readBody, parseBody, parseJson, MAX_BODY_BYTES, MAX_ADMIN_BODY_BYTES, MAX_JSON_DEPTH, MAX_LOGGED_RAW };
