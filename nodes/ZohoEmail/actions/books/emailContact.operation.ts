import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { booksContactLocator, booksOrganizationLocator } from '../../descriptions/books';
import { additionalFields } from '../../descriptions/fields';
import { binaryPropertiesOption } from '../../descriptions/mail';
import { BOOKS_MAIL_LIMITS } from '../../models/books';
import { booleanOf } from '../../helpers/validation';
import { booksFiles, sendBooksMail, sendResult } from './mailRequest';
import { organizationOf } from './organization';
import { customMailContent, idParam, mailIds } from './parameters';

const show = { show: { resource: ['booksEmail'], operation: ['emailContact'] } };

/** Counts toward "Max Emails per Execution" (engine/sendCap.ts). */
export const sendsEmail = true;

const properties: INodeProperties[] = [
	booksOrganizationLocator(),
	booksContactLocator("The customer or vendor to email; Books records the email in the contact's history"),
	{
		displayName: 'To',
		name: 'to',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'billing@example.com, ana@example.com',
		description: 'Recipient addresses, separated by commas',
	},
	{
		displayName: 'Subject',
		name: 'subject',
		type: 'string',
		default: '',
		required: true,
		description: `At most ${BOOKS_MAIL_LIMITS.subject} characters`,
	},
	{
		displayName: 'Body',
		name: 'content',
		type: 'string',
		typeOptions: { rows: 6 },
		default: '',
		required: true,
		description: `The message, HTML allowed, at most ${BOOKS_MAIL_LIMITS.body} characters`,
	},
	additionalFields([
		{
			displayName: 'Attach Customer Statement',
			name: 'sendCustomerStatement',
			type: 'boolean',
			default: false,
			description: "Whether to attach the contact's statement as a PDF",
		},
		binaryPropertiesOption(
			'data, invoice',
			"Names of the input item's binary properties to attach, separated by commas (10 MB in total)",
		),
	]),
];

export const description = updateDisplayOptions(show, properties);

/** POST /contacts/{contact_id}/email (Zoho's Books Contacts API, Email contact): JSON, or multipart when files are attached. */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const contactId = idParam(this, 'contactId', 'Contact', i);
	const to = mailIds(this, this.getNodeParameter('to', i), 'To', i, true);
	const { subject, body } = customMailContent(this, i, {
		subject: 'Zoho Books needs a subject to email a contact',
		body: 'Zoho Books needs a body to email a contact',
	});
	const fields = this.getNodeParameter('additionalFields', i, {}) as IDataObject;
	const statement = booleanOf(this, fields.sendCustomerStatement, 'Attach Customer Statement', i);
	const files = await booksFiles.call(this, i, fields.binaryPropertyNames);
	const organizationId = await organizationOf.call(this, i);

	const { body: answer } = await sendBooksMail.call(this, i, {
		path: `/contacts/${contactId}/email`,
		organizationId,
		// A third-party article's send_customer_statement_report_as_pdf body key is not in Zoho's spec; the query is.
		qs: statement ? { send_customer_statement: true } : undefined,
		payload: { to_mail_ids: to, subject, body },
		files,
		action: 'email the contact',
	});
	return [
		{
			json: sendResult(answer, {
				organization_id: organizationId,
				contact_id: contactId,
				to_mail_ids: to,
				...(files.length ? { attachments: files.map((f) => f.filename) } : {}),
			}),
		},
	];
}
