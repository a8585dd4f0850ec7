/**
 * Token renewal with hand-made host contexts (no network): n8n 1.x (no isNodeFeatureEnabled, renews on
 * every 401 inside its helper) with clocks that jump, renewals ahead of time that fail or hang, and
 * credentials without IDs. README "Running at scale" → "Token renewals".
 */
import { sleep } from 'n8n-workflow';

import { sendSigned } from '../../nodes/ZohoEmail/transport/renewal';
import type { ZohoFunctions } from '../../nodes/ZohoEmail/transport/types';

const ORIGIN = 'https://www.zohoapis.com';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * Zoho as the node meets it: access tokens live an hour on Zoho's (true) clock, a renewal adds one and
 * leaves the others valid until they expire; n8n signs with the newest one it stored.
 */
class FakeZoho {
	trueNow = 0;

	tokenRequests = 0;

	private seq = 0;

	token = 'tok-0';

	private readonly live = new Map<string, number>([['tok-0', HOUR]]);

	/** When set, the token endpoint answers only after this promise settles. */
	hold?: Promise<void>;

	refreshFails = false;

	async refresh(): Promise<{ access_token: string; expires_in: number }> {
		this.tokenRequests++;
		if (this.hold) await this.hold;
		await sleep(1);
		if (this.refreshFails) throw Object.assign(new Error('refresh failed'), { code: 'EAUTH', body: { error: 'Access Denied' } });
		this.token = `tok-${++this.seq}`;
		this.live.set(this.token, this.trueNow + HOUR);
		return { access_token: this.token, expires_in: 3600 };
	}

	/** An API call signed with `token`. */
	async call(token: string, latencyMs = 2): Promise<unknown> {
		await sleep(latencyMs);
		if (this.trueNow >= (this.live.get(token) ?? -Infinity)) {
			throw Object.assign(new Error('401'), {
				response: { status: 401, data: { code: 'INVALID_TOKEN', details: {}, message: 'invalid oauth token', status: 'error' }, headers: {} },
			});
		}
		return { statusCode: 200, body: { ok: true } };
	}
}

interface HostOptions {
	/** n8n 2.x has isNodeFeatureEnabled; 1.x has not and renews on every 401 itself. */
	version: 1 | 2;
	credential: { id?: string; name?: string };
	latencyMs?: number;
}

/** A node context of n8n 1.x or 2.x over a FakeZoho. */
function host(zoho: FakeZoho, options: HostOptions): ZohoFunctions {
	const warnings: string[] = [];
	const helpers = {
		httpRequestWithAuthentication: async () => {
			const first = await zoho.call(zoho.token, options.latencyMs).then(
				(response) => ({ response }),
				(error: unknown) => ({ error }),
			);
			if ('response' in first) return first.response;
			if (options.version === 2) return await Promise.reject(first.error);
			// n8n 1.x: renews on every 401 inside its helper, whatever the node asks, then sends again.
			await zoho.refresh();
			return await zoho.call(zoho.token, options.latencyMs);
		},
		refreshOAuth2Token: async () => await zoho.refresh(),
	};
	const ctx: Record<string, unknown> = {
		getNode: () => ({ id: 'n', name: 'Zoho Email', type: 'x', typeVersion: 1, position: [0, 0], parameters: {}, credentials: { zohoEmailOAuth2Api: options.credential } }),
		helpers,
		logger: { warn: (m: string) => warnings.push(m), debug: () => undefined, info: () => undefined, error: () => undefined },
	};
	if (options.version === 2) ctx.isNodeFeatureEnabled = () => false;
	return ctx as unknown as ZohoFunctions;
}

let credentialSeq = 0;
/** A credential no other test uses (the node keeps its renewal state per credential, per process). */
const freshCredential = () => ({ id: `cred-${++credentialSeq}-${Math.random().toString(36).slice(2)}`, name: 'Zoho' });

const send = async (ctx: ZohoFunctions) => await sendSigned(ctx, () => ({ url: `${ORIGIN}/crm/v8/Contacts`, method: 'GET' }), 'crm', ORIGIN);

/** Runs `n` requests at once. */
const burst = async (ctx: ZohoFunctions, n: number) => await Promise.allSettled(Array.from({ length: n }, async () => await send(ctx)));

/** The wall clock the node reads: Zoho's true time plus a skew, from a fixed base. */
function wallClock(zoho: FakeZoho, base = Date.UTC(2030, 0, 1)) {
	const clock = { skew: 0 };
	jest.spyOn(Date, 'now').mockImplementation(() => base + zoho.trueNow + clock.skew);
	return clock;
}

afterEach(() => jest.restoreAllMocks());

