import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { runZohoNode } from '../harness/engine';
import { emulatorCredential, useEmulator, type Emulator } from '../harness/emulator';

const ORG = '10234695';
const INV_SENT = '460000000040001';
const INV_PAID = '460000000040003';
const INV_OVERDUE = '460000000040004';
const getEmu = useEmulator();

const rl = (value: string, mode = 'id') => ({ __rl: true, mode, value });
const org = { organizationId: rl(ORG) };

function booksPosts(emu: Emulator) {
	return emu.requests({ product: 'books' }).filter((r) => r.method === 'POST');
}

async function run(parameters: INodeParameters, items: IDataObject[] = [{}], extra: { continueOnFail?: boolean; cancelOption?: boolean } = { continueOnFail: true }) {
	const emu = getEmu();
	const credential = { ...emulatorCredential(emu), ...(extra.cancelOption ? { booksCancelScheduledEmails: true } : {}) };
	return await runZohoNode({ parameters: { resource: 'booksEmail', ...org, ...parameters }, items, credential, continueOnFail: extra.continueOnFail ?? true });
}

function contactId(): string {
	return String(getEmu().data.books.contacts(ORG)[0].contact_id);
}

/** Every Books mail operation that takes a custom subject and body. */
function mailOperations(): Array<[string, INodeParameters]> {
	const custom = { contentMode: 'custom', to: 'ana@example.com' };
	const types = ['invoice', 'estimate', 'salesOrder', 'purchaseOrder', 'creditNote', 'retainerInvoice', 'salesReceipt', 'vendorPayment'];
	const ids: Record<string, string> = {
		invoice: INV_SENT,
		estimate: '460000000040101',
		salesOrder: '460000000040201',
		purchaseOrder: '460000000040301',
		creditNote: '460000000040401',
		retainerInvoice: '460000000040501',
		salesReceipt: '460000000040601',
		vendorPayment: '460000000040701',
	};
	return [
		['emailContact', { operation: 'emailContact', contactId: rl(contactId()), to: 'ana@example.com' }],
		['emailStatement', { operation: 'emailStatement', contactId: rl(contactId()), ...custom }],
		['sendPaymentReminder', { operation: 'sendPaymentReminder', transactionId: rl(INV_SENT), ...custom }],
		...types.map((t): [string, INodeParameters] => [`emailTransaction ${t}`, { operation: 'emailTransaction', transactionType: t, transactionId: rl(ids[t]), when: 'now', ...custom }]),
	];
}

describe('Books subject/body limits: checked before any request, every mail operation', () => {
	const longSubject = 'S'.repeat(1001);
	const longBody = 'B'.repeat(5001);

	it.each([
		['subject 1001', longSubject, 'Body'],
		['body 5001', 'Subject', longBody],
	])('%s is refused before any Books request in every mail operation', async (_label, subject, content) => {
		const emu = getEmu();
		for (const [name, parameters] of mailOperations()) {
			emu.clearRequests();
			const { items } = await run({ ...parameters, subject, content });
			expect({ name, error: String(items[0]?.json.error ?? '') }).toEqual({ name, error: expect.stringMatching(/longer than (1000|5000) characters/) });
			expect({ name, books: emu.requests({ product: 'books' }).length }).toEqual({ name, books: 0 });
		}
	});

	it('exactly 1000 / 5000 characters go through (the limit is inclusive)', async () => {
		const { items } = await run({ operation: 'emailContact', contactId: rl(contactId()), to: 'ana@example.com', subject: 'S'.repeat(1000), content: 'B'.repeat(5000) });
		expect(items[0].json.error).toBeUndefined();
		expect(booksPosts(getEmu())).toHaveLength(1);
	});

	it('a subject of 1000 characters outside the BMP (1000 emoji, 2000 UTF-16 units) is refused before any request, as the README says (UTF-16 units, the stricter reading)', async () => {
		const { items } = await run({ operation: 'emailContact', contactId: rl(contactId()), to: 'ana@example.com', subject: '\u{1F600}'.repeat(1000), content: 'Hi' });
		expect(String(items[0].json.error)).toContain('"Subject" is longer than 1000 characters');
		expect(booksPosts(getEmu())).toHaveLength(0);
	});
	it('500 emoji (1000 UTF-16 units) are sent', async () => {
		const { items } = await run({ operation: 'emailContact', contactId: rl(contactId()), to: 'ana@example.com', subject: '\u{1F600}'.repeat(500), content: 'Hi' });
		expect(items[0].json.error).toBeUndefined();
		expect(booksPosts(getEmu())).toHaveLength(1);
	});
});

