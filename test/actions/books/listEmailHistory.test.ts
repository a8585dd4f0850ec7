import type { INodeParameters } from 'n8n-workflow';
import nock from 'nock';

import { loadOptions, runZohoNode } from '../../harness/engine';
import { usCredential } from '../../harness/fixtures';
import example from '../../../examples/books-listEmailHistory.json';
import documentExample from '../../../examples/books-listDocumentHistory.json';
import { emulatorCredential, type ExampleJson, requestsTo, runExample, useEmulator } from './emulator';

const ORG = '10234695';
const CONTACT = '460000000026049';
const CREDIT_NOTE = '460000000040401';

type Comment = { date: string; comment_id: string };

/** Zoho lists a contact's history newest first; the seeded entries have distinct dates. */
function newestFirst<T extends { date: string }>(entries: T[]): T[] {
	return [...entries].sort((a, b) => b.date.localeCompare(a.date));
}

function params(overrides: INodeParameters = {}): INodeParameters {
	return {
		resource: 'booksEmail',
		operation: 'listEmailHistory',
		organizationId: { __rl: true, mode: 'id', value: ORG },
		historyOf: 'contact',
		contactId: { __rl: true, mode: 'id', value: CONTACT },
		output: 'raw',
		...overrides,
	};
}

describe('Books Email: List Email History (emulator)', () => {
	const emulator = useEmulator();

	it('returns every history entry of a contact, one item each, following pages', async () => {
		const emu = emulator();
		const expected = newestFirst(emu.data.books.comments(ORG, CONTACT) as Comment[]);
		expect(expected).toHaveLength(5);
		const result = await runZohoNode({ parameters: params({ returnAll: true }), credential: emulatorCredential(emu) });
		expect(result.error).toBeUndefined();
		expect(requestsTo(emu, 'books')).toEqual([
			{ method: 'GET', path: `/books/v3/contacts/${CONTACT}/comments`, query: { page: '1', per_page: '200', organization_id: ORG }, body: null },
		]);
		expect(result.items).toEqual(expected.map((json: object) => ({ json, pairedItem: { item: 0 } })));
	});

	it('stops fetching once the limit is met', async () => {
		const emu = emulator();
		const result = await runZohoNode({ parameters: params({ returnAll: false, limit: 2 }), credential: emulatorCredential(emu) });
		expect(requestsTo(emu, 'books').map((r) => r.query)).toEqual([{ page: '1', per_page: '2', organization_id: ORG }]);
		expect(result.items.map((i) => i.json.comment_id)).toEqual(newestFirst(emu.data.books.comments(ORG, CONTACT) as Comment[]).slice(0, 2).map((c) => c.comment_id));
	});

	it('returns a credit note\'s email history, naming the credit note on each entry', async () => {
		const emu = emulator();
		const result = await runZohoNode({
			parameters: params({ historyOf: 'creditNote', transactionId: { __rl: true, mode: 'id', value: CREDIT_NOTE } }),
			items: [{}, {}],
			credential: emulatorCredential(emu),
		});
		expect(requestsTo(emu, 'books')).toEqual([
			{ method: 'GET', path: `/books/v3/creditnotes/${CREDIT_NOTE}/emailhistory`, query: { organization_id: ORG }, body: null },
			{ method: 'GET', path: `/books/v3/creditnotes/${CREDIT_NOTE}/emailhistory`, query: { organization_id: ORG }, body: null },
		]);
		const entry = {
			mailhistory_id: '460000000070005',
			from: 'patricia.boyle@zylker.com',
			to_mail_ids: ['willsmith@bowmanfurniture.example'],
			subject: 'Credit note CN-00001 from Zylker Inc',
			date: '2025-04-21',
			creditnote_id: CREDIT_NOTE,
		};
		expect(result.items).toEqual([
			{ json: entry, pairedItem: { item: 0 } },
			{ json: entry, pairedItem: { item: 1 } },
		]);
	});

	it.each([
		['invoice', 'invoices', '460000000040001', 'invoice_id'],
		['estimate', 'estimates', '460000000040101', 'estimate_id'],
		['salesOrder', 'salesorders', '460000000040201', 'salesorder_id'],
		['purchaseOrder', 'purchaseorders', '460000000040301', 'purchaseorder_id'],
		['retainerInvoice', 'retainerinvoices', '460000000040501', 'retainerinvoice_id'],
	])('lists the comments & history of a %s, one item per entry', async (historyOf, path, id, idField) => {
		const emu = emulator();
		const expected = emu.data.books.documentComments(ORG, path, id) as Array<Record<string, unknown>>;
		expect(expected).toHaveLength(1);
		const result = await runZohoNode({ parameters: params({ historyOf, transactionId: { __rl: true, mode: 'id', value: id } }), credential: emulatorCredential(emu) });
		expect(result.error).toBeUndefined();
		expect(requestsTo(emu, 'books')).toEqual([{ method: 'GET', path: `/books/v3/${path}/${id}/comments`, query: { organization_id: ORG }, body: null }]);
		expect(result.items).toEqual(expected.map((json) => ({ json: { ...json, [idField]: id }, pairedItem: { item: 0 } })));
	});

	it('lists the documents of the chosen history type for the picker', async () => {
		const emu = emulator();
		await loadOptions('listSearch', 'searchBooksTransactions', params({ historyOf: 'purchaseOrder' }), emulatorCredential(emu));
		await loadOptions('listSearch', 'searchBooksTransactions', params({ historyOf: 'creditNote' }), emulatorCredential(emu));
		expect(requestsTo(emu, 'books').map((r) => r.path)).toEqual(['/books/v3/purchaseorders', '/books/v3/creditnotes']);
	});

	it('shows when and to whom an invoice was emailed in bulk, newest first', async () => {
		const emu = emulator();
		const invoice = '460000000040002';
		const bulk = await runZohoNode({
			parameters: { resource: 'booksEmail', operation: 'emailTransactionsInBulk', organizationId: { __rl: true, mode: 'id', value: ORG }, transactionType: 'invoice', transactionId: { __rl: true, mode: 'id', value: invoice } },
			credential: emulatorCredential(emu),
		});
		expect(bulk.error).toBeUndefined();
		const result = await runZohoNode({ parameters: params({ historyOf: 'invoice', transactionId: { __rl: true, mode: 'id', value: invoice } }), credential: emulatorCredential(emu) });
		expect(result.items.map((i) => [i.json.description, i.json.operation_type, i.json.date])).toEqual([
			['Invoice emailed to emma.stone@harborcafe.example', 'Emailed', emu.data.books.documentComments(ORG, 'invoices', invoice)[0].date],
			['Invoice created for $860.50', 'Added', '2025-05-10'],
		]);
	});

	it('runs the example workflow books-listDocumentHistory.json', async () => {
		const emu = emulator();
		const result = await runExample(documentExample as unknown as ExampleJson, emu);
		expect(result.error).toBeUndefined();
		expect(requestsTo(emu, 'books').map((r) => r.path)).toEqual(['/books/v3/invoices/460000000040001/comments']);
		expect(result.items.map((i) => [i.json.invoice_id, i.json.description])).toEqual([['460000000040001', 'Invoice created for $1200.00']]);
	});

	it('Simplified (the default): a credit note\'s emails as ID, date, sender, recipients and subject', async () => {
		const emu = emulator();
		const result = await runZohoNode({
			parameters: params({ historyOf: 'creditNote', transactionId: { __rl: true, mode: 'id', value: CREDIT_NOTE }, output: 'simple' }),
			credential: emulatorCredential(emu),
		});
		expect(result.items).toEqual([
			{
				json: {
					id: '460000000070005',
					date: '2025-04-21',
					from: 'patricia.boyle@zylker.com',
					to: ['willsmith@bowmanfurniture.example'],
					subject: 'Credit note CN-00001 from Zylker Inc',
					creditnote_id: CREDIT_NOTE,
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	it('Simplified (the default): a contact\'s history as ID, date, type, operation, text and transaction', async () => {
		const emu = emulator();
		const latest = newestFirst(emu.data.books.comments(ORG, CONTACT) as Array<Comment & Record<string, string>>)[0];
		const result = await runZohoNode({ parameters: params({ limit: 1, output: 'simple' }), credential: emulatorCredential(emu) });
		expect(result.items.map((i) => i.json)).toEqual([
			{
				id: latest.comment_id,
				date: latest.date,
				type: latest.transaction_type,
				operation: latest.operation_type,
				description: latest.description,
				by: latest.commented_by,
				transaction_id: latest.transaction_id,
				contact_id: CONTACT,
			},
		]);
		expect(Object.values(result.items[0].json).every((v) => typeof v === 'string')).toBe(true);
	});

	it('runs the example workflow books-listEmailHistory.json', async () => {
		const emu = emulator();
		const result = await runExample(example as unknown as ExampleJson, emu);
		expect(result.error).toBeUndefined();
		expect(requestsTo(emu, 'books').map((r) => r.query)).toEqual([{ page: '1', per_page: '10', organization_id: ORG }]);
		expect(result.items).toHaveLength(5);
		expect(result.items.every((i) => i.json.contact_id === CONTACT && i.pairedItem !== undefined)).toBe(true);
	});
});

describe('Books Email: List Email History errors (nock)', () => {
	const API = 'https://www.zohoapis.com';
	beforeAll(() => nock.disableNetConnect());
	afterEach(() => nock.cleanAll());
	afterAll(() => nock.enableNetConnect());

	it('follows has_more_page across pages and maps an error on a later page', async () => {
		const path = `/books/v3/contacts/${CONTACT}/comments`;
		nock(API)
			.get(path)
			.query({ page: '1', per_page: '200', organization_id: ORG })
			.reply(200, { code: 0, message: 'success', contact_comments: [{ comment_id: '1' }], page_context: { page: 1, has_more_page: true } })
			.get(path)
			.query({ page: '2', per_page: '200', organization_id: ORG })
			.reply(200, { code: 1002, message: 'Contact does not exist.' })
			.get('/books/v3/organizations').reply(200, { code: 0, message: 'success', organizations: [{ organization_id: ORG, name: 'Zylker Inc' }] });
		const result = await runZohoNode({ parameters: params({ returnAll: true }), credential: usCredential() });
		expect(result.error?.message).toBe(`Zoho Books could not list the contact's history: the record does not exist in the organization Zylker Inc (${ORG})`);
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('marks each document entry with its document, applies the limit and maps 1002', async () => {
		const path = '/books/v3/salesorders/460000000040201/comments';
		nock(API)
			.get(path)
			.query({ organization_id: ORG })
			.reply(200, { code: 0, message: 'success', comments: [{ comment_id: '1', description: 'Sales Order emailed' }, { comment_id: '2' }, { comment_id: '3' }] })
			.get(path)
			.query({ organization_id: ORG })
			.reply(404, { code: 1002, message: 'Sales Order does not exist.' })
			.get('/books/v3/organizations').reply(200, { code: 0, message: 'success', organizations: [{ organization_id: ORG, name: 'Zylker Inc' }] });
		const parameters = params({ historyOf: 'salesOrder', transactionId: { __rl: true, mode: 'id', value: '460000000040201' }, returnAll: false, limit: 2 });
		const result = await runZohoNode({ parameters, credential: usCredential() });
		expect(result.items).toEqual([
			{ json: { comment_id: '1', description: 'Sales Order emailed', salesorder_id: '460000000040201' }, pairedItem: { item: 0 } },
			{ json: { comment_id: '2', salesorder_id: '460000000040201' }, pairedItem: { item: 0 } },
		]);
		const missing = await runZohoNode({ parameters, credential: usCredential() });
		expect(missing.error?.message).toBe(`Zoho Books could not list the sales order's history: the record does not exist in the organization Zylker Inc (${ORG})`);
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('maps code 57 on the credit note history', async () => {
		nock(API).get(`/books/v3/creditnotes/${CREDIT_NOTE}/emailhistory`).query(true).twice().reply(401, { code: 57, message: 'You are not authorized to perform this operation' });
		nock('https://accounts.zoho.com').post('/oauth/v2/token').reply(200, { access_token: '1000.refreshed', api_domain: API, token_type: 'Bearer', expires_in: 3600 });
		const result = await runZohoNode({
			parameters: params({ historyOf: 'creditNote', transactionId: { __rl: true, mode: 'id', value: CREDIT_NOTE } }),
			credential: usCredential(),
		});
		expect(result.error?.message).toBe(
			"Zoho Books could not list the credit note's email history: Zoho Books refused the request: the token expired, or the credential lacks the permission (scope)",
		);
	});
});
