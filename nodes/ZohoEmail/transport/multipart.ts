import type { MultipartBody } from './types';

/**
 * Encodes multipart/form-data into one Buffer. A Buffer (unlike a stream or a FormData object) can be
 * sent again, so n8n can resend the request after refreshing an expired token.
 */
export function encodeMultipart(body: MultipartBody, boundary: string): Buffer {
	const parts: Buffer[] = [];
	const quote = (value: string) => value.replace(/["\r\n\\]/g, (c) => encodeURIComponent(c));
	for (const [name, value] of Object.entries(body.fields)) {
		parts.push(
			Buffer.from(
				`--${boundary}\r\nContent-Disposition: form-data; name="${quote(name)}"\r\n\r\n${value}\r\n`,
				'utf8',
			),
		);
	}
	for (const file of body.files) {
		parts.push(
			Buffer.from(
				`--${boundary}\r\nContent-Disposition: form-data; name="${quote(file.field)}"; filename="${quote(file.filename)}"\r\n` +
					`Content-Type: ${file.contentType || 'application/octet-stream'}\r\n\r\n`,
				'utf8',
			),
			file.data,
			Buffer.from('\r\n', 'utf8'),
		);
	}
	parts.push(Buffer.from(`--${boundary}--\r\n`, 'utf8'));
	return Buffer.concat(parts);
}
