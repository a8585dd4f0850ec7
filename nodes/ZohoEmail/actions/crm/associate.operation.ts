import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeApiError, updateDisplayOptions } from 'n8n-workflow';

import {
	associateLinkOptions,
	attachmentIdsOption,
	binaryAttachmentsOption,
	crmModuleLocator,
	inlineImagesOption,
} from '../../descriptions/crm';
import { additionalFields } from '../../descriptions/fields';
import { bccOption, ccOption, contentField, mailFormatField, toField } from '../../descriptions/mail';
import { recordLocator } from '../../descriptions/record';
import { CRM_EMAIL_MODULES } from '../../models/crm';
import { MAIL_FORMATS } from '../../models/mail';
import { named, parseAddress, parseAddressList } from '../../helpers/addresses';
import { isoDateTime } from '../../helpers/dateTime';
import { booleanOf, given, headerTextOf, optionOf, recordIdOf, refusal, textOf } from '../../helpers/validation';
import { moduleNameOf, nameListOf } from '../../helpers/names';
import { zohoRequest } from '../../transport';
import { readCrmFiles, uploadCrmFiles } from './files';
import { attachmentIdsOf } from './buildMail';
import { crmModuleRef } from './modules';
import { recordRefOf, resolveRecord } from '../record';

const show = { show: { resource: ['crmEmail'], operation: ['associate'] } };

const properties: INodeProperties[] = [
	crmModuleLocator(),
	recordLocator({ description: 'The record to log the email on' }),
	{
		displayName: 'Direction',
		name: 'direction',
		type: 'options',
		options: [
			{ name: 'Sent', value: 'sent', description: 'An email the CRM user sent' },
			{ name: 'Received', value: 'received', description: 'An email the CRM user received' },
		],
		default: 'sent',
	},
	{
		displayName: 'From',
		name: 'from',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'Patricia Boyle <p.boyle@example.com>',
		description: 'The sender of the email, as "Name &lt;address&gt;" or an address',
	},
	toField({ description: 'Recipients, separated by commas' }),
	{
		displayName: 'Subject',
		name: 'subject',
		type: 'string',
		default: '',
		required: true,
		description: 'Up to 250 characters',
	},
	contentField({ description: 'The body of the email', required: true }),
	mailFormatField(),
	{
		displayName: 'Date and Time',
		name: 'dateTime',
		type: 'dateTime',
		default: '',
		required: true,
		description: 'When the email was sent or received',
	},
	{
		displayName: 'Original Message ID',
		name: 'originalMessageId',
		type: 'string',
		default: '',
		required: true,
		placeholder: '<CAF=abc123@mail.example.com>',
		description: 'The Message-ID header of the email; Zoho refuses the same ID twice on a record',
	},
	additionalFields([
		attachmentIdsOption,
		binaryAttachmentsOption,
		bccOption,
		ccOption(),
		inlineImagesOption,
		...associateLinkOptions,
	]),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Treat Duplicate as Success',
				name: 'duplicateAsSuccess',
				type: 'boolean',
				default: false,
				description:
					'Whether an email already associated with the record (same Original Message ID) counts as done, so that re-running a workflow is safe',
			},
		],
	},
];

export const description = updateDisplayOptions(show, properties);

function required(ctx: IExecuteFunctions, i: number, name: string, label: string): string {
	const value = textOf(ctx, ctx.getNodeParameter(name, i, ''), label, i);
	if (!value.trim()) {
		throw refusal(ctx, i, `"${label}" is empty`, `Zoho requires "${label}" to associate an email`);
	}
	return value;
}

