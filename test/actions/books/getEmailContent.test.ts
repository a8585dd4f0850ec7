import type { INodeParameters, INodeProperties } from 'n8n-workflow';
import nock from 'nock';

import { runZohoNode } from '../../harness/engine';
import { usCredential } from '../../harness/fixtures';
import * as getEmailContent from '../../../nodes/ZohoEmail/actions/books/getEmailContent.operation';
import { BOOKS_TRANSACTIONS } from '../../../nodes/ZohoEmail/models/books';
import example from '../../../examples/books-getEmailContent.json';
import { emulatorCredential, type ExampleJson, requestsTo, runExample, useEmulator } from './emulator';

const ORG = '10234695';
const CONTACT = '460000000026049';
const INVOICE = '460000000040001';
const ESTIMATE = '460000000040101';

function params(overrides: INodeParameters = {}): INodeParameters {
	return {
		resource: 'booksEmail',
		operation: 'getEmailContent',
		organizationId: { __rl: true, mode: 'id', value: ORG },
		documentType: 'invoice',
		transactionId: { __rl: true, mode: 'id', value: INVOICE },
		output: 'raw',
		...overrides,
	};
}

const FROM_EMAILS = [{ user_name: 'Patricia Boyle', email: 'patricia.boyle@zylker.com', selected: true, organization_contact_id: '460000000000003', is_org_email_id: true }];
const TO_CONTACTS = [
	{ contact_person_id: '460000000036051', salutation: 'Mr', first_name: 'Will', last_name: 'Smith', email: 'willsmith@bowmanfurniture.example', phone: '', mobile: '', is_primary_contact: true, selected: true },
];

