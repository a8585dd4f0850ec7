import type { IAdditionalCredentialOptions } from 'n8n-workflow';

import { scopeOf } from './scope';
import { CREDENTIAL_NAME, type ZohoFunctions } from './types';

/** The token-renewal state of each credential in this n8n instance, and the renewal itself (renewal.ts). */

export interface Renewal {
	/** Counts finished renewals: a request that met a 401 after one finished just sends again. */
	generation: number;
	/** The renewal under way: resolves to the error that ended it when the renewal itself failed. */
	pending?: Promise<unknown>;
	/**
	 * When the last renewal on a 401 succeeded, the generation it made, and whether Zoho has accepted
	 * that token since (a token that worked and then met a 401 was revoked or expired: renew it again).
	 */
	renewed?: { at: number; generation: number; worked: boolean };
	/** When the renewals on a 401 of the last ten minutes finished (monotonicNow, at most RENEWALS_PER_WINDOW). */
	recent: number[];
	/** Requests of the credential in flight in this n8n instance (its process). */
	inFlight: number;
	/** n8n 1.x: a renewal ahead of time under way (requests wait for it only a short while). */
	ahead?: Promise<void>;
	/** n8n 1.x: when this process last renewed the token ahead of time, and the lifetime Zoho gave it. */
	renewedAt?: number;
	lifetimeMs: number;
	/** n8n 1.x: a renewal ahead of time failed; not tried again before this time (n8n still renews on a 401). */
	retryAt?: number;
	/** n8n 1.x: the latest wall-clock time seen, to notice the clock being set back. */
	lastSeen?: number;
	/** n8n 1.x: the process's first request of the credential, which the others wait for. */
	firstRequest?: Promise<void>;
}

const RENEWALS = new Map<string, Renewal>();

/**
 * Milliseconds on the platform's monotonic clock: the renewal limits (five minutes, ten minutes) hold
 * when the wall clock is set back or forward.
 */
export function monotonicNow(): number {
	return performance.now();
}

/** Zoho's access tokens last an hour (zoho-api-decisions.md, "Token renewals"). */
export const DEFAULT_LIFETIME_MS = 3_600_000;
/** n8n 1.x: how long before the token's expiry it is renewed ahead of time. */
export const RENEW_AHEAD_MS = 5 * 60_000;
/** n8n 1.x: after a failed renewal ahead of time, how long until the next try. */
export const RETRY_AHEAD_MS = 60_000;
/** n8n 1.x: how long a request waits for a renewal ahead of time before it goes with the token in hand. */
export const AHEAD_WAIT_MS = 1_000;
/** n8n 1.x: how long the other requests wait for the process's first request of the credential. */
export const FIRST_WAIT_MS = 5_000;
/**
 * How long a renewal may take before the requests waiting for it give up (n8n's OAuth2 client itself
 * waits five minutes for Zoho's accounts server).
 */
export const RENEWAL_TIMEOUT_MS = 30_000;
/**
 * A token renewed this recently that Zoho refused before accepting it once is not renewed again: a new
 * one would not help either (another data center's token, access revoked).
 */
export const USELESS_RENEWAL_MS = 5 * 60_000;
/**
 * At most this many renewals on a 401 per credential and process in RENEWAL_WINDOW_MS, half of the 10
 * token requests per 10 minutes Zoho grants a refresh token: tokens revoked over and over (another
 * integration reissuing them) cannot use up what the other processes and integrations need.
 */
export const RENEWALS_PER_WINDOW = 5;
export const RENEWAL_WINDOW_MS = 10 * 60_000;

/** The most times a request is sent again because a renewal by another request finished meanwhile. */
export const MAX_FOLLOWS = 3;

/** A status no HTTP answer has: with it, n8n never renews on its own (n8n 1.x reads only this field). */
export const NO_RENEWAL: IAdditionalCredentialOptions = {
	oauth2: { skipTokenRefresh: true, tokenExpiredStatusCode: -1 },
};

/**
 * A renewal that did not give a token, in the shape the transport reads as a failed renewal: Zoho's
 * refusal in an HTTP 200 answer (which n8n 2.x stores as if it were a token), or no answer in time.
 */
export class RenewalFailed extends Error {
	readonly code: string;

	readonly body?: { error: string };

	/** Marks a renewal that failed, so that a timeout reads as the accounts server's, not the API's. */
	readonly renewal = true;

	constructor(refusal: string | undefined) {
		super('The access token could not be renewed');
		this.code = refusal === undefined ? 'ETIMEDOUT' : 'EAUTH';
		if (refusal !== undefined) this.body = { error: refusal };
	}
}

/** One renewal state per credential ID; a context without one (never seen in n8n) shares nothing. */
export function renewalOf(ctx: ZohoFunctions): Renewal {
	const id = ctx.getNode().credentials?.[CREDENTIAL_NAME]?.id;
	const fresh = (): Renewal => ({ generation: 0, inFlight: 0, lifetimeMs: DEFAULT_LIFETIME_MS, recent: [] });
	if (typeof id !== 'string' || id === '') return fresh();
	let renewal = RENEWALS.get(id);
	if (!renewal) RENEWALS.set(id, (renewal = fresh()));
	return renewal;
}

export type Outcome = { response: unknown } | { error: unknown };

export async function attempt(send: () => Promise<unknown>): Promise<Outcome> {
	try {
		return { response: await send() };
	} catch (error) {
		return { error };
	}
}

/** At most `ms`, and no later than the context's deadline (the trigger's poll budget). */
export function waitLimit(ctx: ZohoFunctions, ms: number): number {
	const deadline = scopeOf(ctx).deadline;
	return deadline === undefined ? ms : Math.max(0, Math.min(ms, deadline - Date.now()));
}

/**
 * `work`'s result, or `otherwise` when it takes longer than `ms`. The timer is the platform's
 * `AbortSignal.timeout`, which does not keep n8n's process alive once the work is done.
 */
export async function within<T, U>(work: Promise<T>, ms: number, otherwise: U): Promise<T | U> {
	const signal = AbortSignal.timeout(ms);
	const late = new Promise<U>((resolve) => signal.addEventListener('abort', () => resolve(otherwise), { once: true }));
	return await Promise.race([work, late]);
}

/** n8n's renewal, bounded in time; a refusal n8n did not raise (HTTP 200 with Zoho's `error`) is raised. */
export async function renewToken(ctx: ZohoFunctions): Promise<Outcome> {
	const renewing = attempt(async () => await ctx.helpers.refreshOAuth2Token.call(ctx, CREDENTIAL_NAME));
	const outcome = await within(renewing, waitLimit(ctx, RENEWAL_TIMEOUT_MS), { error: new RenewalFailed(undefined) });
	if ('error' in outcome) return outcome;
	const data = outcome.response as { access_token?: unknown; error?: unknown } | undefined;
	if (data && typeof data === 'object' && !data.access_token && data.error !== undefined) {
		return { error: new RenewalFailed(typeof data.error === 'string' ? data.error : 'error') };
	}
	return outcome;
}
