import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { emulatorCredential, useEmulator, type Emulator } from '../../harness/emulator';
import { PollHarness, type Host } from '../../harness/poll';

/**
 * Attacks on the trigger promises the refactors touched (the chosen-records read keeping one list of
 * the emails it read, the engagement events, their simplified output): every new email and every
 * engagement event once, across failed polls, skipped records and restarts, with the fewest reads.
 */
const emu = useEmulator();
const MACLEAD = '5725767000000502001';
const KAYLEIGH = '5725767000000502007';
const H = 3_600_000;
const rl = (value: string, mode = 'id') => ({ __rl: true, mode, value });
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
/** Zoho's clock set to the current whole second. */
const clock = (e: Emulator) => {
	const t = Math.floor(Date.now() / 1000) * 1000;
	e.setClock(t);
	return t;
};
const ISO_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;

type Crm = {
	addEmails: (m: string, r: string, e: IDataObject[]) => IDataObject[];
	openEmail: (m: string, r: string, id: string, times?: number) => unknown;
	bounceEmail: (m: string, r: string, id: string) => unknown;
	replyToEmail: (m: string, r: string, id: string) => { message_id: string };
};
const crm = (e: Emulator) => e.data.crm as unknown as Crm;
/** A sent (or received) email on a contact, dated `ms` on Zoho's clock; returns its message ID. */
const addAt = (e: Emulator, record: string, ms: number, fields: IDataObject): string =>
	String(crm(e).addEmails('Contacts', record, [{ subject: 'x', to: [{ user_name: 'Ana', email: 'ana@example.com' }], time: iso(ms), ...fields }])[0].message_id);

const params = (records: string[], extra: IDataObject = {}): INodeParameters => ({
	source: 'crmRecords',
	module: rl('Contacts', 'list'),
	records: { record: records.map((id) => ({ recordId: rl(id) })) },
	...extra,
});
const harness = (e: Emulator, p: INodeParameters, host: Host, saved?: IDataObject, budgetMs?: number) => {
	const h = new PollHarness({ parameters: p, credential: emulatorCredential(e), host, typeVersion: 1.1, saved, budgetMs });
	if (saved) h.saved = structuredClone(saved);
	return h;
};
async function ok(h: PollHarness): Promise<IDataObject[]> {
	const out = await h.poll();
	if (out.error) throw out.error;
	return out.items.map((i) => i.json);
}
const brief = (items: IDataObject[]) => items.map((i) => (i.event ? [i.event, i.message_id] : ['email', i.id]));
const singleReads = (e: Emulator) => (e.requests({ product: 'crm' }) as IDataObject[]).filter((r) => /\/Emails\/[^/]+$/.test(String(r.path)) && r.method === 'GET').length;

describe.each(['n8n2', 'n8n1'] as Host[])('engagement events on %s: each once, across failures and a restart', (host) => {
	it('opened, bounced, replied, noReply: one item each, none repeated, simplified times in ISO 8601 UTC', async () => {
		const e = emu();
		const t0 = clock(e);
		const p = params([MACLEAD], { engagementEvents: ['opened', 'bounced', 'replied', 'noReply'], trackingWindowHours: 72, noReplyHours: 48 });
		let h = harness(e, p, host);
		expect(await ok(h)).toEqual([]);
		const x = addAt(e, MACLEAD, t0 + 10_000, { sent: true, subject: 'X' });
		const y = addAt(e, MACLEAD, t0 + 11_000, { sent: true, subject: 'Y' });
		e.setClock(t0 + 20_000);
		expect(brief(await ok(h))).toEqual([['email', x], ['email', y]]);

		e.setClock(t0 + 30_000);
		crm(e).openEmail('Contacts', MACLEAD, x, 2);
		crm(e).bounceEmail('Contacts', MACLEAD, x);
		const r = crm(e).replyToEmail('Contacts', MACLEAD, y).message_id;
		e.setClock(t0 + 40_000);
		// The reply's own thread read fails for good: the poll fails after the sent emails' threads were read.
		e.addFault({ method: 'GET', path: `/crm/v8/Contacts/${MACLEAD}/Emails/${r}`, status: 400, body: { code: 'INVALID_DATA', details: {}, message: 'x', status: 'error' }, times: 1 });
		const failed = await h.poll();
		expect(failed.error).toBeDefined();
		expect(failed.items).toEqual([]);
		h = harness(e, p, host, h.saved);
		e.clearRequests();
		const items = await ok(h);
		expect(brief(items).sort()).toEqual([['bounced', x], ['email', r], ['opened', x], ['replied', y]].sort());
		// Threads: once per tracked sent email a received email could answer, once for the reply.
		expect(singleReads(e)).toBe(3);
		const opened = items.find((i) => i.event === 'opened') as IDataObject;
		expect(opened).toMatchObject({ module: 'Contacts', record_id: MACLEAD, open_count: 2, new_opens: 2, sent_time: iso(t0 + 10_000) });
		expect([opened.first_open, opened.last_open]).toEqual([iso(t0 + 30_000), iso(t0 + 30_000)]);
		expect((items.find((i) => i.event === 'bounced') as IDataObject).bounced_time).toMatch(ISO_UTC);
		expect((items.find((i) => i.event === 'replied') as IDataObject).reply_time).toBe(iso(t0 + 30_000));
		e.clearRequests();
		expect(await ok(h)).toEqual([]);
		expect(singleReads(e)).toBe(0);

		// The deadline of X passes (Y was replied): one noReply, not repeated after a failed poll or a restart.
		e.setClock(t0 + 10_000 + 48 * H + 60_000);
		e.addFault({ method: 'GET', path: `/crm/v8/Contacts/${MACLEAD}/Emails`, status: 400, body: { code: 'INVALID_DATA', details: {}, message: 'x', status: 'error' }, times: 1 });
		expect((await h.poll()).error).toBeDefined();
		const late = await ok(h);
		expect(brief(late)).toEqual([['noReply', x]]);
		expect(late[0].deadline).toBe(iso(t0 + 10_000 + 48 * H));
		h = harness(e, p, host, h.saved);
		expect([...(await ok(h)), ...(await ok(h))]).toEqual([]);
	});
});

