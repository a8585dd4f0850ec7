import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { Host, PollHarness } from '../harness/poll';
import { addEmailAt, BOOKS_ORG, crmRecordsParameters, harness, MACLEAD, SAGE, second, type Emulator } from '../trigger/helpers';
import { useZoho } from '../trigger/modelSupport';

type Act = (m: string, r: string, id: string, times?: number) => unknown;
type Crm = Emulator['data']['crm'] & { openEmail: Act; bounceEmail: Act; replyToEmail: (m: string, r: string, id: string) => { message_id: string }; emails: (m: string, r: string) => IDataObject[] };
type Books = Emulator['data']['books'] & { addDocument: (o: string, e: string, f?: IDataObject) => IDataObject; viewDocument: (o: string, e: string, id: string) => IDataObject };
const H = 3_600_000;
/** Zoho's clock, set to a whole second near n8n's (less `behind`). */
const now = (behind = 0) => {
	const t = second(Date.now()) - behind;
	emu.setClock(t);
	return t;
};
const HOSTS: Host[] = ['n8n1', 'n8n2', 'n8n2durable'];
const zoho = useZoho({ perTest: {} });
let emu: Emulator;
const crm = () => emu.data.crm as Crm;
const books = () => emu.data.books as Books;
beforeAll(() => (emu = zoho.emu));
/** One poll that must succeed; returns the items' json. */
async function ok(h: PollHarness): Promise<IDataObject[]> {
	const out = await h.poll();
	if (out.error) throw out.error;
	return out.items.map((i) => i.json);
}
const ev = (items: IDataObject[], event: string, id?: string) => items.filter((i) => i.event === event && (id === undefined || i.messageId === id || i.documentId === id));
const crmParams = (extra: INodeParameters, ids = [MACLEAD]) => crmRecordsParameters(ids, extra);
/** A poll that fails for good (the transport's own retries included), then Zoho answers again. */
async function failedPoll(h: PollHarness, path: RegExp | string = /\/Emails$/): Promise<void> {
	emu.addFault({ method: 'GET', path, status: 400, times: 0 });
	expect((await h.poll()).error).toBeDefined();
	emu.clearFaults();
}
const restart = (h: PollHarness, params: INodeParameters, host: Host) => harness(emu, params, host, undefined, h.saved);
const threadOf = (rec: string, id: string) => String(crm().emails('Contacts', rec).find((e) => e.message_id === id)?.thread_id);

describe.each(HOSTS)('opens and bounces on %s', (host) => {
	it('every new open: one item per poll with the total, across a failed poll and a restart; nothing for emails sent before activation', async () => {
		const t0 = now();
		const before = addEmailAt(emu, MACLEAD, t0 - 2 * H, { sent: true, subject: 'before' });
		const params = crmParams({ engagementEvents: ['opened', 'bounced'], everyOpen: true, trackingWindowHours: 72 });
		let h = harness(emu, params, host);
		expect(await ok(h)).toEqual([]);
		const x = addEmailAt(emu, MACLEAD, t0 + 10_000, { sent: true, subject: 'x' });
		emu.setClock(t0 + 20_000);
		expect((await ok(h)).map((i) => [i.message_id, i.event])).toEqual([[x, undefined]]);
		crm().openEmail('Contacts', MACLEAD, x, 3);
		crm().openEmail('Contacts', MACLEAD, before, 2);
		let items = await ok(h);
		expect(items.map((i) => [i.event, i.messageId, i.openCount, i.newOpens])).toEqual([['opened', x, 3, 3]]);
		crm().openEmail('Contacts', MACLEAD, x, 2);
		await failedPoll(h);
		items = await ok(h);
		expect(items.map((i) => [i.event, i.openCount, i.newOpens])).toEqual([['opened', 5, 2]]);
		h = restart(h, params, host);
		crm().openEmail('Contacts', MACLEAD, x, 1);
		crm().bounceEmail('Contacts', MACLEAD, x);
		items = await ok(h);
		expect(items.map((i) => [i.event, i.openCount ?? null])).toEqual([['opened', 6], ['bounced', null]]);
		expect([...(await ok(h)), ...(await ok(h))]).toEqual([]);
		// Past the window: read once more, then forgotten; never anything for the email sent before activation.
		crm().openEmail('Contacts', MACLEAD, x, 1);
		emu.setClock(t0 + 73 * H);
		expect((await ok(h)).map((i) => [i.event, i.openCount])).toEqual([['opened', 7]]);
		crm().openEmail('Contacts', MACLEAD, x, 1);
		expect(await ok(h)).toEqual([]);
		expect(JSON.stringify(h.saved)).not.toContain('"p"');
	});
});

