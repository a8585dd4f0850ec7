import type { INodeParameters } from 'n8n-workflow';
import nock from 'nock';

import { loadOptions, runZohoNode } from '../../harness/engine';
import { usCredential } from '../../harness/fixtures';
import example from '../../../examples/books-sendPaymentRemindersInBulk.json';
import { runBulkExample } from './bulkExample';
import { emulatorCredential, requestsTo, useEmulator } from './emulator';

const ORG = '10234695';
// Seeded invoices of the default organization: sent, draft, paid, overdue.
const [SENT, DRAFT, PAID, OVERDUE] = ['460000000040001', '460000000040002', '460000000040003', '460000000040004'];
const REFUSED = 'Reminders can be sent only for invoices in the open or overdue status.';

function params(overrides: INodeParameters = {}): INodeParameters {
	return {
		resource: 'booksEmail',
		operation: 'sendPaymentRemindersInBulk',
		organizationId: { __rl: true, mode: 'id', value: ORG },
		transactionId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
		...overrides,
	};
}

const invoices = (...ids: string[]) => ids.map((id) => ({ id }));

/** What Zoho's refusal of one invoice in a bulk reminder becomes, for that item alone. */
function refusal(id: string, item: number) {
	return {
		json: {
			error: `Zoho Books could not send the payment reminder for invoice ${id}: ${REFUSED}`,
			description: `Zoho code: 4083\nZoho message: ${REFUSED}\nZoho Books sent no reminder for this invoice; it reminds only open (sent) and overdue invoices. The reminders for 2 other invoices of the call (items 0, 3) were sent.`,
		},
		pairedItem: { item },
	};
}

