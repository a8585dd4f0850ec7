import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { booksOrganizationLocator } from '../../descriptions/books';
import { optionOf } from '../../helpers/validation';
import { zohoRequest } from '../../transport';
import { invoiceLocator } from './invoiceParameters';
import { organizationOf } from './organization';
import { transactionIdOf, transactionRefOf } from './transaction';

const properties: INodeProperties[] = [
	booksOrganizationLocator(),
	invoiceLocator('The invoice whose automated payment reminders are turned on or off'),
	{
		displayName: 'Automated Reminders',
		name: 'automatedReminders',
		type: 'options',
		options: [
			{
				name: 'Disable',
				value: 'disable',
				description: 'Stop the automated reminders for this invoice (e.g. once payment is promised)',
			},
			{
				name: 'Enable',
				value: 'enable',
				description: "Send the organization's automated reminders for this invoice again",
			},
		],
		default: 'disable',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['booksEmail'], operation: ['setPaymentReminders'] } },
	properties,
);

/** POST /invoices/{id}/paymentreminder/enable or …/disable: no body; Zoho answers "Reminders enabled." / "Reminders stopped.". */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const invoice = transactionRefOf(this, i, 'invoice', 'Invoice');
	const change = optionOf(
		this,
		this.getNodeParameter('automatedReminders', i),
		'Automated Reminders',
		['enable', 'disable'],
		i,
	);
	const organizationId = await organizationOf.call(this, i);
	const invoiceId = await transactionIdOf.call(this, i, 'invoice', invoice, organizationId);
	const { body } = await zohoRequest.call(this, {
		product: 'books',
		method: 'POST',
		path: `/invoices/${invoiceId}/paymentreminder/${change}`,
		organizationId,
		itemIndex: i,
		action: `${change} the invoice's payment reminders`,
		kind: 'toggle',
	});
	return [
		{
			json: {
				code: body.code,
				message: body.message,
				organization_id: organizationId,
				invoice_id: invoiceId,
				payment_reminders_enabled: change === 'enable',
			},
		},
	];
}
