import { addEmailAt, crmRecordsParameters, harness, KAYLEIGH, MACLEAD, messageIds, requestLines, SAGE, second, type Emulator } from './helpers';
import { useZoho } from './modelSupport';

const LEOTA = '5725767000000502005';
const EMAILS = (id: string) => `GET /crm/v8/Contacts/${id}/Emails`;

/** The emulator's answer delay and its in-flight counters (not in the shared helper type). */
type Timed = Emulator & { setLatency: (ms: number) => void; stats: () => { inFlightMax: number } };

describe('Zoho Email Trigger: chosen records are read concurrently', () => {
	let emu: Timed;
	let base: number;
	const zoho = useZoho({ perTest: {} });
	beforeAll(() => (emu = zoho.emu as Timed));
	beforeEach(() => {
		base = second(Date.now()) + 60_000;
	});

	it('keeps several Emails calls in flight, one call per record, and emits in a fixed order whichever answer comes first', async () => {
		const ids = [MACLEAD, SAGE, LEOTA, KAYLEIGH];
		const h = harness(emu, crmRecordsParameters(ids));
		await h.poll();
		// Emails at the same second on every record, and one later: ties keep the records' list order.
		const same = ids.map((id) => addEmailAt(emu, id, base));
		const later = addEmailAt(emu, SAGE, base + 1000);
		emu.setClock(base + 5000);
		// Answers take long enough for every read to start before the first one comes back.
		emu.setLatency(200);
		emu.clearRequests();
		const outcome = await h.poll();
		expect(outcome.error).toBeUndefined();
		expect(emu.stats().inFlightMax).toBeGreaterThan(1);
		expect(requestLines(emu).sort()).toEqual(ids.map(EMAILS).sort());
		expect(messageIds(outcome.items)).toEqual([...same, later]);
		expect(outcome.items.map((i) => (i.json.record as { id: string }).id)).toEqual([...ids, SAGE]);

		emu.clearRequests();
		const idle = await h.poll();
		expect(idle.items).toEqual([]);
		expect(requestLines(emu)).toHaveLength(ids.length);
	});

	it('a record that fails fails the poll naming the first failing record in list order, and stores nothing', async () => {
		const ids = [MACLEAD, SAGE, LEOTA, KAYLEIGH];
		const h = harness(emu, crmRecordsParameters(ids));
		const first = await h.poll();
		const before = JSON.stringify(first.staticData);
		addEmailAt(emu, MACLEAD, base);
		emu.setClock(base + 5000);
		// LEOTA's refusal comes back after KAYLEIGH's; the poll still reports LEOTA's, the earlier in the list.
		emu.addFault({ method: 'GET', path: `/crm/v8/Contacts/${KAYLEIGH}/Emails`, status: 403, body: { code: 'NO_PERMISSION', details: {}, message: 'no', status: 'error' }, times: 0 });
		emu.addFault({ method: 'GET', path: `/crm/v8/Contacts/${LEOTA}/Emails`, status: 400, body: { code: 'INVALID_DATA', details: {}, message: 'bad', status: 'error' }, times: 0, delayMs: 300 } as Parameters<Emulator['addFault']>[0]);
		const outcome = await h.poll();
		expect(outcome.items).toEqual([]);
		const words = (error: unknown) => `${(error as Error).message} ${(error as { description?: string }).description ?? ''}`;
		expect(words(outcome.error)).toContain('INVALID_DATA');
		expect(words(outcome.error)).not.toContain('NO_PERMISSION');
		expect(JSON.stringify(outcome.staticData)).toBe(before);
	});
});
