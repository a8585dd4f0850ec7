/**
 * Attacks on the trigger's scheduling promises (README, "Zoho Email Trigger" → "Guarantees" and "Limits"):
 * one poll at a time, each fitting its time, n8n 2.x's durable scheduler, each email exactly once,
 * cursors move only after success.
 */
import { sleep } from 'n8n-workflow';

import type { Host } from '../harness/poll';
import { addEmailAt, crmRecordsParameters, harness, KAYLEIGH, MACLEAD, SAGE } from '../trigger/helpers';
import { useZoho } from '../trigger/modelSupport';
import { duplicates, type Emu, ids, T0 } from './support';

const HOSTS: Host[] = ['n8n2', 'n8n2durable', 'n8n1'];

const zoho = useZoho({ perTest: {} });
let emu: Emu;
beforeAll(() => (emu = zoho.emu as Emu));

const emailsPath = (record: string) => `/crm/v8/Contacts/${record}/Emails`;

describe('one poll at a time', () => {
	test.each(HOSTS)('%s: a poll started while another runs emits nothing, the running one emits each email once, nothing is rolled back', async (host) => {
		emu.setClock(T0);
		const h = harness(emu, crmRecordsParameters([KAYLEIGH]), host);
		expect((await h.poll()).error).toBeUndefined();
		const first = [addEmailAt(emu, KAYLEIGH, T0 + 5_000), addEmailAt(emu, KAYLEIGH, T0 + 6_000)];
		emu.setClock(T0 + 60_000);

		emu.setLatency(600);
		const slow = h.poll();
		await sleep(150);
		const overlapping = await h.poll();
		const done = await slow;
		emu.setLatency(0);

		expect(overlapping.error).toBeUndefined();
		expect(overlapping.items).toEqual([]);
		expect(done.error).toBeUndefined();
		expect(ids(done.items).sort()).toEqual([...first].sort());

		// Had the skipped poll's commit rolled the state back, this poll would emit the same two again.
		emu.setClock(T0 + 120_000);
		expect((await h.poll()).items).toEqual([]);
		const later = addEmailAt(emu, KAYLEIGH, T0 + 125_000);
		emu.setClock(T0 + 180_000);
		expect(ids((await h.poll()).items)).toEqual([later]);
	});

	test.each(HOSTS)('%s: a poll that fails while another one waits releases the lock and moves no cursor', async (host) => {
		emu.setClock(T0);
		const h = harness(emu, crmRecordsParameters([KAYLEIGH]), host);
		await h.poll();
		const sent = [addEmailAt(emu, KAYLEIGH, T0 + 5_000), addEmailAt(emu, KAYLEIGH, T0 + 5_000)];
		emu.setClock(T0 + 60_000);
		// A scope error: no retry, no renewal, the poll fails after half a second.
		emu.addFault({
			path: emailsPath(KAYLEIGH),
			status: 401,
			body: { code: 'OAUTH_SCOPE_MISMATCH', details: {}, message: 'invalid oauth scope to access this URL', status: 'error' },
			delayMs: 500,
		} as never);
		const failing = h.poll();
		await sleep(100);
		const skipped = await h.poll();
		const failed = await failing;
		expect(failed.error).toBeDefined();
		expect(failed.items).toEqual([]);
		expect(skipped.items).toEqual([]);

		// The lock is free again and the cursor did not move: the next poll emits both emails, once.
		const next = await h.poll();
		expect(next.error).toBeUndefined();
		expect(ids(next.items).sort()).toEqual([...sent].sort());
		expect((await h.poll()).items).toEqual([]);
	});

	test.each(HOSTS)('%s: polls that fail one after another never leave the lock held', async (host) => {
		emu.setClock(T0);
		const h = harness(emu, crmRecordsParameters([KAYLEIGH]), host);
		await h.poll();
		const sent = addEmailAt(emu, KAYLEIGH, T0 + 1_000);
		emu.setClock(T0 + 60_000);
		for (let n = 0; n < 3; n++) {
			emu.addFault({ path: emailsPath(KAYLEIGH), status: 401, body: { code: 'OAUTH_SCOPE_MISMATCH', details: {}, message: 'scope', status: 'error' } } as never);
			const failed = await h.poll();
			expect(failed.error).toBeDefined();
		}
		const next = await h.poll();
		expect(ids(next.items)).toEqual([sent]);
	});
});

