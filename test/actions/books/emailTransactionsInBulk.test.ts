import type { INodeParameters } from 'n8n-workflow';
import nock from 'nock';

import { runZohoNode } from '../../harness/engine';
import { usCredential } from '../../harness/fixtures';
import example from '../../../examples/books-emailTransactionsInBulk.json';
import { runBulkExample } from './bulkExample';
import { emulatorCredential, requestsTo, useEmulator } from './emulator';

const ORG = '10234695';
const INDIA = '60019077540';
const [INV1, INV2, INV3, INV4] = ['460000000040001', '460000000040002', '460000000040003', '460000000040004'];
const EST1 = '460000000040101';
const INDIA_INV1 = '982000000040001';
const UNKNOWN = '460000000049999';
const QUEUED = 'Your mails are scheduled to be sent in a few minutes. We will notify you once it is done.';

/** Each input item names its organization and document; one call per run of 10 alike. */
function params(overrides: INodeParameters = {}): INodeParameters {
	return {
		resource: 'booksEmail',
		operation: 'emailTransactionsInBulk',
		organizationId: { __rl: true, mode: 'id', value: '={{ $json.org }}' },
		transactionType: 'invoice',
		transactionId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
		...overrides,
	};
}

const invoice = (id: string, org = ORG) => ({ org, id });
/** One item at a time, so the order of the calls is the order of the batches. */
const inOrder = { performance: { requestsInFlight: 1 } };

