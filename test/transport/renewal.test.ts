import nock from 'nock';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { runZohoNode, sharedCredentials } from '../harness/engine';
import { sendSigned } from '../../nodes/ZohoEmail/transport/renewal';
import type { ZohoFunctions } from '../../nodes/ZohoEmail/transport/types';
import { usCredential } from '../harness/fixtures';

const API = 'https://www.zohoapis.com';
const ACCOUNTS = 'https://accounts.zoho.com';
const RECORD = '3652397000000624001';
const EMAILS_PATH = `/crm/v8/Contacts/${RECORD}/Emails`;
const EXPIRED = { code: 'INVALID_TOKEN', details: {}, message: 'invalid oauth token', status: 'error' };
const rl = (mode: string, value: string) => ({ __rl: true, mode, value });
const list: INodeParameters = { resource: 'crmEmail', operation: 'list', module: rl('name', 'Contacts'), recordId: rl('id', RECORD), returnAll: false, limit: 1 };
const EMAIL = { message_id: 'm1', subject: 'Hi', time: '2026-12-06T10:00:00+00:00', sent: true };

/**
 * Zoho's API: every request signed with the expired token answers 401; the renewed token works. The
 * token endpoint counts its calls and hands out `renewed-N`.
 */
function zoho() {
	const seen = { expired: 0, ok: 0, tokens: 0 };
	nock(API)
		.persist()
		.get(EMAILS_PATH)
		.query(true)
		.delay(20)
		.reply(function () {
			const auth = String(this.req.headers.authorization ?? '');
			if (!auth.includes('renewed-')) {
				seen.expired++;
				return [401, EXPIRED];
			}
			seen.ok++;
			return [200, { Emails: [EMAIL], info: { per_page: 1, count: 1, more_records: false } }];
		});
	nock(ACCOUNTS)
		.persist()
		.post('/oauth/v2/token')
		.delay(50)
		.reply(() => {
			seen.tokens++;
			return [200, { access_token: `renewed-${seen.tokens}`, api_domain: API, token_type: 'Bearer', expires_in: 3600 }];
		});
	return seen;
}

describe('token renewal: one per expiry, however many requests meet the expired token', () => {
	beforeAll(() => nock.disableNetConnect());
	afterEach(() => nock.cleanAll());
	afterAll(() => nock.enableNetConnect());

	it('ten requests in flight meet the expired token: one renewal, every item read', async () => {
		const seen = zoho();
		const items: IDataObject[] = Array.from({ length: 10 }, () => ({}));
		const result = await runZohoNode({ parameters: { ...list, performance: { requestsInFlight: 10 } }, items, credential: usCredential() });
		expect(seen.tokens).toBe(1);
		expect(result.items.map((i) => [i.pairedItem, i.json.id])).toEqual(items.map((_, item) => [{ item }, 'm1']));
		expect(seen.ok).toBe(10);
	});

	it('four executions of one credential at once: one renewal in all', async () => {
		const seen = zoho();
		const credential = usCredential();
		const credentials = sharedCredentials();
		const items: IDataObject[] = Array.from({ length: 5 }, () => ({}));
		const runs = await Promise.all(
			[0, 1, 2, 3].map(async () => await runZohoNode({ parameters: { ...list, performance: { requestsInFlight: 5 } }, items, credential, credentials })),
		);
		expect(seen.tokens).toBe(1);
		for (const run of runs) expect(run.items.map((i) => i.json.id)).toEqual(['m1', 'm1', 'm1', 'm1', 'm1']);
	});

	it('a renewal Zoho refuses fails every waiting request with its words, after one token request', async () => {
		let expired = 0;
		nock(API)
			.persist()
			.get(EMAILS_PATH)
			.query(true)
			.delay(20)
			.reply(() => {
				expired++;
				return [401, EXPIRED];
			});
		let tokens = 0;
		nock(ACCOUNTS)
			.persist()
			.post('/oauth/v2/token')
			.delay(50)
			.reply(() => {
				tokens++;
				return [400, { error: 'invalid_client' }];
			});
		const items: IDataObject[] = Array.from({ length: 8 }, () => ({}));
		const result = await runZohoNode({ parameters: { ...list, performance: { requestsInFlight: 8 } }, items, credential: usCredential(), continueOnFail: true });
		expect(tokens).toBe(1);
		expect(expired).toBeGreaterThanOrEqual(1);
		expect(result.items.map((i) => i.json.error)).toEqual(items.map(() => 'Zoho CRM could not get the emails of the record: Zoho refused to renew the access token (invalid_client)'));
	});
});

/**
 * A node context as n8n 1.x gives it: no `isNodeFeatureEnabled`, and a renewal on every 401 inside the
 * helper (n8n saves the new token, which `getCredentials` then returns). The first token expires at
 * `expiresAt`.
 */
