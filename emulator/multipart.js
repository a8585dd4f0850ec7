// @ts-check
'use strict';

/**
 * @typedef {{ field: string, filename: string, contentType: string, size: number, data: Buffer }} UploadedFile
 * @typedef {{ fields: Record<string, string>, files: UploadedFile[] }} Multipart
 */

// More parts than this is refused as malformed: Zoho's upload and mail bodies carry a handful, and each part
// costs an object on top of its bytes. UNCONFIRMED: Zoho's own part limit.
const MAX_PARTS = 1000;

/**
 * The boundary of a `multipart/form-data` content type, or null.
 * @param {string} contentType
 */
function boundaryOf(contentType) {
	const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
	return match ? match[1] || match[2] : null;
}

/**
 * Reads one `name="value"` parameter of a Content-Disposition header (quoted or bare).
 * @param {string} header
 * @param {string} name
 */
function dispositionParam(header, name) {
	const re = new RegExp(`(?:^|;)\\s*${name}=(?:"((?:[^"\\\\]|\\\\.)*)"|([^;]*))`, 'i');
	const match = re.exec(header);
	if (!match) return null;
	return match[1] !== undefined ? match[1].replace(/\\(.)/g, '$1') : match[2].trim();
}

/**
 * Parses a multipart/form-data body. Throws an Error on any malformed input; the caller turns it
 * into the product's error body.
 * @param {Buffer} body
 * @param {string} contentType
 * @returns {Multipart}
 */
function parseMultipart(body, contentType) {
	const boundary = boundaryOf(contentType);
	if (!boundary) throw new Error('multipart boundary missing');
	const delimiter = Buffer.from(`--${boundary}`);
	/** @type {Multipart} */
	const result = { fields: {}, files: [] };
	let pos = body.indexOf(delimiter);
	if (pos < 0) throw new Error('multipart delimiter not found');
	for (let parts = 0; ; parts++) {
		if (parts > MAX_PARTS) throw new Error(`more than ${MAX_PARTS} parts`);
		pos += delimiter.length;
		if (body.subarray(pos, pos + 2).toString() === '--') return result;
		if (body.subarray(pos, pos + 2).toString() !== '\r\n') throw new Error('malformed delimiter line');
		pos += 2;
		const headerEnd = body.indexOf('\r\n\r\n', pos);
		if (headerEnd < 0) throw new Error('part headers not terminated');
		const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), headerEnd + 4);
		if (next < 0) throw new Error('part not terminated');
		addPart(result, body.subarray(pos, headerEnd).toString('utf8'), body.subarray(headerEnd + 4, next));
		pos = next + 2;
	}
}

/**
 * @param {Multipart} result
 * @param {string} headerText
 * @param {Buffer} data
 */
function addPart(result, headerText, data) {
	/** @type {Record<string, string>} */
	const headers = {};
	for (const line of headerText.split('\r\n')) {
		const colon = line.indexOf(':');
		if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
	}
	const disposition = headers['content-disposition'];
	if (!disposition || !/^form-data/i.test(disposition)) throw new Error('part without form-data disposition');
	const name = dispositionParam(disposition, 'name');
	if (name === null) throw new Error('part without a name');
	const filename = dispositionParam(disposition, 'filename');
	if (filename === null) {
		result.fields[name] = data.toString('utf8');
		return;
	}
	result.files.push({
		field: name,
		filename,
		contentType: headers['content-type'] || 'application/octet-stream',
		size: data.length,
		data: Buffer.from(data),
	});
}

/**
 * Builds a multipart/form-data body (used by tests and the demo).
 * @param {Array<{ name: string, value?: string, filename?: string, contentType?: string, data?: Buffer | string }>} parts
 * @returns {{ body: Buffer, contentType: string }}
 */
function buildMultipart(parts) {
	const boundary = `----zohoemu${Date.now().toString(16)}${Math.random().toString(16).slice(2)}`;
	/** @type {Buffer[]} */
	const chunks = [];
	for (const part of parts) {
		let head = `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"`;
		if (part.filename !== undefined) {
			head += `; filename="${part.filename}"\r\nContent-Type: ${part.contentType || 'application/octet-stream'}`;
		}
		chunks.push(Buffer.from(`${head}\r\n\r\n`));
		chunks.push(Buffer.isBuffer(part.data) ? part.data : Buffer.from(part.data ?? part.value ?? ''));
		chunks.push(Buffer.from('\r\n'));
	}
	chunks.push(Buffer.from(`--${boundary}--\r\n`));
	return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

module.exports = { parseMultipart, buildMultipart, MAX_PARTS };
