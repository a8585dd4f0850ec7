import { httpFailureOf } from './failures';
import { attempt, DEFAULT_LIFETIME_MS, RENEW_AHEAD_MS, renewToken, RETRY_AHEAD_MS, type Renewal } from './renewalState';
import { CREDENTIAL_NAME, type ZohoFunctions } from './types';

/** n8n 1.x, which renews on every 401 inside its own helper: the token is renewed ahead of its expiry (renewal.ts). */

/** The access token the credential holds now, and the lifetime Zoho gave it; undefined when unreadable. */
async function storedToken(ctx: ZohoFunctions): Promise<{ token: string; lifetimeMs: number } | undefined> {
	const read = await attempt(async () => await ctx.getCredentials(CREDENTIAL_NAME));
	const data =
		'response' in read
			? (read.response as { oauthTokenData?: { access_token?: unknown; expires_in?: unknown } } | undefined)
					?.oauthTokenData
			: undefined;
	if (typeof data?.access_token !== 'string' || !data.access_token) return undefined;
	const seconds = Number(data.expires_in);
	return {
		token: data.access_token,
		lifetimeMs: Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : DEFAULT_LIFETIME_MS,
	};
}

/**
 * n8n 1.x: the process's first request of the credential, sent while the others wait. When n8n renewed
 * the token on the way (the stored token changed), that renewal is this process's: no renewal ahead of
 * time until five minutes before its end.
 */
export async function sendFirst(ctx: ZohoFunctions, renewal: Renewal, send: () => Promise<unknown>): Promise<unknown> {
	let done: () => void = () => undefined;
	renewal.firstRequest = new Promise<void>((resolve) => (done = resolve));
	const before = await storedToken(ctx);
	const sent = await attempt(send);
	const after = await storedToken(ctx);
	if (before && after && after.token !== before.token) {
		renewal.renewedAt = Date.now();
		renewal.lifetimeMs = after.lifetimeMs;
		renewal.generation++;
	}
	done();
	if ('error' in sent) throw sent.error;
	return sent.response;
}

/**
 * n8n 2.x added `isNodeFeatureEnabled` to every node context, and it coordinates renewals itself (one per
 * credential across processes) and honours `skipTokenRefresh`; n8n 1.x has neither.
 */
export function hostRenewsAlone(ctx: ZohoFunctions): boolean {
	return typeof (ctx as { isNodeFeatureEnabled?: unknown }).isNodeFeatureEnabled !== 'function';
}

/** n8n 1.x: starts a renewal ahead of the token's expiry when one is due (see the top of this file). */
export function renewAhead(ctx: ZohoFunctions, renewal: Renewal): void {
	if (renewal.ahead || renewal.pending || !hostRenewsAlone(ctx)) return;
	const now = Date.now();
	// The wall clock set back (an NTP step, a resumed VM): the token's age is kept, not the clock's reading.
	if (renewal.lastSeen !== undefined && now < renewal.lastSeen) {
		const back = renewal.lastSeen - now;
		if (renewal.renewedAt !== undefined) renewal.renewedAt -= back;
		if (renewal.retryAt !== undefined) renewal.retryAt -= back;
	}
	renewal.lastSeen = now;
	if ((renewal.retryAt ?? 0) > now) return;
	const due =
		renewal.renewedAt === undefined
			? renewal.inFlight > 0
			: now >= renewal.renewedAt + renewal.lifetimeMs - RENEW_AHEAD_MS;
	if (!due) return;
	renewal.ahead = (async () => {
		const renewed = await renewToken(ctx);
		if ('error' in renewed) {
			// The token in hand may still be good: requests go on, and n8n renews on a 401 as before.
			renewal.retryAt = Date.now() + RETRY_AHEAD_MS;
			ctx.logger.warn(
				'Zoho Email: renewing the access token ahead of its expiry failed; requests go on with the current token',
				{
					reason: httpFailureOf(renewed.error)?.refresh?.error ?? 'no token',
				},
			);
		} else {
			const seconds = Number((renewed.response as { expires_in?: unknown } | undefined)?.expires_in);
			renewal.renewedAt = Date.now();
			renewal.lifetimeMs = Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : DEFAULT_LIFETIME_MS;
		}
		renewal.generation++;
		renewal.ahead = undefined;
	})();
}