describe('n8n 2.x durable scheduler', () => {
	test('"Fetch test event" before and after activation never moves the cursor, nor commits anything', async () => {
		emu.setClock(T0);
		const h = harness(emu, crmRecordsParameters([SAGE]), 'n8n2durable');
		await h.poll(); // the activation poll
		const savedAfterActivation = structuredClone(h.saved);
		const newEmail = addEmailAt(emu, SAGE, T0 + 10_000);
		emu.setClock(T0 + 30_000);
		const sample = await h.poll('manual');
		expect(sample.error).toBeUndefined();
		expect(ids(sample.items)).toEqual([newEmail]);
		expect(h.saved).toEqual(savedAfterActivation);
		emu.setClock(T0 + 60_000);
		const scheduled = await h.poll();
		expect(ids(scheduled.items)).toEqual([newEmail]);
	});

	test('an activation poll that finds a poll of the previous activation still running keeps the starting point', async () => {
		// Deactivating and activating the workflow while a slow poll of its previous activation still runs
		// in this process: the new activation's poll job starts with no state (durable cursors live with
		// the job) and its activation poll meets the running poll.
		emu.setClock(T0);
		const old = harness(emu, crmRecordsParameters([KAYLEIGH]), 'n8n2durable');
		await old.poll();
		emu.setClock(T0 + 60_000);
		emu.setLatency(800);
		const oldPoll = old.poll();
		await sleep(200);

		const fresh = harness(emu, crmRecordsParameters([KAYLEIGH]), 'n8n2durable');
		emu.setClock(T0 + 70_000);
		const activation = await fresh.poll();
		expect(activation.error).toBeUndefined();
		await oldPoll;
		emu.setLatency(0);

		// An email that arrives after the activation, before the first scheduled poll.
		const arrived = addEmailAt(emu, KAYLEIGH, T0 + 90_000);
		emu.setClock(T0 + 130_000);
		const first = await fresh.poll();
		emu.setClock(T0 + 190_000);
		const second = await fresh.poll();
		expect([...ids(first.items), ...ids(second.items)]).toEqual([arrived]);
	});
});

describe('cursors move only after success', () => {
	test.each(HOSTS)('%s: a record Zoho cannot read at activation (CANNOT_PROCESS) still emits what arrived after activation', async (host) => {
		emu.setClock(T0);
		const h = harness(emu, crmRecordsParameters([KAYLEIGH]), host);
		emu.addFault({
			path: emailsPath(KAYLEIGH),
			status: 400,
			body: { code: 'CANNOT_PROCESS', details: {}, message: 'mailbox sync in progress', status: 'error' },
		} as never);
		const activation = await h.poll();
		expect(activation.error).toBeUndefined();
		// Arrives after the activation: README "Starts from now" and "read again on the next poll".
		const arrived = addEmailAt(emu, KAYLEIGH, T0 + 20_000);
		emu.setClock(T0 + 60_000);
		const next = await h.poll();
		expect(next.error).toBeUndefined();
		expect(ids(next.items)).toEqual([arrived]);
	});
});

