import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { contentField, mailFormatField, replyToOption } from '../../descriptions/mail';
import { given, refusal, textOf } from '../../helpers/validation';
import { moduleNameOf } from '../../helpers/names';
import { CRM_DRAFT_MODULES } from '../../models/crm';
import { zohoRequest } from '../../transport';
import { recordRefOf, resolveRecord } from '../record';
import {
	bodyFor,
	draftAddressOptions,
	draftIdOf,
	draftList,
	draftResult,
	draftsPath,
	formatOf,
	readDraft,
	replyToOf,
	draftScheduledTimeOption,
	scheduleOf,
	schedulesDraft,
} from './draftMail';
import { draftTargetProperties } from './target';

const properties: INodeProperties[] = [
	...draftTargetProperties(),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Only the fields added here change; the rest of the draft stays as it is',
		options: [
			...draftAddressOptions,
			contentField({ description: 'The new body: HTML or plain text, as set in Mail Format' }),
			mailFormatField(),
			replyToOption,
			draftScheduledTimeOption,
			{ displayName: 'Subject', name: 'subject', type: 'string', default: '' },
			{
				displayName: 'To',
				name: 'to',
				type: 'string',
				default: '',
				placeholder: 'Jason Smith <j.smith@example.com>',
				description: 'The new recipients, separated by commas; they replace the current ones',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['crmEmailDraft'], operation: ['update'] } },
	properties,
);

/** Scheduling a draft makes Zoho send it: it counts toward "Max Emails per Execution". */
export function sendsEmail(this: IExecuteFunctions, i: number): boolean {
	return schedulesDraft(this, i, 'updateFields');
}

const addresses = (list: unknown): IDataObject[] =>
	(Array.isArray(list) ? (list as IDataObject[]) : []).map((a) => ({ user_name: a.user_name ?? null, email: a.email }));

/**
 * The draft as Zoho holds it, in the shape the update takes. Zoho's update replaces the whole draft
 * ("fields not provided in the request will be cleared or reset", v8 OAS), so every kept field is
 * sent back. `inventory_details` is refused by the update (NOT_ALLOWED) and stays untouched.
 */
function currentDraft(draft: IDataObject): IDataObject {
	const schedule = draft.schedule_details as IDataObject | null | undefined;
	const out: IDataObject = {
		from: draft.from,
		to: addresses(draft.to),
		reply_to: draft.reply_to ?? null,
		cc: addresses(draft.cc),
		bcc: addresses(draft.bcc),
		schedule_details:
			schedule && typeof schedule.time === 'string'
				? { time: schedule.time, ...(typeof schedule.timezone === 'string' ? { timezone: schedule.timezone } : {}) }
				: null,
		...bodyFor(draft.rich_text === false ? 'text' : 'html', typeof draft.content === 'string' ? draft.content : null),
		subject: draft.subject ?? null,
		attachments: (Array.isArray(draft.attachments) ? (draft.attachments as IDataObject[]) : []).map((a) => ({
			id: a.id,
			file_name: a.file_name,
			file_size: a.file_size,
			service_name: a.service_name,
		})),
	};
	if (draft.linked_record) out.linked_record = draft.linked_record;
	return out;
}

/** The changes the item asks for, checked before any request. */
function changesOf(
	ctx: IExecuteFunctions,
	i: number,
): { set: IDataObject; format?: 'html' | 'text'; content?: string } {
	const fields = ctx.getNodeParameter('updateFields', i, {}) as IDataObject;
	const set: IDataObject = {};
	if (fields.to !== undefined) set.to = draftList(ctx, fields.to, 'To', i);
	if (fields.cc !== undefined) set.cc = draftList(ctx, fields.cc, 'CC', i);
	if (fields.bcc !== undefined) set.bcc = draftList(ctx, fields.bcc, 'BCC', i);
	if (fields.replyTo !== undefined) set.reply_to = replyToOf(ctx, fields.replyTo, i);
	if (fields.subject !== undefined) set.subject = textOf(ctx, fields.subject, 'Subject', i) || null;
	if (given(fields.scheduledTime)) set.schedule_details = scheduleOf(ctx, fields.scheduledTime, i);
	const format = fields.mailFormat !== undefined ? formatOf(ctx, fields.mailFormat, i) : undefined;
	const content = fields.content !== undefined ? textOf(ctx, fields.content, 'Content', i) : undefined;
	if (!Object.keys(set).length && format === undefined && content === undefined) {
		throw refusal(ctx, i, 'No field to update', 'Add at least one field under "Update Fields"');
	}
	return { set, format, content };
}

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const module = moduleNameOf(this, this.getNodeParameter('module', i), CRM_DRAFT_MODULES, i);
	const ref = recordRefOf.call(this, i);
	const draftId = draftIdOf(this, i);
	const changes = changesOf(this, i);
	const recordId = await resolveRecord.call(this, 'crm', ref, module, i);
	const current = currentDraft(await readDraft.call(this, module, recordId, draftId, i));
	const format = changes.format ?? (current.rich_text === false ? 'text' : 'html');
	const content =
		changes.content !== undefined ? changes.content || null : ((current.content as string | null) ?? null);
	const draft: IDataObject = { ...current, ...changes.set };
	delete draft.plainTextContent;
	Object.assign(draft, bodyFor(format, content));
	const { body } = await zohoRequest.call(this, {
		product: 'crm',
		method: 'PUT',
		path: draftsPath(module, recordId, draftId),
		body: { __email_drafts: [draft] },
		itemIndex: i,
		action: 'update the email draft',
		kind: changes.set.schedule_details !== undefined ? 'scheduledDraft' : 'draft',
	});
	const scheduled = draft.schedule_details !== null && draft.schedule_details !== undefined;
	return [{ json: { ...draftResult(this, body, i), scheduled, module, record_id: recordId } }];
}
