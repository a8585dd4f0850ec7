import type { IBinaryKeyData, IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { crmModuleLocator } from '../../descriptions/crm';
import { idMode, listMode, resourceLocator } from '../../descriptions/locator';
import { CRM_EMAIL_MODULES } from '../../models/crm';
import { outputProperties, zohoFields } from '../../descriptions/output';
import { recordLocator } from '../../descriptions/record';
import { booleanOf, locatorValue, refusal, textOf } from '../../helpers/validation';
import { moduleNameOf } from '../../helpers/names';
import { htmlToText, idText, outputOf, partiesText, partyText, shapeOutput } from '../../helpers/output';
import { zohoRequest } from '../../transport';
import { recordRefOf, resolveRecord } from '../record';
import { LIST_FIELDS, simplifyEmail } from './list.operation';

const show = { show: { resource: ['crmEmail'], operation: ['get'] } };

/** Keys of the single-email answer (Zoho's CRM Get Emails of a Record page) and the two the node adds. */
const GET_FIELDS = [
	...LIST_FIELDS,
	...zohoFields(
		['Attachments', 'attachments'],
		['Content (HTML Body)', 'content'],
		['Editable', 'editable'],
		['Mail Format', 'mail_format'],
		['Module', 'module'],
		['Record ID', 'record_id'],
		['Reply To', 'reply_to'],
		['Sent Time', 'sent_time'],
		['Thread ID', 'thread_id'],
	),
];

/** One email for people and agents: the listed fields, the body as plain text, who replies, the attachments. */
export function simplifyFullEmail(email: IDataObject): IDataObject {
	const attachments = Array.isArray(email.attachments) ? (email.attachments as IDataObject[]) : [];
	return {
		...simplifyEmail(email),
		cc: partiesText(email.cc),
		bcc: partiesText(email.bcc),
		reply_to: partyText(email.reply_to),
		text: htmlToText(email.content),
		attachments: attachments.map((a) => ({
			id: idText(a.id),
			name: typeof a.name === 'string' ? a.name : null,
			size: Number(a.size) || 0,
		})),
		module: email.module,
		record_id: idText(email.record_id),
	};
}

const MESSAGE_ID_EXAMPLE = 'f1605986931c500d26ac22b396077e87736b40ac35a094851466f1918966b2e7';

const messageIdText: INodeProperties = {
	displayName: 'Message ID',
	name: 'messageId',
	type: 'string',
	default: '',
	required: true,
	placeholder: MESSAGE_ID_EXAMPLE,
	description: "The email's message_id, as returned by Get Many, Send or Associate",
};

const properties: INodeProperties[] = [
	crmModuleLocator(),
	recordLocator({ description: 'The record the email is on' }),
	// Version 1 saved Message ID as text and keeps it; from version 1.1 it is a picker of the record's
	// emails (value `{__rl, mode, value}`); the operation reads both shapes.
	{ ...messageIdText, displayOptions: { show: { '@version': [1] } } },
	{
		...resourceLocator({
			displayName: 'Message ID',
			name: 'messageId',
			required: true,
			description:
				"The email: pick it from the record's emails (by subject and date), or give its message_id as returned by Get Many, Send or Associate",
			modes: [listMode('searchCrmRecordEmails'), idMode(MESSAGE_ID_EXAMPLE)],
		}),
		displayOptions: { show: { '@version': [{ _cnd: { gte: 1.1 } }] } },
	},
	...outputProperties(
		"ID, subject, from, to, cc, time, sent, status, the body as plain text and the attachments' names",
		GET_FIELDS,
	),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Attachment Prefix',
				name: 'attachmentsPrefix',
				type: 'string',
				default: 'attachment_',
				description: 'Prefix of the binary property names: attachment_0, attachment_1, …',
			},
			{
				displayName: 'Download Attachments',
				name: 'downloadAttachments',
				type: 'boolean',
				default: false,
				description: "Whether to download the email's attachments into binary properties of the output item",
			},
		],
	},
];