describe('Books Email: Email Transactions in Bulk (emulator)', () => {
	const emulator = useEmulator();

	it('emails four invoices in one call, one output item per invoice', async () => {
		const emu = emulator();
		const ids = [INV1, INV2, INV3, INV4];
		const result = await runZohoNode({ parameters: params(), items: ids.map((id) => invoice(id)), credential: emulatorCredential(emu) });
		expect(result.error).toBeUndefined();
		expect(requestsTo(emu, 'books')).toEqual([
			{ method: 'POST', path: '/books/v3/invoices/email', query: { invoice_ids: ids.join(','), organization_id: ORG }, body: null },
		]);
		expect(result.items).toEqual(
			ids.map((id, item) => ({
				json: { code: 0, message: QUEUED, organization_id: ORG, transaction_type: 'invoice', invoice_id: id, batch_ids: ids },
				pairedItem: { item },
			})),
		);
		expect(emu.mails().map((m) => m.recordId)).toEqual(ids);
	});

	it('starts a new call when the organization changes or a document repeats', async () => {
		const emu = emulator();
		const items = [invoice(INV1), invoice(INV2), invoice(INDIA_INV1, INDIA), invoice(INV3), invoice(INV3)];
		const result = await runZohoNode({ parameters: params(inOrder), items, credential: emulatorCredential(emu) });
		expect(result.error).toBeUndefined();
		expect(requestsTo(emu, 'books').map((r) => r.query)).toEqual([
			{ invoice_ids: `${INV1},${INV2}`, organization_id: ORG },
			{ invoice_ids: INDIA_INV1, organization_id: INDIA },
			{ invoice_ids: INV3, organization_id: ORG },
			{ invoice_ids: INV3, organization_id: ORG },
		]);
		expect(result.items.map((i) => [i.pairedItem, i.json.organization_id, i.json.invoice_id, i.json.batch_ids])).toEqual([
			[{ item: 0 }, ORG, INV1, [INV1, INV2]],
			[{ item: 1 }, ORG, INV2, [INV1, INV2]],
			[{ item: 2 }, INDIA, INDIA_INV1, [INDIA_INV1]],
			[{ item: 3 }, ORG, INV3, [INV3]],
			[{ item: 4 }, ORG, INV3, [INV3]],
		]);
	});

	it('emails estimates at /estimates/email with estimate_ids', async () => {
		const emu = emulator();
		const ids = [EST1, '460000000040102'];
		const result = await runZohoNode({ parameters: params({ transactionType: 'estimate' }), items: ids.map((id) => invoice(id)), credential: emulatorCredential(emu) });
		expect(requestsTo(emu, 'books')).toEqual([
			{ method: 'POST', path: '/books/v3/estimates/email', query: { estimate_ids: ids.join(','), organization_id: ORG }, body: null },
		]);
		expect(result.items).toEqual(
			ids.map((id, item) => ({
				json: { code: 0, message: "Mission accomplished! We've sent all the estimates.", organization_id: ORG, transaction_type: 'estimate', estimate_id: id, batch_ids: ids },
				pairedItem: { item },
			})),
		);
	});

	it('with Continue On Fail, names the unknown invoice of a refused call (one read per invoice, one of the organizations), says nothing of it went out, and sends once', async () => {
		const emu = emulator();
		const ids = [INV1, UNKNOWN, INV3];
		const result = await runZohoNode({ parameters: params(), items: [...ids.map((id) => invoice(id)), invoice(INDIA_INV1, INDIA)], credential: emulatorCredential(emu), continueOnFail: true });
		expect(result.error).toBeUndefined();
		const calls = requestsTo(emu, 'books');
		expect(calls).toHaveLength(6);
		expect(calls).toEqual(
			expect.arrayContaining([
				{ method: 'POST', path: '/books/v3/invoices/email', query: { invoice_ids: ids.join(','), organization_id: ORG }, body: null },
				{ method: 'POST', path: '/books/v3/invoices/email', query: { invoice_ids: INDIA_INV1, organization_id: INDIA }, body: null },
				{ method: 'GET', path: '/books/v3/organizations', query: {}, body: null },
				...ids.map((id) => ({ method: 'GET', path: `/books/v3/invoices/${id}`, query: { organization_id: ORG }, body: null })),
			]),
		);
		const zoho = 'Zoho code: 1002\nZoho message: Invoice does not exist.\nHTTP status: 404\nThis call held 3 invoices (items 0, 1, 2). ';
		const other = {
			error: `Zoho Books could not email the invoices: invoice ${UNKNOWN} (item 1) does not exist in the organization Zylker Inc (${ORG}), so Zoho Books refused the whole call; nothing of it went out`,
			description: `${zoho}This item's invoice exists: run it again without the invoice that does not exist.`,
		};
		const unknown = {
			error: `Zoho Books could not email the invoices: invoice ${UNKNOWN} does not exist in the organization Zylker Inc (${ORG}); nothing of the call went out`,
			description: `${zoho}Check this item's invoice ID and the organization, or remove the item; then run the items again.`,
		};
		expect(result.items).toEqual([
			{ json: other, pairedItem: { item: 0 } },
			{ json: unknown, pairedItem: { item: 1 } },
			{ json: other, pairedItem: { item: 2 } },
			{ json: { code: 0, message: QUEUED, organization_id: INDIA, transaction_type: 'invoice', invoice_id: INDIA_INV1, batch_ids: [INDIA_INV1] }, pairedItem: { item: 3 } },
		]);
		expect(emu.mails().map((m) => m.recordId)).toEqual([INDIA_INV1]);
	});

	it('without Continue On Fail, stops with the error of the first item of the refused call', async () => {
		const emu = emulator();
		const result = await runZohoNode({ parameters: params(inOrder), items: [invoice(UNKNOWN), invoice(INV1), invoice(INDIA_INV1, INDIA)], credential: emulatorCredential(emu) });
		expect(result.error?.message).toBe(`Zoho Books could not email the invoices: invoice ${UNKNOWN} does not exist in the organization Zylker Inc (${ORG}); nothing of the call went out`);
		// In the editor, the description is HTML: one line per fact.
		expect(result.error?.description).toBe(
			'Zoho code: 1002<br>Zoho message: Invoice does not exist.<br>HTTP status: 404<br>This call held 2 invoices (items 0, 1). Check this item\'s invoice ID and the organization, or remove the item; then run the items again.',
		);
		expect((result.error as unknown as { context: { itemIndex: number } }).context.itemIndex).toBe(0);
		// The next batch (another organization) never started.
		expect(requestsTo(emu, 'books').map((r) => `${r.method} ${r.path} ${r.query.invoice_ids ?? ''}`.trim())).toEqual([
			`POST /books/v3/invoices/email ${UNKNOWN},${INV1}`,
			'GET /books/v3/organizations',
			`GET /books/v3/invoices/${UNKNOWN}`,
			`GET /books/v3/invoices/${INV1}`,
		]);
	});

	it('refuses a bad ID before any request, and the items around it still go in calls of their own', async () => {
		const emu = emulator();
		const result = await runZohoNode({ parameters: params(inOrder), items: [invoice(INV1), invoice('INV-00002'), invoice(INV3)], credential: emulatorCredential(emu), continueOnFail: true });
		expect(requestsTo(emu, 'books').map((r) => r.query.invoice_ids)).toEqual([INV1, INV3]);
		expect(result.items.map((i) => [i.pairedItem, i.json.invoice_id ?? 'error'])).toEqual([
			[{ item: 0 }, INV1],
			[{ item: 1 }, 'error'],
			[{ item: 2 }, INV3],
		]);
		expect(result.items[1].json.error).toContain('"Invoice"');
	});

	it('refuses a type Zoho cannot email in bulk, naming the field', async () => {
		const emu = emulator();
		const result = await runZohoNode({ parameters: params({ transactionType: 'salesOrder' }), items: [invoice('460000000040201')], credential: emulatorCredential(emu) });
		expect(result.error?.message).toContain('"Transaction Type"');
		expect(requestsTo(emu, 'books')).toEqual([]);
	});

	it('counts each document toward Max Emails per Execution and leaves the refused ones out of the call', async () => {
		const emu = emulator();
		const ids = [INV1, INV2, INV3, INV4];
		const result = await runZohoNode({
			parameters: params({ performance: { maxEmailsPerExecution: 3 } }),
			items: ids.map((id) => invoice(id)),
			credential: emulatorCredential(emu),
			continueOnFail: true,
		});
		expect(requestsTo(emu, 'books').map((r) => r.query.invoice_ids)).toEqual([`${INV1},${INV2},${INV3}`]);
		expect(result.items.map((i) => i.json.invoice_id ?? i.json.error)).toEqual([INV1, INV2, INV3, 'Item 3 was not sent: "Max Emails per Execution" (3) is reached']);
		expect(result.items[0].json.batch_ids).toEqual([INV1, INV2, INV3]);
	});

	it('runs the example workflow books-emailTransactionsInBulk.json: three invoices, one call', async () => {
		const emu = emulator();
		const result = await runBulkExample(example, emu);
		expect(result.error).toBeUndefined();
		expect(requestsTo(emu, 'books').map((r) => [r.path, r.query])).toEqual([['/books/v3/invoices/email', { invoice_ids: result.ids.join(','), organization_id: ORG }]]);
		expect(result.items.map((i) => [i.pairedItem, i.json.invoice_id, i.json.code])).toEqual(result.ids.map((id, item) => [{ item }, id, 0]));
	});
});

