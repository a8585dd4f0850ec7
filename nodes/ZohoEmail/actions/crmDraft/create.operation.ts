import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { binaryAttachmentsOption, crmModuleLocator } from '../../descriptions/crm';
import { additionalFields } from '../../descriptions/fields';
import { contentField, fromLocator, mailFormatField, replyToOption, toField } from '../../descriptions/mail';
import { recordLocator } from '../../descriptions/record';
import { given, textOf } from '../../helpers/validation';
import { moduleNameOf } from '../../helpers/names';
import { CRM_DRAFT_MODULES } from '../../models/crm';
import { zohoRequest } from '../../transport';
import { recordRefOf, resolveRecord } from '../record';
import {
	bodyFor,
	draftAddressOptions,
	draftList,
	draftResult,
	draftsPath,
	readDraftFiles,
	uploadDraftFiles,
	formatOf,
	fromOf,
	replyToOf,
	draftScheduledTimeOption,
	scheduleOf,
	schedulesDraft,
} from './draftMail';

const properties: INodeProperties[] = [
	crmModuleLocator(),
	recordLocator({ description: "The record the draft is saved on; it shows in the record's Emails related list" }),
	fromLocator('crm'),
	toField({
		required: false,
		description:
			'Recipients, separated by commas. "Name &lt;address&gt;" keeps the display name. A draft may have none yet.',
	}),
	{
		displayName: 'Subject',
		name: 'subject',
		type: 'string',
		default: '',
		description: 'The subject line of the draft',
	},
	contentField(),
	mailFormatField(),
	additionalFields([binaryAttachmentsOption, ...draftAddressOptions, replyToOption, draftScheduledTimeOption]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['crmEmailDraft'], operation: ['create'] } },
	properties,
);

/** A scheduled draft is sent by Zoho itself: it counts toward "Max Emails per Execution". */
export function sendsEmail(this: IExecuteFunctions, i: number): boolean {
	return schedulesDraft(this, i, 'additionalFields');
}

/** The `__email_drafts` entry for one item, in the key order of Zoho's sample request. */
function draftOf(ctx: IExecuteFunctions, i: number): IDataObject {
	const fields = ctx.getNodeParameter('additionalFields', i, {}) as IDataObject;
	const draft: IDataObject = { from: fromOf(ctx, i), to: draftList(ctx, ctx.getNodeParameter('to', i, ''), 'To', i) };
	const replyTo = replyToOf(ctx, fields.replyTo, i);
	if (replyTo) draft.reply_to = replyTo;
	const cc = draftList(ctx, fields.cc, 'CC', i);
	const bcc = draftList(ctx, fields.bcc, 'BCC', i);
	if (cc.length) draft.cc = cc;
	if (bcc.length) draft.bcc = bcc;
	if (given(fields.scheduledTime)) draft.schedule_details = scheduleOf(ctx, fields.scheduledTime, i);
	const subject = textOf(ctx, ctx.getNodeParameter('subject', i, ''), 'Subject', i);
	const content = textOf(ctx, ctx.getNodeParameter('content', i, ''), 'Content', i);
	const { rich_text: richText, ...body } = bodyFor(
		formatOf(ctx, ctx.getNodeParameter('mailFormat', i, 'html'), i),
		content || null,
	);
	draft.rich_text = richText;
	if (subject) draft.subject = subject;
	if (content) Object.assign(draft, body);
	return draft;
}

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const module = moduleNameOf(this, this.getNodeParameter('module', i), CRM_DRAFT_MODULES, i);
	const ref = recordRefOf.call(this, i);
	const draft = draftOf(this, i);
	const fields = this.getNodeParameter('additionalFields', i, {}) as IDataObject;
	const files = await readDraftFiles.call(this, i, fields.binaryPropertyNames);
	const recordId = await resolveRecord.call(this, 'crm', ref, module, i);
	const attachments = await uploadDraftFiles.call(this, i, files);
	if (attachments.length) draft.attachments = attachments;
	const { body } = await zohoRequest.call(this, {
		product: 'crm',
		method: 'POST',
		path: draftsPath(module, recordId),
		body: { __email_drafts: [draft] },
		itemIndex: i,
		action: 'create the email draft',
		// A scheduled draft is an email Zoho will send: never resent after an ambiguous failure. An
		// unscheduled one is resent (a duplicate draft waits for a person, mails nobody).
		kind: draft.schedule_details !== undefined ? 'scheduledDraft' : 'draft',
	});
	return [
		{
			json: {
				...draftResult(this, body, i),
				scheduled: draft.schedule_details !== undefined,
				module,
				record_id: recordId,
			},
		},
	];
}
