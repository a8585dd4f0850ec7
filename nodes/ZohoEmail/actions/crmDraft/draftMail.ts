import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { bccOption, ccOption, scheduledTimeOption } from '../../descriptions/mail';
import { named, parseAddress, parseAddressList } from '../../helpers/addresses';
import { MB, readBinaryFiles } from '../../helpers/binary';
import { futureDateTime } from '../../helpers/dateTime';
import { MAIL_FORMATS } from '../../models/mail';
import { given, locatorValue, optionOf, refusal, textOf } from '../../helpers/validation';
import { pathSegment } from '../../helpers/names';
import { type MultipartFile, zohoRequest } from '../../transport';
import { MAX_FILE_BYTES } from '../crm/files';
import { uploadFiles } from '../upload';

/**
 * Zoho CRM email drafts of a record: `/{module}/{record}/__email_drafts[/{draft}]`
 * (CRM v8, Zoho's OpenAPI document zoho/crm-oas v8.0/email_drafts/email_drafts.yaml;
 * docs/zoho-api-decisions.md "Email drafts"). The body differs from send_mail: `from` is a plain
 * address, the format is `rich_text` (true = HTML), the schedule is `schedule_details.time`.
 */

// UNCONFIRMED: the service_name Zoho expects for a file uploaded through POST /files. The OAS names
// "Desktop" and "ZFSAttached" and its samples show ZFSAttached for attached files, so that is sent.
const UPLOADED_SERVICE = 'ZFSAttached';

/** "Draft ID": the encrypted ID Create or Get Many returned. */
export const draftIdField: INodeProperties = {
	displayName: 'Draft ID',
	name: 'draftId',
	type: 'string',
	default: '',
	required: true,
	placeholder: '4f8efdcbaf23fd33c939217d4e14222d6d1cb21e4a45914fb9ba0c31c3c47330',
	description:
		"The draft's ID: the long hexadecimal ID returned by Create or Get Many for this record, not its subject",
};

/** Options shared by Create's Additional Fields and Update's Update Fields (alphabetical). */
export const draftAddressOptions: INodeProperties[] = [bccOption, ccOption()];

export const draftScheduledTimeOption = scheduledTimeOption(
	'When Zoho should send the draft, e.g. 2030-06-12T12:12:12+05:30. Without it the draft waits for a person to send it.',
);

/** The draft's encrypted ID as a path segment: hexadecimal text, never "." or "..", at most 256 characters. */
export function draftIdOf(ctx: IExecuteFunctions, i: number): string {
	const id = textOf(ctx, ctx.getNodeParameter('draftId', i, ''), 'Draft ID', i).trim();
	if (!/^[A-Za-z0-9_-]{1,256}$/.test(id)) {
		throw refusal(
			ctx,
			i,
			`"Draft ID" is not a Zoho draft ID: "${id.slice(0, 80)}"`,
			'Use the "id" that Create or Get Many returned for a draft of this record',
		);
	}
	return id;
}

/** Whether the item schedules the draft (then Zoho sends it by itself: it counts as an email sent). */
export function schedulesDraft(ctx: IExecuteFunctions, i: number, key: string): boolean {
	const fields = ctx.getNodeParameter(key, i, {}) as IDataObject;
	return typeof fields === 'object' && fields !== null && given(fields.scheduledTime);
}

/** `rich_text` and the body keys for a format: HTML in `content`, plain text in `plainTextContent`. */
export function bodyFor(format: (typeof MAIL_FORMATS)[number], content: string | null): IDataObject {
	if (format === 'html') return { rich_text: true, content };
	// The newer v8 OAS reads a plain-text body from plainTextContent, the older one only knows
	// content: both carry it, so neither reading loses the text (UNCONFIRMED which one Zoho reads).
	return { rich_text: false, content, plainTextContent: content };
}

