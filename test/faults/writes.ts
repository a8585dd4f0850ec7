import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';

import { ALL_SCOPES } from '../../emulator/scopes';
import type { RequestKind } from '../../nodes/ZohoEmail/transport/policy';
import type { TestFile } from '../harness/binaryItems';
import { emulatorCredential, rl, SEED, type Emulator } from '../actions/crm/emulator';

/**
 * Every operation of the node that changes something in Zoho, with the request that does it and the
 * kind it is stated to be here (independently of the operation's code): the generated fault tests
 * (writes.test.ts) run each against every outcome.
 */
export interface Write {
	name: string;
	kind: RequestKind;
	product: 'crm' | 'bigin' | 'books';
	/** The request that changes something; faults are served on it only. */
	method: 'POST' | 'PUT' | 'DELETE';
	path: RegExp;
	parameters: (emu: Emulator) => INodeParameters;
	items?: IDataObject[];
	/** Binary files of the (single) input item. */
	files?: TestFile[];
	credential?: (emu: Emulator) => ICredentialDataDecryptedObject;
	setup?: (emu: Emulator) => void;
}

const FROM = rl('address', 'Patricia Boyle <patricia.boyle@zylker.com>');
const KAYLEIGH = '5725767000000502007';
const ORG = '10234695';
const INVOICE = '460000000040001';
const OVERDUE = '460000000040004';
const BOOKS_CONTACT = '460000000026049';
const WILL = 'willsmith@bowmanfurniture.example';
const BIGIN_CONTACT = '6120845000000601001';
const LATER = '2031-06-12T12:12:12+05:30';

const org = { __rl: true, mode: 'id', value: ORG };
const id = (value: string) => ({ __rl: true, mode: 'id', value });
const crm = (operation: string, module: string, record: string, rest: INodeParameters = {}): INodeParameters => ({
	resource: 'crmEmail',
	operation,
	module: rl('name', module),
	recordId: rl('id', record),
	...rest,
});
const draft = (operation: string, rest: INodeParameters = {}): INodeParameters => ({
	resource: 'crmEmailDraft',
	operation,
	module: rl('name', 'Contacts'),
	recordId: rl('id', SEED.sage),
	...rest,
});
const seededDraft = (emu: Emulator) => String((emu.data.crm.drafts('Contacts', SEED.sage) as IDataObject[])[0].id);
const send = { from: FROM, to: 'ana@example.com', subject: 'Fault test', content: 'Hello' };
const DRAFTS = /\/crm\/v8\/Contacts\/\d+\/__email_drafts$/;
const DRAFT = /\/crm\/v8\/Contacts\/\d+\/__email_drafts\/[^/]+$/;

