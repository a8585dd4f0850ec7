import { advance, EDGE_ID_CAP, newCursor, shortKey } from '../../nodes/ZohoEmail/trigger/cursor';
import { addEmailAt, crmRecordsParameters, harness, MACLEAD, SAGE, second, startZoho, type Emulator } from './helpers';

describe('Zoho Email Trigger: stored state stays small', () => {
	let emu: Emulator;

	beforeAll(async () => {
		emu = await startZoho();
	});
	afterAll(async () => await emu.stop());

	it('after 2,000 emails on two records through poll(), the state holds only the edge', async () => {
		emu.reset();
		const base = second(Date.now()) + 60_000;
		const h = harness(emu, crmRecordsParameters([MACLEAD, SAGE]));
		await h.poll();
		let emitted = 0;
		for (let batch = 0; batch < 10; batch++) {
			for (let i = 0; i < 100; i++) {
				// Five emails per second: the edge always holds several IDs of the same second.
				const t = base + Math.floor((batch * 100 + i) / 5) * 1000;
				addEmailAt(emu, MACLEAD, t, { message_id: `m-${batch}-${i}` });
				addEmailAt(emu, SAGE, t, { message_id: `s-${batch}-${i}` });
			}
			emu.setClock(base + (batch + 1) * 20_000);
			emitted += (await h.poll()).items.length;
		}
		expect(emitted).toBe(2000);
		const bytes = h.stateBytes();
		expect(bytes).toBeLessThan(600);
		expect(bytes).toBeGreaterThan(100);
		const r = (h.saved['node:Zoho Email Trigger'] as { zohoEmailTrigger: { crm: { r: Record<string, { s: object }> } } }).zohoEmailTrigger.crm.r;
		expect(Object.keys(r[MACLEAD].s)).toHaveLength(5);
	});

	it('after 100,000 emails the cursor is bounded by the edge cap, whatever the burst', () => {
		let cursor = newCursor(0);
		const now = 100_000 * 1000;
		for (let n = 0; n < 100_000; n += 500) {
			// Bursts of 500 emails, 250 of them in the newest second.
			const seen = Array.from({ length: 500 }, (_, i) => ({ key: shortKey(`id-${n + i}`), timeMs: (n + Math.min(i, 250)) * 1000 }));
			cursor = advance(cursor, seen, 0, now);
		}
		expect(Object.keys(cursor.s).length).toBeLessThanOrEqual(EDGE_ID_CAP);
		expect(JSON.stringify(cursor).length).toBeLessThan(EDGE_ID_CAP * 25 + 40);
	});
});