describe.each(HOSTS)('replies and deadlines on %s', (host) => {
	it('No Reply Within fires once at the deadline, never after a reply that came first, with failures and restarts', async () => {
		const t0 = now(5 * 24 * H); // Zoho's clock days behind n8n's
		const params = crmParams({ engagementEvents: ['replied', 'noReply'], trackingWindowHours: 72, noReplyHours: 48 }, [MACLEAD, SAGE]);
		let h = harness(emu, params, host);
		await ok(h);
		const a = addEmailAt(emu, MACLEAD, t0 + 10_000, { sent: true, subject: 'a' }); // reply before deadline, listed in the deadline poll
		const c = addEmailAt(emu, MACLEAD, t0 + 20_000, { sent: true, subject: 'c' }); // never replied
		const d = addEmailAt(emu, SAGE, t0 + 30_000, { sent: true, subject: 'd' }); // reply dated before deadline, listed late
		emu.setClock(t0 + 60_000);
		expect((await ok(h)).length).toBe(3);
		emu.setClock(t0 + 47 * H);
		const ra = crm().replyToEmail('Contacts', MACLEAD, a).message_id;
		emu.setClock(t0 + 49 * H);
		await failedPoll(h);
		h = restart(h, params, host);
		const items = await ok(h);
		expect(ev(items, 'replied').map((i) => [i.messageId, (i.reply as IDataObject).message_id])).toEqual([[a, ra]]);
		expect(ev(items, 'noReply').map((i) => i.messageId).sort()).toEqual([c, d].sort());
		expect(ev(items, 'noReply', c)[0].deadline).toBe(new Date(t0 + 20_000 + 48 * H).toISOString());
		// A reply dated before D's deadline that Zoho lists only now: README: No Reply then Reply Received.
		addEmailAt(emu, SAGE, t0 + 40 * H, { sent: false, _thread_id: threadOf(SAGE, d) });
		emu.setClock(t0 + 50 * H);
		const late = await ok(h);
		expect(ev(late, 'replied').map((i) => i.messageId)).toEqual([d]);
		expect(ev(late, 'noReply')).toEqual([]);
		h = restart(h, params, host);
		for (let n = 0; n < 2; n++) expect([...ev(await ok(h), 'noReply'), ...ev(await ok(h), 'replied')]).toEqual([]);
	});

	it('a reply dated after the deadline, first listed in the deadline poll, does not cancel No Reply Within: noReply first, then replied', async () => {
		const t0 = now();
		const h = harness(emu, crmParams({ engagementEvents: ['replied', 'noReply'], trackingWindowHours: 72, noReplyHours: 24 }), host);
		await ok(h);
		const b = addEmailAt(emu, MACLEAD, t0 + 10_000, { sent: true });
		emu.setClock(t0 + 20_000);
		await ok(h);
		emu.setClock(t0 + 25 * H);
		crm().replyToEmail('Contacts', MACLEAD, b);
		emu.setClock(t0 + 26 * H);
		const items = await ok(h); // README: "a reply dated after it comes after the noReply"
		expect(items.filter((i) => i.event !== undefined).map((i) => [i.event, i.messageId])).toEqual([['noReply', b], ['replied', b]]);
	});
});