function oneXContext(credentialId: string, clock: { now: number }, expiresAt = 3_600_000) {
	const calls = { sent: 0, renewals: 0 };
	let token = 'first';
	const ctx = {
		getNode: () => ({ credentials: { zohoEmailOAuth2Api: { id: credentialId, name: 'Zoho' } } }),
		logger: { warn: () => undefined, debug: () => undefined },
		getCredentials: async () => ({ oauthTokenData: { access_token: token, expires_in: 3600 } }),
		helpers: {
			httpRequestWithAuthentication: async () => {
				calls.sent++;
				const signedWith = token;
				for (let n = 0; n < 3; n++) await Promise.resolve();
				// n8n 1.x: an expired token is renewed inside the helper, once per request that met it.
				if (clock.now >= expiresAt && signedWith === 'first') {
					calls.renewals++;
					for (let n = 0; n < 3; n++) await Promise.resolve();
					token = `renewed-${calls.renewals}`;
				}
				return { statusCode: 200, headers: {}, body: { token } };
			},
			refreshOAuth2Token: async () => {
				calls.renewals++;
				for (let n = 0; n < 3; n++) await Promise.resolve();
				token = `renewed-${calls.renewals}`;
				return { access_token: token, expires_in: 3600 };
			},
		},
	};
	return { ctx: ctx as unknown as ZohoFunctions, calls };
}

describe('token renewal on n8n 1.x: ahead of the expiry, once per process', () => {
	const clock = { now: 0 };
	let spy: jest.SpyInstance;
	beforeEach(() => {
		clock.now = 1_000;
		spy = jest.spyOn(Date, 'now').mockImplementation(() => clock.now);
	});
	afterEach(() => spy.mockRestore());
	const options = () => ({ method: 'GET' as const, url: `${API}/crm/v8/x` });

	it('a lone request does not renew; the first time two are in flight the token is renewed once', async () => {
		const { ctx, calls } = oneXContext('cred-1x-a', clock);
		await sendSigned(ctx, options, 'crm', API);
		expect(calls.renewals).toBe(0);
		await Promise.all(Array.from({ length: 20 }, async () => await sendSigned(ctx, options, 'crm', API)));
		expect(calls.renewals).toBe(1);
		expect(calls.sent).toBe(21);
	});

	it('renews again five minutes before the lifetime Zoho gave, once for a crowd of requests', async () => {
		const { ctx, calls } = oneXContext('cred-1x-b', clock);
		await Promise.all(Array.from({ length: 5 }, async () => await sendSigned(ctx, options, 'crm', API)));
		expect(calls.renewals).toBe(1);
		clock.now += 54 * 60_000;
		await Promise.all(Array.from({ length: 30 }, async () => await sendSigned(ctx, options, 'crm', API)));
		expect(calls.renewals).toBe(1);
		clock.now += 60_001;
		await Promise.all(Array.from({ length: 30 }, async () => await sendSigned(ctx, options, 'crm', API)));
		expect(calls.renewals).toBe(2);
	});

	it('a fresh process whose token has already expired: n8n renews it for the first request, the others wait, no second renewal', async () => {
		const { ctx, calls } = oneXContext('cred-1x-d', clock, 0);
		const answers = await Promise.all(Array.from({ length: 20 }, async () => await sendSigned(ctx, options, 'crm', API)));
		expect(calls.renewals).toBe(1);
		expect(calls.sent).toBe(20);
		expect(answers.every((a) => (a as { body: { token: string } }).body.token === 'renewed-1')).toBe(true);
		// That renewal counts as this process's: the next one comes five minutes before its hour is up.
		clock.now += 54 * 60_000;
		await Promise.all(Array.from({ length: 10 }, async () => await sendSigned(ctx, options, 'crm', API)));
		expect(calls.renewals).toBe(1);
		clock.now += 60_001;
		await Promise.all(Array.from({ length: 10 }, async () => await sendSigned(ctx, options, 'crm', API)));
		expect(calls.renewals).toBe(2);
	});

	it('a renewal ahead of time that fails does not fail the requests, and is not tried again for a minute', async () => {
		const { ctx, calls } = oneXContext('cred-1x-c', clock);
		let refused = 0;
		(ctx.helpers as unknown as { refreshOAuth2Token: () => Promise<unknown> }).refreshOAuth2Token = async () => {
			refused++;
			throw Object.assign(new Error('refused'), { code: 'EAUTH', body: { error: 'Access Denied' } });
		};
		const answers = await Promise.all(Array.from({ length: 10 }, async () => await sendSigned(ctx, options, 'crm', API)));
		expect(answers).toHaveLength(10);
		expect(refused).toBe(1);
		await Promise.all(Array.from({ length: 10 }, async () => await sendSigned(ctx, options, 'crm', API)));
		expect(refused).toBe(1);
		clock.now += 60_001;
		await Promise.all(Array.from({ length: 10 }, async () => await sendSigned(ctx, options, 'crm', API)));
		expect(refused).toBe(2);
		expect(calls.sent).toBe(30);
	});
});
