import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	attachmentIdsOption,
	binaryAttachmentsOption,
	crmModuleLocator,
	inlineImagesOption,
} from '../../descriptions/crm';
import { additionalFields } from '../../descriptions/fields';
import {
	bccOption,
	ccOption,
	contentField,
	fromLocator,
	mailFormatField,
	orgEmailOption,
	replyToOption,
	scheduledTimeOption,
	sendToProperties,
	TO_ADDRESSES,
	toField,
} from '../../descriptions/mail';
import { recordLocator } from '../../descriptions/record';
import { CRM_SEND_MODULES } from '../../models/crm';
import { moduleNameOf } from '../../helpers/names';
import { oncePerExecution, zohoRequest } from '../../transport';
import { readCrmFiles, uploadCrmFiles } from './files';
import { buildCrmMail } from './buildMail';
import { recordRefOf, resolveRecord } from '../record';
import { sendRecordMail } from '../sendRecordMail';
import { checkRecordEmailModule } from '../parties';

const show = { show: { resource: ['crmEmail'], operation: ['send'] } };

/** Counts toward "Max Emails per Execution" (engine/sendCap.ts). */
export const sendsEmail = true;

const properties: INodeProperties[] = [
	crmModuleLocator(),
	recordLocator({ description: 'The record to send from; the email is logged on it' }),
	fromLocator('crm', { optional: true }),
	...sendToProperties({
		name: "The Record's Email Address",
		value: 'recordEmail',
		description: 'The Email field of the record above (Leads and Contacts), read when the node runs',
	}),
	toField({ displayOptions: TO_ADDRESSES }),
	{
		displayName: 'Subject',
		name: 'subject',
		type: 'string',
		default: '',
		description: "Required unless an email template is chosen (an explicit subject overrides the template's)",
	},
	contentField(),
	mailFormatField(),
	additionalFields([
		attachmentIdsOption,
		binaryAttachmentsOption,
		bccOption,
		ccOption(),
		{
			displayName: 'Email Template Name or ID',
			name: 'emailTemplateId',
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getCrmEmailTemplates', loadOptionsDependsOn: ['module.value'] },
			default: '',
			description:
				'Subject, content and attachments come from the template unless given here. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
		{
			displayName: 'GDPR: Consent Email',
			name: 'consentEmail',
			type: 'boolean',
			default: false,
			description:
				'Whether this email asks the recipient for consent; the content must contain the consent form link ${ConsentForm.en_US}',
		},
		{
			displayName: 'GDPR: Data Subject Request ID',
			name: 'dataSubjectRequestId',
			type: 'string',
			default: '',
			description: 'ID of the GDPR data subject request this email answers',
		},
		{
			displayName: 'GDPR: Data Subject Request Type',
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
			displayName: 'In Reply To (Message ID)',
			name: 'inReplyTo',
			type: 'string',
			default: '',
			description: 'The message_id of an earlier email this one replies to',
		},
		inlineImagesOption,
		{
			displayName: 'Inventory PDF: Paper Type',
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
			displayName: 'Inventory PDF: Template Name or ID',
			name: 'inventoryTemplateId',
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getCrmInventoryTemplates', loadOptionsDependsOn: ['module.value'] },
			default: '',
			description:
				'Quotes, Sales Orders, Purchase Orders and Invoices: attach the record as a PDF made from this template. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
		{
			displayName: 'Inventory PDF: View Type',
			name: 'viewType',
			type: 'options',
			options: [
				{ name: 'Portrait', value: 'portrait' },
				{ name: 'Landscape', value: 'landscape' },
			],
			default: 'portrait',
		},
		orgEmailOption,
		replyToOption,
		scheduledTimeOption('Send later instead of now (not available on Zoho CRM Free or trial editions)'),
	]),
];

export const description = updateDisplayOptions(show, properties);

/**
 * Zoho's CRM Send Mail page documents `inventory_template` as the template's ID and name; the picker holds only the
 * ID, so the name is read from `GET /settings/inventory_templates/{id}` (Zoho's CRM Inventory Templates page).
 */
async function inventoryTemplate(this: IExecuteFunctions, i: number, id: string): Promise<IDataObject> {
	// Read once per execution: every item sending with the same template shares the answer.
	return await oncePerExecution(this, `inventoryTemplate:${id}`, async () => {
		const { body } = await zohoRequest.call(this, {
			product: 'crm',
			method: 'GET',
			path: `/settings/inventory_templates/${id}`,
			itemIndex: i,
			action: 'read the inventory template',
		});
		const template = ((body.inventory_templates as IDataObject[] | undefined) ?? [])[0];
		return template?.name ? { id, name: template.name } : { id };
	});
}

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const module = moduleNameOf(this, this.getNodeParameter('module', i), CRM_SEND_MODULES, i);
	const ref = recordRefOf.call(this, i);
	checkRecordEmailModule.call(this, module, i);
	const mail = buildCrmMail.call(this, i, module);
	const fields = this.getNodeParameter('additionalFields', i, {}) as IDataObject;
	const files = await readCrmFiles.call(this, i, fields, String(mail.content ?? ''), String(mail.mail_format));
	const recordId = await resolveRecord.call(this, 'crm', ref, module, i);
	const inventory = mail.inventory_details as IDataObject | undefined;
	if (inventory)
		inventory.inventory_template = await inventoryTemplate.call(
			this,
			i,
			(inventory.inventory_template as IDataObject).id as string,
		);
	if (files.attachments.length || files.inline.length) {
		const uploaded = await uploadCrmFiles.call(this, i, files, String(mail.content ?? ''), 'send');
		if (mail.attachments !== undefined) mail.attachments = uploaded.attachments;
		if (mail.content !== undefined) mail.content = uploaded.content;
	}
	const sent = await sendRecordMail.call(this, 'crm', module, recordId, mail, i);
	return [{ json: { ...sent, ...(files.attachments.length ? { attachments: mail.attachments } : {}) } }];
}