/** The associate_email object for one item (Zoho's CRM Associate Email page), validated before any request. */
function buildAssociation(this: IExecuteFunctions, i: number): IDataObject {
	const from = parseAddress(this, this.getNodeParameter('from', i), 'From', i);
	const to = parseAddressList(this, this.getNodeParameter('to', i), 'To', i, { required: true });
	const subject = required(this, i, 'subject', 'Subject');
	if (subject.length > 250) {
		throw refusal(
			this,
			i,
			'"Subject" is longer than 250 characters',
			`"Subject" has ${subject.length} characters; Zoho accepts at most 250`,
		);
	}
	const content = required(this, i, 'content', 'Content');
	const fields = this.getNodeParameter('additionalFields', i, {}) as IDataObject;
	const email: IDataObject = { from: named(from), to: to.map(named) };
	const cc = parseAddressList(this, fields.cc, 'CC', i);
	const bcc = parseAddressList(this, fields.bcc, 'BCC', i);
	if (cc.length) email.cc = cc.map(named);
	if (bcc.length) email.bcc = bcc.map(named);
	if (given(fields.ownerId)) email.owner = { id: recordIdOf(this, fields.ownerId, 'Owner ID', i) };
	email.subject = subject;
	email.content = content;
	email.mail_format = optionOf(this, this.getNodeParameter('mailFormat', i, 'html'), 'Mail Format', MAIL_FORMATS, i);
	const dateTime = this.getNodeParameter('dateTime', i, '') as unknown;
	if (!given(dateTime)) required(this, i, 'dateTime', 'Date and Time');
	email.date_time = isoDateTime(this, dateTime, 'Date and Time', i);
	email.sent =
		optionOf(this, this.getNodeParameter('direction', i, 'sent'), 'Direction', ['sent', 'received'], i) === 'sent';
	const attachmentIds = attachmentIdsOf(this, fields.attachmentIds, i);
	const binaryNames = nameListOf(this, fields.binaryPropertyNames, 'Attachments (Binary Properties)', i);
	if (attachmentIds.length || binaryNames.length) email.attachments = attachmentIds.map((id) => ({ id }));
	if (given(fields.linkedRecordId)) {
		const module = moduleNameOf(this, fields.linkedRecordModule, undefined, i);
		const name = textOf(this, fields.linkedRecordName, 'Linked Record Name', i);
		// The sample of Zoho's CRM Associate Email page carries the record name too; it is optional, so it is sent only when given.
		// The module's ID is added in execute() from the modules list (docs/zoho-api-decisions.md).
		email.linked_record = {
			id: recordIdOf(this, fields.linkedRecordId, 'Linked Record ID', i),
			...(name ? { name } : {}),
			module: { api_name: module },
		};
	}
	email.original_message_id = headerTextOf(
		this,
		required(this, i, 'originalMessageId', 'Original Message ID'),
		'Original Message ID',
		i,
	);
	return email;
}

function isDuplicate(error: unknown): boolean {
	return (
		error instanceof NodeApiError && (error.errorResponse as IDataObject | undefined)?.zohoCode === 'DUPLICATE_DATA'
	);
}

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const module = moduleNameOf(this, this.getNodeParameter('module', i), CRM_EMAIL_MODULES, i);
	const ref = recordRefOf.call(this, i);
	const email = buildAssociation.call(this, i);
	const fields = this.getNodeParameter('additionalFields', i, {}) as IDataObject;
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const duplicateAsSuccess = booleanOf(this, options.duplicateAsSuccess, 'Treat Duplicate as Success', i);
	const files = await readCrmFiles.call(this, i, fields, String(email.content), String(email.mail_format));
	const recordId = await resolveRecord.call(this, 'crm', ref, module, i);
	const linked = email.linked_record as { module: { api_name: string } } | undefined;
	if (linked) linked.module = await crmModuleRef.call(this, i, linked.module.api_name, 'Linked Record Module');
	if (files.attachments.length || files.inline.length) {
		const uploaded = await uploadCrmFiles.call(this, i, files, String(email.content), 'associate');
		if (email.attachments !== undefined) email.attachments = uploaded.attachments;
		email.content = uploaded.content;
	}
	const out = { module, record_id: recordId, original_message_id: email.original_message_id };
	let failure: unknown;
	try {
		const { body } = await zohoRequest.call(this, {
			product: 'crm',
			method: 'POST',
			path: `/${module}/${recordId}/actions/associate_email`,
			body: { Emails: [email] },
			itemIndex: i,
			action: 'associate the email',
			kind: 'associate',
		});
		const result = ((body.Emails as IDataObject[] | undefined) ?? [])[0] ?? {};
		const details = (result.details ?? {}) as IDataObject;
		return [
			{
				json: {
					message_id: details.message_id,
					status: result.status,
					code: result.code,
					message: result.message,
					duplicate: false,
					...out,
				},
			},
		];
	} catch (error) {
		failure = error;
	}
	// A repeated original_message_id is DUPLICATE_DATA (Zoho's CRM Associate Email page): already logged, so a re-run can count
	// it as done. Any other failure is the transport's error, already mapped and naming the item.
	if (duplicateAsSuccess && isDuplicate(failure)) {
		const zohoMessage = (failure as NodeApiError).errorResponse?.zohoMessage;
		return [
			{
				json: {
					message_id: null,
					status: 'duplicate',
					code: 'DUPLICATE_DATA',
					message: zohoMessage ?? '',
					duplicate: true,
					...out,
				},
			},
		];
	}
	throw failure as Error;
}