describe('status changing between pages', () => {
	it('an email opened while its list is paged, with the list shifting, is emitted once', async () => {
		const t0 = now();
		emu.setLimits({ emailsPerPage: 1 });
		const h = harness(emu, crmParams({ engagementEvents: ['opened'] }));
		await ok(h);
		const x1 = addEmailAt(emu, MACLEAD, t0 + 10_000, { sent: true });
		const x2 = addEmailAt(emu, MACLEAD, t0 + 11_000, { sent: true });
		emu.setClock(t0 + 20_000);
		expect((await ok(h)).length).toBe(2);
		emu.addFault({ method: 'GET', path: /\/Emails$/, query: { index: true }, kind: 'delay', delayMs: 400 });
		const running = h.poll();
		await sleep(150);
		addEmailAt(emu, MACLEAD, t0 + 15_000, { sent: true, subject: 'shift' });
		crm().openEmail('Contacts', MACLEAD, x1, 1);
		crm().openEmail('Contacts', MACLEAD, x2, 1);
		const got: IDataObject[] = (await running).items.map((i) => i.json);
		for (let n = 0; n < 3; n++) got.push(...(await ok(h)));
		expect(ev(got, 'opened').map((i) => i.messageId).sort()).toEqual([x1, x2].sort());
		expect(got.filter((i) => i.event === undefined).length).toBe(1);
	});
});

describe('bounded tracking', () => {
	it('beyond 500 tracked emails the earliest are forgotten, never emitted twice; new-email items all come out', async () => {
		const t0 = now();
		emu.setLimits({ emailsPerPage: 200 });
		const h = harness(emu, crmParams({ engagementEvents: ['opened'], everyOpen: true }, [MACLEAD, SAGE]));
		await ok(h);
		const ids = crm().addEmails('Contacts', MACLEAD, Array.from({ length: 300 }, (_, n) => ({ sent: true, time: new Date(t0 + (n + 1) * 1000).toISOString() })));
		const more = crm().addEmails('Contacts', SAGE, Array.from({ length: 205 }, (_, n) => ({ sent: true, time: new Date(t0 + (n + 301) * 1000).toISOString() })));
		emu.setClock(t0 + 600_000);
		expect((await ok(h)).length).toBe(505);
		const oldest = String(ids[0].message_id);
		const kept = String(ids[10].message_id);
		crm().openEmail('Contacts', MACLEAD, oldest, 1);
		crm().openEmail('Contacts', MACLEAD, kept, 1);
		crm().openEmail('Contacts', SAGE, String(more[204].message_id), 1);
		const items = await ok(h);
		expect(ev(items, 'opened').map((i) => i.messageId).sort()).toEqual([kept, String(more[204].message_id)].sort());
		expect(await ok(h)).toEqual([]);
	});
});

describe('Zia filters', () => {
	it('no received email with a null intent or sentiment passes, even one whose direction is unknown', async () => {
		const t0 = now();
		const h = harness(emu, crmParams({ ziaIntents: ['complaints'], ziaSentiments: ['negative'], engagementEvents: ['opened'] }));
		await ok(h);
		const good = addEmailAt(emu, MACLEAD, t0 + 1000, { sent: false, intent: 'complaints', sentiment_info: 'negative' });
		addEmailAt(emu, MACLEAD, t0 + 2000, { sent: false, intent: null, sentiment_info: 'negative' });
		addEmailAt(emu, MACLEAD, t0 + 3000, { sent: false, intent: 'complaints', sentiment_info: null });
		const sent = addEmailAt(emu, MACLEAD, t0 + 4000, { sent: true });
		addEmailAt(emu, MACLEAD, t0 + 5000, { sent: null, _category: 'user', intent: null, sentiment_info: null });
		emu.setClock(t0 + 10_000);
		const items = await ok(h);
		expect(items.map((i) => i.message_id)).toEqual([good, sent]);
	});
});

