import { buildMultipart } from '../../emulator/multipart';
import { ALL_SCOPES } from '../../emulator/scopes';
import { authed, client, IDS, useEmulator } from './helpers';

const ORG = { organization_id: IDS.booksOrg };
const OVERDUE = '460000000040004';
const DRAFT = '460000000040002';
const VENDOR_PAYMENT = '460000000040701';
const reminder = { to_mail_ids: ['willsmith@bowmanfurniture.example'], cc_mail_ids: [], subject: 'Payment reminder', body: '<p>Please pay</p>' };

describe('emulator Books v3: payment reminders and vendor payment receipts', () => {
	const emu = useEmulator();

	it('sends a reminder for an open invoice, counts it on the invoice and in the customer history', async () => {
		const http = authed(emu());
		const res = await http.post(`/books/v3/invoices/${IDS.booksInvoice}/paymentreminder`, reminder, { params: { ...ORG, send_customer_statement: 'true' } });
		expect(res.status).toBe(200);
		expect(res.data).toEqual({ code: 0, message: 'Your payment reminder has been sent.' });
		expect(emu().mails()[0]).toMatchObject({ product: 'books', kind: 'reminder', entity: 'invoices', recordId: IDS.booksInvoice, payload: { ...reminder, query: { ...ORG, send_customer_statement: 'true' } } });
		const invoice = (await http.get(`/books/v3/invoices/${IDS.booksInvoice}`, { params: ORG })).data.invoice;
		expect(invoice).toMatchObject({ reminders_sent: 1, last_reminder_sent_date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
		const comments = (await http.get(`/books/v3/contacts/${IDS.booksContact}/comments`, { params: ORG })).data.contact_comments;
		expect(comments[0]).toMatchObject({ transaction_id: IDS.booksInvoice, transaction_type: 'invoice', operation_type: 'emailed' });
	});

	it('takes a multipart reminder with attachments, and an overdue invoice', async () => {
		const { body, contentType } = buildMultipart([
			{ name: 'JSONString', value: JSON.stringify(reminder) },
			{ name: 'attachments', filename: 'statement.pdf', contentType: 'application/pdf', data: Buffer.alloc(512, 1) },
		]);
		const res = await authed(emu()).post(`/books/v3/invoices/${OVERDUE}/paymentreminder`, body, { params: ORG, headers: { 'Content-Type': contentType } });
		expect(res.data.code).toBe(0);
		expect(emu().mails()[0].payload.attachments).toEqual([{ filename: 'statement.pdf', contentType: 'application/pdf', size: 512 }]);
	});

	it.each([
		['no recipients', { ...reminder, to_mail_ids: [] }, 'to_mail_ids'],
		['a bad address', { ...reminder, to_mail_ids: ['not-an-address'] }, 'to_mail_ids'],
		['no cc_mail_ids (the spec marks it required)', { to_mail_ids: reminder.to_mail_ids, subject: 's', body: 'b' }, 'cc_mail_ids'],
	])('refuses a reminder with %s', async (_case, body, field) => {
		const res = await authed(emu()).post(`/books/v3/invoices/${IDS.booksInvoice}/paymentreminder`, body, { params: ORG });
		expect(res.status).toBe(400);
		expect(res.data).toEqual({ code: 2, message: `Invalid value passed for ${field}` });
		expect(emu().mails()).toEqual([]);
	});

	it('refuses reminders for invoices that are not open or overdue, and unknown invoices', async () => {
		const http = authed(emu());
		const draft = await http.post(`/books/v3/invoices/${DRAFT}/paymentreminder`, reminder, { params: ORG });
		expect(draft.status).toBe(400);
		expect(draft.data.code).toBe(2);
		const unknown = await http.post('/books/v3/invoices/460000000049999/paymentreminder', reminder, { params: ORG });
		expect([unknown.status, unknown.data]).toEqual([404, { code: 1002, message: 'Invoice does not exist.' }]);
		expect(emu().mails()).toEqual([]);
	});

	it('returns the reminder email content inside data', async () => {
		const res = await authed(emu()).get(`/books/v3/invoices/${IDS.booksInvoice}/paymentreminder`, { params: ORG });
		expect(res.data).toMatchObject({ code: 0, message: 'success' });
		expect(res.data.data).toMatchObject({
			subject: 'Payment reminder for Invoice INV-00001 from Zylker Inc',
			file_name: 'INV-00001.pdf',
			customer_id: IDS.booksContact,
			entity_id: IDS.booksInvoice,
			to_contacts: [expect.objectContaining({ email: 'willsmith@bowmanfurniture.example', selected: true })],
		});
		expect(res.data.data.body).toContain('payment reminder');
	});

	it('disables and enables automated reminders of an invoice', async () => {
		const http = authed(emu());
		const url = `/books/v3/invoices/${IDS.booksInvoice}/paymentreminder`;
		expect((await http.post(`${url}/disable`, undefined, { params: ORG })).data).toEqual({ code: 0, message: 'Reminders stopped.' });
		expect((await http.get(`/books/v3/invoices/${IDS.booksInvoice}`, { params: ORG })).data.invoice.payment_reminder_enabled).toBe(false);
		expect((await http.post(`${url}/enable`, undefined, { params: ORG })).data).toEqual({ code: 0, message: 'Reminders enabled.' });
		expect((await http.get(`/books/v3/invoices/${IDS.booksInvoice}`, { params: ORG })).data.invoice.payment_reminder_enabled).toBe(true);
		expect((await http.get(`${url}/enable`, { params: ORG })).status).toBe(405);
	});

	it('checks each endpoint\'s scope: invoices CREATE/READ for reminders, vendorpayments CREATE/READ for receipts', async () => {
		const readOnly = client(emu(), emu().issueToken({ scopes: ['ZohoBooks.invoices.READ', 'ZohoBooks.vendorpayments.READ'] }).access_token);
		expect((await readOnly.post(`/books/v3/invoices/${IDS.booksInvoice}/paymentreminder`, reminder, { params: ORG })).data.code).toBe(57);
		expect((await readOnly.post(`/books/v3/invoices/${IDS.booksInvoice}/paymentreminder/disable`, undefined, { params: ORG })).data.code).toBe(57);
		expect((await readOnly.get(`/books/v3/invoices/${IDS.booksInvoice}/paymentreminder`, { params: ORG })).data.code).toBe(0);
		expect((await readOnly.get(`/books/v3/vendorpayments/${VENDOR_PAYMENT}/email`, { params: ORG })).data.code).toBe(0);
		expect((await readOnly.post(`/books/v3/vendorpayments/${VENDOR_PAYMENT}/email`, { to_mail_ids: ['a@b.com'], subject: 's', body: 'b' }, { params: ORG })).data.code).toBe(57);
		const invoicesOnly = client(emu(), emu().issueToken({ scopes: ['ZohoBooks.invoices.CREATE'] }).access_token);
		expect((await invoicesOnly.get(`/books/v3/vendorpayments/${VENDOR_PAYMENT}/email`, { params: ORG })).data.code).toBe(57);
	});

	it('cancels a scheduled invoice email only with ZohoBooks.invoices.DELETE, which only the opt-in scopes carry', async () => {
		const url = `/books/v3/invoices/${IDS.booksInvoice}/email/schedule`;
		await authed(emu()).post(url, { schedule_time: '2099-06-20 10:00:00' }, { params: ORG });
		expect((await authed(emu()).delete(url, { params: ORG })).data.code).toBe(57);
		const optedIn = client(emu(), emu().issueToken({ scopes: ALL_SCOPES }).access_token);
		expect((await optedIn.delete(url, { params: ORG })).data).toEqual({ code: 0, message: 'The scheduled invoice email has been cancelled.' });
		expect(emu().data.books.transaction(IDS.booksOrg, 'invoices', IDS.booksInvoice)?.schedule_time).toBe('');
	});

	it('lists vendor payments and emails a receipt: subject and body required, content at the top level', async () => {
		const http = authed(emu());
		const list = await http.get('/books/v3/vendorpayments', { params: ORG });
		expect(list.data.vendorpayments.map((p: { payment_id: string; payment_number: string; vendor_id: string }) => [p.payment_id, p.payment_number, p.vendor_id])).toEqual([[VENDOR_PAYMENT, 'VP-00001', IDS.booksVendor]]);
		const content = await http.get(`/books/v3/vendorpayments/${VENDOR_PAYMENT}/email`, { params: ORG });
		expect(content.data.data).toBeUndefined();
		expect(content.data).toMatchObject({ code: 0, file_name: 'VP-00001.pdf', vendor_id: IDS.booksVendor, to_contacts: [expect.objectContaining({ email: 'orders@acmepaper.example' })] });
		const missing = await http.post(`/books/v3/vendorpayments/${VENDOR_PAYMENT}/email`, { to_mail_ids: ['orders@acmepaper.example'] }, { params: ORG });
		expect(missing.data).toEqual({ code: 2, message: 'Invalid value passed for subject' });
		const sent = await http.post(`/books/v3/vendorpayments/${VENDOR_PAYMENT}/email`, { to_mail_ids: ['orders@acmepaper.example'], subject: 'Receipt', body: 'Paid' }, { params: { ...ORG, send_attachment: 'true', file_name: 'VP-00001.pdf' } });
		expect([sent.status, sent.data]).toEqual([200, { code: 0, message: 'Your vendor payment receipt has been sent.' }]);
	});
});
