import type { IDataObject } from 'n8n-workflow';

import { crmParameters, emulatorCredential, useEmulator } from '../actions/crm/emulator';
import { runZohoNode } from '../harness/engine';
import { captureLogs, EMAILS_PATH, everythingSaid, expectNoSecrets, SEED, SEND_PATH, secretsOf, sendBatch } from './helpers';

/**
 * The transport waits 120 s for an answer; no user setting lowers it. To keep the suite fast, these
 * tests give every request a 400 ms timeout through the transport's own `timeout` field (the real
 * `zohoRequest` runs, only the default is lowered).
 */
const TIMEOUT_MS = 400;
jest.mock('../../nodes/ZohoEmail/transport/request', () => {
	const actual = jest.requireActual('../../nodes/ZohoEmail/transport/request');
	return {
		...actual,
		zohoRequest(this: unknown, req: IDataObject) {
			return actual.zohoRequest.call(this, { ...req, timeout: req.timeout ?? 400 });
		},
	};
});

const emulator = useEmulator();
const logs = captureLogs();

describe('fault injection: timeouts', () => {
	it('a send that gets no answer is not retried; the item says the email may or may not have gone out', async () => {
		const emu = emulator();
		emu.addFault({ path: SEND_PATH, kind: 'timeout', times: 1 });
		const result = await sendBatch(emu, 3, { performance: { requestsInFlight: 1 } });
		expect(result.accounting.sent).toEqual([1, 2]);
		expect(result.accounting.failed).toEqual([
			{
				item: 0,
				error: 'Zoho CRM could not send the email: Zoho did not answer in time',
				description: expect.stringMatching(/^Network error: E[A-Z]+\. The email may or may not have gone out\. It was not retried/),
			},
		]);
		expect(result.accounting).toMatchObject({ lost: [], duplicates: [] });
		expect(emu.requests({ pathPrefix: '/crm' })).toHaveLength(3);
		expectNoSecrets(everythingSaid(result, logs()), secretsOf(emu, result.credential));
	});

	it('a send Zoho processes after the node gave up: reported as "may have gone out", never sent twice', async () => {
		const emu = emulator();
		// The emulator handles the send after its latency, i.e. after the client's timeout.
		emu.setLatency(TIMEOUT_MS + 150);
		const result = await sendBatch(emu, 1);
		expect(result.accounting.failed).toEqual([expect.objectContaining({ item: 0, error: 'Zoho CRM could not send the email: Zoho did not answer in time' })]);
		expect(result.accounting.failed[0].description).toContain('The email may or may not have gone out');
		expect(result.accounting.duplicates).toEqual([]);
		expect(emu.requests({ pathPrefix: '/crm' })).toHaveLength(1);
	});

	it('a read that gets no answer is retried and completes', async () => {
		const emu = emulator();
		emu.addFault({ path: EMAILS_PATH, kind: 'timeout', times: 1 });
		const credential = emulatorCredential(emu);
		const result = await runZohoNode({ parameters: crmParameters('list', 'Contacts', SEED.maclead, { returnAll: true }), credential });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(37);
		expect(emu.requests({ pathPrefix: '/crm' })).toHaveLength(5);
		expectNoSecrets(everythingSaid(result, logs()), secretsOf(emu, credential));
	});

	it('a read answered just after the timeout is retried and completes', async () => {
		const emu = emulator();
		emu.addFault({ path: EMAILS_PATH, status: 500, delayMs: TIMEOUT_MS + 100, times: 1 });
		const credential = emulatorCredential(emu);
		const result = await runZohoNode({ parameters: crmParameters('list', 'Contacts', SEED.maclead, { returnAll: false, limit: 10 }), credential });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(10);
	});
});
