import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { parseAddressList } from '../../helpers/addresses';
import { MB, readBinaryFiles } from '../../helpers/binary';
import { recordIdOf, textOf } from '../../helpers/validation';
import { defaultOrganizationId } from '../../models/books';
import type { MultipartFile, ZohoResponse } from '../../transport';
import { oncePerExecution, zohoRequest } from '../../transport';

/** The item's organization: the one picked, else the account's default. Kept as a string. */
export async function organizationOf(this: IExecuteFunctions, i: number): Promise<string> {
	const value = this.getNodeParameter('organizationId', i, '', { extractValue: true }) as unknown;
	if (typeof value === 'number') return recordIdOf(this, value, 'Organization', i);
	const id = textOf(this, value, 'Organization', i).trim();
	if (id) {
		if (!/^\d{1,25}$/.test(id)) {
			throw new NodeOperationError(this.getNode(), `"Organization" is not a Books organization ID: "${id.slice(0, 60)}"`, {
				itemIndex: i,
				description: `Organization IDs are numbers such as 10234695; leave the field empty for the default organization (item ${i}).`,
			});
		}
		return id;
	}
	// Looked up once per execution, shared by concurrent items; a failed lookup is retried by the next item.
	return await oncePerExecution(this, 'booksDefaultOrganization', async () => await defaultOrganizationId(this, i));
}

export function idParam(ctx: IExecuteFunctions, name: string, field: string, i: number): string {
	return recordIdOf(ctx, ctx.getNodeParameter(name, i, undefined, { extractValue: true }), field, i);
}

/** Books takes bare addresses (`to_mail_ids: ["a@x.com"]`); display names are dropped. */
export function mailIds(ctx: IExecuteFunctions, value: unknown, field: string, i: number, required = false): string[] {
	return parseAddressList(ctx, value, field, i, { required }).map((a) => a.email);
}

/** A text field of a Books email (Subject, Body, PDF File Name): text only, never an object made into "[object Object]". */
export function booksText(ctx: IExecuteFunctions, name: string, field: string, i: number): string {
	return textOf(ctx, ctx.getNodeParameter(name, i, ''), field, i);
}

export function checkLength(ctx: IExecuteFunctions, text: string, field: string, max: number, i: number): void {
	if (text.length > max) {
		throw new NodeOperationError(ctx.getNode(), `"${field}" is longer than ${max} characters`, {
			itemIndex: i,
			description: `"${field}" has ${text.length} characters; Zoho Books accepts at most ${max} (item ${i}).`,
		});
	}
}

export function requireText(ctx: IExecuteFunctions, text: string, field: string, i: number, why: string): void {
	if (!text.trim()) {
		throw new NodeOperationError(ctx.getNode(), `"${field}" is empty`, { itemIndex: i, description: `${why} (item ${i}).` });
	}
}

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
}

/**
 * Sends a Books email request: plain JSON without files; with files, multipart/form-data with the
 * JSON in a `JSONString` field and one `attachments` part per file, as Zoho's own Books wrapper sends it
 * (reference §5.1).
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
		sendsMail: true,
	});
}

/** Zoho's answer to a send, as an output item. */
export function sendResult(body: IDataObject, extra: IDataObject): IDataObject {
	return { code: body.code, message: body.message, ...extra };
}