describe('each email exactly once, with "Fetch Full Email" carrying over', () => {
	/** Full reads take `ms` each (the list answers at once): a fault that answers like Zoho after a delay. */
	function slowFullReads(record: string, ms: number) {
		emu.addFault({
			path: new RegExp(`^/crm/v8/Contacts/${record}/Emails/[^/]+$`),
			status: 200,
			body: { Emails: [{ content: '<p>full</p>' }] },
			delayMs: ms,
			times: 0,
		} as never);
	}

	async function drain(h: ReturnType<typeof harness>, fromMs: number, polls: number): Promise<string[]> {
		const out: string[] = [];
		for (let n = 0; n < polls; n++) {
			emu.setClock(fromMs + n * 60_000);
			const result = await h.poll();
			expect(result.error).toBeUndefined();
			out.push(...ids(result.items));
		}
		return out;
	}

	/** A trigger on KAYLEIGH activated at T0 (a poll of `budgetMs`), then `count` emails dated one second, T0 + 7 s. */
	async function burstAfterActivation(count: number, fetchFullEmail: boolean, budgetMs?: number) {
		emu.setClock(T0);
		const h = harness(emu, crmRecordsParameters([KAYLEIGH], fetchFullEmail ? { fetchFullEmail } : {}), 'n8n2', budgetMs);
		await h.poll();
		const burst = emu.data.crm.addEmails('Contacts', KAYLEIGH, Array.from({ length: count }, (_, n) => ({ time: new Date(T0 + 7_000).toISOString(), subject: `b${n}` }))).map((e) => String(e.message_id));
		return { h, burst };
	}

	test('a burst of 30 emails in one second, read in full over several polls: each once', async () => {
		const { h, burst } = await burstAfterActivation(30, true, 1_000);
		slowFullReads(KAYLEIGH, 60);
		const emitted = await drain(h, T0 + 60_000, 8);
		expect(duplicates(emitted)).toEqual([]);
		expect(emitted.sort()).toEqual([...burst].sort());
	});

	test('a burst of 120 emails in one past second, listed only (no full reads), in one poll: each once', async () => {
		const { h, burst } = await burstAfterActivation(120, false);
		const emitted = await drain(h, T0 + 60_000, 3);
		expect(duplicates(emitted)).toEqual([]);
		expect(emitted.sort()).toEqual([...burst].sort());
	});

	test('a burst of 120 emails in one past second, read in full over several polls: each once', async () => {
		// More than 50 in a second that is already over when the trigger reads it (not the README's limit
		// about emails arriving later within Zoho's current second).
		const { h, burst } = await burstAfterActivation(120, true, 2_000);
		// About 1.6 s / 20 ms = 80 full reads in the first poll: more than 50, fewer than 120.
		slowFullReads(KAYLEIGH, 20);
		// Polls to spare: on a loaded machine a poll's 2 s hold fewer reads; the polls after the last
		// email must emit nothing again.
		const emitted = await drain(h, T0 + 60_000, 12);
		expect(duplicates(emitted)).toEqual([]);
		expect(emitted.length).toBe(120);
		expect(emitted.sort()).toEqual([...burst].sort());
	});

	test('a burst of 200 emails in one past second carried over four polls and more: each once', async () => {
		// Each carried-over poll keeps every email emitted so far by key; a cap of one poll's reads lost
		// the last ones of a burst that needed a third poll.
		const { h, burst } = await burstAfterActivation(200, true, 1_000);
		slowFullReads(KAYLEIGH, 20);
		const emitted = await drain(h, T0 + 60_000, 20);
		expect(duplicates(emitted)).toEqual([]);
		expect(emitted.sort()).toEqual([...burst].sort());
	});

	test('an email that arrives while a same-second burst is being carried over is emitted', async () => {
		emu.setClock(T0);
		const h = harness(emu, crmRecordsParameters([KAYLEIGH], { fetchFullEmail: true }), 'n8n2', 2_000);
		await h.poll();
		emu.data.crm.addEmails('Contacts', KAYLEIGH, Array.from({ length: 120 }, (_, n) => ({ time: new Date(T0 + 7_000).toISOString(), subject: `b${n}` })));
		slowFullReads(KAYLEIGH, 20);
		emu.setClock(T0 + 60_000);
		await h.poll();
		const late = addEmailAt(emu, KAYLEIGH, T0 + 90_000);
		const emitted = await drain(h, T0 + 120_000, 3);
		expect(emitted).toContain(late);
	});

	test('emails dated ahead of Zoho\'s clock mixed into a carried-over burst: each once, the future ones too', async () => {
		emu.setClock(T0);
		const h = harness(emu, crmRecordsParameters([KAYLEIGH], { fetchFullEmail: true }), 'n8n2', 1_000);
		await h.poll();
		const past = Array.from({ length: 10 }, (_, n) => addEmailAt(emu, KAYLEIGH, T0 + 5_000 + n * 1_000));
		const future = Array.from({ length: 10 }, (_, n) => addEmailAt(emu, KAYLEIGH, T0 + 86_400_000 + n * 1_000));
		slowFullReads(KAYLEIGH, 60);
		const emitted = await drain(h, T0 + 60_000, 6);
		// Later, emails dated before the future ones still come (README: "emails that arrive after it with
		// earlier dates are still emitted").
		const after = addEmailAt(emu, KAYLEIGH, T0 + 400_000);
		emitted.push(...(await drain(h, T0 + 500_000, 1)));
		expect(duplicates(emitted)).toEqual([]);
		expect(emitted.sort()).toEqual([...past, ...future, after].sort());
	});

	test('emails deleted between the polls of a carried-over burst: the rest each once', async () => {
		emu.setClock(T0);
		const h = harness(emu, crmRecordsParameters([KAYLEIGH], { fetchFullEmail: true }), 'n8n2', 1_000);
		await h.poll();
		const burst = Array.from({ length: 30 }, (_, n) => addEmailAt(emu, KAYLEIGH, T0 + 5_000 + Math.floor(n / 3) * 1_000));
		slowFullReads(KAYLEIGH, 60);
		const emitted = await drain(h, T0 + 60_000, 1);
		expect(emitted.length).toBeGreaterThan(0);
		expect(emitted.length).toBeLessThan(30);
		// Delete two emitted and two not yet emitted emails.
		const list = emu.data.store.crm.emails[`Contacts/${KAYLEIGH}`];
		const gone = [emitted[0], emitted[emitted.length - 1], ...burst.filter((id) => !emitted.includes(id)).slice(0, 2)];
		for (const id of gone) list.splice(list.findIndex((e) => e.message_id === id), 1);
		emitted.push(...(await drain(h, T0 + 120_000, 6)));
		expect(duplicates(emitted)).toEqual([]);
		const expected = burst.filter((id) => !gone.slice(2).includes(id));
		expect(emitted.sort()).toEqual(expected.sort());
	});
});

