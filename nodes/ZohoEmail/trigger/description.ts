import type { INodeProperties } from 'n8n-workflow';

import { booksOrganizationLocator } from '../descriptions/books';
import { crmModuleLocator } from '../descriptions/crm';
import { recordLocator } from '../descriptions/record';
import { BOOKS_TRANSACTIONS } from '../models/books';
import { engagementProperties } from './engagementDescription';
import { outputProperties } from './output';

const crm = { show: { source: ['crmRecords', 'crmModule'] } };
const books = { show: { source: ['booksEmailed'] } };

/** The action node's record picker, less "By Email Address": a search on every poll would cost credits. */
const picker = recordLocator({ description: 'A record whose emails start the workflow' });
const watchedRecord: INodeProperties = { ...picker, modes: picker.modes?.filter((mode) => mode.name !== 'email') };

export const sourceProperty: INodeProperties = {
	// n8n's node panel lists one trigger per option when this property is shown as "Trigger On".
	displayName: 'Trigger On',
	name: 'source',
	type: 'options',
	noDataExpression: true,
	options: [
		{
			name: 'CRM: New Email on Chosen Records',
			value: 'crmRecords',
			action: 'On new email on chosen CRM records',
			description: 'Emails sent or received on the records you list',
		},
		{
			name: 'CRM: New Email on Any Record of a Module',
			value: 'crmModule',
			action: 'On new email on any record of a CRM module',
			description: 'Emails on records of a module that changed since the last poll',
		},
		{
			name: 'Books: Document Emailed',
			value: 'booksEmailed',
			action: 'On Books invoice, estimate or other document emailed',
			description:
				'Invoices, estimates, orders and credit notes that were emailed, and optionally payment reminders sent for invoices',
		},
	],
	default: 'crmRecords',
};

export const triggerProperties: INodeProperties[] = [
	{
		// Credits per day with n8n's default Poll Times (every minute, 1,440 polls a day) and an idle poll:
		// 1 credit per watched record, 1 for a module listing, 1 Books call per document type (README, "Cost").
		displayName:
			'Each new email is emitted once: never twice, and none is skipped when a poll fails or n8n restarts. With the default poll every minute, each watched record costs 1,440 Zoho CRM credits a day (1 per poll); every 5 minutes, 288. Zoho Bigin has no API to read emails, so it is not offered.',
		name: 'costNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { source: ['crmRecords'] } },
	},
	{
		displayName:
			'Each email found is emitted once: never twice, and none is skipped when a poll fails or n8n restarts. With the default poll every minute it costs 1,440 Zoho CRM credits a day for the module listing, plus 1 per record changed. Zoho Bigin has no API to read emails, so it is not offered.',
		name: 'costNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { source: ['crmModule'] } },
	},
	{
		displayName:
			"Each emailed document is emitted once: never twice, and none is skipped when a poll fails or n8n restarts. With the default poll every minute, each document type costs 1,440 Zoho Books API calls a day (1 per poll); every 5 minutes, 288. Check your Books plan's daily call limit.",
		name: 'costNotice',
		type: 'notice',
		default: '',
		displayOptions: books,
	},
	{ ...crmModuleLocator('The CRM module of the records'), displayOptions: crm },
	{
		displayName: 'Records',
		name: 'records',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Record',
		default: {},
		required: true,
		description: 'The records to watch (up to 100). Each record costs one API credit per poll.',
		displayOptions: { show: { source: ['crmRecords'] } },
		options: [{ displayName: 'Record', name: 'record', values: [watchedRecord] }],
	},
	{
		displayName:
			'Tip: when every email counts, watch chosen records instead. This mode finds emails through records whose Modified_Time changed, and Zoho does not document that a new email changes it.',
		name: 'moduleNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { source: ['crmModule'] } },
	},
	{
		displayName: 'Email Type',
		name: 'emailType',
		type: 'options',
		options: [
			{ name: 'All', value: '', description: "Emails sent from CRM and the users' synced mailbox emails" },
			{ name: 'Sent From CRM', value: 'sent_from_crm' },
			{
				name: 'Synced Mailbox Emails',
				value: 'user_emails',
				description: "Emails synced from the users' mailboxes (IMAP/POP)",
			},
		],
		default: '',
		displayOptions: crm,
	},
	{
		displayName: 'Direction',
		name: 'direction',
		type: 'options',
		options: [
			{ name: 'Any', value: 'any' },
			{ name: 'Sent', value: 'sent', description: 'Emails the CRM users sent' },
			{ name: 'Received', value: 'received', description: 'Emails the CRM users received' },
		],
		default: 'any',
		displayOptions: crm,
	},
	{
		displayName: 'Fetch Full Email',
		name: 'fetchFullEmail',
		type: 'boolean',
		default: false,
		description:
			'Whether to read each new email on its own to get its body and attachment list (one more API credit per email)',
		displayOptions: crm,
	},
	{
		...booksOrganizationLocator(),
		displayOptions: books,
		description:
			'The Zoho Books organization to watch. Leave empty to use your default organization (looked up once, on activation).',
	},
	{
		displayName: 'Document Types',
		name: 'transactionTypes',
		type: 'multiOptions',
		options: Object.entries(BOOKS_TRANSACTIONS)
			.flatMap(([value, type]) => (type.watch ? [{ name: type.watch.label, value }] : []))
			.sort((a, b) => a.name.localeCompare(b.name)),
		default: ['invoice'],
		description: 'Each type costs one API call per poll',
		displayOptions: books,
	},
	{
		displayName: 'Credit Note Email History',
		name: 'creditNoteHistory',
		type: 'boolean',
		default: false,
		description:
			"Whether to also emit each new entry of a changed credit note's email history (one more API call per changed credit note)",
		displayOptions: { show: { source: ['booksEmailed'], transactionTypes: ['creditNote'] } },
	},
	{
		displayName: 'Payment Reminders',
		name: 'paymentReminders',
		type: 'boolean',
		default: false,
		description:
			"Whether to also emit an event each time a payment reminder is sent for an invoice, manually or automatically, as the invoice's reminder count shows (no extra API call)",
		displayOptions: { show: { source: ['booksEmailed'], transactionTypes: ['invoice'] } },
	},
	...engagementProperties,
	...outputProperties,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Backfill (Minutes)',
				name: 'backfillMinutes',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
				description: 'On activation, also emit what happened this many minutes before. 0 starts from now.',
			},
			{
				displayName: 'Late Arrival Window (Minutes)',
				name: 'lateWindowMinutes',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 1440 },
				default: 0,
				description:
					'Also emit emails that show up dated up to this long before the newest email already seen on the record, e.g. from a mailbox sync that lags. Costs more pages only when many emails fall in the window.',
			},
		],
	},
];
