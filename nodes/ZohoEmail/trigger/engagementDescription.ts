import type { INodeProperties } from 'n8n-workflow';

/**
 * What happened to an email after it went out: the Books customer viewed the document. Parameters of
 * their own, shown under the events they extend; names and values are saved in workflows.
 */
export const engagementProperties: INodeProperties[] = [
	{
		displayName: 'Viewed by the Customer',
		name: 'customerViews',
		type: 'boolean',
		default: false,
		description:
			'Whether to also emit an event when the customer views an invoice, estimate or retainer invoice for the first time, as the document\'s is_viewed_by_client shows (no extra API call)',
		displayOptions: { show: { source: ['booksEmailed'], transactionTypes: ['invoice', 'estimate', 'retainerInvoice'] } },
	},
];
