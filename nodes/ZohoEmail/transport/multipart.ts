import type { MultipartBody } from './types';

// A part's Content-Type is written as a header line: only a plain MIME type (type/subtype, parameters)
// on one line can go there. Callers check it first with a clear error; this is the last line of defence.
const TOKEN = '[A-Za-z0-9!#$&^_.+-]+';
const CONTENT_TYPE = new RegExp(
	`^${TOKEN}/${TOKEN}(?:[ \\t]*;[ \\t]*${TOKEN}=(?:${TOKEN}|"[^"\\\\\\u0000-\\u001f\\u007f]*"))*$`,
);

/** Quoted-string contents of Content-Disposition: quotes, backslashes and control characters percent-encoded, as browsers do. */
// eslint-disable-next-line no-control-regex
const quote = (value: string) => value.replace(/["\\\u0000-\u001f\u007f]/g, (c) => encodeURIComponent(c));

export const isHeaderSafeContentType = (value: string): boolean => CONTENT_TYPE.test(value);

function contentTypeOf(value: string | undefined): string {
	const type = value || 'application/octet-stream';
	if (!isHeaderSafeContentType(type)) throw new Error("A file's MIME type cannot be written as a multipart header");
	return type;
}

/**
 * Encodes multipart/form-data into one Buffer. A Buffer (unlike a stream or a FormData object) can be
 * sent again, so n8n can resend the request after refreshing an expired token.
 */
export function encodeMultipart(body: MultipartBody, boundary: string): Buffer {
	const parts: Buffer[] = [];
	for (const [name, value] of Object.entries(body.fields)) {
		parts.push(
			Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${quote(name)}"\r\n\r\n${value}\r\n`, 'utf8'),
		);
	}
	for (const file of body.files) {
		parts.push(
			Buffer.from(
				`--${boundary}\r\nContent-Disposition: form-data; name="${quote(file.field)}"; filename="${quote(file.filename)}"\r\n` +
					`Content-Type: ${contentTypeOf(file.contentType)}\r\n\r\n`,
				'utf8',
			),
			file.data,
			Buffer.from('\r\n', 'utf8'),
		);
	}
	parts.push(Buffer.from(`--${boundary}--\r\n`, 'utf8'));
	return Buffer.concat(parts);
}