describe.each(['n8n2', 'n8n1'] as Host[])('replies worked through over several polls on %s', (host) => {
	it('three replies in one poll with no time left: every reply and every replied once, across a restart', async () => {
		const e = emu();
		const t0 = clock(e);
		const p = params([MACLEAD], { engagementEvents: ['replied', 'noReply'], trackingWindowHours: 72, noReplyHours: 48 });
		let h = harness(e, p, host, undefined, 0);
		expect(await ok(h)).toEqual([]);
		const sent = [1, 2, 3].map((n) => addAt(e, MACLEAD, t0 + n * 1000, { sent: true, subject: `S${n}` }));
		e.setClock(t0 + 10_000);
		expect(brief(await ok(h))).toEqual(sent.map((m) => ['email', m]));
		e.setClock(t0 + 20_000);
		const replies = sent.map((m) => crm(e).replyToEmail('Contacts', MACLEAD, m).message_id);
		e.setClock(t0 + 30_000);
		const all: IDataObject[] = [];
		const perPoll: number[] = [];
		for (let n = 0; n < 12; n++) {
			if (n === 3) h = harness(e, p, host, h.saved, 0);
			const items = await ok(h);
			perPoll.push(items.filter((i) => i.event).length);
			all.push(...items);
		}
		// n8n 2.x gives the poll no time: one thread read per poll, the replied items over several polls
		// (the emails at once). n8n 1.x has no poll budget: all in the first poll.
		expect(perPoll.slice(0, 2)).toEqual(host === 'n8n1' ? [3, 0] : [0, 0]);
		// The three replies share one second: their order among themselves is Zoho's, so compared sorted.
		expect(brief(all.filter((i) => !i.event)).sort()).toEqual(replies.map((m) => ['email', m]).sort());
		expect(brief(all.filter((i) => i.event)).sort()).toEqual(sent.map((m) => ['replied', m]).sort());
		expect(all.filter((i) => i.event).map((i) => (i.reply as IDataObject).id).sort()).toEqual([...replies].sort());
	});

	it('a sent email and its reply listed in the same poll: the email, the reply, one replied', async () => {
		const e = emu();
		const t0 = clock(e);
		const p = params([MACLEAD], { engagementEvents: ['replied', 'noReply'], noReplyHours: 1 });
		const h = harness(e, p, host);
		expect(await ok(h)).toEqual([]);
		const x = addAt(e, MACLEAD, t0 + 2_000, { sent: true });
		e.setClock(t0 + 5_000);
		const r = crm(e).replyToEmail('Contacts', MACLEAD, x).message_id;
		e.setClock(t0 + 9_000);
		expect(brief(await ok(h))).toEqual([['email', x], ['email', r], ['replied', x]]);
		e.setClock(t0 + 2 * H);
		expect([...(await ok(h)), ...(await ok(h))]).toEqual([]);
	});
});

describe('Reply Received with Email Type "Sent From CRM"', () => {
	it('a reply to a tracked email is reported, and no No Reply Within follows it', async () => {
		const e = emu();
		const t0 = clock(e);
		const p = params([MACLEAD], { emailType: 'sent_from_crm', engagementEvents: ['replied', 'noReply'], noReplyHours: 1 });
		const h = harness(e, p, 'n8n2');
		expect(await ok(h)).toEqual([]);
		const x = addAt(e, MACLEAD, t0 + 2_000, { sent: true, category: 'sent_from_crm' });
		e.setClock(t0 + 5_000);
		expect(brief(await ok(h))).toEqual([['email', x]]);
		e.setClock(t0 + 10_000);
		crm(e).replyToEmail('Contacts', MACLEAD, x);
		e.setClock(t0 + 20_000);
		const events = (await ok(h)).filter((i) => i.event);
		e.setClock(t0 + 2 * H);
		events.push(...(await ok(h)).filter((i) => i.event));
		expect(brief(events)).toEqual([['replied', x]]);
	});
});

