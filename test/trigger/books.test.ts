import type { IDataObject, INodeParameters } from 'n8n-workflow';

import example from '../../examples/trigger-books-invoices.json';

import { captureLogs } from '../faults/helpers';
import { BOOKS_ORG, harness, requestLines, type Emulator } from './helpers';
import { useZoho } from './modelSupport';

const parameters = { source: 'booksEmailed', organizationId: { __rl: true, mode: 'list', value: BOOKS_ORG, cachedResultName: 'Zylker' }, transactionTypes: ['invoice'] };
const LIST = 'GET /books/v3/invoices?sort_column=last_modified_time&sort_order=D&page=1&per_page=200&organization_id=10234695';

function booksTime(ms: number): string {
	return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, '+0000');
}

/** A change made in Zoho Books now (its last_modified_time moves). */
function change(invoice: IDataObject, fields: IDataObject): void {
	const now = Date.now();
	Object.assign(invoice, fields, { last_modified_time: booksTime(now), _modifiedTs: Math.floor(now / 1000) * 1000 });
}

describe('Zoho Email Trigger: Books document emailed', () => {
	let emu: Emulator;
	const zoho = useZoho({ perTest: {} });
	beforeAll(() => (emu = zoho.emu));

	function invoices(): IDataObject[] {
		return emu.data.books.transactions(BOOKS_ORG, 'invoices');
	}

	it('reads an organization picked By ID, and a plain ID string as well', async () => {
		await harness(emu, { ...parameters, organizationId: { __rl: true, mode: 'id', value: BOOKS_ORG } }).poll();
		await harness(emu, { ...parameters, organizationId: BOOKS_ORG }).poll();
		expect(requestLines(emu)).toEqual([LIST, LIST]);
	});

	it('emits an invoice once when it switches to emailed; other changes emit nothing', async () => {
		const h = harness(emu, parameters);
		expect((await h.poll()).items).toEqual([]);
		expect(requestLines(emu)).toEqual([LIST]);
		const [sent, draft] = invoices();
		change(draft, { is_emailed: true, status: 'sent' });
		change(sent, { status: 'paid' });
		emu.clearRequests();
		const out = await h.poll();
		expect(out.items.map((i) => [i.json.event, i.json.documentType, i.json.documentId])).toEqual([['emailed', 'invoice', draft.invoice_id]]);
		const lines = requestLines(emu);
		expect(lines).toHaveLength(1);
		// No last_modified_time filter (its meaning is UNCONFIRMED): the same newest-first page as the first poll.
		expect(lines).toEqual([LIST]);
		change(draft, { status: 'paid' });
		expect((await h.poll()).items).toEqual([]);
	});

	it('a new invoice created and emailed after activation is emitted', async () => {
		const h = harness(emu, parameters);
		await h.poll();
		const now = Date.now();
		invoices().push({ ...invoices()[0], invoice_id: '460000000099999', invoice_number: 'INV-09999', is_emailed: true, created_time: booksTime(now), _createdTs: now, last_modified_time: booksTime(now), _modifiedTs: Math.floor(now / 1000) * 1000 });
		const out = await h.poll();
		expect(out.items.map((i) => i.json.documentId)).toEqual(['460000000099999']);
		expect((await h.poll()).items).toEqual([]);
	});

	it('watches the transaction types chosen by their saved values (the node\'s), polling each list path', async () => {
		const h = harness(emu, { ...parameters, transactionTypes: ['salesOrder', 'creditNote', 'retainerInvoice'] });
		expect((await h.poll()).items).toEqual([]);
		expect(requestLines(emu)).toEqual(
			['salesorders', 'creditnotes', 'retainerinvoices'].map((path) => LIST.replace('/invoices?', `/${path}?`)),
		);
	});
});

interface BooksEvents {
	addDocument: (orgId: string, entity: string, fields?: IDataObject) => IDataObject;
	emailDocument: (orgId: string, entity: string, id: string, payload?: IDataObject) => { document: IDataObject };
	remindInvoice: (orgId: string, invoiceId: string) => IDataObject;
}