describe('records that do not fit in one poll', () => {
	/** Zoho's time format with an offset, for a record's Modified_Time. */
	const zohoTime = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00');

	test('whole module with "Fetch Full Email": bursts on two records carried over several polls, each email once', async () => {
		emu.setClock(T0);
		const parameters = { source: 'crmModule', module: { __rl: true, mode: 'name', value: 'Contacts' }, fetchFullEmail: true };
		const h = harness(emu, parameters, 'n8n2durable', 1_000);
		expect((await h.poll()).error).toBeUndefined();
		const sent: string[] = [];
		for (const [n, record] of [MACLEAD, SAGE].entries()) {
			for (let k = 0; k < 15; k++) sent.push(addEmailAt(emu, record, T0 + 5_000 + k * 1_000 + n * 100_000));
			emu.data.crm.record('Contacts', record).Modified_Time = zohoTime(T0 + 30_000 + n * 100_000);
			emu.data.crm.record('Contacts', record).Last_Activity_Time = zohoTime(T0 + 30_000 + n * 100_000);
		}
		emu.addFault({ path: /^\/crm\/v8\/Contacts\/\d+\/Emails\/[^/]+$/, status: 200, body: { Emails: [{ content: 'x' }] }, delayMs: 60, times: 0 } as never);
		const emitted: string[] = [];
		let polls = 0;
		for (let n = 1; n <= 10; n++) {
			emu.setClock(T0 + 200_000 + n * 60_000);
			const result = await h.poll();
			expect(result.error).toBeUndefined();
			if (result.items.length > 0) polls++;
			emitted.push(...ids(result.items));
		}
		expect(polls).toBeGreaterThan(1);
		expect(duplicates(emitted)).toEqual([]);
		expect(emitted.sort()).toEqual([...sent].sort());
	});

	test('25 chosen records, too many to start in one poll: every new email once, over several polls', async () => {
		emu.setClock(T0);
		const contacts = emu.data.crm.records('Contacts');
		const template = emu.data.crm.record('Contacts', KAYLEIGH);
		const watched = Array.from({ length: 25 }, (_, n) => `5725767000000${600001 + n}`);
		for (const id of watched) contacts.push({ ...template, id });
		const h = harness(emu, crmRecordsParameters(watched), 'n8n2', 600);
		await h.poll();
		const sent = watched.map((id, n) => addEmailAt(emu, id, T0 + 5_000 + n * 1_000));
		emu.setLatency(200);
		const emitted: string[] = [];
		let polls = 0;
		for (let n = 1; n <= 8; n++) {
			emu.setClock(T0 + n * 60_000);
			const result = await h.poll();
			expect(result.error).toBeUndefined();
			if (result.items.length > 0) polls++;
			emitted.push(...ids(result.items));
		}
		emu.setLatency(0);
		expect(polls).toBeGreaterThan(1);
		expect(duplicates(emitted)).toEqual([]);
		expect(emitted.sort()).toEqual([...sent].sort());
	});

	test.each(HOSTS)('%s: a poll that fails on its second record after the first was read emits nothing and keeps both cursors', async (host) => {
		emu.setClock(T0);
		const h = harness(emu, crmRecordsParameters([KAYLEIGH, SAGE]), host);
		await h.poll();
		const first = addEmailAt(emu, KAYLEIGH, T0 + 5_000);
		const second = addEmailAt(emu, SAGE, T0 + 6_000);
		emu.setClock(T0 + 60_000);
		emu.addFault({ path: emailsPath(SAGE), status: 401, body: { code: 'OAUTH_SCOPE_MISMATCH', details: {}, message: 'scope', status: 'error' }, delayMs: 200 } as never);
		const failed = await h.poll();
		expect(failed.error).toBeDefined();
		expect(failed.items).toEqual([]);
		emu.setClock(T0 + 120_000);
		const next = await h.poll();
		expect(ids(next.items).sort()).toEqual([first, second].sort());
	});
});

