import fc from 'fast-check';

import { advance, EDGE_ID_CAP, isNew, newCursor, shortKey } from '../../nodes/ZohoEmail/trigger/cursor';
import { addEmailAt, crmRecordsParameters, harness, MACLEAD, SAGE, second, type Emulator } from './helpers';
import { useZoho } from './modelSupport';

describe('Zoho Email Trigger: stored state stays small', () => {
	let emu: Emulator;
	const zoho = useZoho();
	beforeAll(() => (emu = zoho.emu));

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

	it('whatever the times (far ahead, far behind, bursts), the cursor keeps at most the cap and its floor never passes Zoho\'s clock', () => {
		const read = fc.record({
			clockStep: fc.integer({ min: 0, max: 600 }),
			items: fc.uniqueArray(fc.record({ id: fc.nat(400), offset: fc.oneof(fc.integer({ min: -3600, max: 0 }), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 1, max: 86_400 })) }), { maxLength: 120, selector: (i) => i.id }),
		});
		fc.assert(
			fc.property(fc.array(read, { minLength: 1, maxLength: 20 }), fc.constantFrom(0, 300_000), (reads, late) => {
				let now = 1_800_000_000_000;
				let cursor = newCursor(now);
				for (const r of reads) {
					now += r.clockStep * 1000;
					const seen = r.items.map((i) => ({ key: shortKey(`k${i.id}`), timeMs: now + i.offset * 1000 })).filter((i) => i.timeMs >= cursor.f);
					const before = cursor;
					cursor = advance(cursor, seen, late, now);
					expect(Object.keys(cursor.s).length).toBeLessThanOrEqual(EDGE_ID_CAP);
					// The floor rises past Zoho's clock only by the one second of a burst larger than the cap.
					expect(cursor.f).toBeLessThanOrEqual(Math.max(before.f, now + 1000));
					if (cursor.c !== undefined) expect(cursor.c).toBeGreaterThan(now);
					// Everything just read is known afterwards: nothing is emitted twice.
					for (const item of seen) expect(isNew(cursor, item.key, item.timeMs)).toBe(false);
				}
			}),
			{ numRuns: 300, seed: 7 },
		);
	});
});
