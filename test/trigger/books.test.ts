import type { IDataObject } from 'n8n-workflow';

import { BOOKS_ORG, harness, requestLines, startZoho, type Emulator } from './helpers';

const parameters = { source: 'booksEmailed', organizationId: { __rl: true, mode: 'list', value: BOOKS_ORG, cachedResultName: 'Zylker' }, transactionTypes: ['invoice'] };
const LIST = 'GET /books/v3/invoices?sort_column=last_modified_time&sort_order=D&page=1&per_page=200&organization_id=10234695';

function booksTime(ms: number): string {
	return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, '+0000');
}

describe('Zoho Email Trigger: Books document emailed', () => {
	let emu: Emulator;

	beforeAll(async () => {
		emu = await startZoho();
	});
	afterAll(async () => await emu.stop());
	beforeEach(() => emu.reset());

	function invoices(): IDataObject[] {
		return emu.data.books.transactions(BOOKS_ORG, 'invoices');
	}

	function change(invoice: IDataObject, fields: IDataObject): void {
		const now = Date.now();
		Object.assign(invoice, fields, { last_modified_time: booksTime(now), _modifiedTs: Math.floor(now / 1000) * 1000 });
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
		expect(lines[0]).toMatch(/^GET \/books\/v3\/invoices\?sort_column=last_modified_time&sort_order=D&last_modified_time=\d{4}-\d\d-\d\dT\d\d%3A\d\d%3A\d\d%2B0000&page=1&per_page=200&organization_id=10234695$/);
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
