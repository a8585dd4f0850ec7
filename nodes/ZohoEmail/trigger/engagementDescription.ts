import type { INodeProperties } from 'n8n-workflow';

import { ENGAGEMENT_EVENTS, MAX_TRACKING_HOURS } from './engagementSettings';
import { INTENTS, SENTIMENTS } from './zia';

const chosenRecords = { show: { source: ['crmRecords'] } };
const label = (value: string) => value.charAt(0).toUpperCase() + value.slice(1);

/**
 * What happened to an email after it went out: opened, bounced, replied or not (CRM chosen records), the Books
 * customer viewed the document. Parameters of
 * their own, shown under the events they extend; names and values are saved in workflows.
 */
export const engagementProperties: INodeProperties[] = [
	{
		displayName: 'Viewed by the Customer',
		name: 'customerViews',
		type: 'boolean',
		default: false,
		description:
			"Whether to also emit an event when the customer views an invoice, estimate or retainer invoice for the first time, as the document's is_viewed_by_client shows (no extra API call)",
		displayOptions: {
			show: { source: ['booksEmailed'], transactionTypes: ['invoice', 'estimate', 'retainerInvoice'] },
		},
	},
	{
		displayName: 'Sent Email Events',
		name: 'engagementEvents',
		type: 'multiOptions',
		options: [
			{ name: 'Bounced', value: 'bounced', description: 'A sent email bounced, with the category and reason' },
			{
				name: 'No Reply Within',
				value: 'noReply',
				description: 'No reply came to a sent email within the time you set (one item at the deadline)',
			},
			{ name: 'Opened', value: 'opened', description: 'A sent email was opened for the first time' },
			{
				name: 'Reply Received',
				value: 'replied',
				description:
					'A received email in the thread of a sent email (one more API credit per received email and per sent email, to read their threads)',
			},
		],
		default: [],
		description:
			"Also emit what happens to the emails sent from the records after they went out. Each sent email is tracked for the Tracking Window: its record's list is read back to it on every poll (+1 credit per further page of 10 emails).",
		displayOptions: chosenRecords,
	},
	{
		displayName: 'Every New Open',
		name: 'everyOpen',
		type: 'boolean',
		default: false,
		description:
			'Whether to emit each time the open count grows (one item with the count, however many opens came between two polls), not only the first open',
		displayOptions: { show: { source: ['crmRecords'], engagementEvents: ['opened'] } },
	},
	{
		displayName: 'Tracking Window (Hours)',
		name: 'trackingWindowHours',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_TRACKING_HOURS },
		default: 72,
		description:
			'How long after it was sent an email is watched for opens, bounces and replies. Longer windows cost more pages per poll on busy records.',
		displayOptions: { show: { source: ['crmRecords'], engagementEvents: ENGAGEMENT_EVENTS } },
	},
	{
		displayName: 'No Reply Within (Hours)',
		name: 'noReplyHours',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_TRACKING_HOURS },
		default: 72,
		description:
			'The time after sending at which a sent email without a reply gets its No Reply Within item. At most the Tracking Window.',
		displayOptions: { show: { source: ['crmRecords'], engagementEvents: ['noReply'] } },
	},
	{
		displayName: 'Zia Intent',
		name: 'ziaIntents',
		type: 'multiOptions',
		options: INTENTS.map((value) => ({ name: label(value), value })),
		default: [],
		description:
			'Only new received emails Zia classified with one of these intents (none chosen: any). Works only where Zia is on for the organization: elsewhere Zoho leaves the intent empty and no received email passes.',
		displayOptions: { show: { source: ['crmRecords', 'crmModule'], direction: ['any', 'received'] } },
	},
	{
		displayName: 'Zia Sentiment',
		name: 'ziaSentiments',
		type: 'multiOptions',
		options: SENTIMENTS.map((value) => ({ name: label(value), value })),
		default: [],
		description:
			'Only new received emails with one of these sentiments by Zia (none chosen: any). Works only where Zia is on for the organization: elsewhere Zoho leaves the sentiment empty and no received email passes.',
		displayOptions: { show: { source: ['crmRecords', 'crmModule'], direction: ['any', 'received'] } },
	},
];
