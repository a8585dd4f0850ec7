import type { IDataObject } from 'n8n-workflow';

import { captureLogs } from '../faults/helpers';
import { BOOKS_ORG, harness, requestLines, type Emulator } from './helpers';
import { useZoho } from './modelSupport';

/**
 * The Books trigger sees each change once: two states of a document in one second, answers in an order
 * other than the one asked for, and dates in the organization's time zone. Zoho's clock is the
 * emulator's (setClock): the Date header and the times of the documents it changes.
 */

interface BooksData {
	emailDocument: (orgId: string, entity: string, id: string, payload?: IDataObject) => { document: IDataObject };
	transactions: (orgId: string, entity: string) => IDataObject[];
	addTransactions: (orgId: string, entity: string, count: number) => string[];
	emailHistory: (orgId: string, creditnoteId: string) => IDataObject[];
	setListOrder: (order: string) => void;
	setTimeZone: (orgId: string, zone: string) => void;
}

const DRAFT_INVOICE = '460000000040002';
const UNSENT_INVOICE = '460000000040004';
const EMAILED_CREDIT_NOTE = '460000000040401';
const DRAFT_CREDIT_NOTE = '460000000040402';
const invoicesOnly = { source: 'booksEmailed', organizationId: BOOKS_ORG, transactionTypes: ['invoice'] };
const creditNotes = { source: 'booksEmailed', organizationId: BOOKS_ORG, transactionTypes: ['creditNote'], creditNoteHistory: true };

function booksTime(ms: number): string {
	return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, '+0000');
}

function events(out: { items: Array<{ json: IDataObject }> }): unknown[][] {
	return out.items.map((i) => [i.json.event, i.json.documentId, ...(i.json.email ? [(i.json.email as IDataObject).mailhistory_id] : [])]);
}

