import type { INodeParameters } from 'n8n-workflow';
import nock from 'nock';

import { binaryWorkflow } from '../../harness/binaryItems';
import { loadOptions, runWorkflow, runZohoNode } from '../../harness/engine';
import { usCredential } from '../../harness/fixtures';
import sendExample from '../../../examples/books-sendPaymentReminder.json';
import contentExample from '../../../examples/books-getPaymentReminderContent.json';
import setExample from '../../../examples/books-setPaymentReminders.json';
import { emulatorCredential, type ExampleJson, requestsTo, runExample, useEmulator } from './emulator';

const ORG = '10234695';
const CONTACT = '460000000026049';
const INVOICE = '460000000040001';
const OVERDUE = '460000000040004';
const DRAFT = '460000000040002';
const WILL = 'willsmith@bowmanfurniture.example';
const DEFAULT_SUBJECT = 'Payment reminder for Invoice INV-00001 from Zylker Inc';

const rl = (value: string) => ({ __rl: true, mode: 'id', value });

function params(operation: string, overrides: INodeParameters = {}): INodeParameters {
	return { resource: 'booksEmail', operation, organizationId: rl(ORG), transactionId: rl(INVOICE), ...overrides };
}
const reminder = (overrides: INodeParameters = {}) => params('sendPaymentReminder', { to: WILL, ...overrides });

