import { authed, client, IDS, useEmulator } from './helpers';

const ORG = { organization_id: IDS.booksOrg };
// Seeded invoices of the default organization: sent, draft, paid, overdue.
const [SENT, DRAFT, PAID, OVERDUE] = ['460000000040001', '460000000040002', '460000000040003', '460000000040004'];

describe('emulator Books v3: bulk email, bulk reminders, document history', () => {
	const emu = useEmulator();

	it('emails up to 10 invoices or estimates in one call with the documented answers', async () => {
		const http = authed(emu());
		const invoices = await http.post('/books/v3/invoices/email', undefined, { params: { ...ORG, invoice_ids: `${SENT},${DRAFT}` } });
		expect([invoices.status, invoices.data]).toEqual([200, { code: 0, message: 'Your mails are scheduled to be sent in a few minutes. We will notify you once it is done.' }]);
		const estimates = await http.post('/books/v3/estimates/email', undefined, { params: { ...ORG, estimate_ids: IDS.booksEstimate } });
		expect(estimates.data).toEqual({ code: 0, message: "Mission accomplished! We've sent all the estimates." });
		expect(emu().mails().map((m) => [m.kind, m.entity, m.recordId, m.payload.to_mail_ids])).toEqual([
			['bulk', 'invoices', SENT, ['willsmith@bowmanfurniture.example']],
			['bulk', 'invoices', DRAFT, ['emma.stone@harborcafe.example']],
			['bulk', 'estimates', IDS.booksEstimate, ['willsmith@bowmanfurniture.example']],
		]);
		expect(emu().data.books.transaction(IDS.booksOrg, 'invoices', DRAFT)?.is_emailed).toBe(true);
	});

	it('refuses the whole call, sending nothing, for an unknown ID, more than 10 IDs or none', async () => {
		const http = authed(emu());
		const unknown = await http.post('/books/v3/invoices/email', undefined, { params: { ...ORG, invoice_ids: `${SENT},460000000049999` } });
		expect([unknown.status, unknown.data]).toEqual([404, { code: 1002, message: 'Invoice does not exist.' }]);
		const eleven = Array.from({ length: 11 }, () => SENT).join(',');
		expect((await http.post('/books/v3/invoices/email', undefined, { params: { ...ORG, invoice_ids: eleven } })).data).toEqual({ code: 2, message: 'Invalid value passed for invoice_ids' });
		expect((await http.post('/books/v3/invoices/paymentreminder', undefined, { params: ORG })).data).toEqual({ code: 2, message: 'Invalid value passed for invoice_ids' });
		expect(emu().mails()).toEqual([]);
	});

	it('reminds open and overdue invoices and names the others in email_errors_info (HTTP 201)', async () => {
		const http = authed(emu());
		const res = await http.post('/books/v3/invoices/paymentreminder', undefined, { params: { ...ORG, invoice_ids: [SENT, DRAFT, PAID, OVERDUE].join(',') } });
		expect(res.status).toBe(201);
		expect(res.data).toEqual({
			code: 0,
			message: 'success',
			info: {
				email_success_info: { message: 'The reminders were successfully sent', sent_count: 2 },
				email_errors_info: [{ message: 'Reminders can be sent only for invoices in the open or overdue status.', ids: [DRAFT, PAID] }],
				code: 4083,
			},
		});
		expect(emu().mails().map((m) => [m.kind, m.recordId])).toEqual([
			['reminder', SENT],
			['reminder', OVERDUE],
		]);
		expect(emu().data.books.transaction(IDS.booksOrg, 'invoices', OVERDUE)).toMatchObject({ reminders_sent: 1 });
	});

	it('lists a document\'s comments & history, newest first, with the email entries', async () => {
		const http = authed(emu());
		await http.post(`/books/v3/salesorders/${IDS.booksSalesOrder}/email`, { to_mail_ids: ['a@example.com'], subject: 'S', body: 'B' }, { params: ORG });
		const res = await http.get(`/books/v3/salesorders/${IDS.booksSalesOrder}/comments`, { params: ORG });
		expect(res.data.code).toBe(0);
		expect(res.data.comments.map((c: { description: string; comment_type: string; salesorder_id: string }) => [c.description, c.comment_type, c.salesorder_id])).toEqual([
			['Sales Order emailed to a@example.com', 'system', IDS.booksSalesOrder],
			['Sales Order created for $5000.00', 'system', IDS.booksSalesOrder],
		]);
		expect((await http.get('/books/v3/invoices/460000000049999/comments', { params: ORG })).data).toEqual({ code: 1002, message: 'Invoice does not exist.' });
	});

	it('checks the scope of each call: CREATE to send in bulk, READ for history', async () => {
		const readOnly = client(emu(), emu().issueToken({ scopes: ['ZohoBooks.invoices.READ', 'ZohoBooks.estimates.READ'] }).access_token);
		for (const [path, ids] of [
			['invoices/email', { invoice_ids: SENT }],
			['estimates/email', { estimate_ids: IDS.booksEstimate }],
			['invoices/paymentreminder', { invoice_ids: SENT }],
		] as const) {
			const res = await readOnly.post(`/books/v3/${path}`, undefined, { params: { ...ORG, ...ids } });
			expect([res.status, res.data.code]).toEqual([401, 57]);
		}
		expect((await readOnly.get(`/books/v3/invoices/${SENT}/comments`, { params: ORG })).data.code).toBe(0);
		// Retainer invoices use the invoices scope; purchase orders their own.
		expect((await readOnly.get(`/books/v3/retainerinvoices/${IDS.booksRetainerInvoice}/comments`, { params: ORG })).data.code).toBe(0);
		expect((await readOnly.get(`/books/v3/purchaseorders/${IDS.booksPurchaseOrder}/comments`, { params: ORG })).data.code).toBe(57);
		expect(emu().mails()).toEqual([]);
	});
});