describe('the lock and the wall clock', () => {
	afterEach(() => jest.restoreAllMocks());

	test('the wall clock jumping back an hour while a poll runs does not keep the next polls out', async () => {
		emu.setClock(T0);
		const h = harness(emu, crmRecordsParameters([KAYLEIGH]), 'n8n2');
		await h.poll();
		const real = Date.now.bind(Date);
		let skew = 0;
		jest.spyOn(Date, 'now').mockImplementation(() => real() + skew);
		emu.setLatency(300);
		const running = h.poll();
		await sleep(100);
		skew = -3_600_000;
		await running;
		emu.setLatency(0);
		const sent = addEmailAt(emu, KAYLEIGH, T0 + 5_000);
		emu.setClock(T0 + 60_000);
		expect(ids((await h.poll()).items)).toEqual([sent]);
	});

	test('the wall clock jumping forward 20 minutes while a poll runs: the next poll is still kept out', async () => {
		// README: "A poll still marked as running after 15 minutes is taken as lost". This one has run for
		// a fraction of a second; only the wall clock moved.
		emu.setClock(T0);
		const h = harness(emu, crmRecordsParameters([KAYLEIGH]), 'n8n2');
		await h.poll();
		const sent = [addEmailAt(emu, KAYLEIGH, T0 + 5_000), addEmailAt(emu, KAYLEIGH, T0 + 6_000)];
		emu.setClock(T0 + 60_000);
		const real = Date.now.bind(Date);
		let skew = 0;
		jest.spyOn(Date, 'now').mockImplementation(() => real() + skew);
		emu.setLatency(500);
		const running = h.poll();
		await sleep(100);
		skew = 20 * 60_000;
		const overlapping = h.poll();
		const results = await Promise.all([running, overlapping]);
		emu.setLatency(0);
		const emitted = results.flatMap((r) => ids(r.items));
		expect(duplicates(emitted)).toEqual([]);
		expect(emitted.sort()).toEqual([...sent].sort());
	});
});
