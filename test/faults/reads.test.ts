import type { IDataObject } from 'n8n-workflow';

import { crmParameters, emulatorCredential, useEmulator } from '../actions/crm/emulator';
import { runZohoNode } from '../harness/engine';
import { PollHarness } from '../harness/poll';
import { captureLogs, EMAILS_PATH, everythingSaid, expectNoSecrets, SEED, secretsOf } from './helpers';

const emulator = useEmulator();
const logs = captureLogs();

const TOO_MANY = { code: 'TOO_MANY_REQUESTS', details: {}, message: 'The concurrency limit of the user for the app exceeded', status: 'error' };

async function listAll() {
	const credential = emulatorCredential(emulator());
	const result = await runZohoNode({ parameters: crmParameters('list', 'Contacts', SEED.maclead, { returnAll: true }), credential, continueOnFail: true });
	return { ...result, credential };
}

const emailCalls = () => emulator().requests({ pathPrefix: '/crm/v8/Contacts' }) as Array<{ status: number | null }>;

/** Faults on reads: retried (twice after a 5xx, a reset or an unreadable answer; 429 up to fifteen times within two minutes), then a clear error. */
describe('fault injection: reads', () => {
	it.each([
		['5xx answers', { status: 500, times: 2 }, 2],
		['connection resets', { kind: 'reset', times: 2 }, 2],
		['a cut-off (malformed) answer', { kind: 'malformed', times: 1 }, 1],
		['429 bursts', { status: 429, body: TOO_MANY, headers: { 'Retry-After': '0' }, times: 3 }, 3],
	])('%s while listing are retried and all 37 emails come back', async (_title, fault, failures) => {
		const emu = emulator();
		emu.addFault({ path: EMAILS_PATH, ...(fault as IDataObject) });
		const result = await listAll();
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(37);
		expect(new Set(result.items.map((i) => i.json.id)).size).toBe(37);
		expect(emailCalls()).toHaveLength(4 + failures);
		expectNoSecrets(everythingSaid(result, logs()), secretsOf(emu, result.credential));
	});

	it('a read that keeps failing ends with a clear error after three attempts', async () => {
		const emu = emulator();
		emu.addFault({ path: EMAILS_PATH, status: 500, times: 0 });
		const result = await listAll();
		expect(result.items).toEqual([
			{
				json: { error: 'Zoho CRM could not get the emails of the record: Zoho had an internal error', description: expect.stringContaining('HTTP status: 500') },
				pairedItem: { item: 0 },
			},
		]);
		expect(emailCalls()).toHaveLength(3);
		expectNoSecrets(everythingSaid(result, logs()), secretsOf(emu, result.credential));
	});

	it('slow responses: the list completes', async () => {
		emulator().setLatency(150);
		const result = await listAll();
		expect(result.items).toHaveLength(37);
	});
});

describe('fault injection: trigger polls lose and repeat nothing', () => {
	const CONTACT = '5725767000000502007';
	const parameters = { source: 'crmRecords', module: { __rl: true, mode: 'name', value: 'Contacts' }, records: { record: [{ recordId: { __rl: true, mode: 'id', value: CONTACT } }] } };

	function addEmails(count: number, offsetS: number): string[] {
		const base = Math.floor(Date.now() / 1000) * 1000 + 60_000 + offsetS * 1000;
		const emails = Array.from({ length: count }, (_, i) => ({ time: new Date(base + i * 1000).toISOString(), subject: `New ${offsetS + i}` }));
		return emulator().data.crm.addEmails('Contacts', CONTACT, emails).map((e: IDataObject) => String(e.message_id));
	}

	it.each([
		['a cut-off answer', { kind: 'malformed' }],
		['a 5xx answer', { status: 500 }],
		['a connection reset', { kind: 'reset' }],
	])('%s that persists through a poll: nothing is emitted or committed; the next poll emits every email once', async (_title, fault) => {
		const emu = emulator();
		const h = new PollHarness({ parameters, credential: emulatorCredential(emu) });
		expect((await h.poll()).items).toEqual([]);
		const ids = addEmails(3, 0);
		const before = structuredClone(h.saved);
		emu.addFault({ path: EMAILS_PATH, times: 0, ...(fault as IDataObject) });
		const failed = await h.poll();
		expect(failed.items).toEqual([]);
		expect(h.saved).toEqual(before);
		emu.clearFaults();
		const next = await h.poll();
		expect(next.error).toBeUndefined();
		expect(next.items.map((i) => i.json.message_id).sort()).toEqual([...ids].sort());
		expect((await h.poll()).items).toEqual([]);
	});

	it('a transient 5xx inside a poll is retried and the emails come in that same poll', async () => {
		const emu = emulator();
		const h = new PollHarness({ parameters, credential: emulatorCredential(emu) });
		await h.poll();
		const ids = addEmails(2, 10);
		emu.addFault({ path: EMAILS_PATH, status: 500, times: 1 });
		const outcome = await h.poll();
		expect(outcome.error).toBeUndefined();
		expect(outcome.items.map((i) => i.json.message_id).sort()).toEqual([...ids].sort());
	});
});
