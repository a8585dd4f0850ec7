import axios from 'axios';

import { authed, IDS, useEmulator } from './helpers';

const ORG = { organization_id: IDS.booksOrg };

interface BooksKnobs {
	setListOrder: (order: string) => void;
	setTimeZone: (orgId: string, zone: string) => void;
	emailDocument: (orgId: string, entity: string, id: string) => { document: Record<string, unknown> };
	remindInvoice: (orgId: string, invoiceId: string) => Record<string, unknown>;
	emailHistory: (orgId: string, id: string) => Array<Record<string, unknown>>;
	transactions: (orgId: string, entity: string) => Array<Record<string, unknown>>;
}

describe('emulator Books: list orders, page sizes, time zones and Zoho\'s clock', () => {
	const emu = useEmulator();
	const books = () => emu().data.books as unknown as BooksKnobs;
	const list = async (perPage = 200, page = 1) =>
		(await authed(emu()).get('/books/v3/invoices', { params: { ...ORG, sort_column: 'last_modified_time', sort_order: 'D', per_page: perPage, page } })).data;
	const times = (body: { invoices: Array<{ last_modified_time: string }> }) => body.invoices.map((i) => Date.parse(i.last_modified_time.replace(/(\d{2})(\d{2})$/, '$1:$2')));

	it('GET /organizations/{id} gives the organization with its time_zone', async () => {
		const http = authed(emu());
		const res = await http.get(`/books/v3/organizations/${IDS.booksOrg}`);
		expect(res.data).toMatchObject({ code: 0, message: 'success', organization: { organization_id: IDS.booksOrg, time_zone: 'Asia/Calcutta' } });
		expect((await http.get('/books/v3/organizations/1')).data.code).toBe(6041);
	});

	it('answers in the order asked by default, and in the order set otherwise', async () => {
		const asked = await list();
		expect(asked.page_context).toMatchObject({ sort_column: 'last_modified_time', sort_order: 'D' });
		const newest = times(asked);
		expect(newest).toEqual([...newest].sort((a, b) => b - a));

		books().setListOrder('newestUnnamed');
		const unnamed = await list();
		expect(times(unnamed)).toEqual(newest);
		expect(unnamed.page_context.sort_column).toBeUndefined();
		expect(unnamed.page_context.sort_order).toBeUndefined();

		books().setListOrder('oldestFirst');
		const oldest = await list();
		expect(times(oldest)).toEqual([...newest].reverse());
		expect(oldest.page_context).toMatchObject({ sort_column: 'last_modified_time', sort_order: 'A' });

		books().setListOrder('unsorted');
		const unsorted = await list();
		expect(unsorted.page_context.sort_column).toBeUndefined();
		expect([...times(unsorted)].sort()).toEqual([...newest].sort());
		expect(times(await list())).toEqual(times(unsorted));

		// Pages of 2: each page newest first, the pages from the oldest changes to the newest; page_context
		// names the order asked for.
		books().setListOrder('risingPages');
		const pages = [await list(2, 1), await list(2, 2)];
		expect(pages.map((p) => p.page_context)).toEqual([
			expect.objectContaining({ page: 1, per_page: 2, has_more_page: true, sort_column: 'last_modified_time', sort_order: 'D' }),
			expect.objectContaining({ page: 2, per_page: 2, has_more_page: false }),
		]);
		expect(pages.flatMap(times)).toEqual([newest[2], newest[3], newest[0], newest[1]]);
		expect(() => books().setListOrder('random')).toThrow('unknown list order random');
		emu().reset();
		expect(times(await list())).toEqual(newest);
	});

	it('answers transaction lists in pages of at most booksPerPage documents', async () => {
		emu().setLimits({ booksPerPage: 3 });
		const first = await list(200, 1);
		expect(first.invoices).toHaveLength(3);
		expect(first.page_context).toMatchObject({ per_page: 3, has_more_page: true });
		expect((await list(200, 2)).invoices).toHaveLength(1);
		expect((await list(2, 1)).invoices).toHaveLength(2);
	});

	it('writes times and dates in the organization\'s time zone, at Zoho\'s clock', async () => {
		const at = Date.parse('2026-06-11T03:00:00Z');
		emu().setClock(at);
		books().setTimeZone(IDS.booksOrg, 'America/Los_Angeles');
		expect((await authed(emu()).get(`/books/v3/organizations/${IDS.booksOrg}`)).data.organization.time_zone).toBe('America/Los_Angeles');
		// Stored times are written again in the zone: the same moments.
		const seeded = books().transactions(IDS.booksOrg, 'invoices')[0];
		expect(seeded.last_modified_time).toBe('2025-04-01T23:00:00-0700');
		const { document } = books().emailDocument(IDS.booksOrg, 'creditnotes', IDS.booksCreditNote);
		expect(document.last_modified_time).toBe('2026-06-10T20:00:00-0700');
		expect(books().emailHistory(IDS.booksOrg, IDS.booksCreditNote).slice(-1)[0].date).toBe('2026-06-10');
		const reminded = books().remindInvoice(IDS.booksOrg, IDS.booksInvoice);
		expect(reminded).toMatchObject({ last_reminder_sent_date: '2026-06-10', last_modified_time: '2026-06-10T20:00:00-0700' });
		// The other organization keeps IST.
		expect(books().transactions(IDS.booksOrgIndia, 'invoices')[0].last_modified_time).toBe('2025-04-02T11:30:00+0530');
		expect(() => books().setTimeZone(IDS.booksOrg, 'Mars/Olympus')).toThrow('unknown time zone Mars/Olympus');
	});

	it('admin API: POST /__admin/books/list-order and /__admin/books/time-zone', async () => {
		const admin = axios.create({ baseURL: `${emu().url}/__admin`, validateStatus: () => true });
		expect((await admin.post('/books/list-order', { order: 'oldestFirst' })).status).toBe(200);
		expect((await list()).page_context.sort_order).toBe('A');
		expect((await admin.post('/books/list-order', { order: 'sideways' })).status).toBe(400);
		expect((await admin.post('/books/time-zone', { organizationId: IDS.booksOrg, timeZone: 'Pacific/Kiritimati' })).status).toBe(200);
		expect((await authed(emu()).get(`/books/v3/organizations/${IDS.booksOrg}`)).data.organization.time_zone).toBe('Pacific/Kiritimati');
		const refused = await admin.post('/books/time-zone', { organizationId: IDS.booksOrg, timeZone: 'Nowhere/Else' });
		expect(refused.status).toBe(400);
		expect(refused.data.error).toBe('unknown time zone Nowhere/Else');
		expect((await admin.post('/books/time-zone', { organizationId: IDS.booksOrg, timeZone: 'x'.repeat(65) })).status).toBe(400);
	});
});
