import type { INodeParameters } from 'n8n-workflow';
import nock from 'nock';

import { binaryWorkflow } from '../../harness/binaryItems';
import { loadOptions, runWorkflow, runZohoNode } from '../../harness/engine';
import { usCredential } from '../../harness/fixtures';
import example from '../../../examples/books-emailTransaction.json';
import { emulatorCredential, type ExampleJson, requestsTo, runExample, useEmulator } from './emulator';
import { MAX_RATE_LIMIT_RETRIES } from '../../../nodes/ZohoEmail/transport/policy';

const ORG = '10234695';
const INVOICE = '460000000040001';
const CREDIT_NOTE = '460000000040401';
const SALES_ORDER = '460000000040201';
const WILL = 'willsmith@bowmanfurniture.example';

function params(overrides: INodeParameters = {}): INodeParameters {
	return {
		resource: 'booksEmail',
		operation: 'emailTransaction',
		organizationId: { __rl: true, mode: 'id', value: ORG },
		transactionType: 'invoice',
		transactionId: { __rl: true, mode: 'id', value: INVOICE },
		to: WILL,
		...overrides,
	};
}

describe('Books Email: Email a Transaction (emulator)', () => {
	const emulator = useEmulator();

	it('emails an invoice with the default template: no subject or body, options as documented', async () => {
		const emu = emulator();
		const result = await runZohoNode({
			parameters: params({
				additionalFields: { attachPdf: false, cc: 'Books <books@zylker.com>', fromAddressId: '460000000000003', sendCustomerStatement: true, sendFromOrgEmail: true },
			}),
			credential: emulatorCredential(emu),
		});
		expect(result.error).toBeUndefined();
		expect(requestsTo(emu, 'books')).toEqual([
			{
				method: 'POST',
				path: `/books/v3/invoices/${INVOICE}/email`,
				query: { send_attachment: 'false', send_customer_statement: 'true', organization_id: ORG },
				body: { send_from_org_email_id: true, from_address_id: '460000000000003', to_mail_ids: [WILL], cc_mail_ids: ['books@zylker.com'] },
			},
		]);
		expect(result.items).toEqual([
			{
				json: {
					code: 0,
					message: 'Your invoice has been sent.',
					organization_id: ORG,
					transaction_type: 'invoice',
					invoice_id: INVOICE,
					to_mail_ids: [WILL],
					default_template: true,
					scheduled: false,
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	it('fetches and sends the default content where Zoho requires subject and body (credit note)', async () => {
		const emu = emulator();
		const result = await runZohoNode({
			parameters: params({ transactionType: 'creditNote', transactionId: { __rl: true, mode: 'id', value: CREDIT_NOTE } }),
			credential: emulatorCredential(emu),
		});
		expect(result.error).toBeUndefined();
		const [get, post] = requestsTo(emu, 'books');
		expect(get).toEqual({ method: 'GET', path: `/books/v3/creditnotes/${CREDIT_NOTE}/email`, query: { organization_id: ORG }, body: null });
		expect(post).toEqual({
			method: 'POST',
			path: `/books/v3/creditnotes/${CREDIT_NOTE}/email`,
			query: { organization_id: ORG },
			body: {
				to_mail_ids: [WILL],
				subject: 'Credit Note from Zylker Inc (Credit Note#: CN-00001)',
				body: 'Dear Bowman and Co,<br/><br/>Thank you for your business. Your credit note CN-00001 can be viewed, printed and downloaded as PDF from the link below.<br/><br/>Regards,<br/>Patricia Boyle<br/>Zylker Inc',
			},
		});
		expect(result.items.map((i) => [i.json.message, i.json.creditnote_id, i.pairedItem])).toEqual([
			['Your creditnote has been sent.', CREDIT_NOTE, { item: 0 }],
		]);
	});

	it.each([
		['invoice', 'invoices', '460000000040001', 'Your invoice has been sent.'],
		['estimate', 'estimates', '460000000040101', 'Your estimate has been sent.'],
		['salesOrder', 'salesorders', SALES_ORDER, 'Your Sales Order has been sent.'],
		['purchaseOrder', 'purchaseorders', '460000000040301', 'Your purchase order has been sent.'],
		['creditNote', 'creditnotes', CREDIT_NOTE, 'Your creditnote has been sent.'],
		['retainerInvoice', 'retainerinvoices', '460000000040501', 'Your retainer invoice has been sent.'],
		['salesReceipt', 'salesreceipts', '460000000040601', 'Your Sales Receipt has been sent.'],
	])('emails transaction type %s with a custom subject and body at its documented endpoint', async (type, path, id, message) => {
		const emu = emulator();
		const result = await runZohoNode({
			parameters: params({ transactionType: type, transactionId: { __rl: true, mode: 'id', value: id }, contentMode: 'custom', subject: 'Hello', content: '<p>See attached</p>' }),
			credential: emulatorCredential(emu),
		});
		expect(result.error).toBeUndefined();
		expect(requestsTo(emu, 'books')).toEqual([
			{ method: 'POST', path: `/books/v3/${path}/${id}/email`, query: { organization_id: ORG }, body: { to_mail_ids: [WILL], subject: 'Hello', body: '<p>See attached</p>' } },
		]);
		expect(result.items).toEqual([{ json: expect.objectContaining({ code: 0, message, transaction_type: type, default_template: false }), pairedItem: { item: 0 } }]);
	});

	it('sends a sales order with BCC, PDF name and a binary file as multipart', async () => {
		const emu = emulator();
		const workflow = binaryWorkflow(
			[{ files: [{ property: 'data', fileName: 'terms.txt', mimeType: 'text/plain', content: 'terms' }] }],
			params({
				transactionType: 'salesOrder',
				transactionId: { __rl: true, mode: 'id', value: SALES_ORDER },
				contentMode: 'custom',
				subject: 'Your order',
				content: 'Order attached',
				additionalFields: { bcc: 'audit@zylker.com', binaryPropertyNames: 'data', fileName: 'SO-00001.pdf' },
			}),
		);
		const result = await runWorkflow(workflow, emulatorCredential(emu));
		expect(result.error).toBeUndefined();
		expect(requestsTo(emu, 'books')).toEqual([
			{
				method: 'POST',
				path: `/books/v3/salesorders/${SALES_ORDER}/email`,
				query: { file_name: 'SO-00001.pdf', organization_id: ORG },
				body: {
					fields: { JSONString: JSON.stringify({ to_mail_ids: [WILL], bcc_mail_ids: ['audit@zylker.com'], subject: 'Your order', body: 'Order attached' }) },
					files: [{ field: 'attachments', filename: 'terms.txt', contentType: 'text/plain', size: 5 }],
				},
			},
		]);
		expect(result.output['Zoho Email'].map((i) => i.json.message)).toEqual(['Your Sales Order has been sent.']);
	});

	it('schedules an invoice email', async () => {
		const emu = emulator();
		const result = await runZohoNode({
			parameters: params({ when: 'schedule', scheduledTime: '2030-06-20T10:00:00' }),
			credential: emulatorCredential(emu),
		});
		expect(result.error).toBeUndefined();
		expect(requestsTo(emu, 'books')).toEqual([
			{ method: 'POST', path: `/books/v3/invoices/${INVOICE}/email/schedule`, query: { organization_id: ORG }, body: { schedule_time: '2030-06-20 10:00:00' } },
		]);
		expect(result.items).toEqual([
			{
				json: {
					code: 0,
					message: 'The invoice email has been scheduled.',
					organization_id: ORG,
					transaction_type: 'invoice',
					invoice_id: INVOICE,
					scheduled: true,
					schedule_time: '2030-06-20 10:00:00',
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	it.each([
		['a sales receipt on the default template', { transactionType: 'salesReceipt' }, 'Sales Receipt emails need a custom subject and body'],
		['BCC on an invoice', { additionalFields: { bcc: 'a@example.com' } }, '"BCC" does not apply to Invoice emails'],
		['a bad CC address', { additionalFields: { cc: 'nope' } }, '"CC" has an invalid email address: nope'],
		['a credit note body over 5000 characters', { transactionType: 'creditNote', contentMode: 'custom', subject: 's', content: 'b'.repeat(5001) }, '"Body" is longer than 5000 characters'],
	])('rejects %s before any request', async (_case, overrides, message) => {
		const emu = emulator();
		const result = await runZohoNode({ parameters: params(overrides as INodeParameters), credential: emulatorCredential(emu), continueOnFail: true });
		expect(result.items).toEqual([{ json: expect.objectContaining({ error: message }), pairedItem: { item: 0 } }]);
		expect(requestsTo(emu, 'books')).toEqual([]);
	});

	it('lists transactions of the chosen type for the picker', async () => {
		const emu = emulator();
		const found = await loadOptions('listSearch', 'searchBooksTransactions', params({ transactionType: 'salesOrder' }), emulatorCredential(emu));
		expect(found).toEqual({
			results: [
				{ name: 'SO-00002 – Northwind Traders (draft)', value: '460000000040202' },
				{ name: 'SO-00001 – Bowman and Co (open)', value: SALES_ORDER },
			],
			paginationToken: undefined,
		});
		expect(requestsTo(emu, 'books').map((r) => [r.path, r.query])).toEqual([['/books/v3/salesorders', { page: '1', per_page: '50', organization_id: ORG }]]);
	});

	it('searches the picker by what the user types (Zoho\'s search_text)', async () => {
		const emu = emulator();
		const found = await loadOptions('listSearch', 'searchBooksTransactions', params({ transactionType: 'salesOrder' }), emulatorCredential(emu), ' bowman ');
		expect(found).toEqual({ results: [{ name: 'SO-00001 – Bowman and Co (open)', value: SALES_ORDER }], paginationToken: undefined });
		expect(requestsTo(emu, 'books').map((r) => [r.path, r.query])).toEqual([
			['/books/v3/salesorders', { search_text: 'bowman', page: '1', per_page: '50', organization_id: ORG }],
		]);
	});


	it('runs the example workflow books-emailTransaction.json', async () => {
		const emu = emulator();
		const result = await runExample(example as unknown as ExampleJson, emu);
		expect(result.error).toBeUndefined();
		expect(requestsTo(emu, 'books')).toEqual([
			{ method: 'POST', path: `/books/v3/invoices/${INVOICE}/email`, query: { send_attachment: 'true', organization_id: ORG }, body: { to_mail_ids: [WILL] } },
		]);
		expect(result.items.map((i) => [i.json.message, i.pairedItem])).toEqual([['Your invoice has been sent.', { item: 0 }]]);
	});
});

describe('Books Email: Email a Transaction errors (nock)', () => {
	const API = 'https://www.zohoapis.com';
	const PATH = `/books/v3/invoices/${INVOICE}/email`;
	beforeAll(() => nock.disableNetConnect());
	afterEach(() => nock.cleanAll());
	afterAll(() => nock.enableNetConnect());

	it('maps code 1000 and never resends an email after a 500', async () => {
		nock(API).post(PATH).query(true).once().reply(500, { code: 1000, message: 'Internal error' });
		const result = await runZohoNode({ parameters: params(), credential: usCredential() });
		expect(result.error?.message).toBe('Zoho Books could not email the invoice: Zoho Books had an internal error');
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('retries HTTP 429 and then reports the rate limit', async () => {
		nock(API).post(PATH).query(true).times(1 + MAX_RATE_LIMIT_RETRIES).reply(429, { code: 45, message: 'Request limit exceeded' }, { 'Retry-After': '0' });
		const result = await runZohoNode({ parameters: params(), credential: usCredential() });
		expect(result.error?.message).toBe("Zoho Books could not email the invoice: Zoho Books' API limit was reached");
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('maps HTTP 429 without a Books code to the rate-limit words', async () => {
		nock(API).post(PATH).query(true).times(1 + MAX_RATE_LIMIT_RETRIES).reply(429, '', { 'Retry-After': '0' });
		const result = await runZohoNode({ parameters: params(), credential: usCredential() });
		expect(result.error?.message).toBe("Zoho Books could not email the invoice: Zoho Books' API limit was reached");
		expect(result.error?.description).toContain('100 requests per minute');
	});
});
