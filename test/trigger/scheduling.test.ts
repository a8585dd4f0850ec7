import { sleep } from 'n8n-workflow';

import { addEmailAt, crmRecordsParameters, harness, MACLEAD, messageIds, SAGE, second, type Emulator } from './helpers';
import { useZoho } from './modelSupport';

/**
 * How n8n runs the polls: overlapping polls (n8n's in-memory scheduler starts a poll on every tick),
 * a poll budget shorter than a burst read in full, and the durable scheduler's activation poll.
 */
describe('Zoho Email Trigger under n8n\'s schedulers', () => {
	let emu: Emulator & { setLatency: (ms: number) => void };

	const zoho = useZoho({ perTest: {} });
	beforeAll(() => (emu = zoho.emu as typeof emu));
	beforeEach(() => {
		emu.setLatency(0);
	});

	it.each(['n8n1', 'n8n2'] as const)('%s: a poll that starts while the previous one still runs emits nothing; each email is emitted once', async (host) => {
		const h = harness(emu, crmRecordsParameters([MACLEAD, SAGE]), host);
		await h.poll();
		const ids = [addEmailAt(emu, MACLEAD, Date.now() + 1000), addEmailAt(emu, SAGE, Date.now() + 2000)];
		emu.setLatency(300);
		const [slow, overlapping] = await Promise.all([h.poll(), (async () => {
			await sleep(100);
			return await h.poll();
		})()]);
		emu.setLatency(0);
		expect(slow.error).toBeUndefined();
		expect(overlapping.error).toBeUndefined();
		expect(messageIds(slow.items).sort()).toEqual([...ids].sort());
		expect(overlapping.items).toEqual([]);
		const after = await h.poll();
		expect(after.items).toEqual([]);
	});

	it.each(['n8n2', 'n8n2durable'] as const)('%s: with Fetch Full Email a burst that does not fit the poll budget is read over several polls, each email once', async (host) => {
		// The budget is 1 s: paging stops at 80 %, so about 8 full reads of 100 ms fit in a poll.
		const h = harness(emu, crmRecordsParameters([MACLEAD], { fetchFullEmail: true }), host, 1_000);
		await h.poll();
		const now = Date.now();
		const ids = Array.from({ length: 25 }, (_, n) => addEmailAt(emu, MACLEAD, second(now) - 20_000 + n * 500 + 30_000));
		emu.setLatency(100);
		const emitted: string[] = [];
		let polls = 0;
		while (emitted.length < ids.length && polls < 15) {
			polls++;
			const started = Date.now();
			const outcome = await h.poll();
			expect(outcome.error).toBeUndefined();
			// One request may be under way when the budget runs out; nothing starts after it.
			expect(Date.now() - started).toBeLessThan(1_000 + 400);
			for (const item of outcome.items) expect(item.json.content).toBeDefined();
			emitted.push(...messageIds(outcome.items));
		}
		emu.setLatency(0);
		expect(polls).toBeGreaterThan(1);
		// Two emails a second: Zoho's times have whole seconds, so their order within a second is Zoho's.
		expect(emitted).toHaveLength(ids.length);
		expect([...emitted].sort()).toEqual([...ids].sort());
		expect((await h.poll()).items).toEqual([]);
	});

	it('durable scheduler: an email that arrives between the activation poll and the first scheduled poll is emitted', async () => {
		const h = harness(emu, crmRecordsParameters([MACLEAD]), 'n8n2durable');
		const activation = await h.poll();
		expect(activation.items).toEqual([]);
		expect(activation.staticData.zohoEmailTrigger).toBeDefined();
		const id = addEmailAt(emu, MACLEAD, Date.now() + 1000);
		expect(messageIds((await h.poll()).items)).toEqual([id]);
	});
});
