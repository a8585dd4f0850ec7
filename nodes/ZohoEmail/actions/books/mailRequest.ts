import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { MB, readBinaryFiles } from '../../helpers/binary';
import type { MultipartFile, ZohoResponse } from '../../transport';
import { zohoRequest } from '../../transport';

// Books' attachment limits are undocumented (UNCONFIRMED): 10 MB in total per email, the limit of
// Zoho's other mail APIs, is enforced before any request.
export async function booksFiles(this: IExecuteFunctions, i: number, names: unknown): Promise<MultipartFile[]> {
	return await readBinaryFiles.call(this, i, names, {
		field: 'attachments',
		parameter: 'Binary Attachments',
		maxFileBytes: 10 * MB,
		maxTotalBytes: 10 * MB,
	});
}

export interface BooksMail {
	path: string;
	organizationId: string;
	qs?: IDataObject;
	payload: IDataObject;
	files: MultipartFile[];
	action: string;
	/** A payment reminder; otherwise an email (transport/policy.ts). */
	kind?: 'send' | 'reminder';
}

/**
 * Sends a Books email request: plain JSON without files; with files, multipart/form-data with the
 * JSON in a `JSONString` field and one `attachments` part per file, as Zoho's own Books wrapper sends it
 * (Zoho's Books Contacts API, Email contact).
 */
export async function sendBooksMail(this: IExecuteFunctions, i: number, mail: BooksMail): Promise<ZohoResponse> {
	return await zohoRequest.call(this, {
		product: 'books',
		method: 'POST',
		path: mail.path,
		qs: mail.qs,
		organizationId: mail.organizationId,
		...(mail.files.length
			? { multipart: { fields: { JSONString: JSON.stringify(mail.payload) }, files: mail.files } }
			: { body: mail.payload }),
		itemIndex: i,
		action: mail.action,
		kind: mail.kind ?? 'send',
	});
}

/** Zoho's answer to a send, as an output item. */
export function sendResult(body: IDataObject, extra: IDataObject): IDataObject {
	return { code: body.code, message: body.message, ...extra };
}