describe('Zoho Email Trigger: Books, each change once', () => {
	let emu: Emulator;
	let books: BooksData;
	const logs = captureLogs();

	const zoho = useZoho({ perTest: {} });
	beforeAll(() => {
		emu = zoho.emu;
		books = emu.data.books as unknown as BooksData;
	});

	const doc = (entity: string, id: string) => books.transactions(BOOKS_ORG, entity).find((d) => Object.values(d).includes(id)) as IDataObject;
	/** A change in Books at Zoho's clock `ms` (its last_modified_time moves). */
	const change = (entity: string, id: string, ms: number, fields: IDataObject = {}) => Object.assign(doc(entity, id), fields, { last_modified_time: booksTime(ms), _modifiedTs: ms });

	it('an invoice emailed in the second a poll saw it unsent is emitted once (same last_modified_time, another state)', async () => {
		const t = Date.parse('2026-06-10T10:00:00Z');
		emu.setClock(t);
		const h = harness(emu, invoicesOnly);
		expect((await h.poll()).items).toEqual([]);
		// 10:00:30: the invoice changes and a poll sees it unsent; an automation emails it in that second.
		emu.setClock(t + 30_000);
		change('invoices', DRAFT_INVOICE, t + 30_000, { total: 900 });
		expect((await h.poll()).items).toEqual([]);
		books.emailDocument(BOOKS_ORG, 'invoices', DRAFT_INVOICE);
		expect(doc('invoices', DRAFT_INVOICE)._modifiedTs).toBe(t + 30_000);
		emu.setClock(t + 90_000);
		expect(events(await h.poll())).toEqual([['emailed', DRAFT_INVOICE]]);
		emu.setClock(t + 150_000);
		expect((await h.poll()).items).toEqual([]);
	});

	it('a state read after its second, when Zoho\'s clocks disagree by a second: a document emailed with the time it was read at is emitted once', async () => {
		const t = Date.parse('2026-06-10T10:00:00Z');
		emu.setClock(t);
		const h = harness(emu, invoicesOnly);
		await h.poll();
		// The Date header is a second ahead of the clock that stamps the documents.
		change('invoices', DRAFT_INVOICE, t + 30_000, { total: 900 });
		emu.setClock(t + 31_000);
		expect((await h.poll()).items).toEqual([]);
		Object.assign(doc('invoices', DRAFT_INVOICE), { is_emailed: true, status: 'sent' });
		emu.setClock(t + 90_000);
		expect(events(await h.poll())).toEqual([['emailed', DRAFT_INVOICE]]);
		emu.setClock(t + 150_000);
		expect((await h.poll()).items).toEqual([]);
	});

	it('a credit note emailed twice in one second, the first seen by a poll in that second: both emails are emitted', async () => {
		const t = Date.parse('2026-06-10T10:00:00Z');
		emu.setClock(t);
		const h = harness(emu, creditNotes);
		expect((await h.poll()).items).toEqual([]);
		emu.setClock(t + 30_000);
		books.emailDocument(BOOKS_ORG, 'creditnotes', EMAILED_CREDIT_NOTE);
		const [first] = books.emailHistory(BOOKS_ORG, EMAILED_CREDIT_NOTE).slice(-1);
		expect(events(await h.poll())).toEqual([['creditNoteEmail', EMAILED_CREDIT_NOTE, first.mailhistory_id]]);
		books.emailDocument(BOOKS_ORG, 'creditnotes', EMAILED_CREDIT_NOTE);
		const [second] = books.emailHistory(BOOKS_ORG, EMAILED_CREDIT_NOTE).slice(-1);
		emu.setClock(t + 90_000);
		expect(events(await h.poll())).toEqual([['creditNoteEmail', EMAILED_CREDIT_NOTE, second.mailhistory_id]]);
		emu.setClock(t + 150_000);
		expect((await h.poll()).items).toEqual([]);
	});

	describe('answers in another order than asked: every page is read', () => {
		const LIST = (page: number) => `GET /books/v3/invoices?sort_column=last_modified_time&sort_order=D&page=${page}&per_page=200&organization_id=${BOOKS_ORG}`;

		it('(a) page_context names no sort column: unsorted pages are not trusted', async () => {
			const t = Date.parse('2026-06-10T10:00:00Z');
			emu.setClock(t);
			books.setListOrder('unsorted');
			emu.setLimits({ booksPerPage: 1 });
			const h = harness(emu, invoicesOnly);
			expect((await h.poll()).items).toEqual([]);
			// The unsent invoice the unsorted list does not put first: an early stop at page 1 misses it.
			const firstListed = String(((emu.requests({ pathPrefix: '/books/v3/invoices' })[0] as unknown as { response: { invoices: IDataObject[] } }).response.invoices[0] ?? {}).invoice_id);
			const target = firstListed === DRAFT_INVOICE ? UNSENT_INVOICE : DRAFT_INVOICE;
			emu.setClock(t + 60_000);
			books.emailDocument(BOOKS_ORG, 'invoices', target);
			for (let n = 2; n <= 3; n++) {
				emu.setClock(t + n * 60_000);
				const out = await h.poll();
				expect(events(out)).toEqual(n === 2 ? [['emailed', target]] : []);
			}
			expect(logs().filter((line) => line.startsWith('warn Zoho Books did not list the invoices newest change first')).length).toBeGreaterThan(0);
		});

		it('(b) times rise from one page to the next, each page newest first on its own: the rise is carried across pages', async () => {
			const t = Date.parse('2026-06-10T10:00:00Z');
			emu.setClock(t);
			const h = harness(emu, invoicesOnly);
			expect((await h.poll()).items).toEqual([]);
			const [sent, draft, paid, overdue] = books.transactions(BOOKS_ORG, 'invoices');
			change('invoices', String(paid.invoice_id), t + 5_000, { balance: 1 });
			change('invoices', String(sent.invoice_id), t + 9_000, { balance: 2 });
			books.emailDocument(BOOKS_ORG, 'invoices', String(draft.invoice_id));
			change('invoices', String(draft.invoice_id), t + 7_000);
			const view = (d: IDataObject) => Object.fromEntries(Object.entries(d).filter(([key]) => !key.startsWith('_')));
			const answer = (page: number, docs: IDataObject[], more: boolean) => ({
				code: 0,
				message: 'success',
				invoices: docs.map(view),
				page_context: { page, per_page: 200, has_more_page: more, sort_column: 'last_modified_time', sort_order: 'D' },
			});
			// Page 1 is above the floor; page 2 starts higher than page 1 ended and reaches below the floor.
			const pages = [answer(1, [paid], true), answer(2, [sent, overdue], true), answer(3, [draft], false)];
			pages.forEach((body, i) => emu.addFault({ method: 'GET', path: '/books/v3/invoices', query: { page: String(i + 1) }, status: 200, body, times: 1 }));
			emu.setClock(t + 60_000);
			emu.clearRequests();
			expect(events(await h.poll())).toEqual([['emailed', draft.invoice_id]]);
			expect(requestLines(emu)).toEqual([LIST(1), LIST(2), LIST(3)]);
		});

		it('(b) pages that run from the oldest changes to the newest: the newest document the last poll saw was not listed first', async () => {
			const t = Date.parse('2026-06-10T10:00:00Z');
			emu.setClock(t);
			books.setListOrder('risingPages');
			emu.setLimits({ booksPerPage: 1 });
			const h = harness(emu, invoicesOnly);
			expect((await h.poll()).items).toEqual([]);
			emu.setClock(t + 60_000);
			books.emailDocument(BOOKS_ORG, 'invoices', DRAFT_INVOICE);
			emu.setClock(t + 120_000);
			expect(events(await h.poll())).toEqual([['emailed', DRAFT_INVOICE]]);
			emu.setClock(t + 180_000);
			expect((await h.poll()).items).toEqual([]);
		});

		it('(c) oldest first (sort_order A), a first page of 200 documents of one second: not taken for newest first', async () => {
			const t = Date.parse('2026-06-10T10:00:00Z');
			for (const id of books.addTransactions(BOOKS_ORG, 'invoices', 200)) change('invoices', id, Date.parse('2020-01-01T00:00:00Z'));
			emu.setClock(t);
			books.setListOrder('oldestFirst');
			const h = harness(emu, invoicesOnly);
			expect((await h.poll()).items).toEqual([]);
			emu.setClock(t + 60_000);
			books.emailDocument(BOOKS_ORG, 'invoices', DRAFT_INVOICE);
			for (let n = 2; n <= 3; n++) {
				emu.setClock(t + n * 60_000);
				emu.clearRequests();
				expect(events(await h.poll())).toEqual(n === 2 ? [['emailed', DRAFT_INVOICE]] : []);
				expect(requestLines(emu)).toEqual([LIST(1), LIST(2)]);
			}
		});

		for (const [what, pageContext] of [
			['names no sort column', { sort_order: 'D' }],
			['names an ascending order', { sort_column: 'last_modified_time', sort_order: 'A' }],
		] as const) {
			it(`page_context ${what}, though the first page looks newest first: the next page is read`, async () => {
				const t = Date.parse('2026-06-10T10:00:00Z');
				emu.setClock(t);
				const h = harness(emu, invoicesOnly);
				expect((await h.poll()).items).toEqual([]);
				const [sent, draft, paid] = books.transactions(BOOKS_ORG, 'invoices');
				change('invoices', String(sent.invoice_id), t + 5_000, { balance: 1 });
				books.emailDocument(BOOKS_ORG, 'invoices', String(draft.invoice_id));
				change('invoices', String(draft.invoice_id), t + 9_000);
				const view = (d: IDataObject) => Object.fromEntries(Object.entries(d).filter(([key]) => !key.startsWith('_')));
				const answer = (page: number, docs: IDataObject[], more: boolean) => ({ code: 0, message: 'success', invoices: docs.map(view), page_context: { page, per_page: 200, has_more_page: more, ...pageContext } });
				// Page 1 holds the newest document the last poll saw and one before the floor; page 2 is newer.
				emu.addFault({ method: 'GET', path: '/books/v3/invoices', query: { page: '1' }, status: 200, body: answer(1, [sent, paid], true), times: 1 });
				emu.addFault({ method: 'GET', path: '/books/v3/invoices', query: { page: '2' }, status: 200, body: answer(2, [draft], false), times: 1 });
				emu.setClock(t + 60_000);
				emu.clearRequests();
				expect(events(await h.poll())).toEqual([['emailed', draft.invoice_id]]);
				expect(requestLines(emu)).toEqual([LIST(1), LIST(2)]);
			});
		}

		it('newest first as asked: an idle poll costs one call; after the newest document is deleted, every page is read once', async () => {
			const t = Date.parse('2026-06-10T10:00:00Z');
			emu.setClock(t);
			emu.setLimits({ booksPerPage: 1 });
			const h = harness(emu, invoicesOnly);
			await h.poll();
			// Activation reads the 200 most recently changed documents (here all four) to know the unsent ones.
			expect(requestLines(emu)).toEqual([1, 2, 3, 4].map((p) => LIST(p)));
			emu.clearRequests();
			emu.setClock(t + 60_000);
			expect((await h.poll()).items).toEqual([]);
			expect(requestLines(emu)).toEqual([LIST(1)]);
			const list = books.transactions(BOOKS_ORG, 'invoices');
			const newest = list.reduce((a, b) => ((a._modifiedTs as number) >= (b._modifiedTs as number) ? a : b));
			list.splice(list.indexOf(newest), 1);
			emu.clearRequests();
			emu.setClock(t + 120_000);
			expect((await h.poll()).items).toEqual([]);
			// Pages that run oldest block first look the same as a deletion on the first page: every page is read.
			expect(requestLines(emu)).toEqual([1, 2, 3].map((p) => LIST(p)));
			emu.clearRequests();
			emu.setClock(t + 180_000);
			await h.poll();
			expect(requestLines(emu)).toEqual([LIST(1)]);
		});
	});

	describe("credit-note email history, dated in the organization's time zone", () => {
		it('an email sent an hour before activation, on its day, is not emitted when the credit note changes later (UTC+05:30)', async () => {
			// 12:00 in Asia/Calcutta; the email went out at 11:00 local, the same date in UTC.
			const activation = Date.parse('2026-06-10T06:30:00Z');
			emu.setClock(activation - 3_600_000);
			books.emailDocument(BOOKS_ORG, 'creditnotes', EMAILED_CREDIT_NOTE);
			const [before] = books.emailHistory(BOOKS_ORG, EMAILED_CREDIT_NOTE).slice(-1);
			expect(before.date).toBe('2026-06-10');
			emu.setClock(activation);
			const h = harness(emu, creditNotes);
			expect((await h.poll()).items).toEqual([]);
			const activationLines = requestLines(emu);
			emu.setClock(activation + 600_000);
			books.emailDocument(BOOKS_ORG, 'creditnotes', EMAILED_CREDIT_NOTE);
			const [after] = books.emailHistory(BOOKS_ORG, EMAILED_CREDIT_NOTE).slice(-1);
			emu.setClock(activation + 660_000);
			expect(events(await h.poll())).toEqual([['creditNoteEmail', EMAILED_CREDIT_NOTE, after.mailhistory_id]]);
			emu.setClock(activation + 720_000);
			expect((await h.poll()).items).toEqual([]);
			// Activation read the organization's time zone, and the history of the credit note changed earlier that day.
			expect(activationLines.filter((l) => !l.startsWith('GET /books/v3/creditnotes?'))).toEqual([
				`GET /books/v3/organizations/${BOOKS_ORG}?organization_id=${BOOKS_ORG}`,
				`GET /books/v3/creditnotes/${EMAILED_CREDIT_NOTE}/emailhistory?organization_id=${BOOKS_ORG}`,
			]);
		});

		it('activation reads back to the start of the organization\'s day, past 200 documents changed since, for the emails sent that day', async () => {
			const activation = Date.parse('2026-06-10T06:30:00Z');
			emu.setClock(activation - 3_600_000);
			books.emailDocument(BOOKS_ORG, 'creditnotes', EMAILED_CREDIT_NOTE);
			// 250 credit notes drafted later that day, before activation: the emailed one is on page 2.
			for (const id of books.addTransactions(BOOKS_ORG, 'creditnotes', 250)) change('creditnotes', id, activation - 600_000, { is_emailed: false, status: 'draft' });
			emu.setClock(activation);
			const h = harness(emu, creditNotes);
			expect((await h.poll()).items).toEqual([]);
			expect(requestLines(emu).filter((l) => l.startsWith('GET /books/v3/creditnotes?')).length).toBe(2);
			emu.setClock(activation + 60_000);
			change('creditnotes', EMAILED_CREDIT_NOTE, activation + 60_000, { total: 151 });
			emu.setClock(activation + 120_000);
			expect((await h.poll()).items).toEqual([]);
		});

		it('west of UTC: emails sent between activation and the local midnight are emitted', async () => {
			books.setTimeZone(BOOKS_ORG, 'America/Los_Angeles');
			// 20:00 on 10 June in Los Angeles is 03:00 on 11 June in UTC.
			const activation = Date.parse('2026-06-11T03:00:00Z');
			emu.setClock(activation);
			const h = harness(emu, creditNotes);
			expect((await h.poll()).items).toEqual([]);
			emu.setClock(activation + 3_600_000);
			books.emailDocument(BOOKS_ORG, 'creditnotes', DRAFT_CREDIT_NOTE);
			const [entry] = books.emailHistory(BOOKS_ORG, DRAFT_CREDIT_NOTE);
			expect(entry.date).toBe('2026-06-10');
			expect(doc('creditnotes', DRAFT_CREDIT_NOTE).last_modified_time).toBe('2026-06-10T21:00:00-0700');
			emu.setClock(activation + 3_660_000);
			expect(events(await h.poll())).toEqual([
				['emailed', DRAFT_CREDIT_NOTE],
				['creditNoteEmail', DRAFT_CREDIT_NOTE, entry.mailhistory_id],
			]);
			emu.setClock(activation + 3_720_000);
			expect((await h.poll()).items).toEqual([]);
		});

		it('east of UTC: an email sent an hour before activation, dated the next UTC day, is not emitted', async () => {
			books.setTimeZone(BOOKS_ORG, 'Pacific/Kiritimati');
			// 09:00 on 11 June at UTC+14 is 19:00 on 10 June in UTC; the email went out at 08:00 local.
			const activation = Date.parse('2026-06-10T19:00:00Z');
			emu.setClock(activation - 3_600_000);
			books.emailDocument(BOOKS_ORG, 'creditnotes', DRAFT_CREDIT_NOTE);
			expect(books.emailHistory(BOOKS_ORG, DRAFT_CREDIT_NOTE)[0].date).toBe('2026-06-11');
			emu.setClock(activation);
			const h = harness(emu, creditNotes);
			expect((await h.poll()).items).toEqual([]);
			emu.setClock(activation + 60_000);
			change('creditnotes', DRAFT_CREDIT_NOTE, activation + 60_000, { total: 61 });
			emu.setClock(activation + 120_000);
			expect((await h.poll()).items).toEqual([]);
		});
	});
});
