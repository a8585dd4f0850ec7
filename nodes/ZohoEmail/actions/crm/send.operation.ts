import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { CRM_INVENTORY_MODULES, CRM_SEND_MODULES, crmFromLocator, crmModuleLocator } from '../../descriptions/crm';
import { recordLocator } from '../../descriptions/record';
import { parseAddress, parseAddressList, type ZohoAddress } from '../../helpers/addresses';
import { futureDateTime, moduleNameOf, recordIdOf } from '../../helpers/validation';
import { zohoRequest } from '../../transport';

const show = { show: { resource: ['crmEmail'], operation: ['send'] } };

export const description: INodeProperties[] = [
	crmModuleLocator(show),
	recordLocator({ displayOptions: show, description: 'The record to send from; the email is logged on it' }),
	crmFromLocator(show),
	{
		displayName: 'To',
		name: 'to',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'Jason Smith <j.smith@example.com>, ana@example.com',
		description: 'Recipients, separated by commas. "Name &lt;address&gt;" keeps the display name.',
		displayOptions: show,
	},
	{
		displayName: 'Subject',
		name: 'subject',
		type: 'string',
		default: '',
		description: 'Required unless an email template is chosen (an explicit subject overrides the template\'s)',
		displayOptions: show,
	},
	{
		displayName: 'Content',
		name: 'content',
		type: 'string',
		typeOptions: { rows: 6 },
		default: '',
		description: 'The body of the email: HTML or plain text, as set in Mail Format',
		displayOptions: show,
	},
	{
		displayName: 'Mail Format',
		name: 'mailFormat',
		type: 'options',
		options: [
			{ name: 'HTML', value: 'html' },
			{ name: 'Plain Text', value: 'text' },
		],
		default: 'html',
		displayOptions: show,
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: show,
		options: [
			{
				displayName: 'Attachment IDs',
				name: 'attachmentIds',
				type: 'string',
				default: '',
				description: 'IDs of files already uploaded to Zoho CRM\'s file store, separated by commas (10 MB in total per email)',
			},
			{ displayName: 'BCC', name: 'bcc', type: 'string', default: '', description: 'Blind-copy recipients, separated by commas' },
			{ displayName: 'CC', name: 'cc', type: 'string', default: '', description: 'Copy recipients, separated by commas' },
			{
				displayName: 'Consent Email (GDPR)',
				name: 'consentEmail',
				type: 'boolean',
				default: false,
				description: 'Whether this email asks the recipient for consent; the content must contain the consent form link ${ConsentForm.en_US}',
			},
			{
				displayName: 'Data Subject Request ID',
				name: 'dataSubjectRequestId',
				type: 'string',
				default: '',
				description: 'ID of the GDPR data subject request this email answers',
			},
			{
				displayName: 'Data Subject Request Type',
				name: 'dataSubjectRequestType',
				type: 'options',
				options: [
					{ name: 'Access', value: 'access', description: 'The recipient can view their personal data' },
					{ name: 'Export', value: 'export', description: 'The recipient gets their personal data as a CSV file' },
					{ name: 'Rectify', value: 'rectify', description: 'The recipient can correct their personal data' },
				],
				default: 'access',
			},
			{
				displayName: 'Email Template Name or ID',
				name: 'templateId',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getCrmEmailTemplates', loadOptionsDependsOn: ['module.value'] },
				default: '',
				description: 'Subject, content and attachments come from the template unless given here. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'In Reply To (Message ID)',
				name: 'inReplyTo',
				type: 'string',
				default: '',
				description: 'The message_id of an earlier email this one replies to',
			},
			{
				displayName: 'Inventory Paper Type',
				name: 'paperType',
				type: 'options',
				options: [
					{ name: 'A4', value: 'A4' },
					{ name: 'Default', value: 'default' },
					{ name: 'US Letter', value: 'us_letter' },
				],
				default: 'A4',
			},
			{
				displayName: 'Inventory Template Name or ID',
				name: 'inventoryTemplateId',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getCrmInventoryTemplates', loadOptionsDependsOn: ['module.value'] },
				default: '',
				description: 'Quotes, Sales Orders, Purchase Orders and Invoices: attach the record as a PDF made from this template. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Inventory View Type',
				name: 'viewType',
				type: 'options',
				options: [
					{ name: 'Portrait', value: 'portrait' },
					{ name: 'Landscape', value: 'landscape' },
				],
				default: 'portrait',
			},
			{
				displayName: 'Organization Email',
				name: 'orgEmail',
				type: 'boolean',
				default: false,
				description: 'Whether to send through Zoho\'s servers with the organization address instead of the sender\'s own mail server',
			},
			{ displayName: 'Reply To', name: 'replyTo', type: 'string', default: '', description: 'The address replies should go to' },
			{
				displayName: 'Scheduled Time',
				name: 'scheduledTime',
				type: 'dateTime',
				default: '',
				description: 'Send later instead of now (not available on Zoho CRM Free or trial editions)',
			},
		],
	},
];

