import type { INodeProperties } from 'n8n-workflow';

import type { Resource } from '../types';
import * as emailContact from './emailContact.operation';
import * as emailStatement from './emailStatement.operation';
import * as emailTransaction from './emailTransaction.operation';
import * as emailTransactionsInBulk from './emailTransactionsInBulk.operation';
import * as getEmailContent from './getEmailContent.operation';
import * as listEmailHistory from './listEmailHistory.operation';
import * as sendPaymentRemindersInBulk from './sendPaymentRemindersInBulk.operation';

const operationSelector: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['booksEmail'] } },
	options: [
		{
			name: 'Email a Contact',
			value: 'emailContact',
			action: 'Email a books customer or vendor',
			description: 'Send a free-form email (with optional files and statement PDF) to a customer or vendor',
		},
		{
			name: 'Email a Statement',
			value: 'emailStatement',
			action: 'Email a books customer statement',
			description: 'Send a customer their statement of transactions for a period',
		},
		{
			name: 'Email a Transaction',
			value: 'emailTransaction',
			action: 'Email a books invoice or other transaction',
			description: 'Send an invoice, estimate, sales or purchase order, credit note, retainer invoice or sales receipt, or schedule an invoice email',
		},
		{
			name: 'Email Transactions in Bulk',
			value: 'emailTransactionsInBulk',
			action: 'Email books invoices or estimates in bulk',
			description: 'Email up to 10 invoices or estimates per Zoho call, each to its customer with the default template; one item per document',
		},
		{
			name: 'Get Email Content',
			value: 'getEmailContent',
			action: 'Get the default email of a books transaction or statement',
			description: 'Get the subject, body, senders and recipients Zoho Books would use for a transaction or statement email',
		},
		{
			name: 'List Email History',
			value: 'listEmailHistory',
			action: 'List the email history of a books contact or credit note',
			description: 'List a contact\'s comments & history or a credit note\'s email history',
		},
		{
			name: 'Send Payment Reminders in Bulk',
			value: 'sendPaymentRemindersInBulk',
			action: 'Send books payment reminders in bulk',
			description: 'Remind customers of up to 10 open or overdue invoices per Zoho call; one item per invoice',
		},
	],
	default: 'emailContact',
};

export const booksEmail: Resource = {
	operations: { emailContact, emailStatement, emailTransaction, emailTransactionsInBulk, getEmailContent, listEmailHistory, sendPaymentRemindersInBulk },
	description: [
		operationSelector,
		...emailContact.description,
		...emailStatement.description,
		...emailTransaction.description,
		...emailTransactionsInBulk.description,
		...getEmailContent.description,
		...listEmailHistory.description,
		...sendPaymentRemindersInBulk.description,
	],
};