describe('Books Email: Get Email Content (emulator)', () => {
	const emulator = useEmulator();

	it('returns an invoice\'s default email (Zoho\'s data block) with the template asked for', async () => {
		const emu = emulator();
		const result = await runZohoNode({ parameters: params({ additionalFields: { emailTemplateId: '460000000000067' } }), credential: emulatorCredential(emu) });
		expect(result.error).toBeUndefined();
		expect(requestsTo(emu, 'books')).toEqual([
			{ method: 'GET', path: `/books/v3/invoices/${INVOICE}/email`, query: { email_template_id: '460000000000067', organization_id: ORG }, body: null },
		]);
		expect(result.items).toHaveLength(1);
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
		expect(result.items[0].json).toEqual(
			expect.objectContaining({
				subject: 'Invoice from Zylker Inc (Invoice#: INV-00001)',
				from_emails: FROM_EMAILS,
				to_contacts: TO_CONTACTS,
				file_name: 'INV-00001.pdf',
				customer_id: CONTACT,
				document_type: 'invoice',
				organization_id: ORG,
				invoice_id: INVOICE,
			}),
		);
		expect(result.items[0].json).not.toHaveProperty('code');
	});

	it('Simplified (the default): the body as plain text, the sender, recipients and template Books selects, IDs as text', async () => {
		const emu = emulator();
		const result = await runZohoNode({ parameters: params({ output: 'simple' }), credential: emulatorCredential(emu) });
		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([
			{
				json: {
					subject: 'Invoice from Zylker Inc (Invoice#: INV-00001)',
					text: 'Dear Bowman and Co,\n\nThank you for your business. Your invoice INV-00001 can be viewed, printed and downloaded as PDF from the link below.\n\nRegards,\nPatricia Boyle\nZylker Inc',
					from: 'Patricia Boyle <patricia.boyle@zylker.com>',
					from_address_id: '460000000000003',
					to: ['Will Smith <willsmith@bowmanfurniture.example>'],
					cc: ['Patricia Boyle <patricia.boyle@zylker.com>'],
					email_template_id: '460000000000067',
					file_name: 'INV-00001.pdf',
					attach_pdf: true,
					document_type: 'invoice',
					organization_id: ORG,
					invoice_id: INVOICE,
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	it('Selected Fields keeps the chosen keys, the HTML body included when asked', async () => {
		const emu = emulator();
		const result = await runZohoNode({ parameters: params({ output: 'fields', fields: ['body', 'invoice_id'] }), credential: emulatorCredential(emu) });
		expect(result.items.map((i) => i.json)).toEqual([{ body: expect.stringContaining('Dear Bowman and Co,<br/>'), invoice_id: INVOICE }]);
	});

	it('reads an estimate\'s content from the top level of the answer', async () => {
		const emu = emulator();
		const result = await runZohoNode({
			parameters: params({ documentType: 'estimate', transactionId: { __rl: true, mode: 'id', value: ESTIMATE } }),
			credential: emulatorCredential(emu),
		});
		expect(requestsTo(emu, 'books').map((r) => r.path)).toEqual([`/books/v3/estimates/${ESTIMATE}/email`]);
		expect(result.items[0].json).toEqual(
			expect.objectContaining({ subject: 'Estimate from Zylker Inc (Estimate#: EST-00001)', estimate_id: ESTIMATE, document_type: 'estimate' }),
		);
		expect(result.items[0].json).not.toHaveProperty('message');
	});

	it('returns a statement email for a period', async () => {
		const emu = emulator();
		const result = await runZohoNode({
			parameters: params({
				documentType: 'statement',
				contactId: { __rl: true, mode: 'id', value: CONTACT },
				additionalFields: { startDate: '2025-04-01', endDate: '2025-04-30' },
			}),
			credential: emulatorCredential(emu),
		});
		expect(requestsTo(emu, 'books')).toEqual([
			{ method: 'GET', path: `/books/v3/contacts/${CONTACT}/statements/email`, query: { start_date: '2025-04-01', end_date: '2025-04-30', organization_id: ORG }, body: null },
		]);
		expect(result.items).toEqual([
			{
				json: {
					body: 'Dear Will,<br/>Please find attached your statement of transactions.',
					subject: 'Statement of transactions with Zylker Inc',
					to_contacts: TO_CONTACTS,
					file_name: 'statement_BowmanandCo.pdf',
					from_emails: FROM_EMAILS,
					contact_id: CONTACT,
					document_type: 'statement',
					organization_id: ORG,
					start_date: '2025-04-01',
					end_date: '2025-04-30',
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	it('rejects a transaction ID that arrived as a number too large to be exact', async () => {
		const emu = emulator();
		const result = await runZohoNode({
			parameters: params({ transactionId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } }),
			items: [{ id: Number('460000000040001123') }],
			credential: emulatorCredential(emu),
			continueOnFail: true,
		});
		expect(result.items).toEqual([{ json: expect.objectContaining({ error: '"Invoice" lost digits: it arrived as a number' }), pairedItem: { item: 0 } }]);
		expect(requestsTo(emu, 'books')).toEqual([]);
	});


	it('runs the example workflow books-getEmailContent.json', async () => {
		const emu = emulator();
		const result = await runExample(example as unknown as ExampleJson, emu);
		expect(result.error).toBeUndefined();
		expect(requestsTo(emu, 'books').map((r) => [r.method, r.path, r.query])).toEqual([['GET', `/books/v3/invoices/${INVOICE}/email`, { organization_id: ORG }]]);
		expect(result.items.map((i) => [i.json.subject, i.pairedItem])).toEqual([['Invoice from Zylker Inc (Invoice#: INV-00001)', { item: 0 }]]);
	});
});

describe('Books Email: Get Email Content errors (nock)', () => {
	const API = 'https://www.zohoapis.com';
	beforeAll(() => nock.disableNetConnect());
	afterEach(() => nock.cleanAll());
	afterAll(() => nock.enableNetConnect());

	it('maps code 1002 for an unknown invoice', async () => {
		nock(API).get(`/books/v3/invoices/${INVOICE}/email`).query({ organization_id: ORG }).reply(404, { code: 1002, message: 'Invoice does not exist.' }).get('/books/v3/organizations').reply(200, { code: 0, message: 'success', organizations: [{ organization_id: ORG, name: 'Zylker Inc' }] });
		const result = await runZohoNode({ parameters: params(), credential: usCredential() });
		expect(result.error?.message).toBe(`Zoho Books could not read the default email content: the record does not exist in the organization Zylker Inc (${ORG})`);
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('maps code 6041 for an organization the user cannot reach', async () => {
		nock(API)
			.get(`/books/v3/invoices/${INVOICE}/email`)
			.query(true)
			.reply(400, { code: 6041, message: `This user is not associated with the CompanyID/CompanyName:${ORG}.` });
		const result = await runZohoNode({ parameters: params(), credential: usCredential() });
		expect(result.error?.message).toBe('Zoho Books could not read the default email content: this Zoho user has no access to the chosen Books organization');
	});
});

/**
 * Email Template ID is offered, and sent, only where Zoho's Books spec declares `email_template_id` on
 * `GET …/{id}/email` (docs/zoho-api-decisions.md, "Books Get Email Content: email_template_id").
 */
describe('Books Email: Get Email Content, Email Template ID only where Zoho takes it (emulator)', () => {
	const emulator = useEmulator();
	const TAKES_TEMPLATE = ['creditNote', 'estimate', 'invoice', 'purchaseOrder', 'salesOrder'];
	const documentTypes = (getEmailContent.description.find((p) => p.name === 'documentType')?.options as Array<{ value: string }>).map((o) => o.value);
	const templateOption = () => {
		const fields = getEmailContent.description.find((p) => p.name === 'additionalFields');
		return (fields?.options as INodeProperties[]).find((o) => o.name === 'emailTemplateId');
	};

	it('the model says which types take it, and the field is shown only for those', () => {
		expect(Object.keys(BOOKS_TRANSACTIONS).filter((t) => BOOKS_TRANSACTIONS[t].emailTemplate).sort()).toEqual(TAKES_TEMPLATE);
		expect(templateOption()?.displayOptions).toEqual({ show: { '/documentType': ['invoice', 'estimate', 'salesOrder', 'purchaseOrder', 'creditNote'] } });
		expect(templateOption()?.description).toBe('Prepare the email from this template instead of the default one (invoices, estimates, sales orders, purchase orders and credit notes only)');
	});

	it.each(documentTypes)('%s: sends the template where Zoho takes it, never where Zoho would ignore it', async (documentType) => {
		const emu = emulator();
		const type = BOOKS_TRANSACTIONS[documentType];
		const id = type ? (emu.data.books.transactions(ORG, type.path)[0] as Record<string, string>)[type.idField] : CONTACT;
		// As saved by a workflow from before: the template is set whatever the type.
		const result = await runZohoNode({
			parameters: params({ documentType, transactionId: { __rl: true, mode: 'id', value: id }, contactId: { __rl: true, mode: 'id', value: CONTACT }, additionalFields: { emailTemplateId: '460000000000067' } }),
			credential: emulatorCredential(emu),
		});
		expect(result.error).toBeUndefined();
		const path = type ? `/books/v3/${type.path}/${id}/email` : `/books/v3/contacts/${CONTACT}/statements/email`;
		const query = TAKES_TEMPLATE.includes(documentType) ? { email_template_id: '460000000000067', organization_id: ORG } : { organization_id: ORG };
		expect(requestsTo(emu, 'books')).toEqual([{ method: 'GET', path, query, body: null }]);
	});
});

describe('Books Email: Get Email Content, Selected Fields (emulator)', () => {
	const emulator = useEmulator();

	it('keeps only keys the answer has: names every object inherits give nothing', async () => {
		const emu = emulator();
		const result = await runZohoNode({ parameters: params({ output: 'fields', fields: ['constructor', 'toString', 'valueOf', 'subject'] }), credential: emulatorCredential(emu) });
		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([{ json: { subject: 'Invoice from Zylker Inc (Invoice#: INV-00001)' }, pairedItem: { item: 0 } }]);
	});
});
