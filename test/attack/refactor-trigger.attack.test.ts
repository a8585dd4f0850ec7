import type { IDataObject } from 'n8n-workflow';

import { useEmulator } from '../harness/emulator';
import type { Host } from '../harness/poll';
import { addAt, brief, clock, crm, H, harness, ISO_UTC, iso, KAYLEIGH, MACLEAD, ok, params, singleReads } from './refactorTrigger';

/**
 * Attacks on the trigger promises the refactors touched (the chosen-records read keeping one list of
 * the emails it read, the engagement events, their simplified output): every engagement event once,
 * across failed polls and restarts, with the fewest thread reads. The reads of new emails:
 * refactor-trigger-reads.attack.test.ts.
 */
const emu = useEmulator();

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

describe('two sent emails of one thread, one reply', () => {
	it('one replied naming the later email; neither gets a No Reply Within', async () => {
		const e = emu();
		const t0 = clock(e);
		const h = harness(e, params([KAYLEIGH], { engagementEvents: ['replied', 'noReply'], noReplyHours: 1 }), 'n8n2');
		await ok(h);
		const x = addAt(e, KAYLEIGH, t0 + 1_000, { sent: true });
		const thread = (e.data.crm.emails('Contacts', KAYLEIGH) as IDataObject[]).find((m) => m.message_id === x)?.thread_id;
		const x2 = addAt(e, KAYLEIGH, t0 + 2_000, { sent: true, _thread_id: thread });
		e.setClock(t0 + 5_000);
		expect(await ok(h)).toHaveLength(2);
		e.setClock(t0 + 10_000);
		const r = crm(e).replyToEmail('Contacts', KAYLEIGH, x2).message_id;
		e.setClock(t0 + 20_000);
		expect(brief(await ok(h))).toEqual([['email', r], ['replied', x2]]);
		e.setClock(t0 + 2 * H);
		expect([...(await ok(h)), ...(await ok(h))]).toEqual([]);
	});
});

describe('Reply Received with Email Type "Sent From CRM"', () => {
	// Zoho's type=sent_from_crm lists no received email, so a reply could never show and No Reply Within
	// would fire for every tracked email: the combination is refused before any request, naming the
	// fields, instead of reporting false events (this attack found the false No Reply item).
	it.each([[['replied']], [['noReply']], [['replied', 'noReply']], [['opened', 'noReply']]])(
		'%j is refused before any request, naming the fields and the fix',
		async (events) => {
			const e = emu();
			clock(e);
			const h = harness(e, params([MACLEAD], { emailType: 'sent_from_crm', engagementEvents: events, noReplyHours: 1 }), 'n8n2');
			const out = await h.poll();
			const error = out.error as { message?: string; description?: string } | undefined;
			expect(error?.message).toBe('"Reply Received" and "No Reply Within" need the received emails, which "Email Type" "Sent From CRM" leaves out');
			expect(error?.description).toBe('Set "Email Type" to "All", or remove these events from "Sent Email Events"');
			expect(e.requests({ product: 'crm' })).toEqual([]);
		},
	);

	it('opens and bounces alone still run with "Sent From CRM"', async () => {
		const e = emu();
		const t0 = clock(e);
		const h = harness(e, params([MACLEAD], { emailType: 'sent_from_crm', engagementEvents: ['opened', 'bounced'] }), 'n8n2');
		expect(await ok(h)).toEqual([]);
		const x = addAt(e, MACLEAD, t0 + 2_000, { sent: true, category: 'sent_from_crm' });
		e.setClock(t0 + 5_000);
		expect(brief(await ok(h))).toEqual([['email', x]]);
	});

	it('with "All", a reply to a tracked email is reported, and no No Reply Within follows it', async () => {
		const e = emu();
		const t0 = clock(e);
		const p = params([MACLEAD], { emailType: '', engagementEvents: ['replied', 'noReply'], noReplyHours: 1 });
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
