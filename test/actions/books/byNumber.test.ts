import type { INodeParameters } from 'n8n-workflow';
import nock from 'nock';

import { runZohoNode } from '../../harness/engine';
import { usCredential } from '../../harness/fixtures';
import { emulatorCredential, requestsTo, useEmulator } from './emulator';

const ORG = '10234695';
const INVOICE = '460000000040001';
const CREDIT_NOTE = '460000000040401';
const WILL = 'willsmith@bowmanfurniture.example';
const byNumber = (value: string) => ({ __rl: true, mode: 'number', value });

function send(overrides: INodeParameters = {}): INodeParameters {
	return {
		resource: 'booksEmail',
		operation: 'emailTransaction',
		organizationId: { __rl: true, mode: 'id', value: ORG },
		transactionType: 'invoice',
		transactionId: byNumber('INV-00001'),
		to: WILL,
		...overrides,
	};
}

describe('Books transaction picker: By Number (emulator)', () => {
	const emulator = useEmulator();

	it('finds the invoice by its number with one list request, then emails it', async () => {
		const emu = emulator();
		const result = await runZohoNode({ parameters: send(), credential: emulatorCredential(emu) });
		expect(result.error).toBeUndefined();
		expect(requestsTo(emu, 'books')).toEqual([
			{ method: 'GET', path: '/books/v3/invoices', query: { invoice_number: 'INV-00001', per_page: '200', organization_id: ORG }, body: null },
			{ method: 'POST', path: `/books/v3/invoices/${INVOICE}/email`, query: { organization_id: ORG }, body: { to_mail_ids: [WILL] } },
		]);
		expect(result.items[0].json).toMatchObject({ invoice_id: INVOICE, transaction_type: 'invoice', organization_id: ORG });
	});

	it('reads a credit note\'s default email by number', async () => {
		const emu = emulator();
		const result = await runZohoNode({
			parameters: { ...send(), operation: 'getEmailContent', documentType: 'creditNote', transactionId: byNumber('CN-00001'), output: 'raw' },
			credential: emulatorCredential(emu),
		});
		expect(result.error).toBeUndefined();
		expect(requestsTo(emu, 'books').map((r) => [r.method, r.path, r.query])).toEqual([
			['GET', '/books/v3/creditnotes', { creditnote_number: 'CN-00001', per_page: '200', organization_id: ORG }],
			['GET', `/books/v3/creditnotes/${CREDIT_NOTE}/email`, { organization_id: ORG }],
		]);
		expect(result.items[0].json.creditnote_id).toBe(CREDIT_NOTE);
	});

	it('lists a credit note\'s email history by number', async () => {
		const emu = emulator();
		const result = await runZohoNode({
			parameters: { ...send(), operation: 'listEmailHistory', historyOf: 'creditNote', transactionId: byNumber('CN-00001') },
			credential: emulatorCredential(emu),
		});
		expect(requestsTo(emu, 'books').map((r) => r.path)).toEqual(['/books/v3/creditnotes', `/books/v3/creditnotes/${CREDIT_NOTE}/emailhistory`]);
		expect(result.items.map((i) => i.json.creditnote_id)).toEqual([CREDIT_NOTE]);
	});

	it('lists an invoice\'s history by number, each simplified entry naming the invoice', async () => {
		const emu = emulator();
		const result = await runZohoNode({
			parameters: { ...send(), operation: 'listEmailHistory', historyOf: 'invoice', transactionId: byNumber('INV-00001') },
			credential: emulatorCredential(emu),
		});
		expect(result.error).toBeUndefined();
		expect(requestsTo(emu, 'books').map((r) => r.path)).toEqual(['/books/v3/invoices', `/books/v3/invoices/${INVOICE}/comments`]);
		expect(result.items.length).toBeGreaterThan(0);
		expect(result.items.every((item) => item.json.invoice_id === INVOICE && typeof item.json.id === 'string')).toBe(true);
	});

	it('says which number was not found and sends nothing', async () => {
		const emu = emulator();
		const result = await runZohoNode({ parameters: send({ transactionId: byNumber('INV-99999') }), credential: emulatorCredential(emu) });
		expect(result.error?.message).toBe(`No invoice has the number INV-99999 in the organization Zylker Inc (${ORG})`);
		expect(result.error?.description).toBe('Check the number and the organization, or pick the invoice From List or By ID (item 0).');
		// The list by number, then the organizations, only to name the organization.
		expect(requestsTo(emu, 'books').map((r) => `${r.method} ${r.path}`)).toEqual(['GET /books/v3/invoices', 'GET /books/v3/organizations']);
	});

	it.each([
		[{ transactionType: 'retainerInvoice', transactionId: byNumber('RET-00001') }, 'Zoho Books cannot find a retainer invoice by its number'],
		[{ transactionId: byNumber('  ') }, '"Invoice" is not a transaction number: ""'],
		[{ transactionId: byNumber('INV-1\n2') }, '"Invoice" is not a transaction number: "INV-1\n2"'],
		[{ to: 'not an address' }, '"To" has an invalid email address: not an address'],
	])('refuses bad input before any request, the lookup included (%j)', async (overrides, message) => {
		const emu = emulator();
		const result = await runZohoNode({ parameters: send(overrides as INodeParameters), credential: emulatorCredential(emu) });
		expect(result.error?.message).toBe(message);
		expect(requestsTo(emu, 'books')).toEqual([]);
	});
});

describe('Books transaction picker: By Number takes only an exact match (nock)', () => {
	const API = 'https://www.zohoapis.com';
	beforeAll(() => nock.disableNetConnect());
	afterEach(() => nock.cleanAll());
	afterAll(() => nock.enableNetConnect());

	it('ignores numbers that only start with the one asked for', async () => {
		nock(API)
			.get('/books/v3/invoices')
			.query({ invoice_number: 'INV-1', per_page: '200', organization_id: ORG })
			.reply(200, { code: 0, message: 'success', invoices: [{ invoice_id: '460000000049910', invoice_number: 'INV-10' }, { invoice_id: '460000000049901', invoice_number: 'INV-1' }] })
			.post('/books/v3/invoices/460000000049901/email')
			.query({ organization_id: ORG })
			.reply(200, { code: 0, message: 'Your invoice has been sent.' });
		const result = await runZohoNode({ parameters: send({ transactionId: byNumber('INV-1') }), credential: usCredential() });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.invoice_id).toBe('460000000049901');
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('names the IDs when two transactions share the number', async () => {
		nock(API)
			.get('/books/v3/invoices')
			.query(true)
			.reply(200, { code: 0, message: 'success', invoices: [{ invoice_id: '460000000049901', invoice_number: 'INV-1' }, { invoice_id: '460000000049902', invoice_number: 'INV-1' }] });
		const result = await runZohoNode({ parameters: send({ transactionId: byNumber('INV-1') }), credential: usCredential() });
		expect(result.error?.message).toBe('2 invoices have the number INV-1');
		expect(result.error?.description).toBe('Pick the invoice By ID instead (item 0); matching IDs: 460000000049901, 460000000049902.');
	});
});
