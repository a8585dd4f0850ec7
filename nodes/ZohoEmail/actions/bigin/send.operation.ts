import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	bccOption,
	binaryPropertiesOption,
	ccOption,
	contentField,
	fromLocator,
	mailFormatField,
	orgEmailOption,
	replyToOption,
	scheduledTimeOption,
	toField,
} from '../../descriptions/mail';
import { biginModuleSelector, biginNoHistoryNotice } from '../../descriptions/bigin';
import { additionalFields } from '../../descriptions/fields';
import { BIGIN_SEND_MODULES } from '../../models/bigin';
import { MAIL_FORMATS } from '../../models/mail';
import { recordLocator } from '../../descriptions/record';
import { mailParties } from '../../helpers/addresses';
import { MB, readBinaryFiles } from '../../helpers/binary';
import { futureDateTime } from '../../helpers/dateTime';
import { booleanOf, given, optionOf, refusal, textOf } from '../../helpers/validation';
import { moduleNameOf, nameListOf } from '../../helpers/names';
import { uploadFiles } from '../upload';
import { recordRefOf, resolveRecord } from '../record';
import { sendRecordMail } from '../sendRecordMail';

const show = { show: { resource: ['biginEmail'], operation: ['send'] } };

/** Counts toward "Max Emails per Execution" (engine/sendCap.ts). */
export const sendsEmail = true;

const properties: INodeProperties[] = [
	biginNoHistoryNotice(),
	biginModuleSelector(),
	recordLocator({ description: 'The record to send from; Bigin logs the email on it' }, 'bigin'),
	fromLocator('bigin', { optional: true }),
	toField(),
	{
		displayName: 'Subject',
		name: 'subject',
		type: 'string',
		default: '',
		required: true,
	},
	contentField(),
	mailFormatField(),
	additionalFields([
		{
			displayName: 'Attachment IDs',
			name: 'attachmentIds',
			type: 'string',
			default: '',
			description: "IDs of files already uploaded to Bigin's file store (POST /files), separated by commas",
		},
		bccOption,
		binaryPropertiesOption(
			'data, invoice',
			"Names of the input item's binary properties to attach, separated by commas. They are uploaded to Bigin in one request first (20 MB per file, 10 MB in total).",
		),
		ccOption(),
		orgEmailOption,
		replyToOption,
		scheduledTimeOption("Send later instead of now (ISO 8601; a time without offset is in the workflow's time zone)"),
	]),
];

export const description = updateDisplayOptions(show, properties);

// Bigin documents 20 MB per uploaded file. Its per-email total is undocumented (UNCONFIRMED): the
// stricter CRM limit (10 MB per email) is enforced, so nothing is uploaded only to be refused.
const MAX_FILE_BYTES = 20 * MB;
const MAX_TOTAL_BYTES = 10 * MB;

/** The send_mail body for one item, validated before any request (Zoho's Bigin Send Mail page). */
function buildBiginMail(this: IExecuteFunctions, i: number, fields: IDataObject): IDataObject {
	const subject = textOf(this, this.getNodeParameter('subject', i, ''), 'Subject', i);
	if (!subject.trim()) {
		throw refusal(this, i, '"Subject" is empty', 'Enter a subject');
	}
	const content = textOf(this, this.getNodeParameter('content', i, ''), 'Content', i);
	const mail = mailParties(this, i, fields, booleanOf(this, fields.orgEmail, 'Organization Email', i));
	if (given(fields.scheduledTime))
		mail.scheduled_time = futureDateTime(this, fields.scheduledTime, 'Scheduled Time', i);
	mail.subject = subject;
	if (content) mail.content = content;
	mail.mail_format = optionOf(this, this.getNodeParameter('mailFormat', i, 'html'), 'Mail Format', MAIL_FORMATS, i);
	return mail;
}

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const module = moduleNameOf(this, this.getNodeParameter('biginModule', i), undefined, i);
	if (!BIGIN_SEND_MODULES.includes(module)) {
		throw refusal(
			this,
			i,
			`Bigin cannot send email from "${module}" records`,
			'Bigin sends email from Contacts, Pipelines and Companies (API name Accounts) only',
		);
	}
	const ref = recordRefOf.call(this, i);
	const fields = this.getNodeParameter('additionalFields', i, {}) as IDataObject;
	const mail = buildBiginMail.call(this, i, fields);
	const ids = nameListOf(this, fields.attachmentIds, 'Attachment IDs', i, 'id');
	const files = await readBinaryFiles.call(this, i, fields.binaryPropertyNames, {
		field: 'file',
		parameter: 'Binary Attachments',
		maxFileBytes: MAX_FILE_BYTES,
		maxTotalBytes: MAX_TOTAL_BYTES,
	});

	const recordId = await resolveRecord.call(this, 'bigin', ref, module, i);
	const uploaded = await uploadFiles.call(this, 'bigin', files, i);
	const attachments = [...ids, ...uploaded.map((u) => u.id)];
	if (attachments.length) mail.attachments = attachments.map((id) => ({ id }));

	const sent = await sendRecordMail.call(this, 'bigin', module, recordId, mail, i);
	return [{ json: { ...sent, ...(attachments.length ? { attachment_ids: attachments } : {}) } }];
}
