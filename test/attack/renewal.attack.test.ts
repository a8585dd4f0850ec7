/**
 * Attacks on token renewal through n8n-core's engine (n8n 2.x) against the emulator: README "Running at
 * scale" → "Token renewals" and "Errors, retries and safety" (401 renewals, failed refreshes, no token in
 * any error, output or log line).
 */
import type { ICredentialDataDecryptedObject, IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { emulatorCredential } from '../harness/emulator';
import { runZohoNode, sharedCredentials } from '../harness/engine';
import { crmRecordsParameters, harness, SAGE } from '../trigger/helpers';
import { useZoho } from '../trigger/modelSupport';
import { type Emu, tokenRequests } from './support';

const zoho = useZoho({ perTest: {} });
let emu: Emu;
beforeAll(() => (emu = zoho.emu as Emu));

function listParameters(extra: INodeParameters = {}): INodeParameters {
	return {
		resource: 'crmEmail',
		operation: 'list',
		module: { __rl: true, mode: 'name', value: 'Contacts' },
		recordId: { __rl: true, mode: 'id', value: SAGE },
		returnAll: false,
		limit: 2,
		...extra,
	};
}

const items = (n: number): IDataObject[] => Array.from({ length: n }, (_, i) => ({ i }));

/** Items of a Continue On Fail run that carry an error, by message. */
function errorsOf(output: INodeExecutionData[]): string[] {
	return output.filter((item) => item.json.error !== undefined).map((item) => String(item.json.error));
}

describe('n8n 2.x: one renewal per expiry', () => {
	test('eight executions of one credential meeting the expired token at once renew it once, and all succeed', async () => {
		emu.setLimits({ concurrency: 200 });
		emu.setLatency(40);
		const credentials = sharedCredentials();
		const credential = emulatorCredential(emu);
		emu.expireTokens();
		const runs = await Promise.all(Array.from({ length: 8 }, async () => await runZohoNode({ parameters: listParameters(), items: items(6), credential, credentials })));
		for (const run of runs) {
			expect(run.status).toBe('success');
			expect(run.items).toHaveLength(6 * 2);
		}
		expect(tokenRequests(emu)).toBe(1);
	});

	test('a renewed token that worked and is then revoked is renewed again, and every item succeeds', async () => {
		// A token renewed moments ago, accepted by Zoho, then revoked or reissued elsewhere: the 401 it
		// meets is a new expiry, not a useless renewal. Before, no renewal followed for five minutes and
		// every item failed.
		emu.setLimits({ concurrency: 200 });
		const credentials = sharedCredentials();
		const credential = emulatorCredential(emu);
		for (let round = 1; round <= 3; round++) {
			emu.expireTokens();
			const run = await runZohoNode({ parameters: listParameters(), items: items(4), credential, credentials });
			expect(run.status).toBe('success');
			expect(run.items).toHaveLength(4 * 2);
			expect(tokenRequests(emu)).toBe(round);
		}
	});

	test('tokens revoked over and over are renewed at most five times in ten minutes per process', async () => {
		emu.setLimits({ concurrency: 200 });
		const credentials = sharedCredentials();
		const credential = emulatorCredential(emu);
		const statuses: string[] = [];
		for (let round = 1; round <= 7; round++) {
			emu.expireTokens();
			const run = await runZohoNode({ parameters: listParameters(), items: items(1), credential, credentials, continueOnFail: true });
			statuses.push(errorsOf(run.items).length === 0 ? 'ok' : 'failed');
		}
		expect(statuses).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'failed', 'failed']);
		expect(tokenRequests(emu)).toBe(5);
	});

	test('a refused renewal (Access Denied) is asked for once, and every waiting execution fails with its words', async () => {
		emu.setLimits({ concurrency: 200 });
		emu.setLatency(40);
		// The accounts server takes 600 ms to refuse: every execution meets the expired token meanwhile.
		emu.addFault({
			path: '/oauth/v2/token',
			status: 200,
			body: { error_description: 'Token creation throttle limit reached. Please reuse the valid tokens you currently have.', error: 'Access Denied' },
			delayMs: 600,
			times: 0,
		} as never);
		const credentials = sharedCredentials();
		const credential = emulatorCredential(emu);
		emu.expireTokens();
		const runs = await Promise.all(
			Array.from({ length: 6 }, async () => await runZohoNode({ parameters: listParameters(), items: items(5), credential, credentials, continueOnFail: true })),
		);
		for (const run of runs) {
			const errors = errorsOf(run.items);
			expect(errors).toHaveLength(5);
			for (const message of errors) expect(message).toMatch(/refused to renew the access token \(Access Denied\)/);
		}
		expect(tokenRequests(emu)).toBe(1);
	});

	test('a refused renewal answered with an HTTP error (invalid_client, 400) is asked for once', async () => {
		emu.setLimits({ concurrency: 200 });
		emu.setLatency(40);
		emu.addFault({ path: '/oauth/v2/token', status: 400, body: { error: 'invalid_client' }, delayMs: 600, times: 0 } as never);
		const credentials = sharedCredentials();
		const credential = emulatorCredential(emu);
		emu.expireTokens();
		const runs = await Promise.all(
			Array.from({ length: 6 }, async () => await runZohoNode({ parameters: listParameters(), items: items(5), credential, credentials, continueOnFail: true })),
		);
		for (const run of runs) {
			const errors = errorsOf(run.items);
			expect(errors).toHaveLength(5);
			for (const message of errors) expect(message).toMatch(/refused to renew the access token \(invalid_client\)/);
		}
		expect(tokenRequests(emu)).toBe(1);
	});

	test('a 401 that is a scope error (OAUTH_SCOPE_MISMATCH) is not renewed', async () => {
		const credential: ICredentialDataDecryptedObject = {
			...emulatorCredential(emu),
			oauthTokenData: emu.issueToken({ scopes: ['ZohoCRM.settings.emails.READ'] }) as never,
		};
		const run = await runZohoNode({ parameters: listParameters(), items: items(4), credential, continueOnFail: true });
		const errors = errorsOf(run.items);
		expect(errors).toHaveLength(4);
		for (const message of errors) expect(message).toMatch(/permission|scope/i);
		expect(tokenRequests(emu)).toBe(0);
	});

	test('a 401 that persists after the renewal (the new token is refused too) costs one renewal, not one per request', async () => {
		// E.g. a token of another data center, or access revoked on Zoho's side: the refresh succeeds,
		// the API keeps answering INVALID_TOKEN.
		emu.setLimits({ concurrency: 200 });
		emu.setLatency(20);
		emu.addFault({
			path: '/crm/v8/',
			status: 401,
			body: { code: 'INVALID_TOKEN', details: {}, message: 'invalid oauth token', status: 'error' },
			times: 0,
		} as never);
		const run = await runZohoNode({ parameters: listParameters(), items: items(10), credential: emulatorCredential(emu), continueOnFail: true });
		expect(errorsOf(run.items)).toHaveLength(10);
		expect(tokenRequests(emu)).toBeLessThanOrEqual(1);
	});
});

