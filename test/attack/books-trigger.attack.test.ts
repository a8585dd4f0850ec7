import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { BOOKS_ORG, harness, type Emulator } from '../trigger/helpers';
import { useZoho } from '../trigger/modelSupport';
import { T0 } from './support';

type BooksApi = {
	addDocument: (org: string, entity: string, fields?: IDataObject) => IDataObject;
	emailDocument: (org: string, entity: string, id: string, payload?: IDataObject) => { document: IDataObject };
	remindInvoice: (org: string, id: string) => IDataObject;
	setListOrder: (order: string) => void;
	setTimeZone: (org: string, zone: string) => void;
	transactions: (org: string, entity: string) => IDataObject[];
};

const zoho = useZoho({ perTest: {} });
let emu: Emulator;
const books = () => emu.data.books as unknown as BooksApi;

beforeAll(() => (emu = zoho.emu));
beforeEach(() => {
	emu.setClock(null);
	emu.setLimits({ booksPerPage: null });
});

function params(extra: INodeParameters = {}): INodeParameters {
	return { source: 'booksEmailed', organizationId: { __rl: true, mode: 'id', value: BOOKS_ORG }, transactionTypes: ['invoice'], ...extra };
}

const events = (items: Array<{ json: IDataObject }>) => items.map((i) => `${String(i.json.event)}:${String(i.json.documentId)}`);

describe('Books trigger: each change seen once, in any order Zoho answers', () => {
	it.each([
		['asked', 2, 0],
		['newestUnnamed', 2, 0],
		['oldestFirst', 2, 0],
		['unsorted', 2, 0],
		// The node asks 200 per page: rising pages of 200: 600 documents in all (4 seeded, 595 added, the new one).
		['risingPages', 200, 595],
	])(
		'%s, pages of %p: a document emailed after the last poll is emitted although the document the last poll saw changed last was deleted',
		async (order, perPage, extraDocs) => {
			books().setListOrder(order);
			emu.setLimits({ booksPerPage: perPage });
			if (extraDocs) (emu.data.books as unknown as { addTransactions: (o: string, e: string, n: number) => unknown }).addTransactions(BOOKS_ORG, 'invoices', extraDocs);
			emu.setClock(T0);
			const h = harness(emu, params());
			expect((await h.poll()).error).toBeUndefined();
			// A draft created after activation becomes the newest document the trigger saw.
			emu.setClock(T0 + 10_000);
			const a = books().addDocument(BOOKS_ORG, 'invoices');
			emu.setClock(T0 + 20_000);
			const second = await h.poll();
			expect(second.error).toBeUndefined();
			expect(second.items).toEqual([]);
			// Then: another invoice is created and emailed, and the first one is deleted.
			emu.setClock(T0 + 30_000);
			const b = books().addDocument(BOOKS_ORG, 'invoices');
			emu.setClock(T0 + 31_000);
			books().emailDocument(BOOKS_ORG, 'invoices', String(b.invoice_id));
			const list = books().transactions(BOOKS_ORG, 'invoices');
			list.splice(list.findIndex((t) => t.invoice_id === a.invoice_id), 1);
			emu.setClock(T0 + 40_000);
			const got: string[] = [];
			for (let k = 0; k < 3; k++) {
				const out = await h.poll();
				expect(out.error).toBeUndefined();
				got.push(...events(out.items));
				emu.setClock(T0 + 50_000 + k * 10_000);
			}
			expect(got).toEqual([`emailed:${String(b.invoice_id)}`]);
		},
	);
});

