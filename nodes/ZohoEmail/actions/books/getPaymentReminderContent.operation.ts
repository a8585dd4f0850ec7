import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { booksOrganizationLocator } from '../../descriptions/books';
import { fetchEmailContent } from './content';
import { invoiceLocator } from './invoiceParameters';
import { organizationOf } from './organization';
import { transactionIdOf, transactionRefOf } from './transaction';

const properties: INodeProperties[] = [
	booksOrganizationLocator(),
	invoiceLocator('The invoice whose payment reminder email is prepared'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['booksEmail'], operation: ['getPaymentReminderContent'] } },
	properties,
);

/** GET /invoices/{id}/paymentreminder: the reminder email Zoho Books would send (its `data` block). */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const invoice = transactionRefOf(this, i, 'invoice', 'Invoice');
	const organizationId = await organizationOf.call(this, i);
	const invoiceId = await transactionIdOf.call(this, i, 'invoice', invoice, organizationId);
	const content = await fetchEmailContent.call(this, i, {
		path: `/invoices/${invoiceId}/paymentreminder`,
		organizationId,
		action: "read the invoice's payment reminder",
	});
	return [{ json: { ...content, organization_id: organizationId, invoice_id: invoiceId } }];
}
