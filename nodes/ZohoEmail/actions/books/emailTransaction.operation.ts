import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	booksMailFields,
	booksOrganizationLocator,
	booksSendFromOrgEmailOption,
	booksTransactionLocator,
	booksTransactionTypeSelector,
} from '../../descriptions/books';
import { additionalFields } from '../../descriptions/fields';
import { idMode, listMode, resourceLocator } from '../../descriptions/locator';
import { binaryPropertiesOption, ccOption, sendToProperties, TO_ADDRESSES } from '../../descriptions/mail';
import { optionOf } from '../../helpers/validation';
import { BOOKS_TRANSACTIONS } from '../../models/books';
import { zohoRequest } from '../../transport';
import { sendResult } from './mailRequest';
import { organizationOf } from './organization';
import { transactionIdOf, transactionRefOf } from './transaction';
import { scheduleTimeOf, sendTransactionMail } from './sendTransactionMail';

const show = { show: { resource: ['booksEmail'], operation: ['emailTransaction'] } };
const now = { hide: { when: ['schedule'] } };

/** Counts toward "Max Emails per Execution" (engine/sendCap.ts). */
export const sendsEmail = true;

const fromAddressIdText: INodeProperties = {
	displayName: 'From Address ID',
	name: 'fromAddressId',
	type: 'string',
	default: '',
	description:
		'The sender: pick one of the senders Books offers for the transaction (needs the transaction From List or By ID), or give its organization_contact_id from "Get Email Content" (from_emails). Invoices, sales and purchase orders, vendor payments only.',
};

const properties: INodeProperties[] = [
	booksOrganizationLocator(),
	booksTransactionTypeSelector(),
	booksTransactionLocator(),
	{
		displayName: 'When',
		name: 'when',
		type: 'options',
		options: [
			{ name: 'Send Now', value: 'now' },
			{
				name: 'Schedule',
				value: 'schedule',
				description: "Zoho Books sends the invoice's default email at the given time",
			},
		],
		default: 'now',
		displayOptions: { show: { transactionType: ['invoice'] } },
	},
	{
		displayName: 'Schedule Time',
		name: 'scheduledTime',
		type: 'dateTime',
		default: '',
		required: true,
		description: "When to send, in the organization's time zone",
		displayOptions: { show: { transactionType: ['invoice'], when: ['schedule'] } },
	},
	...updateDisplayOptions(now, [
		...sendToProperties({
			name: 'Contact Persons Books Picks',
			value: 'defaultContacts',
			description: "The contact persons Zoho Books selects for this transaction's email (not for sales receipts)",
		}),
		...booksMailFields("Subject and body from the transaction's email template in Zoho Books", {
			content: 'Sales receipts have no default template through the API: they need a custom subject and body',
		}).map((p) => (p.name === 'to' ? { ...p, displayOptions: TO_ADDRESSES } : p)),
	]),
	additionalFields(
		[
			{
				displayName: 'Attach PDF',
				name: 'attachPdf',
				type: 'boolean',
				default: true,
				description: 'Whether to attach the transaction as a PDF (not for estimates and credit notes)',
			},
			{
				displayName: 'BCC',
				name: 'bcc',
				type: 'string',
				default: '',
				description: 'Blind-copy recipients, separated by commas (sales and purchase orders only)',
			},
			binaryPropertiesOption(
				'data, terms',
				"Names of the input item's binary properties to attach, separated by commas (10 MB in total; not for sales receipts)",
			),
			ccOption('Copy recipients, separated by commas (not for sales receipts)'),
			// Version 1 saved the sender as a typed ID and keeps it; from version 1.1 it is a picker of the
			// senders Books offers for the transaction. sendTransactionMail reads both shapes.
			{ ...fromAddressIdText, displayOptions: { show: { '@version': [1] } } },
			{
				...resourceLocator({
					displayName: fromAddressIdText.displayName,
					name: fromAddressIdText.name,
					description: fromAddressIdText.description as string,
					modes: [listMode('searchBooksSenders'), idMode('460000000000003')],
				}),
				displayOptions: { show: { '@version': [{ _cnd: { gte: 1.1 } }] } },
			},
			{
				displayName: 'PDF File Name',
				name: 'fileName',
				type: 'string',
				default: '',
				placeholder: 'SO-00001.pdf',
				description: 'Name of the attached PDF (sales and purchase orders, vendor payments only)',
			},
			{
				displayName: 'Send Customer Statement',
				name: 'sendCustomerStatement',
				type: 'boolean',
				default: false,
				description: "Whether to attach the customer's statement too (invoices and retainer invoices only)",
			},
			booksSendFromOrgEmailOption(
				"Whether to send from the organization's email address (not for credit notes and sales receipts)",
			),
		],
		{ displayOptions: now },
	),
];

export const description = updateDisplayOptions(show, properties);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const typeName = optionOf(
		this,
		this.getNodeParameter('transactionType', i),
		'Transaction Type',
		Object.keys(BOOKS_TRANSACTIONS),
		i,
	);
	const type = BOOKS_TRANSACTIONS[typeName];
	const transaction = transactionRefOf(this, i, typeName, type.label);
	const ids = (transactionId: string) => ({ transaction_type: typeName, [type.idField]: transactionId });

	const when =
		typeName === 'invoice'
			? optionOf(this, this.getNodeParameter('when', i, 'now'), 'When', ['now', 'schedule'], i)
			: 'now';
	if (when === 'schedule') {
		const scheduleTime = scheduleTimeOf(this, this.getNodeParameter('scheduledTime', i), i);
		const organizationId = await organizationOf.call(this, i);
		const transactionId = await transactionIdOf.call(this, i, typeName, transaction, organizationId);
		// POST /invoices/{id}/email/schedule takes only the time; Zoho sends the invoice's default email.
		const { body } = await zohoRequest.call(this, {
			product: 'books',
			method: 'POST',
			path: `/invoices/${transactionId}/email/schedule`,
			body: { schedule_time: scheduleTime },
			organizationId,
			itemIndex: i,
			action: 'schedule the invoice email',
			kind: 'scheduledEmail',
		});
		return [
			{
				json: sendResult(body, {
					organization_id: organizationId,
					...ids(transactionId),
					scheduled: true,
					schedule_time: scheduleTime,
				}),
			},
		];
	}

	const { answer, organizationId, transactionId, to, defaultTemplate } = await sendTransactionMail.call(
		this,
		i,
		typeName,
		transaction,
	);
	return [
		{
			json: sendResult(answer, {
				organization_id: organizationId,
				...ids(transactionId),
				to_mail_ids: to,
				default_template: defaultTemplate,
				scheduled: false,
			}),
		},
	];
}
