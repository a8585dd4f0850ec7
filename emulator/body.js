// @ts-check
'use strict';

const { parseMultipart } = require('./multipart');

/**
 * Request body reading and parsing by content type (JSON, form, multipart). Parsing never throws: a bad
 * body is reported as `bodyError` for the product handler to answer in its own envelope.
 */

const MAX_BODY_BYTES = 64 * 1024 * 1024;
// The request log keeps at most this much of a raw body.
const MAX_LOGGED_RAW = 1024 * 1024;

/**
 * Reads the whole body; past the cap it keeps draining but discards.
 * @param {import('node:http').IncomingMessage} req
 * @returns {Promise<{ buffer: Buffer, tooLarge: boolean }>}
 */
function readBody(req) {
	return new Promise((resolve) => {
		/** @type {Buffer[]} */
		const chunks = [];
		let size = 0;
		req.on('data', (/** @type {Buffer} */ chunk) => {
			size += chunk.length;
			if (size <= MAX_BODY_BYTES) chunks.push(chunk);
		});
		req.on('end', () => resolve({ buffer: Buffer.concat(chunks), tooLarge: size > MAX_BODY_BYTES }));
		req.on('error', () => resolve({ buffer: Buffer.concat(chunks), tooLarge: size > MAX_BODY_BYTES }));
	});
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
		out.body = JSON.parse(text);
	} catch {
		out.bodyError = 'json';
	}
	return out;
}

module.exports = { readBody, parseBody, MAX_BODY_BYTES, MAX_LOGGED_RAW };