export const WRITES: Write[] = [
	{ name: 'CRM Send', kind: 'send', product: 'crm', method: 'POST', path: /\/crm\/v8\/Contacts\/\d+\/actions\/send_mail$/, parameters: () => crm('send', 'Contacts', KAYLEIGH, send) },
	{
		name: 'CRM Send (attachment upload)',
		kind: 'upload',
		product: 'crm',
		method: 'POST',
		path: /\/crm\/v8\/files$/,
		parameters: () => crm('send', 'Contacts', KAYLEIGH, { ...send, additionalFields: { binaryPropertyNames: 'data' } }),
		files: [{ property: 'data', fileName: 'a.txt', mimeType: 'text/plain', content: 'attached' }],
	},
	{
		name: 'CRM Associate',
		kind: 'associate',
		product: 'crm',
		method: 'POST',
		path: /\/actions\/associate_email$/,
		parameters: () =>
			crm('associate', 'Deals', SEED.deal, {
				from: 'user1 <test@zoho.com>',
				to: 'user2 <test1@zoho.com>',
				subject: 'Mail subject',
				content: 'Hi',
				mailFormat: 'html',
				dateTime: '2018-06-12T12:12:12+05:30',
				direction: 'sent',
				originalMessageId: '1234534dead-asds3322w243',
			}),
	},
	{ name: 'CRM Unblock Email Address', kind: 'unblock', product: 'crm', method: 'POST', path: /\/actions\/unblock_email$/, parameters: () => crm('unblock', 'Leads', SEED.kris) },
	{ name: 'CRM Draft Create', kind: 'draft', product: 'crm', method: 'POST', path: DRAFTS, parameters: () => draft('create', send) },
	{
		name: 'CRM Draft Create (scheduled)',
		kind: 'scheduledDraft',
		product: 'crm',
		method: 'POST',
		path: DRAFTS,
		parameters: () => draft('create', { ...send, additionalFields: { scheduledTime: LATER } }),
	},
	{ name: 'CRM Draft Update', kind: 'draft', product: 'crm', method: 'PUT', path: DRAFT, parameters: (emu) => draft('update', { draftId: seededDraft(emu), updateFields: { subject: 'Revised' } }) },
	{
		name: 'CRM Draft Update (scheduled)',
		kind: 'scheduledDraft',
		product: 'crm',
		method: 'PUT',
		path: DRAFT,
		parameters: (emu) => draft('update', { draftId: seededDraft(emu), updateFields: { scheduledTime: LATER } }),
	},
	{ name: 'CRM Draft Delete', kind: 'draft', product: 'crm', method: 'DELETE', path: DRAFT, parameters: (emu) => draft('delete', { draftId: seededDraft(emu) }) },
	{
		name: 'Bigin Send',
		kind: 'send',
		product: 'bigin',
		method: 'POST',
		path: /\/bigin\/v2\/Contacts\/\d+\/actions\/send_mail$/,
		parameters: () => ({
			resource: 'biginEmail',
			operation: 'send',
			biginModule: 'Contacts',
			recordId: id(BIGIN_CONTACT),
			from: { __rl: true, mode: 'list', value: 'Amelia Burrows <amelia.burrows@zylker.com>' },
			to: 'jason.smith@acmelandscaping.example',
			subject: 'Spring offer',
			content: 'Hello',
		}),
	},
	{
		name: 'Books Email a Contact',
		kind: 'send',
		product: 'books',
		method: 'POST',
		path: /\/books\/v3\/contacts\/\d+\/email$/,
		parameters: () => ({ resource: 'booksEmail', operation: 'emailContact', organizationId: org, contactId: id(BOOKS_CONTACT), to: WILL, subject: 'Hello', content: 'Hi' }),
	},
	{
		name: 'Books Email a Statement',
		kind: 'send',
		product: 'books',
		method: 'POST',
		path: /\/books\/v3\/contacts\/\d+\/statements\/email$/,
		parameters: () => ({ resource: 'booksEmail', operation: 'emailStatement', organizationId: org, contactId: id(BOOKS_CONTACT), to: WILL }),
	},
	{
		name: 'Books Email a Transaction',
		kind: 'send',
		product: 'books',
		method: 'POST',
		path: /\/books\/v3\/invoices\/\d+\/email$/,
		parameters: () => ({ resource: 'booksEmail', operation: 'emailTransaction', organizationId: org, transactionType: 'invoice', transactionId: id(INVOICE), to: WILL }),
	},
	{
		name: 'Books Email a Transaction (scheduled)',
		kind: 'scheduledEmail',
		product: 'books',
		method: 'POST',
		path: /\/books\/v3\/invoices\/\d+\/email\/schedule$/,
		parameters: () => ({ resource: 'booksEmail', operation: 'emailTransaction', organizationId: org, transactionType: 'invoice', transactionId: id(INVOICE), when: 'schedule', scheduledTime: '2030-06-20T10:00:00' }),
	},
	{
		name: 'Books Send Payment Reminder',
		kind: 'reminder',
		product: 'books',
		method: 'POST',
		path: /\/books\/v3\/invoices\/\d+\/paymentreminder$/,
		parameters: () => ({ resource: 'booksEmail', operation: 'sendPaymentReminder', organizationId: org, transactionId: id(INVOICE), to: WILL, contentMode: 'custom', subject: 'Reminder', content: 'Please pay' }),
	},
	{
		name: 'Books Email Transactions in Bulk',
		kind: 'bulk',
		product: 'books',
		method: 'POST',
		path: /\/books\/v3\/invoices\/email$/,
		parameters: () => ({ resource: 'booksEmail', operation: 'emailTransactionsInBulk', organizationId: org, transactionType: 'invoice', transactionId: id('={{ $json.id }}') }),
		items: [{ id: INVOICE }, { id: OVERDUE }],
	},
	{
		name: 'Books Send Payment Reminders in Bulk',
		kind: 'bulk',
		product: 'books',
		method: 'POST',
		path: /\/books\/v3\/invoices\/paymentreminder$/,
		parameters: () => ({ resource: 'booksEmail', operation: 'sendPaymentRemindersInBulk', organizationId: org, transactionId: id('={{ $json.id }}') }),
		items: [{ id: INVOICE }, { id: OVERDUE }],
	},
	{
		name: 'Books Enable/Disable Payment Reminders',
		kind: 'toggle',
		product: 'books',
		method: 'POST',
		path: /\/books\/v3\/invoices\/\d+\/paymentreminder\/disable$/,
		parameters: () => ({ resource: 'booksEmail', operation: 'setPaymentReminders', organizationId: org, transactionId: id(INVOICE), automatedReminders: 'disable' }),
	},
	{
		name: 'Books Cancel Scheduled Invoice Email',
		kind: 'cancel',
		product: 'books',
		method: 'DELETE',
		path: /\/books\/v3\/invoices\/\d+\/email\/schedule$/,
		parameters: () => ({ resource: 'booksEmail', operation: 'cancelScheduledEmail', organizationId: org, transactionId: id(INVOICE) }),
		// The credential a user has after turning the option on and reconnecting.
		credential: (emu) => ({ ...emulatorCredential(emu), booksCancelScheduledEmails: true, oauthTokenData: emu.issueToken({ scopes: ALL_SCOPES }) as never }),
		setup: (emu) => {
			emu.data.books.transaction(ORG, 'invoices', INVOICE).schedule_time = '2099-06-20 10:00:00';
		},
	},
];
