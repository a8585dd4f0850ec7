import type { INodeProperties } from 'n8n-workflow';

import { BOOKS_MAIL_LIMITS, BOOKS_TRANSACTIONS } from '../models/books';
import { idMode, listMode, resourceLocator } from './locator';

export function booksOrganizationLocator(): INodeProperties {
	return resourceLocator({
		displayName: 'Organization',
		name: 'organizationId',
		description:
			'The Zoho Books organization ID, a number (Settings > Organization Profile in Zoho Books). Leave empty to use your default organization.',
		modes: [listMode('searchBooksOrganizations'), idMode('10234695', 'Organization IDs are numbers', '^\\d{1,25}$')],
	});
}

export function booksContactLocator(description: string): INodeProperties {
	return resourceLocator({
		displayName: 'Contact',
		name: 'contactId',
		required: true,
		description: `${description}. Contact ID: the long number at the end of the contact's page URL in Zoho Books, e.g. 460000000026049; not the contact's name.`,
		modes: [listMode('searchBooksContacts'), idMode('460000000026049', 'Contact IDs are long numbers')],
	});
}

export function booksTransactionTypeSelector(types: string[] = Object.keys(BOOKS_TRANSACTIONS)): INodeProperties {
	return {
		displayName: 'Transaction Type',
		name: 'transactionType',
		type: 'options',
		noDataExpression: true,
		options: types
			.map((value) => ({ name: BOOKS_TRANSACTIONS[value].label, value }))
			.sort((a, b) => a.name.localeCompare(b.name)),
		default: 'invoice',
	};
}

export function booksTransactionLocator(): INodeProperties {
	return resourceLocator({
		displayName: 'Transaction',
		name: 'transactionId',
		required: true,
		description:
			'The invoice, estimate, order, credit note, receipt or vendor payment of the chosen type. By ID: the long number at the end of its page URL in Zoho Books, e.g. 460000000040001. By Number: the number printed on it, e.g. INV-000123 (looked up with one request; not for retainer invoices).',
		modes: [
			listMode('searchBooksTransactions'),
			idMode('460000000040001', 'Transaction IDs are long numbers'),
			{
				displayName: 'By Number',
				name: 'number',
				type: 'string',
				placeholder: 'INV-000123',
			},
		],
	});
}

/**
 * To, Content (the document's Zoho Books template, or a custom subject and body), Subject and Body: the
 * recipient and content fields of every Books email that has a default template.
 */
export function booksMailFields(template: string, hints: { content?: string } = {}): INodeProperties[] {
	const custom = { show: { contentMode: ['custom'] } };
	return [
		{
			displayName: 'To',
			name: 'to',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'billing@example.com',
			description: 'Recipient addresses, separated by commas',
		},
		{
			displayName: 'Content',
			name: 'contentMode',
			type: 'options',
			options: [
				{ name: 'Use the Default Template', value: 'default', description: template },
				{ name: 'Custom Subject and Body', value: 'custom' },
			],
			default: 'default',
			...(hints.content ? { description: hints.content } : {}),
		},
		{
			displayName: 'Subject',
			name: 'subject',
			type: 'string',
			default: '',
			required: true,
			description: `At most ${BOOKS_MAIL_LIMITS.subject} characters`,
			displayOptions: custom,
		},
		{
			displayName: 'Body',
			name: 'content',
			type: 'string',
			typeOptions: { rows: 6 },
			default: '',
			required: true,
			description: `The message, HTML allowed, at most ${BOOKS_MAIL_LIMITS.body} characters`,
			displayOptions: custom,
		},
	];
}

/** "Send From Organization Address": Zoho Books' `send_from_org_email_id`. */
export function booksSendFromOrgEmailOption(description: string): INodeProperties {
	return {
		displayName: 'Send From Organization Address',
		name: 'sendFromOrgEmail',
		type: 'boolean',
		default: false,
		description,
	};
}
