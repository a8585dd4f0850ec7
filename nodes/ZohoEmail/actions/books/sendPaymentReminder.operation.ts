import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { booksMailFields, booksOrganizationLocator, booksSendFromOrgEmailOption } from '../../descriptions/books';
import { additionalFields } from '../../descriptions/fields';
import { binaryPropertiesOption, ccOption } from '../../descriptions/mail';
import { booleanOf, optionOf, refusal } from '../../helpers/validation';
import { fetchEmailContent } from './content';
import { invoiceLocator } from './invoiceParameters';
import { booksFiles, sendBooksMail, sendResult } from './mailRequest';
import { organizationOf } from './organization';
import { customMailContent, mailIds, USE_TEMPLATE } from './parameters';
import { transactionIdOf, transactionRefOf } from './transaction';

/** Counts toward "Max Emails per Execution" (engine/sendCap.ts). */
export const sendsEmail = true;

const properties: INodeProperties[] = [
	booksOrganizationLocator(),
	invoiceLocator(
		'The unpaid invoice to remind the customer about (Zoho Books sends reminders only for open or overdue invoices)',
	),
	...booksMailFields("Subject and body of the invoice's payment reminder in Zoho Books"),
	additionalFields([
		binaryPropertiesOption(
			'data, terms',
			"Names of the input item's binary properties to attach, separated by commas (10 MB in total)",
		),
		ccOption(),
		{
			displayName: 'Send Customer Statement',
			name: 'sendCustomerStatement',
			type: 'boolean',
			default: false,
			description: "Whether to attach the customer's statement too",
		},
		booksSendFromOrgEmailOption("Whether to send from the organization's email address"),
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['booksEmail'], operation: ['sendPaymentReminder'] } },
	properties,
);

/**
 * POST /invoices/{id}/paymentreminder (Zoho's "Remind Customer"). Zoho's page does not say that a
 * reminder without subject and body falls back to the template, so with "Use the Default Template"
 * the reminder Zoho would send is read first (GET …/paymentreminder) and sent as given.
 */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const invoice = transactionRefOf(this, i, 'invoice', 'Invoice');
	const to = mailIds(this, this.getNodeParameter('to', i), 'To', i, true);
	const fields = this.getNodeParameter('additionalFields', i, {}) as IDataObject;
	const cc = mailIds(this, fields.cc, 'CC', i);
	const fromOrg = booleanOf(this, fields.sendFromOrgEmail, 'Send From Organization Address', i);
	const statement = booleanOf(this, fields.sendCustomerStatement, 'Send Customer Statement', i);
	const isCustom =
		optionOf(this, this.getNodeParameter('contentMode', i, 'default'), 'Content', ['default', 'custom'], i) ===
		'custom';
	let subject = '';
	let body = '';
	if (isCustom) {
		({ subject, body } = customMailContent(this, i, USE_TEMPLATE));
	}
	const files = await booksFiles.call(this, i, fields.binaryPropertyNames);
	const organizationId = await organizationOf.call(this, i);
	const invoiceId = await transactionIdOf.call(this, i, 'invoice', invoice, organizationId);
	const path = `/invoices/${invoiceId}/paymentreminder`;
	if (!isCustom) {
		const content = await fetchEmailContent.call(this, i, {
			path,
			organizationId,
			action: "read the invoice's payment reminder",
		});
		subject = typeof content.subject === 'string' ? content.subject : '';
		body = typeof content.body === 'string' ? content.body : '';
		if (!subject || !body) {
			throw refusal(
				this,
				i,
				`Zoho Books returned no default ${subject ? 'body' : 'subject'} for this payment reminder`,
				'Check the invoice\'s reminder template in Zoho Books (Settings > Reminders), or choose "Custom Subject and Body"',
			);
		}
	}
	// The spec marks cc_mail_ids required (invoices.json, remind-customer-request; UNCONFIRMED), so it is
	// always sent, empty when there are no copy recipients.
	const payload: IDataObject = {
		...(fromOrg ? { send_from_org_email_id: true } : {}),
		to_mail_ids: to,
		cc_mail_ids: cc,
		subject,
		body,
	};
	const { body: answer } = await sendBooksMail.call(this, i, {
		path,
		organizationId,
		qs: statement ? { send_customer_statement: true } : {},
		payload,
		files,
		action: 'send the payment reminder',
		kind: 'reminder',
	});
	return [
		{
			json: sendResult(answer, {
				organization_id: organizationId,
				invoice_id: invoiceId,
				to_mail_ids: to,
				default_template: !isCustom,
			}),
		},
	];
}
