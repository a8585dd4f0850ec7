import type { INodeProperties } from 'n8n-workflow';

import { booksTransactionLocator } from '../../descriptions/books';

/** The invoice an invoice-only operation (reminders, cancelling a schedule) acts on; saved as `transactionId`. */
export function invoiceLocator(description: string): INodeProperties {
	return {
		...booksTransactionLocator(),
		displayName: 'Invoice',
		description: `${description}. By ID: the long number at the end of the invoice's page URL in Zoho Books, e.g. 460000000040001. By Number: the number printed on it, e.g. INV-000123 (looked up with one request).`,
	};
}