describe('Books Email: Email Transactions in Bulk (nock)', () => {
	const API = 'https://www.zohoapis.com';
	beforeAll(() => nock.disableNetConnect());
	afterEach(() => nock.cleanAll());
	afterAll(() => nock.enableNetConnect());

	it('makes ceil(n/10) calls: 23 invoices in calls of 10, 10 and 3', async () => {
		const ids = Array.from({ length: 23 }, (_, i) => String(460000000050000 + i));
		const chunks = [ids.slice(0, 10), ids.slice(10, 20), ids.slice(20)];
		const scope = nock(API);
		for (const chunk of chunks) {
			scope.post('/books/v3/invoices/email').query({ invoice_ids: chunk.join(','), organization_id: ORG }).once().reply(200, { code: 0, message: QUEUED });
		}
		const result = await runZohoNode({ parameters: params(), items: ids.map((id) => invoice(id)), credential: usCredential() });
		expect(result.error).toBeUndefined();
		expect(nock.pendingMocks()).toEqual([]);
		expect(result.items.map((i) => [i.pairedItem, i.json.invoice_id, i.json.batch_ids])).toEqual(
			ids.map((id, item) => [{ item }, id, chunks[Math.floor(item / 10)]]),
		);
	});

	it('never repeats a call whose answer was lost: each item says it may have gone out', async () => {
		nock(API)
			.post('/books/v3/estimates/email')
			.query({ estimate_ids: `${EST1},460000000040102`, organization_id: ORG })
			.once()
			.replyWithError({ code: 'ECONNRESET', message: 'socket hang up' });
		const items = [EST1, '460000000040102'].map((id) => invoice(id));
		const result = await runZohoNode({ parameters: params({ transactionType: 'estimate' }), items, credential: usCredential(), continueOnFail: true });
		expect(nock.pendingMocks()).toEqual([]);
		expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		for (const item of result.items) {
			expect(item.json.error).toBe('Zoho Books could not email the estimates: the connection to Zoho was lost before an answer came');
			expect(item.json.description).toContain('The emails of this call may or may not have gone out. It was not retried');
			expect(item.json.description).toContain(`This item was one of 2 estimates in one call (items 0, 1; IDs ${EST1}, 460000000040102).`);
		}
	});
});