describe('settings refused by name before any request', () => {
	const TW = 'Tracking Window (Hours)';
	const NR = 'No Reply Within (Hours)';
	const bad: Array<[IDataObject, string]> = [
		...[-1, NaN, 'abc', '48h', '', 721, true, [5], '0x10'].map((v): [IDataObject, string] => [{ trackingWindowHours: v }, TW]),
		...[-5, 'soon', null, true, '1e1'].map((v): [IDataObject, string] => [{ noReplyHours: v }, NR]),
		[{ noReplyHours: 100, trackingWindowHours: 72 }, NR],
		...['opened, clicked', 42].map((v): [IDataObject, string] => [{ engagementEvents: v }, 'Sent Email Events']), // a string of known events is read
	];
	it.each(bad)('%p', async (extra, label) => {
		const h = harness(emu, crmParams({ engagementEvents: ['opened', 'noReply'], ...extra } as INodeParameters));
		emu.clearRequests();
		const out = await h.poll();
		expect(out.error?.message).toContain(`"${label}"`);
		expect(emu.requests().filter((r) => !r.path.startsWith('/oauth'))).toEqual([]);
	});
});

describe.each(HOSTS)('Books viewed by the customer on %s', (host) => {
	const params: INodeParameters = { source: 'booksEmailed', organizationId: { __rl: true, mode: 'id', value: BOOKS_ORG }, transactionTypes: ['invoice'], customerViews: true };
	const touch = (txn: IDataObject, ms: number) => Object.assign(txn, { _modifiedTs: ms, last_modified_time: new Date(ms).toISOString().replace('.000Z', '+0000') });
	it('once per document: viewed again, changed, failed poll, restart, deep page', async () => {
		const t0 = now() + 60_000;
		const old = String(books().addDocument(BOOKS_ORG, 'invoices', { emailed: true }).invoice_id);
		books().viewDocument(BOOKS_ORG, 'invoices', old);
		emu.setClock(t0);
		emu.setLimits({ booksPerPage: 2 }); // the viewed invoice ends up on page 3
		let h = harness(emu, params, host);
		await ok(h);
		emu.setClock(t0 + 5000);
		const inv = String(books().addDocument(BOOKS_ORG, 'invoices', { emailed: true }).invoice_id);
		emu.setClock(t0 + 6000);
		expect(ev(await ok(h), 'emailed').map((i) => i.documentId)).toEqual([inv]); // saved by every host
		emu.setClock(t0 + 10_000);
		books().viewDocument(BOOKS_ORG, 'invoices', inv);
		for (let n = 0; n < 5; n++) {
			emu.setClock(t0 + 20_000 + n * 1000);
			books().addDocument(BOOKS_ORG, 'invoices', { emailed: false });
		}
		emu.setClock(t0 + 40_000);
		await failedPoll(h, '/books/v3/invoices');
		h = restart(h, params, host);
		expect(ev(await ok(h), 'viewed').map((i) => i.documentId)).toEqual([inv]);
		emu.setClock(t0 + 50_000);
		books().viewDocument(BOOKS_ORG, 'invoices', inv);
		touch(books().transactions(BOOKS_ORG, 'invoices').find((d) => d.invoice_id === old) as IDataObject, t0 + 51_000);
		emu.setClock(t0 + 60_000);
		expect(ev(await ok(h), 'viewed')).toEqual([]);
		expect(ev(await ok(restart(h, params, host)), 'viewed')).toEqual([]);
	});

	it('a viewed document whose view time is not a time is not emitted again after 100 other views (cap)', async () => {
		const t0 = now();
		const h = harness(emu, params, host);
		await ok(h);
		const list = books().transactions(BOOKS_ORG, 'invoices');
		const ids: string[] = [];
		for (let n = 0; n < 101; n++) {
			emu.setClock(t0 + (n + 1) * 1000);
			const id = String(books().addDocument(BOOKS_ORG, 'invoices', { emailed: true }).invoice_id);
			// As the retainer invoices' OpenAPI types it: a boolean.
			Object.assign(list.find((d) => d.invoice_id === id) as IDataObject, { is_viewed_by_client: true, client_viewed_time: true });
			ids.push(id);
		}
		emu.setClock(t0 + 200_000);
		expect(ev(await ok(h), 'viewed').length).toBe(101);
		touch(list.find((d) => d.invoice_id === ids[0]) as IDataObject, t0 + 300_000);
		emu.setClock(t0 + 301_000);
		expect(ev(await ok(h), 'viewed').map((i) => i.documentId)).toEqual([]);
	});
});