describe('Books Email: Send Payment Reminder (emulator)', () => {
	const emulator = useEmulator();

	it('reads the reminder Zoho would send, then sends it as given: subject, body, to and an empty cc', async () => {
		const emu = emulator();
		const result = await runZohoNode({ parameters: reminder(), credential: emulatorCredential(emu) });
		expect(result.error).toBeUndefined();
		const [get, post] = requestsTo(emu, 'books');
		expect(get).toEqual({ method: 'GET', path: `/books/v3/invoices/${INVOICE}/paymentreminder`, query: { organization_id: ORG }, body: null });
		expect(post).toEqual({
			method: 'POST',
			path: `/books/v3/invoices/${INVOICE}/paymentreminder`,
			query: { organization_id: ORG },
			body: { to_mail_ids: [WILL], cc_mail_ids: [], subject: DEFAULT_SUBJECT, body: expect.stringContaining('kindly ignore this payment reminder') },
		});
		expect(requestsTo(emu, 'books')).toHaveLength(2);
		expect(result.items).toEqual([
			{
				json: { code: 0, message: 'Your payment reminder has been sent.', organization_id: ORG, invoice_id: INVOICE, to_mail_ids: [WILL], default_template: true },
				pairedItem: { item: 0 },
			},
		]);
		expect(emu.data.books.transaction(ORG, 'invoices', INVOICE)?.reminders_sent).toBe(1);
	});

	it('sends a custom reminder with copy recipients, the organization address and the customer statement, in one request', async () => {
		const emu = emulator();
		const result = await runZohoNode({
			parameters: reminder({
				transactionId: rl(OVERDUE),
				to: 'Liam Chen <billing@northwind.example>',
				contentMode: 'custom',
				subject: 'Invoice INV-00004 is overdue',
				content: '<p>Please pay INV-00004.</p>',
				additionalFields: { cc: 'finance@zylker.com, ar@zylker.com', sendFromOrgEmail: true, sendCustomerStatement: true },
			}),
			credential: emulatorCredential(emu),
		});
		expect(result.error).toBeUndefined();
		expect(requestsTo(emu, 'books')).toEqual([
			{
				method: 'POST',
				path: `/books/v3/invoices/${OVERDUE}/paymentreminder`,
				query: { send_customer_statement: 'true', organization_id: ORG },
				body: {
					send_from_org_email_id: true,
					to_mail_ids: ['billing@northwind.example'],
					cc_mail_ids: ['finance@zylker.com', 'ar@zylker.com'],
					subject: 'Invoice INV-00004 is overdue',
					body: '<p>Please pay INV-00004.</p>',
				},
			},
		]);
		expect(result.items[0].json).toEqual({
			code: 0,
			message: 'Your payment reminder has been sent.',
			organization_id: ORG,
			invoice_id: OVERDUE,
			to_mail_ids: ['billing@northwind.example'],
			default_template: false,
		});
	});

	it('attaches binary files as multipart JSONString + attachments', async () => {
		const emu = emulator();
		const workflow = binaryWorkflow(
			[{ files: [{ property: 'data', fileName: 'terms.txt', mimeType: 'text/plain', content: 'terms' }] }],
			reminder({ contentMode: 'custom', subject: 'Reminder', content: 'Pay', additionalFields: { binaryPropertyNames: 'data' } }),
		);
		const result = await runWorkflow(workflow, emulatorCredential(emu));
		expect(result.error).toBeUndefined();
		expect(emu.mails()[0]).toMatchObject({
			kind: 'reminder',
			recordId: INVOICE,
			payload: { to_mail_ids: [WILL], cc_mail_ids: [], subject: 'Reminder', body: 'Pay', attachments: [{ filename: 'terms.txt', contentType: 'text/plain', size: 5 }] },
		});
	});

	it('reports Zoho\'s refusal for a draft invoice on that item and sends the next item (Continue On Fail)', async () => {
		const emu = emulator();
		const result = await runZohoNode({
			parameters: reminder({ transactionId: rl('={{ $json.invoice }}'), contentMode: 'custom', subject: 'Reminder', content: 'Pay' }),
			items: [{ invoice: DRAFT }, { invoice: INVOICE }],
			credential: emulatorCredential(emu),
			continueOnFail: true,
		});
		expect(result.items.map((i) => [i.json.error ?? i.json.message, i.pairedItem])).toEqual([
			['Zoho Books could not send the payment reminder: Payment reminders can be sent only for open or overdue invoices.', { item: 0 }],
			['Your payment reminder has been sent.', { item: 1 }],
		]);
		expect(emu.mails().map((m) => m.recordId)).toEqual([INVOICE]);
	});

	it('refuses a custom reminder without a subject, and a bad CC address, before any request', async () => {
		const emu = emulator();
		const noSubject = await runZohoNode({ parameters: reminder({ contentMode: 'custom', subject: ' ', content: 'Pay' }), credential: emulatorCredential(emu) });
		expect(noSubject.error?.message).toBe('"Subject" is empty');
		const badCc = await runZohoNode({ parameters: reminder({ additionalFields: { cc: 'finance@' } }), credential: emulatorCredential(emu) });
		expect(badCc.error?.message).toMatch(/^"CC"/);
		expect(requestsTo(emu, 'books')).toEqual([]);
	});

	it('runs the example workflow books-sendPaymentReminder.json', async () => {
		const emu = emulator();
		const result = await runExample(sendExample as unknown as ExampleJson, emu);
		expect(result.error).toBeUndefined();
		expect(requestsTo(emu, 'books').map((r) => [r.method, r.path])).toEqual([
			['GET', `/books/v3/invoices/${INVOICE}/paymentreminder`],
			['POST', `/books/v3/invoices/${INVOICE}/paymentreminder`],
		]);
		expect(requestsTo(emu, 'books')[1].body).toMatchObject({ to_mail_ids: [WILL], cc_mail_ids: ['finance@zylker.com'] });
		expect(result.items.map((i) => [i.json.message, i.pairedItem])).toEqual([['Your payment reminder has been sent.', { item: 0 }]]);
	});
});

