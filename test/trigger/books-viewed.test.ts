import type { IDataObject } from 'n8n-workflow';

import { BOOKS_ORG, harness, requestLines } from './helpers';
import { useZoho } from './modelSupport';

const LIST = (path: string) => `GET /books/v3/${path}?sort_column=last_modified_time&sort_order=D&page=1&per_page=200&organization_id=${BOOKS_ORG}`;
const parameters = { source: 'booksEmailed', organizationId: BOOKS_ORG, transactionTypes: ['invoice', 'estimate'], customerViews: true };

interface BooksViews {
	addDocument: (orgId: string, entity: string, fields?: IDataObject) => IDataObject;
	viewDocument: (orgId: string, entity: string, id: string) => IDataObject;
}

describe('Zoho Email Trigger: Books viewed by the customer', () => {
	const zoho = useZoho({ perTest: { clockFromNow: 0 } });
	const { admin } = zoho;
	const tick = (seconds: number) => zoho.tick(seconds * 1000);
	let books: BooksViews;
	beforeEach(() => {
		books = zoho.emu.data.books as unknown as BooksViews;
	});

	it('emits one item when the customer views an emailed estimate (admin endpoint), with no extra call', async () => {
		const estimate = books.addDocument(BOOKS_ORG, 'estimates', { status: 'sent', emailed: true });
		tick(5);
		const h = harness(zoho.emu, parameters);
		expect((await h.poll()).items).toEqual([]);
		tick(5);
		const answer = await admin('books/views', { organizationId: BOOKS_ORG, entity: 'estimates', id: estimate.estimate_id as string });
		expect(answer.status).toBe(201);
		const viewed = (answer.data as { document: IDataObject }).document;
		expect(viewed).toMatchObject({ is_viewed_by_client: true, status: 'viewed' });
		tick(1);
		zoho.emu.clearRequests();
		const out = await h.poll();
		expect(requestLines(zoho.emu)).toEqual([LIST('invoices'), LIST('estimates')]);
		expect(out.items.map((i) => i.json)).toEqual([
			{ event: 'viewed', documentType: 'estimate', documentId: estimate.estimate_id, viewedTime: viewed.client_viewed_time, document: viewed },
		]);
		// Viewed again, edited: nothing more.
		tick(5);
		books.viewDocument(BOOKS_ORG, 'estimates', estimate.estimate_id as string);
		tick(1);
		expect((await h.poll()).items).toEqual([]);
	});

	it('a document viewed before activation is not emitted when it changes later; without the option nothing is', async () => {
		const invoice = books.addDocument(BOOKS_ORG, 'invoices', { status: 'sent', emailed: true });
		books.viewDocument(BOOKS_ORG, 'invoices', invoice.invoice_id as string);
		tick(5);
		const h = harness(zoho.emu, parameters);
		const off = harness(zoho.emu, { ...parameters, customerViews: false });
		await h.poll();
		await off.poll();
		tick(5);
		books.viewDocument(BOOKS_ORG, 'invoices', invoice.invoice_id as string);
		const other = books.addDocument(BOOKS_ORG, 'invoices', { status: 'sent', emailed: true });
		books.viewDocument(BOOKS_ORG, 'invoices', other.invoice_id as string);
		tick(1);
		expect((await h.poll()).items.filter((i) => i.json.event === 'viewed').map((i) => i.json.documentId)).toEqual([other.invoice_id]);
		expect((await off.poll()).items.map((i) => i.json.event)).toEqual(['emailed']);
	});

	it('a retainer invoice whose client_viewed_time is no time (its OAS types it boolean) counts once, filed at its creation', async () => {
		const h = harness(zoho.emu, { ...parameters, transactionTypes: ['retainerInvoice'] });
		const before = books.addDocument(BOOKS_ORG, 'retainerinvoices', { emailed: true });
		tick(5);
		await h.poll();
		tick(5);
		const doc = books.addDocument(BOOKS_ORG, 'retainerinvoices', { emailed: true });
		tick(5);
		books.viewDocument(BOOKS_ORG, 'retainerinvoices', doc.retainerinvoice_id as string);
		books.viewDocument(BOOKS_ORG, 'retainerinvoices', before.retainerinvoice_id as string);
		const list = zoho.emu.data.books.transactions(BOOKS_ORG, 'retainerinvoices');
		const stored = list.find((d) => d.retainerinvoice_id === doc.retainerinvoice_id) as IDataObject;
		for (const d of list) {
			d.client_viewed_time = true;
			delete d._viewedTs;
		}
		tick(1);
		const out = await h.poll();
		// Created before activation, with no view time: not emitted (README, Limits).
		expect(out.items.filter((i) => i.json.event === 'viewed').map((i) => [i.json.documentId, i.json.viewedTime])).toEqual([[doc.retainerinvoice_id, true]]);
		tick(60);
		stored.total = 7;
		stored.last_modified_time = new Date(zoho.clock).toISOString().replace(/\.\d{3}Z$/, '+0000');
		stored._modifiedTs = zoho.clock;
		tick(1);
		expect((await h.poll()).items).toEqual([]);
	});

	it('the admin endpoint refuses a document that was not emailed, naming why', async () => {
		const draft = books.addDocument(BOOKS_ORG, 'invoices', {});
		const answer = await admin('books/views', { organizationId: BOOKS_ORG, entity: 'invoices', id: draft.invoice_id as string });
		expect(answer.status).toBe(400);
		expect(answer.data).toEqual({ error: `invoices ${String(draft.invoice_id)} was not emailed: the customer has no link to view it` });
		const missing = await admin('books/views', { organizationId: BOOKS_ORG, entity: 'invoices' });
		expect(missing.data).toEqual({ error: 'id must be a string of 1 to 100 characters' });
	});
});
