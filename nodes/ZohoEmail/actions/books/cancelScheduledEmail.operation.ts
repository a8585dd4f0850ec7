import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { booksOrganizationLocator } from '../../descriptions/books';
import { credentialOptionOn, zohoRequest } from '../../transport';
import { invoiceLocator } from './invoiceParameters';
import { organizationOf } from './organization';
import { transactionIdOf, transactionRefOf } from './transaction';
import { refusal } from '../../helpers/validation';

/** The credential option that adds ZohoBooks.invoices.DELETE to the requested scopes; its label in errors. */
export const CANCEL_OPTION_LABEL = 'Allow Cancelling Scheduled Invoice Emails';

const properties: INodeProperties[] = [
	{
		displayName: `Needs the credential option "${CANCEL_OPTION_LABEL}" (Zoho permission ZohoBooks.invoices.DELETE), then Reconnect`,
		name: 'cancelNotice',
		type: 'notice',
		default: '',
	},
	booksOrganizationLocator(),
	invoiceLocator('The invoice whose scheduled email is cancelled'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['booksEmail'], operation: ['cancelScheduledEmail'] } },
	properties,
);

/** DELETE /invoices/{id}/email/schedule, only with the credential's opt-in delete permission. */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const invoice = transactionRefOf(this, i, 'invoice', 'Invoice');
	if (!(await credentialOptionOn(this, 'booksCancelScheduledEmails'))) {
		throw refusal(
			this,
			i,
			`Cancelling a scheduled invoice email needs the credential option "${CANCEL_OPTION_LABEL}"`,
			`Zoho requires the permission ZohoBooks.invoices.DELETE for this, which the credential asks for only with that option on. Open the Zoho credential, turn on "${CANCEL_OPTION_LABEL}" and click Reconnect`,
		);
	}
	const organizationId = await organizationOf.call(this, i);
	const invoiceId = await transactionIdOf.call(this, i, 'invoice', invoice, organizationId);
	const { body } = await zohoRequest.call(this, {
		product: 'books',
		method: 'DELETE',
		path: `/invoices/${invoiceId}/email/schedule`,
		organizationId,
		itemIndex: i,
		action: 'cancel the scheduled invoice email',
		kind: 'cancel',
	});
	return [
		{
			json: {
				code: body.code,
				message: body.message,
				organization_id: organizationId,
				invoice_id: invoiceId,
				scheduled: false,
			},
		},
	];
}
