/**
 * Attack on README "Token renewals" (n8n 2.x): one renewal per expiry, failed renewals fail waiters with their words,
 * the 5-minute block and 5-per-10-minutes cap, no token in errors, outputs or logs, no request waits forever.
 */
import { type ICredentialDataDecryptedObject, type IDataObject, type INodeParameters, sleep } from 'n8n-workflow';
import nock from 'nock';

import { startEmulator } from '../../emulator';
import { emulatorCredential } from '../harness/emulator';
import { runZohoNode, sharedCredentials } from '../harness/engine';

// n8n-core's own copies of the DI container and Logger (the ones its node contexts and OAuth2 code use).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Container } = require('n8n-core/node_modules/@n8n/di') as { Container: { get(t: unknown): unknown; set(t: unknown, v: unknown): void } };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Logger } = require('n8n-core/node_modules/@n8n/backend-common') as { Logger: unknown };

type Emu = Awaited<ReturnType<typeof startEmulator>>;
type Store = ReturnType<typeof sharedCredentials>;
let emu: Emu;
const logLines: string[] = [];
const RECORD = '5725767000000502001';
const LIST: INodeParameters = {
	resource: 'crmEmail', operation: 'list', module: { __rl: true, mode: 'list', value: 'Contacts' },
	recordId: { __rl: true, mode: 'id', value: RECORD }, returnAll: false, limit: 2, output: 'simple', filters: {},
};
const SEND: INodeParameters = {
	resource: 'crmEmail', operation: 'send', module: { __rl: true, mode: 'list', value: 'Contacts' },
	recordId: { __rl: true, mode: 'id', value: RECORD }, from: { __rl: true, mode: 'list', value: 'Patricia Boyle <patricia.boyle@zylker.com>' },
	to: 'christopher.maclead@rangoni.example', subject: 'Hi', content: '<p>Hi</p>', additionalFields: {},
};
const INVALID_TOKEN = { code: 'INVALID_TOKEN', details: {}, message: 'invalid oauth token', status: 'error' };
// Only Date is faked: timers, AbortSignal.timeout and sockets keep real time.
const REAL = ['hrtime', 'nextTick', 'performance', 'queueMicrotask', 'requestAnimationFrame', 'cancelAnimationFrame', 'requestIdleCallback',
	'cancelIdleCallback', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'] as const;
const fakeDate = (now: number) => jest.useFakeTimers({ now, advanceTimers: true, doNotFake: [...REAL] });
// The renewal limits run on the monotonic clock: time passing moves both clocks, a wall clock set back moves one.
const realMonotonic = performance.now.bind(performance); let skew = 0;
const later = (ms: number) => { jest.setSystemTime(Date.now() + ms); skew += ms; };

const safe = (v: unknown) => { try { return JSON.stringify(v); } catch { return String(v); } };
beforeAll(async () => {
	nock.disableNetConnect();
	nock.enableNetConnect('127.0.0.1');
	emu = await startEmulator();
});
const WRAPPED = Symbol('wrapped');
/** n8n's logger as the nodes and n8n-core get it, with every line also recorded here. */
function recordLogs() {
	const current = Container.get(Logger) as unknown as Record<string | symbol, unknown>;
	if (current[WRAPPED]) return;
	const proxy = Object.create(current) as Record<string | symbol, unknown>;
	proxy[WRAPPED] = true;
	for (const level of ['debug', 'info', 'warn', 'error']) {
		const original = current[level] as (...a: unknown[]) => unknown;
		Object.defineProperty(proxy, level, {
			value: (m: unknown, meta?: unknown) => {
				logLines.push(`${String(m)} ${safe(meta)}`);
				return original.call(current, m, meta);
			},
		});
	}
	Container.set(Logger, proxy);
}
beforeEach(() => { emu.reset(); logLines.length = 0; recordLogs(); });
beforeEach(() => { skew = 0; jest.spyOn(performance, 'now').mockImplementation(() => realMonotonic() + skew); });
afterEach(() => { jest.useRealTimers(); jest.restoreAllMocks(); emu.clearFaults(); });
afterAll(async () => { await emu.stop(); nock.enableNetConnect(); });

const tokenRequests = (refreshToken?: string) =>
	emu.requests({ pathPrefix: '/oauth/v2/token' }).filter((r) => !refreshToken || r.rawBody.includes(refreshToken) || safe(r.body).includes(refreshToken)).length;

function newCredential(): { store: Store; cred: ICredentialDataDecryptedObject } {
	return { store: sharedCredentials(), cred: emulatorCredential(emu) };
}

async function run(c: { store: Store; cred: ICredentialDataDecryptedObject }, n = 1, parameters = LIST) {
	const r = await runZohoNode({ parameters, items: Array.from({ length: n }, (_, i) => ({ i })), credential: c.cred, credentials: c.store, continueOnFail: true });
	const errors = r.items.filter((i) => i.json.error !== undefined).map((i) => `${safe(i.json.error)} ${safe(i.json.description)}`);
	return { ...r, errors, ok: r.items.length - errors.length };
}

/** No token of any store, nor anything token-shaped, in outputs, errors or log lines. */
function expectNoSecrets(stores: Store[], texts: unknown[]) {
	const secrets = new Set<string>();
	for (const s of stores) {
		for (const c of s.store.values()) for (const k of ['access_token', 'refresh_token']) secrets.add(String((c.data.oauthTokenData as IDataObject)?.[k]));
		for (const u of s.tokenUpdates) secrets.add(String((u as IDataObject).access_token));
	}
	const all = [...texts.map(safe), ...logLines].join('\n');
	for (const s of secrets) if (s.length > 8) expect(all).not.toContain(s);
	expect(all).not.toMatch(/1000\.[0-9a-f]{16,}\.[0-9a-f]{16,}/);
}

describe('n8n 2.x token renewal under attack', () => {
	it('three concurrent executions × 12 items meet an expired token, slow token endpoint: one renewal, all succeed', async () => {
		const c = newCredential();
		expect((await run(c)).ok).toBeGreaterThan(0);
		emu.expireTokens();
		emu.addFault({ path: '/oauth/v2/token', kind: 'delay', delayMs: 1500 });
		const runs = await Promise.all([run(c, 12), run(c, 12), run(c, 12)]);
		expect(tokenRequests()).toBe(1);
		for (const r of runs) expect(r.errors).toEqual([]);
		expect(logLines.join('\n')).toContain('has been renewed');
		expectNoSecrets([c.store], runs.map((r) => r.items));
	});

	it('Access Denied in HTTP 200: every item of two executions fails with its words, Zoho asked once, not again on the next run', async () => {
		const c = newCredential();
		emu.expireTokens();
		emu.addFault({ path: '/oauth/v2/token', status: 200, body: { error: 'Access Denied' }, times: 0 });
		const runs = await Promise.all([run(c, 8), run(c, 8)]);
		expect(tokenRequests()).toBe(1);
		for (const r of runs) {
			expect(r.errors).toHaveLength(8);
			for (const e of r.errors) expect(e).toContain('Access Denied');
		}
		const again = await run(c, 4);
		expect(tokenRequests()).toBe(1);
		for (const e of again.errors) expect(e).toContain('Access Denied');
		expectNoSecrets([c.store], [...runs, again].map((r) => r.items));
	});

	it('a renewed token refused before it ever worked is not renewed for 5 minutes, then is', async () => {
		const start = Date.now();
		fakeDate(start);
		const c = newCredential();
		emu.addFault({ path: '/crm/v8', status: 401, body: INVALID_TOKEN, times: 0 });
		const first = await run(c, 5);
		expect(first.errors).toHaveLength(5);
		expect(tokenRequests()).toBe(1);
		await Promise.all([run(c, 5), run(c, 5)]);
		expect(tokenRequests()).toBe(1);
		later(4 * 60_000);
		await run(c, 3);
		expect(tokenRequests()).toBe(1);
		later(2 * 60_000);
		await run(c, 3);
		expect(tokenRequests()).toBe(2);
		expectNoSecrets([c.store], [first.items]);
	});

	it('the wall clock stepped back one second does not lift the 5-minute block', async () => {
		fakeDate(Date.now());
		const c = newCredential();
		emu.addFault({ path: '/crm/v8', status: 401, body: INVALID_TOKEN, times: 0 });
		await run(c, 2);
		expect(tokenRequests()).toBe(1);
		jest.setSystemTime(Date.now() - 1000);
		await run(c, 2);
		expect(tokenRequests()).toBe(1);
	});
	it('a working token revoked again and again: renewed each time, at most 5 times in ten minutes', async () => {
		fakeDate(Date.now());
		const c = newCredential();
		const results: number[] = [];
		for (let i = 0; i < 7; i++) {
			emu.expireTokens();
			results.push((await run(c, 3)).ok);
		}
		expect(tokenRequests()).toBe(5);
		expect(results.slice(0, 5).every((ok) => ok > 0)).toBe(true);
		expect(results.slice(5)).toEqual([0, 0]);
		// Ten minutes later the window has room again.
		later(10 * 60_000 + 1000);
		expect((await run(c, 2)).ok).toBeGreaterThan(0);
		expect(tokenRequests()).toBe(6);
	});
	it('the wall clock stepped back one second does not reset the 5-per-10-minutes window', async () => {
		fakeDate(Date.now());
		const c = newCredential();
		for (let i = 0; i < 5; i++) {
			emu.expireTokens();
			await run(c, 1);
		}
		expect(tokenRequests()).toBe(5);
		emu.expireTokens();
		jest.setSystemTime(Date.now() - 1000);
		await run(c, 1);
		expect(tokenRequests()).toBe(5);
	});
	it('renewed token revoked while the renewal is pending: one renewal, every item fails with token words, nothing hangs', async () => {
		const c = newCredential();
		emu.expireTokens();
		emu.addFault({ path: '/oauth/v2/token', kind: 'delay', delayMs: 1000 });
		const pending = Promise.all([run(c, 6), run(c, 6)]);
		await sleep(400);
		emu.addFault({ path: '/crm/v8', status: 401, body: INVALID_TOKEN, times: 0 });
		const runs = await pending;
		expect(tokenRequests()).toBe(1);
		for (const r of runs) expect(r.errors).toHaveLength(6);
		emu.clearFaults();
		const later = await run(c, 4);
		expect(later.errors).toEqual([]);
		expect(tokenRequests()).toBe(1);
		expectNoSecrets([c.store], [...runs, later].map((r) => r.items));
	});

	it('a renewed token that worked, then refused by some requests and accepted by others: renewed once more, not per request', async () => {
		const c = newCredential();
		emu.expireTokens();
		expect((await run(c, 10)).errors).toEqual([]);
		expect(tokenRequests()).toBe(1);
		emu.addFault({ path: '/crm/v8', status: 401, body: INVALID_TOKEN, times: 3 });
		const runs = await Promise.all([run(c, 10), run(c, 10)]);
		// The refusals hit whichever requests are in flight: one meeting the last with the new token before it worked once fails (README).
		const errors = runs.flatMap((r) => r.errors);
		expect([tokenRequests() >= 2, tokenRequests() <= 3, errors.length <= 1]).toEqual([true, true, true]);
		for (const e of errors) expect(e).toMatch(/access token/i);
		expectNoSecrets([c.store], runs.map((r) => r.items));
	});

	it('two credentials interleaved: one whose renewal is refused does not block or leak into the other', async () => {
		const a = newCredential();
		const b = newCredential();
		const aRefresh = String((a.cred.oauthTokenData as IDataObject).refresh_token);
		const bRefresh = String((b.cred.oauthTokenData as IDataObject).refresh_token);
		await fetch(`${emu.url}/oauth/v2/token/revoke?token=${aRefresh}`, { method: 'POST' });
		emu.expireTokens();
		for (let round = 0; round < 2; round++) {
			const [ra1, rb1, ra2, rb2] = await Promise.all([run(a, 5), run(b, 5), run(a, 5), run(b, 5)]);
			for (const r of [rb1, rb2]) expect(r.errors).toEqual([]);
			for (const r of [ra1, ra2]) {
				expect(r.errors).toHaveLength(5);
				for (const e of r.errors) expect(e).toMatch(/invalid_code|reconnect/i);
			}
			expectNoSecrets([a.store, b.store], [ra1, rb1, ra2, rb2].map((r) => r.items));
		}
		expect(tokenRequests(aRefresh)).toBe(1);
		expect(tokenRequests(bRefresh)).toBe(1);
	});

	it('token endpoint never answers: a send fails in bounded time, says the renewal failed, not that the email may be out', async () => {
		const c = newCredential();
		emu.expireTokens();
		emu.addFault({ path: '/oauth/v2/token', kind: 'timeout', times: 0 });
		const started = Date.now();
		const r = await run(c, 3, SEND);
		expect(Date.now() - started).toBeLessThan(70_000);
		expect(emu.mails()).toHaveLength(0);
		expect(r.errors).toHaveLength(3);
		for (const e of r.errors) {
			expect(e).toMatch(/could not be renewed|renew/i);
			expect(e).not.toMatch(/may or may not|may already/i);
		}
		expect(tokenRequests()).toBe(1);
		expectNoSecrets([c.store], [r.items]);
	}, 120_000);
});