describe('new emails on chosen records: each once when a record must be read later', () => {
	it('a record Zoho asks to come back to (CANNOT_PROCESS) is emitted on the next poll, its open too, never twice', async () => {
		const e = emu();
		const t0 = clock(e);
		const p = params([MACLEAD, KAYLEIGH], { engagementEvents: ['opened'] });
		let h = harness(e, p, 'n8n2');
		expect(await ok(h)).toEqual([]);
		const a = addAt(e, MACLEAD, t0 + 5_000, { sent: true });
		const b = addAt(e, KAYLEIGH, t0 + 6_000, { sent: true });
		e.setClock(t0 + 10_000);
		expect(brief(await ok(h))).toEqual([['email', a], ['email', b]]);
		crm(e).openEmail('Contacts', KAYLEIGH, b);
		const b2 = addAt(e, KAYLEIGH, t0 + 12_000, { sent: false });
		const a2 = addAt(e, MACLEAD, t0 + 13_000, { sent: false });
		e.setClock(t0 + 20_000);
		e.addFault({ method: 'GET', path: `/crm/v8/Contacts/${KAYLEIGH}/Emails`, status: 400, body: { code: 'CANNOT_PROCESS', details: {}, message: 'sync in progress', status: 'error' }, times: 1 });
		expect(brief(await ok(h))).toEqual([['email', a2]]);
		h = harness(e, p, 'n8n2', h.saved);
		expect(brief(await ok(h)).sort()).toEqual([['email', b2], ['opened', b]].sort());
		expect([...(await ok(h)), ...(await ok(h))]).toEqual([]);
	});

	it('an idle poll of two records with Opened on and the tracked emails on the first page: one call per record', async () => {
		const e = emu();
		const t0 = clock(e);
		const h = harness(e, params([MACLEAD, KAYLEIGH], { engagementEvents: ['opened', 'bounced', 'replied', 'noReply'] }), 'n8n2');
		await ok(h);
		addAt(e, MACLEAD, t0 + 5_000, { sent: true });
		addAt(e, KAYLEIGH, t0 + 6_000, { sent: true });
		e.setClock(t0 + 10_000);
		expect(await ok(h)).toHaveLength(2);
		e.clearRequests();
		expect(await ok(h)).toEqual([]);
		expect((e.requests({ product: 'crm' }) as IDataObject[]).map((r) => r.path).sort()).toEqual([`/crm/v8/Contacts/${MACLEAD}/Emails`, `/crm/v8/Contacts/${KAYLEIGH}/Emails`].sort());
	});
});

describe('tracked emails deeper in the list', () => {
	const listReads = (e: Emulator) => (e.requests({ product: 'crm' }) as IDataObject[]).filter((r) => String(r.path).endsWith('/Emails')).length;

	it('25 emails after a tracked one: 3 calls an idle poll while tracked, its open still seen, then 1 call', async () => {
		const e = emu();
		const t0 = clock(e);
		const h = harness(e, params([KAYLEIGH], { engagementEvents: ['opened'], trackingWindowHours: 1 }), 'n8n2');
		await ok(h);
		const x = addAt(e, KAYLEIGH, t0 + 1_000, { sent: true });
		crm(e).addEmails('Contacts', KAYLEIGH, Array.from({ length: 25 }, (_, n) => ({ subject: `r${n}`, sent: false, time: iso(t0 + 2_000 + n * 1000) })));
		e.setClock(t0 + 60_000);
		expect(await ok(h)).toHaveLength(26);
		e.clearRequests();
		expect(await ok(h)).toEqual([]);
		expect(listReads(e)).toBe(3);
		crm(e).openEmail('Contacts', KAYLEIGH, x);
		e.setClock(t0 + 2 * H);
		e.clearRequests();
		expect(brief(await ok(h))).toEqual([['opened', x]]);
		expect(listReads(e)).toBe(3);
		e.clearRequests();
		expect(await ok(h)).toEqual([]);
		expect(listReads(e)).toBe(1);
	});

	it('a sent email synced late into the Late Arrival Window: emitted once, and its open too', async () => {
		const e = emu();
		const t0 = clock(e);
		const h = harness(e, params([KAYLEIGH], { engagementEvents: ['opened'], options: { lateWindowMinutes: 10 } }), 'n8n2');
		await ok(h);
		const x = addAt(e, KAYLEIGH, t0 + 60_000, { sent: true });
		e.setClock(t0 + 90_000);
		expect(brief(await ok(h))).toEqual([['email', x]]);
		const store = e.data.store as { crm: { emails: Record<string, IDataObject[]> } };
		const late = addAt(e, KAYLEIGH, t0 + 95_000, { sent: true });
		// Zoho dates it 40 s before x: a mailbox sync that lagged.
		const entry = store.crm.emails[`Contacts/${KAYLEIGH}`].find((m) => m.message_id === late) as IDataObject;
		entry._ts = t0 + 20_000;
		e.setClock(t0 + 120_000);
		expect(brief(await ok(h))).toEqual([['email', late]]);
		crm(e).openEmail('Contacts', KAYLEIGH, late);
		expect(brief([...(await ok(h)), ...(await ok(h))])).toEqual([['opened', late]]);
	});
});
