import { EDGE_ID_CAP, type Cursor } from '../../nodes/ZohoEmail/trigger/cursor';
import { addEmailAt, crmRecordsParameters, harness, KAYLEIGH, messageIds, type Emulator } from './helpers';
import { useZoho } from './modelSupport';

/**
 * Emails whose time is not Zoho's clock: a sender's clock running ahead, a mailbox sync delivering late.
 * Zoho's clock is the emulator's `Date` header, set by the test, so nothing here depends on real time.
 */
describe('Zoho Email Trigger: email times that disagree with Zoho\'s clock', () => {
	let emu: Emulator;
	const zoho = useZoho({ perTest: { clockFromNow: 0 } });
	const { tick } = zoho;
	beforeAll(() => (emu = zoho.emu));

	it('an email dated 20 s ahead does not hide a normal email that arrives after it', async () => {
		const h = harness(emu, crmRecordsParameters([KAYLEIGH]));
		await h.poll();
		tick(1000);
		const ahead = addEmailAt(emu, KAYLEIGH, zoho.clock + 20_000);
		expect(messageIds((await h.poll()).items)).toEqual([ahead]);
		tick(1000);
		const normal = addEmailAt(emu, KAYLEIGH, zoho.clock + 2000);
		tick(1000);
		const third = await h.poll();
		tick(60_000);
		const fourth = await h.poll();
		expect([...messageIds(third.items), ...messageIds(fourth.items)]).toEqual([normal]);
	});

	it('an email dated an hour ahead is emitted once and moves nothing: later emails still come, none twice', async () => {
		const h = harness(emu, crmRecordsParameters([KAYLEIGH]));
		await h.poll();
		const ahead = addEmailAt(emu, KAYLEIGH, zoho.clock + 3_600_000);
		expect(messageIds((await h.poll()).items)).toEqual([ahead]);
		const emitted: string[] = [];
		const arrived: string[] = [];
		for (let n = 0; n < 5; n++) {
			tick(60_000);
			arrived.push(addEmailAt(emu, KAYLEIGH, zoho.clock - 1000));
			emitted.push(...messageIds((await h.poll()).items));
		}
		// Zoho's clock passes the email's date: it is not emitted again.
		tick(3_600_000);
		emitted.push(...messageIds((await h.poll()).items));
		expect(emitted).toEqual(arrived);
	});

	it('an email at the same second as Zoho\'s clock, arriving after the poll read that second, is emitted', async () => {
		const h = harness(emu, crmRecordsParameters([KAYLEIGH]));
		await h.poll();
		const first = addEmailAt(emu, KAYLEIGH, zoho.clock);
		expect(messageIds((await h.poll()).items)).toEqual([first]);
		const sameSecond = addEmailAt(emu, KAYLEIGH, zoho.clock);
		tick(60_000);
		expect(messageIds((await h.poll()).items)).toEqual([sameSecond]);
	});

	it('with a Late Arrival Window, an email synced late with an older date is emitted, even after a future-dated one', async () => {
		const h = harness(emu, crmRecordsParameters([KAYLEIGH], { options: { lateWindowMinutes: 10 } }));
		await h.poll();
		const a = addEmailAt(emu, KAYLEIGH, zoho.clock - 1000);
		const ahead = addEmailAt(emu, KAYLEIGH, zoho.clock + 30 * 60_000);
		tick(60_000);
		expect(messageIds((await h.poll()).items)).toEqual([a, ahead]);
		// Shows up now, dated 5 minutes ago: before the newest email already seen, inside the window.
		tick(60_000);
		const late = addEmailAt(emu, KAYLEIGH, zoho.clock - 5 * 60_000);
		tick(60_000);
		expect(messageIds((await h.poll()).items)).toEqual([late]);
		tick(60_000);
		expect((await h.poll()).items).toEqual([]);
	});

	it('more future-dated emails than the state keeps: each emitted once, normal emails still come; later ones past the ceiling are the stated limit', async () => {
		const h = harness(emu, crmRecordsParameters([KAYLEIGH]));
		await h.poll();
		const ahead = Array.from({ length: EDGE_ID_CAP + 10 }, (_, i) => addEmailAt(emu, KAYLEIGH, zoho.clock + 600_000 + (i % 20) * 1000, { message_id: `ahead-${i}` }));
		tick(1000);
		const first = await h.poll();
		expect(messageIds(first.items).sort()).toEqual([...ahead].sort());
		const state = first.staticData.zohoEmailTrigger as { crm: { r: Record<string, Cursor> } };
		const cursor = state.crm.r[KAYLEIGH];
		expect(Object.keys(cursor.s).length).toBeLessThanOrEqual(EDGE_ID_CAP);
		expect(cursor.f).toBeLessThanOrEqual(zoho.clock);
		expect(cursor.c).toBeGreaterThan(zoho.clock + 600_000);
		const emitted: string[] = [];
		const normal: string[] = [];
		for (let n = 0; n < 3; n++) {
			tick(60_000);
			normal.push(addEmailAt(emu, KAYLEIGH, zoho.clock));
			emitted.push(...messageIds((await h.poll()).items));
		}
		expect(emitted).toEqual(normal);
		// Zoho's clock passes all of them: none comes again, the ceiling is gone, new emails still come.
		tick(3_600_000);
		expect((await h.poll()).items).toEqual([]);
		const after = addEmailAt(emu, KAYLEIGH, zoho.clock);
		tick(60_000);
		const last = await h.poll();
		expect(messageIds(last.items)).toEqual([after]);
		expect((last.staticData.zohoEmailTrigger as { crm: { r: Record<string, Cursor> } }).crm.r[KAYLEIGH].c).toBeUndefined();
	});

	it('whole module: an email dated 20 s ahead does not hide a normal email that arrives after it', async () => {
		const h = harness(emu, { source: 'crmModule', module: { __rl: true, mode: 'list', value: 'Contacts' } });
		const emailOn = (timeMs: number) => {
			const id = addEmailAt(emu, KAYLEIGH, timeMs);
			emu.data.crm.record('Contacts', KAYLEIGH).Modified_Time = new Date(zoho.clock).toISOString();
			return id;
		};
		await h.poll();
		tick(1000);
		const ahead = emailOn(zoho.clock + 20_000);
		tick(1000);
		expect(messageIds((await h.poll()).items)).toEqual([ahead]);
		const normal = emailOn(zoho.clock + 2000);
		tick(1000);
		const third = await h.poll();
		tick(60_000);
		const fourth = await h.poll();
		expect([...messageIds(third.items), ...messageIds(fourth.items)]).toEqual([normal]);
	});
});
