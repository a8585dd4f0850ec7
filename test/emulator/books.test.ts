import { buildMultipart } from '../../emulator/multipart';
import { authed, client, IDS, useEmulator } from './helpers';

const ORG = { organization_id: IDS.booksOrg };
const emailBody = { to_mail_ids: ['willsmith@bowmanfurniture.example'], cc_mail_ids: ['finance@zylker.com'], subject: 'Your account', body: '<p>Dear Will</p>' };

describe('emulator Books v3', () => {
	const emu = useEmulator();

	it('lists organizations without organization_id and requires it elsewhere', async () => {
		const http = authed(emu());
		const orgs = await http.get('/books/v3/organizations');
		expect(orgs.data.code).toBe(0);
		expect(orgs.data.organizations.map((o: { organization_id: string; is_default_org: boolean }) => [o.organization_id, o.is_default_org])).toEqual([
			[IDS.booksOrg, true],
			[IDS.booksOrgIndia, false],
		]);
		const missing = await http.get('/books/v3/invoices');
		expect(missing.status).toBe(400);
		expect(missing.data).toEqual({ code: 2, message: 'Invalid value passed for organization_id' });
		const unknown = await http.get('/books/v3/invoices?organization_id=1');
		expect(unknown.data).toEqual({ code: 6041, message: 'This user is not associated with the CompanyID/CompanyName:1.' });
	});

	it('answers code 14 without a token, 57 for a bad token or a missing scope', async () => {
		const none = await client(emu()).get('/books/v3/organizations');
		expect(none.status).toBe(401);
		expect(none.data.code).toBe(14);
		const bad = await client(emu(), '1000.bad.token').get('/books/v3/organizations');
		expect(bad.data).toEqual({ code: 57, message: 'You are not authorized to perform this operation' });
		const crmOnly = client(emu(), emu().issueToken({ scopes: ['ZohoCRM.modules.ALL', 'ZohoBooks.contacts.READ'] }).access_token, 'Bearer');
		expect((await crmOnly.post(`/books/v3/invoices/${IDS.booksInvoice}/email`, {}, { params: ORG })).data.code).toBe(57);
		expect((await crmOnly.get('/books/v3/contacts', { params: ORG })).status).toBe(200);
		const full = client(emu(), emu().issueToken({ scopes: ['ZohoBooks.fullaccess.all'] }).access_token);
		expect((await full.get('/books/v3/invoices', { params: ORG })).status).toBe(200);
	});

	it('emails a contact with JSON, records the mail and adds a history comment', async () => {
		const http = authed(emu());
		const res = await http.post(`/books/v3/contacts/${IDS.booksContact}/email`, emailBody, { params: { ...ORG, send_customer_statement: 'true' } });
		expect(res.status).toBe(200);
		expect(res.data).toEqual({ code: 0, message: 'Email has been sent.' });
		expect(emu().mails()[0]).toMatchObject({ product: 'books', kind: 'books', entity: 'contacts', recordId: IDS.booksContact, organizationId: IDS.booksOrg, payload: { ...emailBody, query: { ...ORG, send_customer_statement: 'true' } } });
		const comments = await http.get(`/books/v3/contacts/${IDS.booksContact}/comments`, { params: ORG });
		expect(comments.data.contact_comments[0]).toMatchObject({ contact_id: IDS.booksContact, transaction_type: 'contact', operation_type: 'emailed' });
		expect(comments.data.page_context).toMatchObject({ page: 1, has_more_page: false });
	});

	it('emails a contact with multipart JSONString and attachments', async () => {
		const { body, contentType } = buildMultipart([
			{ name: 'JSONString', value: JSON.stringify(emailBody) },
			{ name: 'attachments', filename: 'terms.pdf', contentType: 'application/pdf', data: Buffer.alloc(2048, 1) },
		]);
		const res = await authed(emu()).post(`/books/v3/contacts/${IDS.booksContact}/email`, body, { params: ORG, headers: { 'content-type': contentType } });
		expect(res.data).toEqual({ code: 0, message: 'Email has been sent.' });
		expect(emu().mails()[0].payload.attachments).toEqual([{ filename: 'terms.pdf', contentType: 'application/pdf', size: 2048 }]);
		expect(emu().requests()[0].body.fields.JSONString).toBe(JSON.stringify(emailBody));
	});

	it('validates contact email input', async () => {
		const http = authed(emu());
		const url = `/books/v3/contacts/${IDS.booksContact}/email`;
		expect((await http.post(url, { ...emailBody, to_mail_ids: [] }, { params: ORG })).data).toEqual({ code: 2, message: 'Invalid value passed for to_mail_ids' });
		expect((await http.post(url, { ...emailBody, subject: 'x'.repeat(1001) }, { params: ORG })).data.message).toContain('subject');
		expect((await http.post(url, { ...emailBody, body: 'x'.repeat(5001) }, { params: ORG })).data.message).toContain('body');
		expect((await http.post(url, { ...emailBody, to_mail_ids: ['nope'] }, { params: ORG })).status).toBe(400);
		const malformed = await http.post(url, '{"to_mail_ids":', { params: ORG, headers: { 'content-type': 'application/json' }, transformRequest: [(d) => d] });
		expect(malformed.status).toBe(400);
		expect(malformed.data).toEqual({ code: 1038, message: 'JSON is not well formed' });
		const unknown = await http.post('/books/v3/contacts/1/email', emailBody, { params: ORG });
		expect(unknown.status).toBe(404);
		expect(unknown.data).toEqual({ code: 1002, message: 'Contact does not exist.' });
		expect(emu().mails()).toEqual([]);
	});

	it('previews and sends statements', async () => {
		const http = authed(emu());
		const url = `/books/v3/contacts/${IDS.booksContact}/statements/email`;
		const preview = await http.get(url, { params: { ...ORG, start_date: '2025-01-01', end_date: '2025-03-31' } });
		expect(preview.data).toMatchObject({ code: 0, message: 'success', data: { subject: 'Statement of transactions with Zylker Inc', file_name: 'statement_BowmanandCo.pdf', contact_id: IDS.booksContact } });
		const sent = await http.post(url, {}, { params: { ...ORG, start_date: '2025-01-01', end_date: '2025-03-31' } });
		expect(sent.data).toEqual({ code: 0, message: 'Statement has been sent to the Customer.' });
		expect(emu().mails()[0].payload.to_mail_ids).toEqual(['willsmith@bowmanfurniture.example']);
		expect((await http.post(url, {}, { params: { ...ORG, start_date: '2025-13-45' } })).data.code).toBe(2);
	});

	it.each([
		['invoices', IDS.booksInvoice, 200, 'Your invoice has been sent.'],
		['estimates', IDS.booksEstimate, 200, 'Your estimate has been sent.'],
		['salesorders', IDS.booksSalesOrder, 201, 'Your Sales Order has been sent.'],
		['purchaseorders', IDS.booksPurchaseOrder, 201, 'Your purchase order has been sent.'],
		['creditnotes', IDS.booksCreditNote, 200, 'Your creditnote has been sent.'],
		['retainerinvoices', IDS.booksRetainerInvoice, 200, 'Your retainer invoice has been sent.'],
		['salesreceipts', IDS.booksSalesReceipt, 201, 'Your Sales Receipt has been sent.'],
	])('emails %s with the documented status and message', async (entity, id, status, message) => {
		const http = authed(emu());
		const before = emu().data.books.transaction(IDS.booksOrg, entity, id) as Record<string, unknown>;
		const beforeModified = before.last_modified_time;
		const res = await http.post(`/books/v3/${entity}/${id}/email`, { to_mail_ids: ['someone@example.com'], subject: 'Doc', body: 'Please find it attached.' }, { params: ORG });
		expect(res.status).toBe(status);
		expect(res.data).toEqual({ code: 0, message });
		const after = emu().data.books.transaction(IDS.booksOrg, entity, id) as Record<string, unknown>;
		expect(after.is_emailed).toBe(true);
		expect(after.last_modified_time).not.toBe(beforeModified);
		expect(after.last_modified_time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+0530$/);
		expect(emu().mails()[0]).toMatchObject({ product: 'books', kind: 'books', entity, recordId: id });
		expect((await http.post(`/books/v3/${entity}/1/email`, {}, { params: ORG })).data.code).toBe(1002);
	});

	it('sends default content for an empty body and enforces required fields otherwise', async () => {
		const http = authed(emu());
		expect((await http.post(`/books/v3/invoices/${IDS.booksInvoice}/email`, undefined, { params: ORG })).data.code).toBe(0);
		expect(emu().mails()[0].payload.to_mail_ids).toEqual(['willsmith@bowmanfurniture.example']);
		const so = await http.post(`/books/v3/salesorders/${IDS.booksSalesOrder}/email`, { to_mail_ids: ['a@b.com'] }, { params: ORG });
		expect(so.data).toEqual({ code: 2, message: 'Invalid value passed for subject' });
	});

	it('returns email content inside data for invoices and at the top level for estimates', async () => {
		const http = authed(emu());
		const inv = await http.get(`/books/v3/invoices/${IDS.booksInvoice}/email`, { params: ORG });
		expect(inv.data.data).toMatchObject({ subject: 'Invoice from Zylker Inc (Invoice#: INV-00001)', file_name: 'INV-00001.pdf', customer_id: IDS.booksContact, entity_id: IDS.booksInvoice });
		expect(inv.data.data.to_contacts[0]).toMatchObject({ email: 'willsmith@bowmanfurniture.example', selected: true });
		const est = await http.get(`/books/v3/estimates/${IDS.booksEstimate}/email`, { params: ORG });
		expect(est.data.data).toBeUndefined();
		expect(est.data).toMatchObject({ code: 0, file_name: 'EST-00001.pdf' });
		expect((await http.get(`/books/v3/salesreceipts/${IDS.booksSalesReceipt}/email`, { params: ORG })).status).toBe(405);
	});

	it('schedules and cancels an invoice email', async () => {
		const http = authed(emu());
		const url = `/books/v3/invoices/${IDS.booksInvoice}/email/schedule`;
		expect((await http.post(url, { schedule_time: '2099-06-20 10:00:00' }, { params: ORG })).data).toEqual({ code: 0, message: 'The invoice email has been scheduled.' });
		expect(emu().mails()[0]).toMatchObject({ kind: 'scheduled', entity: 'invoices' });
		expect(emu().data.books.transaction(IDS.booksOrg, 'invoices', IDS.booksInvoice)?.schedule_time).toBe('2099-06-20 10:00:00');
		expect((await http.post(url, { schedule_time: '2001-01-01 10:00:00' }, { params: ORG })).data.code).toBe(2);
		// Cancelling needs ZohoBooks.invoices.DELETE, which default tokens lack: the credential asks for it only
		// with "Allow Cancelling Scheduled Invoice Emails" on (test/actions/books/cancelScheduledEmail.test.ts).
		expect((await http.delete(url, { params: ORG })).data.code).toBe(57);
		const canceller = client(emu(), emu().issueToken({ scopes: ['ZohoBooks.invoices.DELETE'] }).access_token);
		expect((await canceller.delete(url, { params: ORG })).data.code).toBe(0);
	});

	it('lists transactions with paging, sorting and the last_modified_time filter (an exact match)', async () => {
		const http = authed(emu());
		const page = await http.get('/books/v3/invoices', { params: { ...ORG, per_page: 3, sort_column: 'last_modified_time', sort_order: 'A' } });
		expect(page.data.invoices.map((i: { invoice_number: string }) => i.invoice_number)).toEqual(['INV-00004', 'INV-00001', 'INV-00002']);
		expect(page.data.page_context).toMatchObject({ page: 1, per_page: 3, has_more_page: true, sort_column: 'last_modified_time', sort_order: 'A' });
		expect(page.data.invoices[0]).toMatchObject({ is_emailed: false, last_modified_time: '2025-03-31T16:30:00+0530' });
		// An exact match, as a live organization was reported to answer; not "modified since".
		const at = await http.get('/books/v3/invoices', { params: { ...ORG, last_modified_time: '2025-05-10T12:45:00+0530' } });
		expect(at.data.invoices.map((i: { invoice_number: string }) => i.invoice_number)).toEqual(['INV-00002']);
		const secondLater = await http.get('/books/v3/invoices', { params: { ...ORG, last_modified_time: '2025-05-10T12:45:01+0530' } });
		expect(secondLater.data.invoices).toEqual([]);
		expect((await http.get('/books/v3/invoices', { params: { ...ORG, per_page: 500 } })).data.code).toBe(2);
		// search_text: part of the number or the customer's name, any case.
		const numbers = async (search_text: string) =>
			(await http.get('/books/v3/invoices', { params: { ...ORG, search_text } })).data.invoices.map((i: { invoice_number: string }) => i.invoice_number).sort();
		expect(await numbers('inv-00003')).toEqual(['INV-00003']);
		expect(await numbers('northwind')).toEqual(['INV-00004']);
		expect(await numbers('no such text')).toEqual([]);
		expect((await http.get('/books/v3/salesreceipts', { params: ORG })).data.sales_receipts).toHaveLength(1);
		const india = await http.get('/books/v3/creditnotes', { params: { organization_id: IDS.booksOrgIndia } });
		expect(india.data.creditnotes[0].currency_code).toBe('INR');
	});

	it('lists contacts with filters, comments and the credit note email history', async () => {
		const http = authed(emu());
		const vendors = await http.get('/books/v3/contacts', { params: { ...ORG, contact_type: 'vendor' } });
		expect(vendors.data.contacts.map((c: { contact_id: string }) => c.contact_id)).toEqual([IDS.booksVendor]);
		const byEmail = await http.get('/books/v3/contacts', { params: { ...ORG, email: 'WILLSMITH@bowmanfurniture.example' } });
		expect(byEmail.data.contacts[0]).toMatchObject({ contact_id: IDS.booksContact, contact_name: 'Bowman and Co' });
		const history = await http.get(`/books/v3/creditnotes/${IDS.booksCreditNote}/emailhistory`, { params: ORG });
		expect(history.data.email_history).toHaveLength(1);
		await http.post(`/books/v3/creditnotes/${IDS.booksCreditNote}/email`, { to_mail_ids: ['a@b.com'], subject: 'CN', body: 'x' }, { params: ORG });
		const after = await http.get(`/books/v3/creditnotes/${IDS.booksCreditNote}/emailhistory`, { params: ORG });
		expect(after.data.email_history[1]).toMatchObject({ to_mail_ids: ['a@b.com'], subject: 'CN' });
		const comments = await http.get(`/books/v3/contacts/${IDS.booksContact}/comments`, { params: { ...ORG, per_page: 2 } });
		expect(comments.data.contact_comments[0]).toMatchObject({ transaction_type: 'creditnote', operation_type: 'emailed' });
		expect(comments.data.page_context.has_more_page).toBe(true);
	});

	it('limits requests per minute per organization', async () => {
		emu().setLimits({ booksPerMinute: 3 });
		const http = authed(emu());
		const statuses: number[] = [];
		for (let i = 0; i < 4; i++) statuses.push((await http.get('/books/v3/invoices', { params: ORG })).status);
		expect(statuses).toEqual([200, 200, 200, 429]);
		const limited = await http.get('/books/v3/invoices', { params: ORG });
		expect(limited.data.code).toBe(45);
		expect((await http.get('/books/v3/invoices', { params: { organization_id: IDS.booksOrgIndia } })).status).toBe(200);
	});

	it('answers unknown URLs and wrong methods with Books envelopes', async () => {
		const http = authed(emu());
		expect((await http.get('/books/v3/bills', { params: ORG })).data).toEqual({ code: 5, message: 'Invalid URL Passed' });
		expect((await http.put(`/books/v3/contacts/${IDS.booksContact}/email`, {}, { params: ORG })).status).toBe(405);
	});
});