describe('Zoho Email Trigger: Books payment reminder sent', () => {
	let emu: Emulator;
	let books: BooksEvents;
	const withReminders = { ...parameters, paymentReminders: true };
	const SENT = '460000000040001';
	const OVERDUE = '460000000040004';

	const zoho = useZoho({ perTest: {} });
	beforeAll(() => {
		emu = zoho.emu;
		books = emu.data.books as unknown as BooksEvents;
	});

	function invoice(id: string): IDataObject {
		return emu.data.books.transactions(BOOKS_ORG, 'invoices').find((i) => i.invoice_id === id) as IDataObject;
	}

	function events(out: { items: Array<{ json: IDataObject }> }) {
		return out.items.map((i) => [i.json.event, i.json.documentId, i.json.remindersSent]);
	}

	it('emits each reminder once, with the count and date, and nothing for other changes or repeated polls', async () => {
		const h = harness(emu, withReminders);
		expect((await h.poll()).items).toEqual([]);
		books.remindInvoice(BOOKS_ORG, SENT);
		const out = await h.poll();
		expect(out.items).toHaveLength(1);
		expect(out.items[0].json).toEqual({
			event: 'paymentReminder',
			documentType: 'invoice',
			documentId: SENT,
			remindersSent: 1,
			lastReminderSentDate: invoice(SENT).last_reminder_sent_date,
			document: expect.objectContaining({ invoice_id: SENT, reminders_sent: 1 }),
		});
		expect(String(out.items[0].json.lastReminderSentDate)).toMatch(/^\d{4}-\d{2}-\d{2}$/);
		expect((await h.poll()).items).toEqual([]);
		change(invoice(SENT), { status: 'partially_paid' });
		expect((await h.poll()).items).toEqual([]);
		books.remindInvoice(BOOKS_ORG, SENT);
		books.remindInvoice(BOOKS_ORG, OVERDUE);
		// Usually in the same second: Books' times have no finer order, so the two may come either way.
		const both = events(await h.poll()).sort((a, b) => String(a[1]).localeCompare(String(b[1])));
		expect(both).toEqual([
			['paymentReminder', SENT, 2],
			['paymentReminder', OVERDUE, 1],
		]);
		expect((await h.poll()).items).toEqual([]);
		// One listing call per poll: the reminder costs no extra request. Activation reads the
		// organization's time zone once (reminders are dated in it).
		const lines = requestLines(emu);
		expect(lines[0]).toBe('GET /books/v3/organizations/10234695?organization_id=10234695');
		expect(lines.slice(1).every((line) => line.startsWith('GET /books/v3/invoices?'))).toBe(true);
		expect(lines).toHaveLength(7);
	});

	it('is off unless chosen: a reminder alone emits nothing and the state keeps no reminder counts', async () => {
		const h = harness(emu, parameters);
		await h.poll();
		books.remindInvoice(BOOKS_ORG, SENT);
		const out = await h.poll();
		expect(out.items).toEqual([]);
		expect(JSON.stringify(out.staticData)).not.toContain('"r"');
	});

	it('reminders sent before activation are not emitted when the invoice changes later', async () => {
		// Reminded today, before activation: the activation poll remembers its count.
		books.remindInvoice(BOOKS_ORG, SENT);
		const earlier = invoice(SENT);
		Object.assign(earlier, { last_modified_time: booksTime(Date.now() - 60_000), _modifiedTs: Date.now() - 60_000 });
		// Reminded long ago, and not among what the activation poll remembers.
		Object.assign(invoice(OVERDUE), { reminders_sent: 4, last_reminder_sent_date: '2025-04-10' });
		const h = harness(emu, withReminders);
		expect((await h.poll()).items).toEqual([]);
		change(invoice(SENT), { status: 'paid' });
		change(invoice(OVERDUE), { status: 'paid' });
		expect((await h.poll()).items).toEqual([]);
	});

	it('an invoice not remembered: a reminder dated the floor\'s day in the organization\'s time zone counts as new, one dated the day before does not', async () => {
		const h = harness(emu, withReminders);
		await h.poll();
		const floor = Number(((h.saved['node:Zoho Email Trigger'] as IDataObject).zohoEmailTrigger as { books: { t: { invoices: { c: { f: number } } } } }).books.t.invoices.c.f);
		// The seeded organization is in Asia/Calcutta (UTC+05:30).
		const day = (ms: number) => new Date(ms + 330 * 60_000).toISOString().slice(0, 10);
		change(invoice(SENT), { reminders_sent: 2, last_reminder_sent_date: day(floor) });
		change(invoice(OVERDUE), { reminders_sent: 2, last_reminder_sent_date: day(floor - 86_400_000) });
		expect(events(await h.poll())).toEqual([['paymentReminder', SENT, 2]]);
		expect((await h.poll()).items).toEqual([]);
	});

	it('a new invoice created, emailed and reminded after activation emits both events once', async () => {
		const h = harness(emu, withReminders);
		await h.poll();
		const created = books.addDocument(BOOKS_ORG, 'invoices', { status: 'sent' });
		const id = String(created.invoice_id);
		books.emailDocument(BOOKS_ORG, 'invoices', id);
		books.remindInvoice(BOOKS_ORG, id);
		expect(events(await h.poll())).toEqual([
			['emailed', id, undefined],
			['paymentReminder', id, 1],
		]);
		expect((await h.poll()).items).toEqual([]);
	});

	it('a failed poll emits nothing and the next one emits the reminder once (n8n 1.x and 2.x)', async () => {
		for (const host of ['n8n2', 'n8n1'] as const) {
			emu.reset();
			const h = harness(emu, withReminders, host);
			await h.poll();
			books.remindInvoice(BOOKS_ORG, SENT);
			emu.addFault({ method: 'GET', path: '/books/v3/invoices', status: 500, times: 0 });
			const failed = await h.poll();
			emu.clearFaults();
			expect(failed.error).toBeDefined();
			expect(failed.items).toEqual([]);
			expect(events(await h.poll())).toEqual([['paymentReminder', SENT, 1]]);
			expect((await h.poll()).items).toEqual([]);
		}
	});
});