describe('Books Email: Get Payment Reminder Content and Enable/Disable Payment Reminders (emulator)', () => {
	const emulator = useEmulator();

	it('returns the reminder email Zoho would send, with the organization and invoice', async () => {
		const emu = emulator();
		const result = await runZohoNode({ parameters: params('getPaymentReminderContent'), credential: emulatorCredential(emu) });
		expect(result.error).toBeUndefined();
		expect(requestsTo(emu, 'books')).toEqual([{ method: 'GET', path: `/books/v3/invoices/${INVOICE}/paymentreminder`, query: { organization_id: ORG }, body: null }]);
		expect(result.items).toHaveLength(1);
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
		expect(result.items[0].json).toEqual(
			expect.objectContaining({ subject: DEFAULT_SUBJECT, file_name: 'INV-00001.pdf', customer_id: CONTACT, entity_id: INVOICE, organization_id: ORG, invoice_id: INVOICE }),
		);
		expect(result.items[0].json).not.toHaveProperty('code');
	});

	it.each([
		['disable', 'Reminders stopped.', false],
		['enable', 'Reminders enabled.', true],
	] as const)('%s: POST …/paymentreminder/%s without a body', async (change, message, enabled) => {
		const emu = emulator();
		const result = await runZohoNode({ parameters: params('setPaymentReminders', { automatedReminders: change }), credential: emulatorCredential(emu) });
		expect(result.error).toBeUndefined();
		expect(requestsTo(emu, 'books')).toEqual([{ method: 'POST', path: `/books/v3/invoices/${INVOICE}/paymentreminder/${change}`, query: { organization_id: ORG }, body: null }]);
		expect(result.items).toEqual([{ json: { code: 0, message, organization_id: ORG, invoice_id: INVOICE, payment_reminders_enabled: enabled }, pairedItem: { item: 0 } }]);
		expect(emu.data.books.transaction(ORG, 'invoices', INVOICE)?.payment_reminder_enabled).toBe(enabled);
	});

	it('the Invoice picker lists invoices in every invoice-only operation', async () => {
		const emu = emulator();
		for (const operation of ['sendPaymentReminder', 'getPaymentReminderContent', 'setPaymentReminders', 'cancelScheduledEmail']) {
			const found = (await loadOptions('listSearch', 'searchBooksTransactions', params(operation), emulatorCredential(emu))) as { results: Array<{ value: string }> };
			expect(found.results.map((r) => r.value).sort()).toEqual(['460000000040001', '460000000040002', '460000000040003', '460000000040004']);
		}
		expect(requestsTo(emu, 'books').map((r) => r.path)).toEqual(Array(4).fill('/books/v3/invoices'));
	});

	it('refuses an unknown Automated Reminders value before any request', async () => {
		const emu = emulator();
		const result = await runZohoNode({ parameters: params('setPaymentReminders', { automatedReminders: '={{ "pause" }}' }), credential: emulatorCredential(emu) });
		expect(result.error?.message).toMatch(/^"Automated Reminders"/);
		expect(requestsTo(emu, 'books')).toEqual([]);
	});

	it.each([
		['books-getPaymentReminderContent.json', contentExample, 'GET', `/books/v3/invoices/${INVOICE}/paymentreminder`],
		['books-setPaymentReminders.json', setExample, 'POST', `/books/v3/invoices/${INVOICE}/paymentreminder/disable`],
	])('runs the example workflow %s', async (_file, example, method, path) => {
		const emu = emulator();
		const result = await runExample(example as unknown as ExampleJson, emu);
		expect(result.error).toBeUndefined();
		expect(requestsTo(emu, 'books').map((r) => [r.method, r.path])).toEqual([[method, path]]);
		expect(result.items).toHaveLength(1);
	});
});

describe('Books Email: payment reminder errors (nock)', () => {
	const API = 'https://www.zohoapis.com';
	beforeAll(() => nock.disableNetConnect());
	afterEach(() => nock.cleanAll());
	afterAll(() => nock.enableNetConnect());

	it('maps code 1002 for an unknown invoice', async () => {
		nock(API).post(`/books/v3/invoices/${INVOICE}/paymentreminder/enable`).query({ organization_id: ORG }).reply(404, { code: 1002, message: 'Invoice does not exist.' }).get('/books/v3/organizations').reply(200, { code: 0, message: 'success', organizations: [{ organization_id: ORG, name: 'Zylker Inc' }] });
		const result = await runZohoNode({ parameters: params('setPaymentReminders', { automatedReminders: 'enable' }), credential: usCredential() });
		expect(result.error?.message).toBe(`Zoho Books could not enable the invoice's payment reminders: the record does not exist in the organization Zylker Inc (${ORG})`);
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('maps code 6041 on a reminder for an organization the user cannot reach, sent once (never retried)', async () => {
		const scope = nock(API)
			.post(`/books/v3/invoices/${INVOICE}/paymentreminder`)
			.query({ organization_id: ORG })
			.reply(400, { code: 6041, message: `This user is not associated with the CompanyID/CompanyName:${ORG}.` });
		const result = await runZohoNode({ parameters: reminder({ contentMode: 'custom', subject: 'Reminder', content: 'Pay' }), credential: usCredential() });
		expect(result.error?.message).toBe('Zoho Books could not send the payment reminder: this Zoho user has no access to the chosen Books organization');
		expect(scope.isDone()).toBe(true);
	});
});