describe('n8n 1.x: renewal ahead of the expiry', () => {
	test('twenty requests at once cost one renewal; an hour of steady traffic costs one more', async () => {
		const zoho = new FakeZoho();
		wallClock(zoho);
		const ctx = host(zoho, { version: 1, credential: freshCredential() });
		const first = await burst(ctx, 20);
		expect(first.every((r) => r.status === 'fulfilled')).toBe(true);
		expect(zoho.tokenRequests).toBe(1);
		for (let minute = 1; minute <= 70; minute++) {
			zoho.trueNow = minute * MINUTE;
			const results = await burst(ctx, 5);
			expect(results.every((r) => r.status === 'fulfilled')).toBe(true);
		}
		expect(zoho.tokenRequests).toBe(2);
	});

	test('the wall clock jumping back two hours after a renewal: the token is still renewed before it expires', async () => {
		const zoho = new FakeZoho();
		const clock = wallClock(zoho);
		const ctx = host(zoho, { version: 1, credential: freshCredential() });
		await burst(ctx, 2); // the token's age was unknown: renewed ahead once requests overlap
		expect(zoho.tokenRequests).toBeLessThanOrEqual(1);
		clock.skew = -2 * HOUR; // NTP step, VM resumed from a snapshot, …
		for (let minute = 1; minute <= 70; minute++) {
			zoho.trueNow = minute * MINUTE;
			await burst(ctx, 10);
		}
		// Renewed ahead once more, before the token's hour ran out; not once per request in flight at the 401.
		expect(zoho.tokenRequests).toBeLessThanOrEqual(2);
	});

	test('the wall clock jumping forward costs at most one early renewal', async () => {
		const zoho = new FakeZoho();
		const clock = wallClock(zoho);
		const ctx = host(zoho, { version: 1, credential: freshCredential() });
		await burst(ctx, 2);
		zoho.trueNow = 10 * MINUTE;
		clock.skew = 3 * HOUR;
		await burst(ctx, 10);
		for (let minute = 11; minute <= 40; minute++) {
			zoho.trueNow = minute * MINUTE;
			await burst(ctx, 5);
		}
		expect(zoho.tokenRequests).toBeLessThanOrEqual(2);
	});

	test('a renewal ahead of time that fails fails nothing, and is tried again a minute later, not before', async () => {
		const zoho = new FakeZoho();
		wallClock(zoho);
		zoho.refreshFails = true;
		const ctx = host(zoho, { version: 1, credential: freshCredential() });
		const results = await burst(ctx, 10);
		expect(results.every((r) => r.status === 'fulfilled')).toBe(true);
		expect(zoho.tokenRequests).toBe(1);
		zoho.trueNow = 30_000;
		await burst(ctx, 10);
		expect(zoho.tokenRequests).toBe(1);
		zoho.trueNow = 61_000;
		zoho.refreshFails = false;
		await burst(ctx, 10);
		expect(zoho.tokenRequests).toBe(2);
	});

	test('a renewal ahead of time that hangs does not hold up requests while the token in hand is good', async () => {
		const zoho = new FakeZoho();
		wallClock(zoho);
		let release: () => void = () => undefined;
		zoho.hold = new Promise<void>((resolve) => (release = resolve));
		const ctx = host(zoho, { version: 1, credential: freshCredential(), latencyMs: 50 });
		const first = send(ctx);
		await sleep(5);
		// The second request in flight starts the renewal ahead of time; the accounts server does not answer.
		const started = Date.now();
		const second = send(ctx).then(() => Date.now() - started);
		const outcome = await Promise.race([second, sleep(1_500).then(() => 'still waiting')]);
		release();
		await Promise.allSettled([first, second]);
		expect(outcome).not.toBe('still waiting');
	});
});

describe('n8n 2.x', () => {
	test('one expiry met by thirty requests at once: one renewal, every request sent again and answered', async () => {
		const zoho = new FakeZoho();
		wallClock(zoho);
		const ctx = host(zoho, { version: 2, credential: freshCredential(), latencyMs: 5 });
		zoho.trueNow = HOUR + 1;
		const results = await burst(ctx, 30);
		expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
		expect(zoho.tokenRequests).toBe(1);
	});

	test('n8n 2.x never renews ahead of time (it renews on the 401 itself)', async () => {
		const zoho = new FakeZoho();
		wallClock(zoho);
		const ctx = host(zoho, { version: 2, credential: freshCredential() });
		await burst(ctx, 20);
		expect(zoho.tokenRequests).toBe(0);
	});
});

describe('credentials without IDs', () => {
	test.each([
		['same name', { name: 'Zoho' }, { name: 'Zoho' }],
		['no ID, no name', {}, {}],
	])('two credentials (%s): one credential\'s failed renewal does not fail the other\'s requests', async (_case, a, b) => {
		const zohoA = new FakeZoho();
		const zohoB = new FakeZoho();
		wallClock(zohoB);
		zohoA.trueNow = HOUR + 1; // A's token has expired; B's is good
		zohoA.refreshFails = true;
		let release: () => void = () => undefined;
		zohoA.hold = new Promise<void>((resolve) => (release = resolve));
		const ctxA = host(zohoA, { version: 2, credential: a });
		const ctxB = host(zohoB, { version: 2, credential: b });
		const fromA = send(ctxA).catch((e: Error) => e);
		await sleep(20); // A met its 401 and is renewing
		const fromB = send(ctxB).catch((e: Error) => e);
		await sleep(10);
		release();
		const [resultA, resultB] = await Promise.all([fromA, fromB]);
		expect(resultA).toBeInstanceOf(Error);
		expect(resultB).toEqual({ statusCode: 200, body: { ok: true } });
		expect(zohoB.tokenRequests).toBe(0);
	});
});