/** The address list fields of a draft: `[{user_name, email}]` (user_name is the address when none is given). */
export function draftList(ctx: IExecuteFunctions, value: unknown, field: string, i: number): IDataObject[] {
	return parseAddressList(ctx, value, field, i).map(named);
}

/** A Reply To address: Zoho's draft holds it as plain text. */
export function replyToOf(ctx: IExecuteFunctions, value: unknown, i: number): string | null {
	const list = parseAddressList(ctx, value, 'Reply To', i, { max: 1 });
	return list.length ? list[0].email : null;
}

/** The sender address from the "From" picker (drafts take the plain address). */
export function fromOf(ctx: IExecuteFunctions, i: number): string {
	return parseAddress(ctx, locatorValue(ctx.getNodeParameter('from', i)), 'From', i).email;
}

export function formatOf(ctx: IExecuteFunctions, value: unknown, i: number): (typeof MAIL_FORMATS)[number] {
	return optionOf(ctx, value, 'Mail Format', MAIL_FORMATS, i);
}

export function scheduleOf(ctx: IExecuteFunctions, value: unknown, i: number): IDataObject {
	return { time: futureDateTime(ctx, value, 'Scheduled Time', i) };
}

/** Reads and checks the item's binary attachments (before any request). */
export async function readDraftFiles(this: IExecuteFunctions, i: number, names: unknown): Promise<MultipartFile[]> {
	return await readBinaryFiles.call(this, i, names, {
		field: 'file',
		parameter: 'Attachments (Binary Properties)',
		maxFileBytes: MAX_FILE_BYTES,
		// Zoho's 10 MB per email applies when the draft is sent: refused now rather than then.
		maxTotalBytes: 10 * MB,
	});
}

/**
 * Uploads the files to CRM's file store (one call) and returns them as draft attachments
 * `{id, file_name, file_size, service_name}`.
 */
export async function uploadDraftFiles(
	this: IExecuteFunctions,
	i: number,
	files: MultipartFile[],
): Promise<IDataObject[]> {
	if (files.length === 0) return [];
	const uploaded = await uploadFiles.call(this, 'crm', files, i);
	return uploaded.map((u, index) => ({
		id: u.id,
		file_name: files[index].filename,
		file_size: String(files[index].data.length),
		service_name: UPLOADED_SERVICE,
	}));
}

/** The request path of a record's drafts, or of one draft. */
export function draftsPath(module: string, recordId: string, draftId?: string): string {
	return `/${module}/${recordId}/__email_drafts${draftId ? `/${encodeURIComponent(draftId)}` : ''}`;
}

/** Zoho's per-draft answer (create, update, delete) as the output item's fields. */
export function draftResult(ctx: IExecuteFunctions, body: IDataObject, i: number): IDataObject {
	const result = ((body.__email_drafts as IDataObject[] | undefined) ?? [])[0] ?? {};
	const details = (result.details ?? {}) as IDataObject;
	// The ID names the draft in the next request (update, delete): it must be usable in a path.
	const id = decodeURIComponent(pathSegment(ctx, details.id, 'a draft ID', i));
	return { id, status: result.status, code: result.code, message: result.message };
}

/** GET one draft; 204 means Zoho knows no such draft on this record (reference OAS, single draft). */
export async function readDraft(
	this: IExecuteFunctions,
	module: string,
	recordId: string,
	draftId: string,
	i: number,
): Promise<IDataObject> {
	const { statusCode, body } = await zohoRequest.call(this, {
		product: 'crm',
		method: 'GET',
		path: draftsPath(module, recordId, draftId),
		itemIndex: i,
		action: 'get the email draft',
	});
	const draft = statusCode === 204 ? undefined : ((body.__email_drafts as IDataObject[] | undefined) ?? [])[0];
	if (!draft) {
		throw refusal(
			this,
			i,
			`No email draft with ID ${draftId.slice(0, 80)} on this ${module} record`,
			"Zoho answered that the draft does not exist: it may have been sent or deleted. Get Many lists the record's drafts with their IDs",
		);
	}
	return draft;
}
