import type { INodeParameters } from 'n8n-workflow';

import { loadOptions, runZohoNode } from '../../harness/engine';
import example from '../../../examples/books-emailVendorPayment.json';
import { emulatorCredential, type ExampleJson, requestsTo, runExample, useEmulator } from './emulator';

const ORG = '10234695';
const VENDOR = '460000000026055';
const PAYMENT = '460000000040701';
const ACME = 'orders@acmepaper.example';
const SUBJECT = 'Vendor Payment from Zylker Inc (Vendor Payment#: VP-00001)';

function params(overrides: INodeParameters = {}): INodeParameters {
	return {
		resource: 'booksEmail',
		operation: 'emailTransaction',
		organizationId: { __rl: true, mode: 'id', value: ORG },
		transactionType: 'vendorPayment',
		transactionId: { __rl: true, mode: 'id', value: PAYMENT },
		to: ACME,
		...overrides,
	};
}

describe('Books Email: vendor payment receipts (emulator)', () => {
	const emulator = useEmulator();

	it('fetches the default receipt email (top-level content) and sends its subject and body, as Zoho requires both', async () => {
		const emu = emulator();
		const result = await runZohoNode({ parameters: params(), credential: emulatorCredential(emu) });
		expect(result.error).toBeUndefined();
		const [get, post, ...rest] = requestsTo(emu, 'books');
		expect(rest).toEqual([]);
		expect(get).toEqual({ method: 'GET', path: `/books/v3/vendorpayments/${PAYMENT}/email`, query: { organization_id: ORG }, body: null });
		expect(post).toEqual({
			method: 'POST',
			path: `/books/v3/vendorpayments/${PAYMENT}/email`,
			query: { organization_id: ORG },
			body: { to_mail_ids: [ACME], subject: SUBJECT, body: expect.stringContaining('Thank you for your business') },
		});
		expect(result.items).toEqual([
			{
				json: {
					code: 0,
					message: 'Your vendor payment receipt has been sent.',
					organization_id: ORG,
					transaction_type: 'vendorPayment',
					payment_id: PAYMENT,
					to_mail_ids: [ACME],
					default_template: true,
					scheduled: false,
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	it('sends a custom receipt with sender, copy, PDF and file name as documented', async () => {
		const emu = emulator();
		const result = await runZohoNode({
			parameters: params({
				contentMode: 'custom',
				subject: 'Payment VP-00001',
				content: '<p>Paid in full.</p>',
				additionalFields: { cc: 'ap@zylker.com', fromAddressId: '460000000000003', sendFromOrgEmail: true, attachPdf: true, fileName: 'VP-00001.pdf' },
			}),
			credential: emulatorCredential(emu),
		});
		expect(result.error).toBeUndefined();
		expect(requestsTo(emu, 'books')).toEqual([
			{
				method: 'POST',
				path: `/books/v3/vendorpayments/${PAYMENT}/email`,
				query: { send_attachment: 'true', file_name: 'VP-00001.pdf', organization_id: ORG },
				body: { send_from_org_email_id: true, from_address_id: '460000000000003', to_mail_ids: [ACME], cc_mail_ids: ['ap@zylker.com'], subject: 'Payment VP-00001', body: '<p>Paid in full.</p>' },
			},
		]);
	});

	it('refuses options a vendor payment email does not take (BCC, customer statement) before any request', async () => {
		const emu = emulator();
		const bcc = await runZohoNode({ parameters: params({ additionalFields: { bcc: 'a@b.com' } }), credential: emulatorCredential(emu) });
		expect(bcc.error?.message).toBe('"BCC" does not apply to Vendor Payment emails');
		const statement = await runZohoNode({ parameters: params({ additionalFields: { sendCustomerStatement: true } }), credential: emulatorCredential(emu) });
		expect(statement.error?.message).toBe('"Send Customer Statement" does not apply to Vendor Payment emails');
		expect(requestsTo(emu, 'books')).toEqual([]);
	});

	it('Get Email Content returns the vendor payment\'s default email', async () => {
		const emu = emulator();
		const result = await runZohoNode({
			parameters: { resource: 'booksEmail', operation: 'getEmailContent', organizationId: { __rl: true, mode: 'id', value: ORG }, documentType: 'vendorPayment', transactionId: { __rl: true, mode: 'id', value: PAYMENT }, output: 'raw' },
			credential: emulatorCredential(emu),
		});
		expect(result.error).toBeUndefined();
		expect(requestsTo(emu, 'books').map((r) => [r.method, r.path])).toEqual([['GET', `/books/v3/vendorpayments/${PAYMENT}/email`]]);
		expect(result.items[0].json).toEqual(expect.objectContaining({ subject: SUBJECT, vendor_id: VENDOR, file_name: 'VP-00001.pdf', document_type: 'vendorPayment', payment_id: PAYMENT }));
	});

	it('lists vendor payments in the transaction picker', async () => {
		const emu = emulator();
		const found = await loadOptions('listSearch', 'searchBooksTransactions', params(), emulatorCredential(emu));
		expect(found).toEqual({ results: [{ name: 'VP-00001 – Acme Paper Supplies (paid)', value: PAYMENT }], paginationToken: undefined });
	});

	it('runs the example workflow books-emailVendorPayment.json', async () => {
		const emu = emulator();
		const result = await runExample(example as unknown as ExampleJson, emu);
		expect(result.error).toBeUndefined();
		expect(requestsTo(emu, 'books').map((r) => [r.method, r.path])).toEqual([
			['GET', `/books/v3/vendorpayments/${PAYMENT}/email`],
			['POST', `/books/v3/vendorpayments/${PAYMENT}/email`],
		]);
		expect(result.items.map((i) => [i.json.message, i.pairedItem])).toEqual([['Your vendor payment receipt has been sent.', { item: 0 }]]);
	});
});