export const description = updateDisplayOptions(show, properties);

/** An ID from Zoho's answer as query text (strings, or numbers Zoho sends as such); never "[object Object]". */
const zohoText = (value: unknown): string | undefined =>
	typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;

/**
 * The email's attachments as binary data, one download each
 * (`GET …/Emails/actions/download_attachments?message_id=&id=&name=&user_id=`, Zoho's CRM Get Emails of a Record page).
 */
async function downloadAttachments(
	this: IExecuteFunctions,
	i: number,
	path: string,
	email: IDataObject,
	messageId: string,
	prefix: string,
): Promise<IBinaryKeyData> {
	const binary: IBinaryKeyData = {};
	const attachments = Array.isArray(email.attachments) ? (email.attachments as IDataObject[]) : [];
	const ownerId = ((email.owner ?? {}) as IDataObject).id;
	for (const [index, attachment] of attachments.entries()) {
		const name = typeof attachment.name === 'string' && attachment.name ? attachment.name : `attachment_${index}`;
		const response = await zohoRequest.call(this, {
			product: 'crm',
			method: 'GET',
			path: `${path}/actions/download_attachments`,
			// UNCONFIRMED: user_id is documented without saying when it is needed; the email's owner is
			// the user whose mailbox holds the file, so it is sent whenever Zoho reports an owner.
			qs: {
				message_id: messageId,
				id: zohoText(attachment.id),
				name,
				user_id: ownerId ? zohoText(ownerId) : undefined,
			},
			itemIndex: i,
			action: `download the attachment "${name}"`,
			binary: true,
		});
		if (!response.binary) {
			throw new NodeOperationError(this.getNode(), `Zoho returned no file for the attachment "${name}"`, {
				itemIndex: i,
			});
		}
		const mimeType = String(response.headers['content-type'] ?? '').split(';')[0] || undefined;
		binary[`${prefix}${index}`] = await this.helpers.prepareBinaryData(response.binary, name, mimeType);
	}
	return binary;
}

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const module = moduleNameOf(this, this.getNodeParameter('module', i), CRM_EMAIL_MODULES, i);
	const ref = recordRefOf.call(this, i);
	const messageId = textOf(this, locatorValue(this.getNodeParameter('messageId', i, '')), 'Message ID', i).trim();
	// Zoho's message IDs are long hex strings; "." and ".." would climb the URL path instead.
	if (!/^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,255}$/.test(messageId)) {
		throw refusal(
			this,
			i,
			`"Message ID" is not a Zoho message ID: "${messageId.slice(0, 80)}"`,
			'Use the message_id returned by Get Many, Send or Associate',
		);
	}
	const output = outputOf(this, i);
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const download = booleanOf(this, options.downloadAttachments, 'Download Attachments', i);
	const prefix = textOf(this, options.attachmentsPrefix, 'Attachment Prefix', i).trim() || 'attachment_';
	const recordId = await resolveRecord.call(this, 'crm', ref, module, i);
	const path = `/${module}/${recordId}/Emails`;
	const { statusCode, body } = await zohoRequest.call(this, {
		product: 'crm',
		method: 'GET',
		path: `${path}/${encodeURIComponent(messageId)}`,
		itemIndex: i,
		action: 'get the email',
	});
	const email = statusCode === 204 ? undefined : ((body.Emails as IDataObject[] | undefined) ?? [])[0];
	if (!email) {
		throw new NodeOperationError(this.getNode(), `No email with message ID ${messageId} on this record`, {
			itemIndex: i,
		});
	}
	// The single-email answer omits message_id (Zoho's CRM Get Emails of a Record page); it is added so the item names its email.
	const raw: IDataObject = { ...email, message_id: email.message_id ?? messageId, module, record_id: recordId };
	const json = shapeOutput(output, raw, simplifyFullEmail);
	if (!download) return [{ json }];
	const binary = await downloadAttachments.call(this, i, path, email, messageId, prefix);
	return [{ json, binary }];
}