describe('Books trigger: two states in one second are two changes', () => {
	it.each(['n8n2', 'n8n1'] as const)('%s: an invoice read unsent, then emailed in that same second, is emitted once', async (host) => {
		emu.setClock(T0);
		const h = harness(emu, params(), host);
		await h.poll();
		emu.setClock(T0 + 5_000);
		const doc = books().addDocument(BOOKS_ORG, 'invoices');
		const first = await h.poll();
		expect(first.items).toEqual([]);
		books().emailDocument(BOOKS_ORG, 'invoices', String(doc.invoice_id));
		const got: string[] = [];
		for (const t of [T0 + 5_000, T0 + 6_000, T0 + 70_000]) {
			emu.setClock(t);
			const out = await h.poll();
			expect(out.error).toBeUndefined();
			got.push(...events(out.items));
		}
		expect(got).toEqual([`emailed:${String(doc.invoice_id)}`]);
	});

	it('two payment reminders of one invoice in the second of a read: both seen (one item each poll that sees a new count)', async () => {
		emu.setClock(T0);
		const h = harness(emu, params({ paymentReminders: true }));
		await h.poll();
		emu.setClock(T0 + 5_000);
		books().remindInvoice(BOOKS_ORG, '460000000040001');
		const a = await h.poll();
		books().remindInvoice(BOOKS_ORG, '460000000040001');
		const b = await h.poll();
		emu.setClock(T0 + 6_000);
		const c = await h.poll();
		const all = [...a.items, ...b.items, ...c.items].filter((i) => i.json.event === 'paymentReminder');
		expect(all.map((i) => i.json.remindersSent)).toEqual([1, 2]);
	});
});

describe('Books trigger: dates in the organization time zone', () => {
	// Activation 10 minutes after the organization's midnight, and 10 minutes before it.
	const zones: Array<[string, number]> = [
		['Pacific/Kiritimati', Date.UTC(2030, 0, 15, 10, 10, 0)], // 00:10 on Jan 16 local
		['Pacific/Kiritimati', Date.UTC(2030, 0, 15, 9, 50, 0)], // 23:50 on Jan 15 local
		['Pacific/Pago_Pago', Date.UTC(2030, 0, 15, 11, 10, 0)], // 00:10 local (UTC-11)
		['Pacific/Pago_Pago', Date.UTC(2030, 0, 15, 10, 50, 0)], // 23:50 local
		['America/Los_Angeles', Date.UTC(2030, 0, 15, 8, 5, 0)],
		['Asia/Kolkata', Date.UTC(2030, 0, 14, 18, 35, 0)],
	];

	it.each(zones)('%s at %p: a reminder sent before activation is not emitted, one after it is, once', async (zone, act) => {
		books().setTimeZone(BOOKS_ORG, zone);
		// Reminded 5 minutes before activation (same or previous local day).
		emu.setClock(act - 5 * 60_000);
		books().remindInvoice(BOOKS_ORG, '460000000040001');
		emu.setClock(act);
		const h = harness(emu, params({ paymentReminders: true }));
		expect((await h.poll()).error).toBeUndefined();
		const got: IDataObject[] = [];
		emu.setClock(act + 60_000);
		got.push(...(await h.poll()).items.map((i) => i.json));
		emu.setClock(act + 120_000);
		books().remindInvoice(BOOKS_ORG, '460000000040004');
		emu.setClock(act + 180_000);
		got.push(...(await h.poll()).items.map((i) => i.json));
		emu.setClock(act + 240_000);
		got.push(...(await h.poll()).items.map((i) => i.json));
		expect(got.map((j) => `${String(j.event)}:${String(j.documentId)}`)).toEqual(['paymentReminder:460000000040004']);
	});

	it.each(zones)('%s at %p: a credit-note email before activation is not emitted, one after it is, once', async (zone, act) => {
		books().setTimeZone(BOOKS_ORG, zone);
		emu.setClock(act - 5 * 60_000);
		books().emailDocument(BOOKS_ORG, 'creditnotes', '460000000040402');
		emu.setClock(act);
		const h = harness(emu, params({ transactionTypes: ['creditNote'], creditNoteHistory: true }));
		expect((await h.poll()).error).toBeUndefined();
		const got: IDataObject[] = [];
		emu.setClock(act + 60_000);
		got.push(...(await h.poll()).items.map((i) => i.json));
		emu.setClock(act + 120_000);
		books().emailDocument(BOOKS_ORG, 'creditnotes', '460000000040402');
		emu.setClock(act + 180_000);
		got.push(...(await h.poll()).items.map((i) => i.json));
		emu.setClock(act + 240_000);
		got.push(...(await h.poll()).items.map((i) => i.json));
		expect(got.filter((j) => j.event === 'creditNoteEmail').map((j) => String(j.documentId))).toEqual(['460000000040402']);
	});
});