describe('no token in any error, output or log line', () => {
	test('an expired token whose renewal is refused, with Zoho echoing the token, the refresh token and the secret', async () => {
		emu.setLimits({ refreshesPerWindow: 0 });
		const credential = emulatorCredential(emu);
		const token = credential.oauthTokenData as unknown as { access_token: string; refresh_token: string };
		const secrets = [token.access_token, token.refresh_token, String(credential.clientSecret)];
		const echo = `token ${token.access_token} refresh ${token.refresh_token} secret ${String(credential.clientSecret)}`;
		emu.addFault({
			path: '/crm/v8/',
			status: 401,
			body: { code: 'INVALID_TOKEN', details: { echo, [token.access_token]: token.refresh_token }, message: echo, status: 'error' },
			times: 0,
		} as never);
		emu.addFault({ path: '/oauth/v2/token', status: 200, body: { error: 'Access Denied', error_description: echo }, times: 0 } as never);
		const run = await runZohoNode({ parameters: listParameters(), items: items(3), credential, continueOnFail: true });
		const plain = await runZohoNode({ parameters: listParameters(), items: items(1), credential });
		const texts = [
			JSON.stringify(run.items),
			JSON.stringify({ message: plain.error?.message, description: plain.error?.description, context: (plain.error as { context?: unknown } | undefined)?.context }),
			// n8n's log of this test, as test/harness/logger.js records it.
			// eslint-disable-next-line @n8n/community-nodes/no-restricted-globals
			...((globalThis as { __n8nLogLines?: string[] }).__n8nLogLines ?? []),
		];
		for (const text of texts) for (const secret of secrets) expect(text).not.toContain(secret);
		expect(errorsOf(run.items)).toHaveLength(3);
	});

	test('a trigger poll meeting the same answers fails without any token in its error or the log', async () => {
		const h = harness(emu, crmRecordsParameters([SAGE]));
		await h.poll();
		const credential = h.credentials.store.get(h.credentialId)?.data as ICredentialDataDecryptedObject;
		const token = credential.oauthTokenData as unknown as { access_token: string; refresh_token: string };
		const secrets = [token.access_token, token.refresh_token, String(credential.clientSecret)];
		const echo = `Zoho-oauthtoken ${token.access_token} refresh_token=${token.refresh_token} ${String(credential.clientSecret)} raw ${token.access_token}`;
		emu.addFault({ path: '/crm/v8/', status: 401, body: { code: 'INVALID_TOKEN', details: { echo }, message: echo, status: 'error' }, times: 0 } as never);
		emu.addFault({ path: '/oauth/v2/token', status: 200, body: { error: 'Access Denied', error_description: echo }, times: 0 } as never);
		const failed = await h.poll();
		expect(failed.error).toBeDefined();
		const error = failed.error as Error & { description?: unknown; context?: unknown };
		const texts = [
			JSON.stringify({ message: error.message, description: error.description, context: error.context }),
			// eslint-disable-next-line @n8n/community-nodes/no-restricted-globals
			...((globalThis as { __n8nLogLines?: string[] }).__n8nLogLines ?? []),
		];
		for (const text of texts) for (const secret of secrets) expect(text).not.toContain(secret);
	});
});
