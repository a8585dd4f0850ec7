import { addEmailAt, crmRecordsParameters, harness, MACLEAD, SAGE, second, type Emulator } from './helpers';
import { useZoho } from './modelSupport';

/** mulberry32: a small seeded PRNG, so every run sees the same arrivals and faults. */
function prng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const RECORDS = [MACLEAD, SAGE];
const CANNOT_PROCESS = { code: 'CANNOT_PROCESS', details: {}, message: 'sync in progress', status: 'error' };
const TOO_MANY = { code: 'TOO_MANY_REQUESTS', details: {}, message: 'limit', status: 'error' };
const SCOPE = { code: 'OAUTH_SCOPE_MISMATCH', details: {}, message: 'invalid oauth scope to access this URL', status: 'error' };

async function soak(emu: Emulator, host: 'n8n2' | 'n8n1', polls: number, seed: number) {
	emu.reset();
	const random = prng(seed);
	const h = harness(emu, crmRecordsParameters(RECORDS), host);
	await h.poll();
	let clock = second(Date.now()) + 60_000;
	let lastStep = 1;
	const arrived: string[] = [];
	const emitted: string[] = [];
	const counts = { faults: 0, failedPolls: 0 };
	for (let n = 0; n < polls; n++) {
		// Zoho's time moves 0–2 s between polls, never standing still twice: many emails share a second.
		const step = lastStep === 0 ? 1 + Math.floor(random() * 2) : Math.floor(random() * 3);
		clock += step * 1000;
		lastStep = step;
		emu.setClock(clock);
		if (random() < 0.35) {
			const record = RECORDS[Math.floor(random() * RECORDS.length)];
			const burst = 1 + Math.floor(random() * 12);
			for (let i = 0; i < burst; i++) arrived.push(addEmailAt(emu, record, clock, { message_id: `soak-${seed}-${n}-${i}` }));
		}
		const roll = random();
		let auth = false;
		if (roll < 0.05) {
			emu.addFault({ method: 'GET', path: /\/Emails$/, query: { index: true }, status: 400, body: CANNOT_PROCESS, times: 1 });
		} else if (roll < 0.1) {
			emu.addFault({ method: 'GET', path: /\/Emails$/, status: 400, body: CANNOT_PROCESS, times: 1 });
		} else if (roll < 0.13) {
			emu.addFault({ method: 'GET', path: /\/Emails$/, status: 429, headers: { 'Retry-After': '0' }, body: TOO_MANY, times: 1 + Math.floor(random() * 6) });
		} else if (roll < 0.15) {
			emu.addFault({ method: 'GET', path: `/crm/v8/Contacts/${RECORDS[1]}/Emails`, status: 401, body: SCOPE, times: 0 });
			auth = true;
		}
		if (roll < 0.15) counts.faults++;
		const out = await h.poll();
		if (auth) emu.clearFaults();
		if (out.error) counts.failedPolls++;
		emitted.push(...out.items.map((i) => String(i.json.message_id)));
	}
	emu.clearFaults();
	for (let n = 0; n < 3; n++) emitted.push(...(await h.poll()).items.map((i) => String(i.json.message_id)));
	return { arrived, emitted, counts, stateBytes: h.stateBytes() };
}

describe('Zoho Email Trigger: soak', () => {
	const zoho = useZoho();

	it.each([
		['n8n2', 1000, 20260601],
		['n8n1', 300, 7],
	] as const)('%s host, %d polls with random arrivals and faults: every email exactly once', async (host, polls, seed) => {
		const result = await soak(zoho.emu, host, polls, seed);
		expect(result.counts.faults).toBeGreaterThan(polls / 10);
		expect(result.counts.failedPolls).toBeGreaterThan(0);
		expect(new Set(result.emitted).size).toBe(result.emitted.length);
		expect([...result.emitted].sort()).toEqual([...result.arrived].sort());
		expect(result.arrived.length).toBeGreaterThan(polls);
		expect(result.stateBytes).toBeLessThan(3000);
	}, 180_000);
});