describe('Books Email: Send Payment Reminders in Bulk (emulator)', () => {
	const emulator = useEmulator();

	it('reminds in one call; the invoices Zoho refuses fail on their own (Continue On Fail)', async () => {
		const emu = emulator();
		const ids = [SENT, DRAFT, PAID, OVERDUE];
		const result = await runZohoNode({ parameters: params(), items: invoices(...ids), credential: emulatorCredential(emu), continueOnFail: true });
		expect(result.error).toBeUndefined();
		expect(requestsTo(emu, 'books')).toEqual([
			{ method: 'POST', path: '/books/v3/invoices/paymentreminder', query: { invoice_ids: ids.join(','), organization_id: ORG }, body: null },
		]);
		const sent = (id: string, item: number) => ({
			json: {
				code: 0,
				message: 'The reminders were successfully sent',
				organization_id: ORG,
				transaction_type: 'invoice',
				invoice_id: id,
				batch_ids: ids,
				reminder_sent: true,
				sent_count: 2,
			},
			pairedItem: { item },
		});
		expect(result.items).toEqual([sent(SENT, 0), refusal(DRAFT, 1), refusal(PAID, 2), sent(OVERDUE, 3)]);
		expect(emu.mails().map((m) => [m.kind, m.recordId])).toEqual([
			['reminder', SENT],
			['reminder', OVERDUE],
		]);
	});

	it('without Continue On Fail, stops with the first refused invoice\'s error after the one call', async () => {
		const emu = emulator();
		const result = await runZohoNode({ parameters: params(), items: invoices(SENT, DRAFT, OVERDUE), credential: emulatorCredential(emu) });
		expect(result.error?.message).toBe(`Zoho Books could not send the payment reminder for invoice ${DRAFT}: ${REFUSED}`);
		expect((result.error as unknown as { context: { itemIndex: number } }).context.itemIndex).toBe(1);
		expect(requestsTo(emu, 'books')).toHaveLength(1);
		expect(emu.data.books.transaction(ORG, 'invoices', OVERDUE)).toMatchObject({ reminders_sent: 1 });
	});

	it('picks invoices for the Invoice field', async () => {
		const emu = emulator();
		const found = (await loadOptions('listSearch', 'searchBooksTransactions', params(), emulatorCredential(emu))) as { results: Array<{ value: string }> };
		expect(found.results.map((r) => r.value).sort()).toEqual([SENT, DRAFT, PAID, OVERDUE]);
		expect(requestsTo(emu, 'books').map((r) => r.path)).toEqual(['/books/v3/invoices']);
	});

	it('names the unknown invoices of a call Zoho refused as a whole, sending nothing; an invoice found By Number is not read again', async () => {
		const emu = emulator();
		const [UNKNOWN, ALSO_UNKNOWN] = ['460000000049999', '460000000049998'];
		const items = [{ id: SENT }, { id: UNKNOWN }, { id: 'INV-00004', number: true }, { id: ALSO_UNKNOWN }];
		const byNumberWhenAsked = { __rl: true, mode: '={{ $json.number ? "number" : "id" }}', value: '={{ $json.id }}' };
		const result = await runZohoNode({ parameters: params({ transactionId: byNumberWhenAsked }), items, credential: emulatorCredential(emu), continueOnFail: true });
		expect(requestsTo(emu, 'books').map((r) => `${r.method} ${r.path}`)).toEqual([
			'GET /books/v3/invoices',
			'POST /books/v3/invoices/paymentreminder',
			'GET /books/v3/organizations',
			`GET /books/v3/invoices/${SENT}`,
			`GET /books/v3/invoices/${UNKNOWN}`,
			`GET /books/v3/invoices/${ALSO_UNKNOWN}`,
		]);
		const both = `invoice ${UNKNOWN} (item 1) and invoice ${ALSO_UNKNOWN} (item 3) do not exist in the organization Zylker Inc (${ORG}), so Zoho Books refused the whole call; nothing of it went out`;
		const own = (id: string) => `invoice ${id} does not exist in the organization Zylker Inc (${ORG}); nothing of the call went out`;
		expect(result.items.map((i) => [i.pairedItem, i.json.error])).toEqual([
			[{ item: 0 }, `Zoho Books could not send the payment reminders: ${both}`],
			[{ item: 1 }, `Zoho Books could not send the payment reminders: ${own(UNKNOWN)}`],
			[{ item: 2 }, `Zoho Books could not send the payment reminders: ${both}`],
			[{ item: 3 }, `Zoho Books could not send the payment reminders: ${own(ALSO_UNKNOWN)}`],
		]);
		expect(result.items[0].json.description).toBe(
			'Zoho code: 1002\nZoho message: Invoice does not exist.\nHTTP status: 404\nThis call held 4 invoices (items 0, 1, 2, 3). This item\'s invoice exists: run it again without the invoices that do not exist.',
		);
		expect(emu.mails()).toEqual([]);
	});

	it('a call of one unknown invoice names it without a read of the invoice', async () => {
		const emu = emulator();
		const result = await runZohoNode({ parameters: params(), items: invoices('460000000049999'), credential: emulatorCredential(emu), continueOnFail: true });
		expect(requestsTo(emu, 'books').map((r) => `${r.method} ${r.path}`)).toEqual(['POST /books/v3/invoices/paymentreminder', 'GET /books/v3/organizations']);
		expect(result.items).toEqual([
			{
				json: {
					error: `Zoho Books could not send the payment reminders: invoice 460000000049999 does not exist in the organization Zylker Inc (${ORG}); nothing of the call went out`,
					description: 'Zoho code: 1002\nZoho message: Invoice does not exist.\nHTTP status: 404\nCheck this item\'s invoice ID and the organization, or remove the item; then run the items again.',
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	it('runs the example workflow books-sendPaymentRemindersInBulk.json: the open and the overdue invoice, one call', async () => {
		const emu = emulator();
		const result = await runBulkExample(example, emu);
		expect(result.error).toBeUndefined();
		expect(result.ids).toEqual([SENT, OVERDUE]);
		expect(requestsTo(emu, 'books').map((r) => [r.path, r.query])).toEqual([['/books/v3/invoices/paymentreminder', { invoice_ids: `${SENT},${OVERDUE}`, organization_id: ORG }]]);
		expect(result.items.map((i) => [i.pairedItem, i.json.invoice_id, i.json.reminder_sent])).toEqual([
			[{ item: 0 }, SENT, true],
			[{ item: 1 }, OVERDUE, true],
		]);
	});
});

describe('Books Email: Send Payment Reminders in Bulk (nock)', () => {
	const API = 'https://www.zohoapis.com';
	beforeAll(() => nock.disableNetConnect());
	afterEach(() => nock.cleanAll());
	afterAll(() => nock.enableNetConnect());

	it('names no invoice on a guess: when a read to find the unknown one fails otherwise, every item keeps the call\'s error', async () => {
		const [A, B] = ['460000000060001', '460000000060002'];
		nock(API)
			.post('/books/v3/invoices/paymentreminder')
			.query({ invoice_ids: `${A},${B}`, organization_id: ORG })
			.once()
			.reply(404, { code: 1002, message: 'Invoice does not exist.' })
			.get('/books/v3/organizations')
			.once()
			.reply(200, { code: 0, message: 'success', organizations: [{ organization_id: ORG, name: 'Zylker Inc' }] })
			.get(`/books/v3/invoices/${A}`)
			.query({ organization_id: ORG })
			.once()
			.reply(200, { code: 0, message: 'success', invoice: { invoice_id: A } })
			.get(`/books/v3/invoices/${B}`)
			.query({ organization_id: ORG })
			.once()
			.reply(400, { code: 1038, message: 'JSON is not well formed' });
		const result = await runZohoNode({ parameters: params(), items: invoices(A, B), credential: usCredential(), continueOnFail: true });
		expect(nock.pendingMocks()).toEqual([]);
		const error = {
			error: `Zoho Books could not send the payment reminders: the record does not exist in the organization Zylker Inc (${ORG})`,
			description:
				'Zoho code: 1002\nZoho message: Invoice does not exist.\nHTTP status: 404\nCheck the ID and the organization.\n' +
				`This item was one of 2 invoices in one call (items 0, 1; IDs ${A}, ${B}). Zoho Books answered for the whole call, so this applies to each of them.`,
		};
		expect(result.items).toEqual([
			{ json: error, pairedItem: { item: 0 } },
			{ json: error, pairedItem: { item: 1 } },
		]);
	});

	it('makes ceil(n/10) calls and reads refused IDs given as one comma-separated string, as in Zoho\'s sample', async () => {
		const ids = Array.from({ length: 12 }, (_, i) => String(460000000060000 + i));
		nock(API)
			.post('/books/v3/invoices/paymentreminder')
			.query({ invoice_ids: ids.slice(0, 10).join(','), organization_id: ORG })
			.once()
			.reply(201, {
				code: 0,
				message: 'success',
				info: { email_success_info: { message: 'The reminders were successfully sent', sent_count: 8 }, email_errors_info: [{ message: 'Not open', ids: `${ids[2]},${ids[7]}` }], code: 4083 },
			})
			.post('/books/v3/invoices/paymentreminder')
			.query({ invoice_ids: ids.slice(10).join(','), organization_id: ORG })
			.once()
			.reply(201, { code: 0, message: 'success', info: { email_success_info: { message: 'The reminders were successfully sent', sent_count: 2 } } });
		const result = await runZohoNode({ parameters: params(), items: invoices(...ids), credential: usCredential(), continueOnFail: true });
		expect(nock.pendingMocks()).toEqual([]);
		expect(result.items.map((i) => i.json.reminder_sent ?? i.json.error)).toEqual(
			ids.map((id, k) => (k === 2 || k === 7 ? `Zoho Books could not send the payment reminder for invoice ${id}: Not open` : true)),
		);
		expect(result.items.map((i) => i.pairedItem)).toEqual(ids.map((_, item) => ({ item })));
	});
});
