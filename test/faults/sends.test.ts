import { emulatorCredential, useEmulator } from '../actions/crm/emulator';
import { runZohoNode } from '../harness/engine';
import { captureLogs, crmSend, everythingSaid, expectNoSecrets, recipients, SEND_PATH, secretsOf, sendBatch } from './helpers';

const emulator = useEmulator();
const logs = captureLogs();

const TOO_MANY = { code: 'TOO_MANY_REQUESTS', details: {}, message: 'The concurrency limit of the user for the app exceeded', status: 'error' };

/**
 * Faults on sends. Every item ends either sent exactly once (its output carries the message ID of the
 * one email Zoho accepted) or reported as failed with a clear error; no email is sent twice; no token
 * appears in the run data, the errors or the log.
 */
describe('fault injection: sends', () => {
	it('429 bursts: refused sends are retried (Retry-After honoured) and every email goes out once', async () => {
		const emu = emulator();
		emu.addFault({ path: SEND_PATH, status: 429, body: TOO_MANY, headers: { 'Retry-After': '0' }, times: 8 });
		const result = await sendBatch(emu, 12, { performance: { requestsInFlight: 4 } });
		expect(result.accounting).toEqual({ sent: [...Array(12).keys()], failed: [], lost: [], duplicates: [] });
		expect(emu.requests({ pathPrefix: '/crm' }).filter((r) => r.status === 429)).toHaveLength(8);
		expect(logs().some((line) => line.includes('Zoho answered 429'))).toBe(true);
		expectNoSecrets(everythingSaid(result, logs()), secretsOf(emu, result.credential));
	});

	it('over Zoho\'s mail concurrency: the node backs off to what Zoho allows and sends everything once', async () => {
		const emu = emulator();
		emu.setLimits({ mailConcurrency: 2 });
		emu.setLatency(20);
		const result = await sendBatch(emu, 20, { performance: { requestsInFlight: 8 } });
		expect(result.accounting).toEqual({ sent: [...Array(20).keys()], failed: [], lost: [], duplicates: [] });
		expect(emu.stats().tooManyRequests).toBeGreaterThan(0);
		expect(logs().some((line) => line.includes('"rateLimited":') && !line.includes('"rateLimited":0'))).toBe(true);
	});

	it('5xx on a send: not retried (it may have been processed), reported on that item only', async () => {
		const emu = emulator();
		emu.addFault({ path: SEND_PATH, status: 500, times: 2 });
		const result = await sendBatch(emu, 6, { performance: { requestsInFlight: 1 } });
		expect(result.accounting.sent).toEqual([2, 3, 4, 5]);
		expect(result.accounting.failed).toEqual([
			expect.objectContaining({ item: 0, error: 'Zoho CRM could not send the email: Zoho had an internal error' }),
			expect.objectContaining({ item: 1, error: 'Zoho CRM could not send the email: Zoho had an internal error' }),
		]);
		expect(result.accounting.failed[0].description).toContain('HTTP status: 500');
		expect(result.accounting.failed[0].description).toContain('The email may or may not have gone out. It was not retried, so that nobody is mailed twice');
		expect(result.accounting).toMatchObject({ lost: [], duplicates: [] });
		expect(emu.requests({ pathPrefix: '/crm' })).toHaveLength(6);
		expectNoSecrets(everythingSaid(result, logs()), secretsOf(emu, result.credential));
	});

	it('connection reset during a send: not retried, the item says the email may or may not have gone out', async () => {
		const emu = emulator();
		emu.addFault({ path: SEND_PATH, kind: 'reset', times: 1 });
		const result = await sendBatch(emu, 3, { performance: { requestsInFlight: 1 } });
		expect(result.accounting.sent).toEqual([1, 2]);
		expect(result.accounting.failed).toHaveLength(1);
		expect(result.accounting.failed[0]).toMatchObject({ item: 0, error: 'Zoho CRM could not send the email: the connection to Zoho was lost before an answer came' });
		expect(result.accounting.failed[0].description).toMatch(/^Network error: E[A-Z]+\. The email may or may not have gone out\. It was not retried/);
		expect(result.accounting).toMatchObject({ lost: [], duplicates: [] });
		expect(emu.requests({ pathPrefix: '/crm' })).toHaveLength(3);
		expectNoSecrets(everythingSaid(result, logs()), secretsOf(emu, result.credential));
	});

	it('a cut-off answer to a send is an error on that item, never a success without a message ID', async () => {
		const emu = emulator();
		emu.addFault({ path: SEND_PATH, kind: 'malformed', times: 1 });
		const result = await sendBatch(emu, 3, { performance: { requestsInFlight: 1 } });
		expect(result.accounting.sent).toEqual([1, 2]);
		expect(result.accounting.failed).toEqual([
			{
				item: 0,
				error: 'Zoho CRM could not send the email: Zoho\'s answer could not be read (it was cut off or not JSON)',
				description: expect.stringContaining('The email may or may not have gone out. It was not retried'),
			},
		]);
		expect(result.accounting).toMatchObject({ lost: [], duplicates: [] });
		expect(emu.requests({ pathPrefix: '/crm' })).toHaveLength(3);
	});

	it('without Continue On Fail, a failed send stops the run with an error naming its item', async () => {
		const emu = emulator();
		emu.addFault({ path: SEND_PATH, status: 500, times: 1 });
		const credential = emulatorCredential(emu);
		const result = await runZohoNode({ parameters: crmSend({ performance: { requestsInFlight: 1 } }), items: recipients(3), credential });
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('Zoho CRM could not send the email: Zoho had an internal error');
		expect((result.error as unknown as { context: { itemIndex: number } }).context.itemIndex).toBe(0);
		expect(emu.mails()).toHaveLength(0);
		expectNoSecrets(everythingSaid({ ...result, items: [] }, logs()), secretsOf(emu, credential));
	});

	it('slow responses: every email goes out once, in input order', async () => {
		const emu = emulator();
		emu.setLatency(300);
		const result = await sendBatch(emu, 10, { performance: { requestsInFlight: 5 } });
		expect(result.accounting).toEqual({ sent: [...Array(10).keys()], failed: [], lost: [], duplicates: [] });
		expect(result.items.map((i) => (i.pairedItem as { item: number }).item)).toEqual([...Array(10).keys()]);
	});

	it('token expiry mid-batch: the token is refreshed and saved, and every email goes out once', async () => {
		const emu = emulator();
		emu.setLatency(40);
		const credential = { ...emulatorCredential(emu), oauthTokenData: emu.issueToken({ expiresIn: 0.3 }) };
		const result = await sendBatch(emu, 30, { performance: { requestsInFlight: 2 } }, credential);
		expect(result.accounting).toEqual({ sent: [...Array(30).keys()], failed: [], lost: [], duplicates: [] });
		// The batch outlived the token: Zoho answered 401 at least once and n8n refreshed.
		expect(emu.requests({ pathPrefix: '/crm' }).some((r) => r.status === 401)).toBe(true);
		expect(emu.stats().refreshes).toBeGreaterThanOrEqual(1);
		expect(emu.stats().refreshes).toBeLessThanOrEqual(2);
		expect(result.credentials.tokenUpdates.length).toBeGreaterThanOrEqual(1);
		expectNoSecrets(everythingSaid(result, logs()), secretsOf(emu, credential));
	});

	it('refresh throttle: an expired token that Zoho will not refresh fails every item clearly, and sends nothing', async () => {
		const emu = emulator();
		const credential = emulatorCredential(emu);
		emu.setLimits({ refreshesPerWindow: 0 });
		emu.expireTokens();
		const result = await sendBatch(emu, 3, { performance: { requestsInFlight: 1 } }, credential);
		expect(result.accounting.sent).toEqual([]);
		expect(result.accounting).toMatchObject({ lost: [], duplicates: [] });
		expect(result.accounting.failed.map((f) => f.item)).toEqual([0, 1, 2]);
		for (const failure of result.accounting.failed) expect(`${failure.error}\n${failure.description}`).toMatch(/token|reconnect/i);
		expect(emu.mails()).toHaveLength(0);
		expectNoSecrets(everythingSaid(result, logs()), secretsOf(emu, credential));
	});
});
