import type { IDataObject } from 'n8n-workflow';

import { endTracking, engagementOf, MAX_TRACKED_EMAILS, trimTracking } from '../../nodes/ZohoEmail/trigger/engagement';
import type { PollSettings, TrackState } from '../../nodes/ZohoEmail/trigger/types';
import { crmRecordsParameters, harness, MACLEAD, requestLines, SAGE } from './helpers';
import { useZoho } from './modelSupport';

const EMAILS = (id: string) => `/crm/v8/Contacts/${id}/Emails`;
const parameters = (extra: IDataObject = {}) => crmRecordsParameters([MACLEAD, SAGE], { engagementEvents: ['opened', 'bounced'], trackingWindowHours: 24, ...extra });

describe('Zoho Email Trigger: opened and bounced (chosen records)', () => {
	const zoho = useZoho({ perTest: { clockFromNow: 0 } });
	const { send, admin } = zoho;
	const tick = (seconds: number) => zoho.tick(seconds * 1000);

	it('emits the first open once, with its count and times, and a bounce once, with its category and reason; an idle poll costs one call per record', async () => {
		const h = harness(zoho.emu, parameters());
		await h.poll();
		tick(10);
		const quote = send(MACLEAD);
		const other = send(SAGE, { to: [{ user_name: 'Sage', email: 'sage@example.com' }] });
		tick(10);
		const sent = await h.poll();
		expect(sent.items.map((i) => [i.json.message_id, i.json.event])).toEqual([
			[quote, undefined],
			[other, undefined],
		]);
		tick(30);
		const opened = await admin('crm/opens', { module: 'Contacts', recordId: MACLEAD, messageId: quote, times: 2 });
		expect(opened.status).toBe(201);
		const bounced = await admin('crm/bounces', { module: 'Contacts', recordId: SAGE, messageId: other, reason: 'Mailbox not found', category: 'Permanently blocked', subCategory: 'Invalid Address' });
		expect(bounced.status).toBe(201);
		tick(30);
		zoho.emu.clearRequests();
		const out = await h.poll();
		expect(requestLines(zoho.emu)).toEqual([`GET ${EMAILS(MACLEAD)}`, `GET ${EMAILS(SAGE)}`]);
		const openTime = new Date(zoho.clock - 30_000).toISOString().replace(/\.\d{3}Z$/, '+00:00');
		const [open, bounce] = out.items.map((i) => i.json);
		expect({ ...open, email: undefined }).toEqual({
			event: 'opened',
			record: { module: 'Contacts', id: MACLEAD },
			messageId: quote,
			subject: 'Quote',
			to: (open.email as IDataObject).to,
			sentTime: (open.email as IDataObject).time,
			openCount: 2,
			newOpens: 2,
			firstOpen: (open.email as IDataObject & { status: IDataObject[] }).status[0].first_open,
			lastOpen: (open.email as IDataObject & { status: IDataObject[] }).status[0].last_open,
			email: undefined,
		});
		expect(Date.parse(String(open.firstOpen))).toBe(Date.parse(openTime));
		expect({ ...bounce, email: undefined }).toMatchObject({
			event: 'bounced',
			record: { module: 'Contacts', id: SAGE },
			messageId: other,
			bouncedReason: 'Mailbox not found',
			category: 'Permanently blocked',
			subCategory: 'Invalid Address',
		});
		expect(out.items).toHaveLength(2);
		// More opens: nothing without Every New Open.
		await admin('crm/opens', { module: 'Contacts', recordId: MACLEAD, messageId: quote });
		tick(5);
		expect((await h.poll()).items).toEqual([]);
	});

	it('Every New Open: one item per poll with the count, however many opens came between', async () => {
		const h = harness(zoho.emu, parameters({ engagementEvents: ['opened'], everyOpen: true }));
		await h.poll();
		tick(10);
		const quote = send(MACLEAD);
		const crm = zoho.emu.data.crm as unknown as { openEmail: (m: string, r: string, id: string, times?: number) => unknown };
		crm.openEmail('Contacts', MACLEAD, quote);
		tick(5);
		const first = await h.poll();
		expect(first.items.filter((i) => i.json.event).map((i) => [i.json.openCount, i.json.newOpens])).toEqual([[1, 1]]);
		crm.openEmail('Contacts', MACLEAD, quote, 3);
		tick(5);
		expect((await h.poll()).items.map((i) => [i.json.event, i.json.openCount, i.json.newOpens])).toEqual([['opened', 4, 3]]);
		tick(5);
		expect((await h.poll()).items).toEqual([]);
	});

	it('a tracked email older than the first page is read back to, page by page; after its window it is not', async () => {
		zoho.emu.setLimits({ emailsPerPage: 2 });
		const h = harness(zoho.emu, parameters({ trackingWindowHours: 1 }));
		await h.poll();
		tick(10);
		const quote = send(MACLEAD);
		tick(1);
		await h.poll();
		for (let n = 0; n < 4; n++) {
			tick(1);
			send(MACLEAD, { sent: false });
		}
		tick(1);
		await h.poll();
		(zoho.emu.data.crm as unknown as { openEmail: (m: string, r: string, id: string) => unknown }).openEmail('Contacts', MACLEAD, quote);
		tick(1);
		zoho.emu.clearRequests();
		const out = await h.poll();
		expect(out.items.map((i) => [i.json.event, i.json.messageId])).toEqual([['opened', quote]]);
		// Five emails at two a page: three pages of MACLEAD's list, one of SAGE's.
		expect(requestLines(zoho.emu).filter((l) => l.includes(MACLEAD))).toHaveLength(3);
		tick(3600);
		await h.poll();
		zoho.emu.clearRequests();
		tick(1);
		await h.poll();
		expect(requestLines(zoho.emu).filter((l) => l.includes(MACLEAD))).toHaveLength(1);
	});

	it('checks the events before any request and refuses a window out of range, naming the field', async () => {
		const bad = await harness(zoho.emu, parameters({ trackingWindowHours: 0 })).poll();
		expect(bad.error?.message).toBe('"Tracking Window (Hours)" must be above 0 and at most 720: 0');
		const unknown = await harness(zoho.emu, parameters({ engagementEvents: ['clicked'] })).poll();
		expect(unknown.error?.message).toBe('"Sent Email Events" holds an unknown event: "clicked"');
		expect(requestLines(zoho.emu)).toEqual([]);
	});

	it('reads Sent Email Events from an expression\'s comma-separated string and hours from a decimal string', async () => {
		const h = harness(zoho.emu, parameters({ engagementEvents: ' opened, bounced ', trackingWindowHours: '24' }));
		await h.poll();
		tick(10);
		const quote = send(MACLEAD);
		tick(10);
		await h.poll();
		await admin('crm/opens', { module: 'Contacts', recordId: MACLEAD, messageId: quote });
		await admin('crm/bounces', { module: 'Contacts', recordId: MACLEAD, messageId: quote, reason: 'Mailbox full', category: 'Temporarily blocked', subCategory: 'Mailbox full' });
		tick(10);
		expect((await h.poll()).items.map((i) => [i.json.event, i.json.messageId])).toEqual([['opened', quote], ['bounced', quote]]);
	});

	it('the admin endpoints refuse a received email and bad fields', async () => {
		const received = send(MACLEAD, { sent: false });
		const answer = await admin('crm/opens', { module: 'Contacts', recordId: MACLEAD, messageId: received });
		expect(answer.status).toBe(400);
		expect(answer.data).toEqual({ error: `email ${received} was received, not sent: only sent emails are opened or bounce` });
		expect((await admin('crm/opens', { module: 'Contacts', recordId: MACLEAD, messageId: received, times: 0 })).data).toEqual({ error: 'times must be an integer from 1 to 1000' });
		expect((await admin('crm/bounces', { module: 'Contacts', recordId: MACLEAD })).data).toEqual({ error: 'messageId must be a string of 1 to 500 characters' });
	});
});