describe('Max Emails per Execution counts what is sent', () => {
	const cap = (n: number) => ({ performance: { maxEmailsPerExecution: n } });

	it('a reminder Zoho refuses takes a place; the next item is refused before any request', async () => {
		const emu = getEmu();
		const { items } = await run(
			{ operation: 'sendPaymentReminder', transactionId: '={{ { __rl: true, mode: "id", value: $json.id } }}', contentMode: 'custom', to: 'ana@example.com', subject: 'Reminder', content: 'Please pay', ...cap(1) },
			[{ id: INV_PAID }, { id: INV_OVERDUE }],
		);
		expect(items).toHaveLength(2);
		expect(items[0].json.error).toBeDefined();
		expect(String(items[1].json.error)).toContain('Item 1 was not sent: "Max Emails per Execution" (1) is reached');
		expect(booksPosts(emu)).toHaveLength(1);
	});

	it('an item whose By Number lookup finds nothing takes no place', async () => {
		const emu = getEmu();
		const { items } = await run(
			{ operation: 'sendPaymentReminder', transactionId: '={{ { __rl: true, mode: "number", value: $json.n } }}', contentMode: 'custom', to: 'ana@example.com', subject: 'Reminder', content: 'Please pay', ...cap(1) },
			[{ n: 'INV-99999' }, { n: 'INV-00004' }],
		);
		expect(String(items[0].json.error)).toContain('No invoice has the number INV-99999');
		expect(items[1].json.error).toBeUndefined();
		expect(booksPosts(emu).map((r) => r.path)).toEqual([`/books/v3/invoices/${INV_OVERDUE}/paymentreminder`]);
	});

	it('a default template Zoho does not return takes no place (sales order without default subject)', async () => {
		const emu = getEmu();
		emu.addFault({ method: 'GET', path: /\/salesorders\/\d+\/email$/, status: 200, body: { code: 0, message: 'success', data: { subject: '', body: '' } }, times: 1 });
		const { items } = await run(
			{ operation: 'emailTransaction', transactionType: 'salesOrder', transactionId: '={{ { __rl: true, mode: "id", value: $json.id } }}', when: 'now', contentMode: 'default', to: 'ana@example.com', ...cap(1) },
			[{ id: '460000000040201' }, { id: '460000000040202' }],
		);
		expect(String(items[0].json.error)).toMatch(/no default/);
		expect(items[1].json.error).toBeUndefined();
		expect(booksPosts(emu)).toHaveLength(1);
	});

	it('bulk: one place per document, the items beyond the cap are left out of the call', async () => {
		const emu = getEmu();
		const { items } = await run(
			{ operation: 'emailTransactionsInBulk', transactionType: 'invoice', transactionId: '={{ { __rl: true, mode: "id", value: $json.id } }}', ...cap(2) },
			[{ id: INV_SENT }, { id: '460000000040002' }, { id: INV_OVERDUE }],
		);
		expect(items[0].json.error).toBeUndefined();
		expect(items[1].json.error).toBeUndefined();
		expect(String(items[2].json.error)).toContain('Item 2 was not sent: "Max Emails per Execution" (2) is reached');
		const posts = booksPosts(emu);
		expect(posts).toHaveLength(1);
		expect(posts[0].query.invoice_ids.split(',')).toEqual([INV_SENT, '460000000040002']);
	});

	it('a scheduled invoice email takes a place', async () => {
		const emu = getEmu();
		const { items } = await run(
			{ operation: 'emailTransaction', transactionType: 'invoice', transactionId: rl(INV_SENT), when: 'schedule', scheduledTime: '2031-06-20 10:00:00', ...cap(1) },
			[{}, {}],
		);
		expect(String(items[1].json.error)).toContain('"Max Emails per Execution" (1) is reached');
		expect(booksPosts(emu)).toHaveLength(1);
	});
});

describe('By Number picker mode: looked up everywhere it is offered, digits never taken for an ID', () => {
	it.each([
		['setPaymentReminders', { operation: 'setPaymentReminders', automatedReminders: 'enable' }],
		['getPaymentReminderContent', { operation: 'getPaymentReminderContent' }],
		['cancelScheduledEmail', { operation: 'cancelScheduledEmail' }],
		['sendPaymentReminder', { operation: 'sendPaymentReminder', contentMode: 'custom', to: 'ana@example.com', subject: 'S', content: 'B' }],
		['sendPaymentRemindersInBulk', { operation: 'sendPaymentRemindersInBulk' }],
		['emailTransactionsInBulk', { operation: 'emailTransactionsInBulk', transactionType: 'invoice' }],
		['getEmailContent', { operation: 'getEmailContent', documentType: 'invoice' }],
		['listEmailHistory', { operation: 'listEmailHistory', historyOf: 'invoice', returnAll: true }],
		['emailTransaction', { operation: 'emailTransaction', transactionType: 'invoice', when: 'now', contentMode: 'custom', to: 'ana@example.com', subject: 'S', content: 'B' }],
	])('%s: an all-digit number equal to an existing ID is looked up, not used as the ID', async (_name, parameters) => {
		const emu = getEmu();
		const { items } = await run({ ...(parameters as INodeParameters), transactionId: rl(INV_SENT, 'number') }, [{}], { cancelOption: true });
		const books = emu.requests({ product: 'books' });
		expect(books.some((r) => r.method === 'GET' && r.path === '/books/v3/invoices' && r.query.invoice_number === INV_SENT)).toBe(true);
		expect(books.filter((r) => r.path.includes(INV_SENT))).toEqual([]);
		expect(String(items[0].json.error)).toContain(`No invoice has the number ${INV_SENT}`);
	});
});

describe('Email Template ID only where Zoho takes it', () => {
	it.each(['retainerInvoice', 'vendorPayment'])('%s: a saved Email Template ID never reaches the request', async (documentType) => {
		const emu = getEmu();
		const id = documentType === 'retainerInvoice' ? '460000000040501' : '460000000040701';
		await run({ operation: 'getEmailContent', documentType, transactionId: rl(id), additionalFields: { emailTemplateId: '460000000011111' } });
		const gets = emu.requests({ product: 'books' }).filter((r) => r.path.endsWith('/email'));
		expect(gets.length).toBeGreaterThan(0);
		for (const r of gets) expect(r.query.email_template_id).toBeUndefined();
	});
});

describe('Output "Selected Fields": own keys only', () => {
	it('prototype names bring nothing; own keys are kept', async () => {
		const { items } = await run({
			operation: 'getEmailContent',
			documentType: 'invoice',
			transactionId: rl(INV_SENT),
			output: 'fields',
			fields: ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf', 'subject'],
		});
		expect(items[0].json.error).toBeUndefined();
		expect(Object.keys(items[0].json)).toEqual(['subject']);
		expect(Object.getPrototypeOf(items[0].json)).toBe(Object.prototype);
	});
});