/** The send_mail body for one item, validated before any request (seed 001). */
export function buildCrmMail(this: IExecuteFunctions, i: number, module: string): IDataObject {
	const fromParam = this.getNodeParameter('from', i) as { value?: string; cachedResultName?: string } | string;
	const from = parseAddress(this, typeof fromParam === 'string' ? fromParam : fromParam.value, 'From', i);
	const to = parseAddressList(this, this.getNodeParameter('to', i), 'To', i, { required: true });
	const subject = this.getNodeParameter('subject', i, '') as string;
	const content = this.getNodeParameter('content', i, '') as string;
	const fields = this.getNodeParameter('additionalFields', i, {}) as IDataObject;

	if (!subject.trim() && !fields.templateId) {
		throw new NodeOperationError(this.getNode(), '"Subject" is empty', {
			itemIndex: i,
			description: `Enter a subject or choose an email template (item ${i}).`,
		});
	}
	// Every sample in Zoho's docs names each party; an address given without a name uses the address.
	const named = (a: ZohoAddress): IDataObject => ({ user_name: a.user_name ?? a.email, email: a.email });
	const mail: IDataObject = { from: named(from), to: to.map(named) };
	const cc = parseAddressList(this, fields.cc, 'CC', i);
	const bcc = parseAddressList(this, fields.bcc, 'BCC', i);
	if (cc.length) mail.cc = cc.map(named);
	if (bcc.length) mail.bcc = bcc.map(named);
	if (fields.replyTo) mail.reply_to = named(parseAddress(this, fields.replyTo, 'Reply To', i));
	if (fields.orgEmail) mail.org_email = true;
	// UNCONFIRMED (reference §3.1): v8's OAS models in_reply_to as {message_id, owner}; the docs and the
	// v8 SDK sample send the plain message_id string, the documented form, so that is what is sent.
	if (fields.inReplyTo) mail.in_reply_to = String(fields.inReplyTo).trim();
	if (fields.scheduledTime) mail.scheduled_time = futureDateTime(this, fields.scheduledTime, 'Scheduled Time', i);
	if (subject.trim()) mail.subject = subject;
	if (content) mail.content = content;
	mail.mail_format = this.getNodeParameter('mailFormat', i, 'html') as string;
	if (fields.templateId) mail.template = { id: recordIdOf(this, fields.templateId, 'Email Template', i) };
	const attachmentIds = String(fields.attachmentIds ?? '')
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean);
	if (attachmentIds.length) mail.attachments = attachmentIds.map((id) => ({ id }));
	if (fields.inventoryTemplateId) {
		if (!CRM_INVENTORY_MODULES.includes(module)) {
			throw new NodeOperationError(this.getNode(), `Inventory templates only apply to ${CRM_INVENTORY_MODULES.join(', ')}`, { itemIndex: i });
		}
		mail.inventory_details = {
			inventory_template: { id: recordIdOf(this, fields.inventoryTemplateId, 'Inventory Template', i) },
			paper_type: fields.paperType ?? 'A4',
			view_type: fields.viewType ?? 'portrait',
		};
	}
	if (fields.consentEmail) {
		if (!content.includes('${ConsentForm.en_US}')) {
			throw new NodeOperationError(this.getNode(), '"Content" lacks the consent form link', {
				itemIndex: i,
				description: 'A consent email must contain the link ${ConsentForm.en_US} in its content.',
			});
		}
		mail.consent_email = true;
	}
	if (fields.dataSubjectRequestId) {
		mail.data_subject_request = {
			id: recordIdOf(this, fields.dataSubjectRequestId, 'Data Subject Request ID', i),
			type: fields.dataSubjectRequestType ?? 'access',
		};
	}
	return mail;
}

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const module = moduleNameOf(this, this.getNodeParameter('module', i), CRM_SEND_MODULES, i);
	const recordId = recordIdOf(this, this.getNodeParameter('recordId', i), 'Record', i);
	const mail = buildCrmMail.call(this, i, module);
	const { body } = await zohoRequest.call(this, {
		product: 'crm',
		method: 'POST',
		path: `/${module}/${recordId}/actions/send_mail`,
		body: { data: [mail] },
		itemIndex: i,
		action: 'send the email',
		sendsMail: true,
	});
	const result = ((body.data as IDataObject[] | undefined) ?? [])[0] ?? {};
	const details = (result.details ?? {}) as IDataObject;
	return [
		{
			json: {
				message_id: details.message_id,
				status: result.status,
				code: result.code,
				message: result.message,
				scheduled: mail.scheduled_time !== undefined,
				...(details.blocked_email_addresses ? { blocked_email_addresses: details.blocked_email_addresses } : {}),
				module,
				record_id: recordId,
			},
		},
	];
}