describe('Zoho Email Trigger: tracking state is bounded', () => {
	const s = { module: 'Contacts', engagement: ['opened', 'bounced'], everyOpen: false, trackingWindowMs: 720 * 3_600_000 } as unknown as PollSettings;

	it('after 100,000 sent emails tracked within the window, at most 500 are kept (measured in bytes), and none comes back', () => {
		const start = Date.UTC(2026, 0, 1);
		let tracked: Record<string, TrackState> = {};
		const ids = Array.from({ length: 100 }, (_, n) => `3652397000000624${String(n).padStart(3, '0')}`);
		let emitted = 0;
		for (let n = 0; n < 100_000; n += 1000) {
			for (const [r, id] of ids.entries()) {
				// Ten emails per record per round, one second apart, each opened at once.
				const listed = Array.from({ length: 10 }, (_, k) => ({
					sent: true,
					message_id: `${id}-${n + k}`,
					time: new Date(start + (n + r * 10 + k) * 1000).toISOString(),
					status: [{ type: 'opened', count: '1', first_open: 'x', last_open: 'x' }],
				}));
				const now = start + (n + 1000) * 1000;
				const out = engagementOf(s, id, tracked[id], start, listed);
				emitted += out.items.length;
				tracked[id] = endTracking(s, out.state, now);
			}
			tracked = trimTracking(tracked, ids);
		}
		expect(emitted).toBe(100_000);
		const count = Object.values(tracked).reduce((sum, t) => sum + Object.keys(t.e).length, 0);
		expect(count).toBe(MAX_TRACKED_EMAILS);
		const bytes = JSON.stringify(tracked).length;
		// Measured: 20,851 bytes for 500 emails over 100 records (README, "Small, bounded state").
		expect(bytes).toBeLessThan(22_000);
		// An email dropped for room is never tracked again: re-listing the oldest emits nothing.
		const again = engagementOf(s, ids[0], tracked[ids[0]], start, [{ sent: true, message_id: `${ids[0]}-0`, time: new Date(start).toISOString(), status: [{ type: 'bounced' }] }]);
		expect(again.items).toEqual([]);
	});
});