describe('Zoho Email Trigger: the Books example workflow', () => {
	let emu: Emulator;
	const zoho = useZoho();
	beforeAll(() => (emu = zoho.emu));

	it('emits each invoice and estimate emailed and each reminder sent after activation, once', async () => {
		const books = emu.data.books as unknown as BooksEvents;
		const h = harness(emu, example.nodes[0].parameters as unknown as INodeParameters);
		expect((await h.poll()).items).toEqual([]);
		const invoice = String(books.addDocument(BOOKS_ORG, 'invoices', { status: 'sent' }).invoice_id);
		const estimate = String(books.addDocument(BOOKS_ORG, 'estimates').estimate_id);
		books.emailDocument(BOOKS_ORG, 'invoices', invoice);
		books.emailDocument(BOOKS_ORG, 'estimates', estimate);
		books.remindInvoice(BOOKS_ORG, '460000000040001');
		const out = await h.poll();
		expect(out.items.map((i) => [i.json.event, i.json.documentType, i.json.documentId]).sort()).toEqual([
			['emailed', 'estimate', estimate],
			['emailed', 'invoice', invoice],
			['paymentReminder', 'invoice', '460000000040001'],
		]);
		expect((await h.poll()).items).toEqual([]);
		expect(requestLines(emu).slice(-2)).toEqual([expect.stringMatching(/^GET \/books\/v3\/invoices\?/), expect.stringMatching(/^GET \/books\/v3\/estimates\?/)]);
	});
});

describe('Zoho Email Trigger: Books answering in another order than asked', () => {
	let emu: Emulator;
	const logs = captureLogs();
	const zoho = useZoho({ perTest: {} });
	beforeAll(() => (emu = zoho.emu));

	it('reads every page instead of stopping at an old document, so a change on a later page is not missed, and says why', async () => {
		const h = harness(emu, parameters);
		// Activation remembers the unsent draft invoice.
		expect((await h.poll()).items).toEqual([]);
		const [sent, draft] = emu.data.books.transactions(BOOKS_ORG, 'invoices');
		change(draft, { is_emailed: true, status: 'sent' });
		// Zoho sorting by creation instead: the old, unchanged invoice first, the emailed one on page 2.
		const view = (doc: IDataObject) => Object.fromEntries(Object.entries(doc).filter(([key]) => !key.startsWith('_')));
		const answer = (page: number, docs: IDataObject[], more: boolean) => ({
			code: 0,
			message: 'success',
			invoices: docs.map(view),
			page_context: { page, per_page: 200, has_more_page: more, sort_column: 'created_time', sort_order: 'D' },
		});
		emu.addFault({ method: 'GET', path: '/books/v3/invoices', query: { page: '1' }, status: 200, body: answer(1, [sent], true), times: 1 });
		emu.addFault({ method: 'GET', path: '/books/v3/invoices', query: { page: '2' }, status: 200, body: answer(2, [draft], false), times: 1 });
		emu.clearRequests();
		const out = await h.poll();
		expect(out.error).toBeUndefined();
		expect(out.items.map((i) => [i.json.event, i.json.documentId])).toEqual([['emailed', draft.invoice_id]]);
		expect(requestLines(emu)).toEqual([LIST, LIST.replace('page=1', 'page=2')]);
		expect(logs().filter((line) => line.startsWith('warn Zoho Books did not list the invoices newest change first'))).toHaveLength(1);
	});
});
