import type { INodeProperties } from 'n8n-workflow';

import type { Resource } from '../types';
import * as cancelScheduledEmail from './cancelScheduledEmail.operation';
import * as emailContact from './emailContact.operation';
import * as emailStatement from './emailStatement.operation';
import * as emailTransaction from './emailTransaction.operation';
import * as emailTransactionsInBulk from './emailTransactionsInBulk.operation';
import * as getEmailContent from './getEmailContent.operation';
import * as getPaymentReminderContent from './getPaymentReminderContent.operation';
import * as listEmailHistory from './listEmailHistory.operation';
import * as sendPaymentReminder from './sendPaymentReminder.operation';
import * as setPaymentReminders from './setPaymentReminders.operation';
import * as sendPaymentRemindersInBulk from './sendPaymentRemindersInBulk.operation';

const operationSelector: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['booksEmail'] } },
	options: [
		{
			name: 'Cancel Scheduled Invoice Email',
			value: 'cancelScheduledEmail',
			action: 'Cancel the scheduled email of an invoice',
			description:
				'Cancel an invoice email scheduled with "Email a Transaction" (needs the credential\'s opt-in delete permission)',
		},
		{
			name: 'Email a Contact',
			value: 'emailContact',
			action: 'Email a customer or vendor',
			description: 'Send a free-form email (with optional files and statement PDF) to a customer or vendor',
		},
		{
			name: 'Email a Statement',
			value: 'emailStatement',
			action: 'Email a customer statement',
			description: 'Send a customer their statement of transactions for a period',
		},
		{
			name: 'Email a Transaction',
			value: 'emailTransaction',
			action: 'Email an invoice or other transaction',
			description:
				'Send an invoice, estimate, sales or purchase order, credit note, retainer invoice, sales receipt or vendor payment receipt, or schedule an invoice email',
		},
		{
			name: 'Email Transactions in Bulk',
			value: 'emailTransactionsInBulk',
			action: 'Email invoices or estimates in bulk',
			description:
				'Email up to 10 invoices or estimates per Zoho call, each to its customer with the default template; one item per document',
		},
		{
			name: 'Enable/Disable Payment Reminders',
			value: 'setPaymentReminders',
			action: 'Enable or disable automated payment reminders for an invoice',
			description: "Turn the organization's automated payment reminders on or off for one invoice",
		},
		{
			name: 'Get Email Content',
			value: 'getEmailContent',
			action: 'Get the default email of a transaction or statement',
			description:
				'Get the subject, body, senders and recipients Zoho Books would use for a transaction or statement email',
		},
		{
			name: 'Get Payment Reminder Content',
			value: 'getPaymentReminderContent',
			action: 'Get the payment reminder email of an invoice',
			description:
				'Get the subject, body, senders and recipients of the payment reminder Zoho Books would send for an invoice',
		},
		{
			name: 'List Email History',
			value: 'listEmailHistory',
			action: 'List the email history of a contact or credit note',
			description: "List a contact's comments & history or a credit note's email history",
		},
		{
			name: 'Send Payment Reminder',
			value: 'sendPaymentReminder',
			action: 'Send a payment reminder for an invoice',
			description: 'Email the customer a reminder about an unpaid (open or overdue) invoice',
		},
		{
			name: 'Send Payment Reminders in Bulk',
			value: 'sendPaymentRemindersInBulk',
			action: 'Send payment reminders in bulk',
			description: 'Remind customers of up to 10 open or overdue invoices per Zoho call; one item per invoice',
		},
	],
	default: 'emailContact',
};

export const booksEmail: Resource = {
	operations: {
		cancelScheduledEmail,
		emailContact,
		emailStatement,
		emailTransaction,
		emailTransactionsInBulk,
		getEmailContent,
		getPaymentReminderContent,
		listEmailHistory,
		sendPaymentReminder,
		sendPaymentRemindersInBulk,
		setPaymentReminders,
	},
	description: [
		operationSelector,
		...emailContact.description,
		...emailStatement.description,
		...emailTransaction.description,
		...emailTransactionsInBulk.description,
		...getEmailContent.description,
		...listEmailHistory.description,
		...sendPaymentReminder.description,
		...getPaymentReminderContent.description,
		...setPaymentReminders.description,
		...cancelScheduledEmail.description,
		...sendPaymentRemindersInBulk.description,
	],
};
