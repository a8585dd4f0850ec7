import type { IAdditionalCredentialOptions, IHttpRequestOptions } from 'n8n-workflow';

import type { ZohoProduct } from './dataCenters';
import { findZohoFailure } from './errors';
import { httpFailureOf, TOKEN_CODES } from './failures';
import { deadlineOf } from './perExecution';
import { CREDENTIAL_NAME, type ZohoFunctions } from './types';

/**
 * One token renewal per expiry, however many requests meet the expired token at once.
 *
 * n8n 2.x: see below. n8n 1.x renews on every 401 whatever the node asks (its
 * `httpRequestWithAuthentication` ignores the OAuth2 options), so there the token is renewed ahead of
 * its expiry instead, once per process, before requests can meet it expired. The token's age is
 * unknown when the process starts: its first request of the credential goes alone and the others wait
 * for it (a few seconds at most). If n8n renewed the token on the way (it had expired), the stored token
 * changed and that renewal counts; otherwise the token is renewed the first time two requests are in
 * flight. From then on it is renewed five minutes before the lifetime Zoho gave the last renewal
 * (`expires_in`, one hour). Requests wait for a renewal ahead of time at most a second; if it fails they
 * go on with the token in hand.
 *
 * n8n renews an OAuth2 token when a request comes back 401 and then sends it again. n8n 2.x makes
 * concurrent renewals of one credential wait for each other; n8n 1.x does not: every request that met
 * the expired token asks Zoho's accounts server for a new one, and Zoho grants 10 per 10 minutes per
 * refresh token (zoho-api-decisions.md, "Token renewals"). So requests are sent with n8n's renewal
 * off; the first that comes back with Zoho's expired-token 401 has n8n renew the token (n8n
 * saves the token) and sends again, and every other request of the same credential in this n8n
 * process waits for that renewal, then sends again with the token it saved.
 *
 * The state is per credential and per process (module scope): n8n runs a credential's executions in
 * one process unless it runs in queue mode, where each worker renews at most once per expiry.
 */
interface Renewal {
	/** Counts finished renewals: a request that met a 401 after one finished just sends again. */
	generation: number;
	/** The renewal under way: resolves to the error that ended it when the renewal itself failed. */
	pending?: Promise<unknown>;
	/** When the last renewal on a 401 succeeded, and the generation it made. */
	renewed?: { at: number; generation: number };
	/** Requests of the credential in flight in this process. */
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

/** Zoho's access tokens last an hour (zoho-api-decisions.md, "Token renewals"). */
const DEFAULT_LIFETIME_MS = 3_600_000;
/** n8n 1.x: how long before the token's expiry it is renewed ahead of time. */
const RENEW_AHEAD_MS = 5 * 60_000;
/** n8n 1.x: after a failed renewal ahead of time, how long until the next try. */
const RETRY_AHEAD_MS = 60_000;
/** n8n 1.x: how long a request waits for a renewal ahead of time before it goes with the token in hand. */
const AHEAD_WAIT_MS = 1_000;
/** n8n 1.x: how long the other requests wait for the process's first request of the credential. */
const FIRST_WAIT_MS = 5_000;
/**
 * How long a renewal may take before the requests waiting for it give up (n8n's OAuth2 client itself
 * waits five minutes for Zoho's accounts server).
 */
export const RENEWAL_TIMEOUT_MS = 30_000;
/** A token renewed this recently that Zoho still refuses is not renewed again: a new one would not help either. */
const USELESS_RENEWAL_MS = 5 * 60_000;

/** The most times a request is sent again because a renewal by another request finished meanwhile. */
const MAX_FOLLOWS = 3;

/** A status no HTTP answer has: with it, n8n never renews on its own (n8n 1.x reads only this field). */
const NO_RENEWAL: IAdditionalCredentialOptions = { oauth2: { skipTokenRefresh: true, tokenExpiredStatusCode: -1 } };


/**
 * A renewal that did not give a token, in the shape the transport reads as a failed renewal: Zoho's
 * refusal in an HTTP 200 answer (which n8n 2.x stores as if it were a token), or no answer in time.
 */
class RenewalFailed extends Error {
	readonly code: string;

	readonly body?: { error: string };

	constructor(refusal: string | undefined) {
		super('The access token could not be renewed');
		this.code = refusal === undefined ? 'ETIMEDOUT' : 'EAUTH';
		if (refusal !== undefined) this.body = { error: refusal };
	}
}

/** One renewal state per credential ID; a context without one (never seen in n8n) shares nothing. */
function renewalOf(ctx: ZohoFunctions): Renewal {
	const id = ctx.getNode().credentials?.[CREDENTIAL_NAME]?.id;
	const fresh = (): Renewal => ({ generation: 0, inFlight: 0, lifetimeMs: DEFAULT_LIFETIME_MS });
	if (typeof id !== 'string' || id === '') return fresh();
	let renewal = RENEWALS.get(id);
	if (!renewal) RENEWALS.set(id, (renewal = fresh()));
	return renewal;
}

/** Zoho's 401 about the token itself; a scope mismatch is not renewed (a new token has the same scopes). */
function metExpiredToken(error: unknown, product: ZohoProduct, apiOrigin: string): boolean {
	const failure = httpFailureOf(error, apiOrigin);
	return failure?.status === 401 && TOKEN_CODES.includes(findZohoFailure(product, failure.body)?.code ?? '');
}

/**
 * Sends one request signed with the credential's token (see above). Resolves with n8n's answer or
 * rejects with what n8n threw, as `httpRequestWithAuthentication` does.
 */
export async function sendSigned(
	ctx: ZohoFunctions,
	options: () => IHttpRequestOptions,
	product: ZohoProduct,
	apiOrigin: string,
): Promise<unknown> {
	const renewal = renewalOf(ctx);
	const send = async (): Promise<unknown> => {
		renewal.inFlight++;
		try {
			if (renewal.ahead) await within(renewal.ahead, AHEAD_WAIT_MS, undefined);
			return await sendWithRenewal(ctx, renewal, options, product, apiOrigin);
		} finally {
			renewal.inFlight--;
		}
	};
	if (hostRenewsAlone(ctx) && renewal.renewedAt === undefined) {
		if (!renewal.firstRequest) return await sendFirst(ctx, renewal, send);
		await within(renewal.firstRequest, FIRST_WAIT_MS, undefined);
	}
	renewAhead(ctx, renewal);
	return await send();
}

/** The access token the credential holds now, and the lifetime Zoho gave it; undefined when unreadable. */
async function storedToken(ctx: ZohoFunctions): Promise<{ token: string; lifetimeMs: number } | undefined> {
	const read = await attempt(async () => await ctx.getCredentials(CREDENTIAL_NAME));
	const data = 'response' in read ? (read.response as { oauthTokenData?: { access_token?: unknown; expires_in?: unknown } } | undefined)?.oauthTokenData : undefined;
	if (typeof data?.access_token !== 'string' || !data.access_token) return undefined;
	const seconds = Number(data.expires_in);
	return { token: data.access_token, lifetimeMs: Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : DEFAULT_LIFETIME_MS };
}

/**
 * n8n 1.x: the process's first request of the credential, sent while the others wait. When n8n renewed
 * the token on the way (the stored token changed), that renewal is this process's: no renewal ahead of
 * time until five minutes before its end.
 */
async function sendFirst(ctx: ZohoFunctions, renewal: Renewal, send: () => Promise<unknown>): Promise<unknown> {
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

async function sendWithRenewal(
	ctx: ZohoFunctions,
	renewal: Renewal,
	options: () => IHttpRequestOptions,
	product: ZohoProduct,
	apiOrigin: string,
): Promise<unknown> {
	let follows = 0;
	let waited = false;
	for (;;) {
		if (renewal.pending) {
			waited = true;
			const failed = await within(renewal.pending, waitLimit(ctx, RENEWAL_TIMEOUT_MS), new RenewalFailed(undefined));
			if (failed !== undefined) throw failed;
		}
		const generation = renewal.generation;
		const sent = await attempt(async () => await ctx.helpers.httpRequestWithAuthentication.call(ctx, CREDENTIAL_NAME, options(), NO_RENEWAL));
		if (!('error' in sent)) return sent.response;
		if (!metExpiredToken(sent.error, product, apiOrigin)) throw sent.error;
		// Another request renewed (or is renewing) since this one was signed: send again with its token.
		if ((renewal.pending || renewal.generation !== generation) && follows < MAX_FOLLOWS) {
			follows++;
			continue;
		}
		if (renewal.pending || waited) throw sent.error;
		// Zoho refuses a token renewed moments ago (another data center's token, access revoked): a new
		// renewal would not help and would use up Zoho's 10 token requests per 10 minutes.
		const last = renewal.renewed;
		if (last && last.generation === generation && Date.now() - last.at < USELESS_RENEWAL_MS && Date.now() >= last.at) throw sent.error;
		return await lead(ctx, renewal, options);
	}
}

type Outcome = { response: unknown } | { error: unknown };

async function attempt(send: () => Promise<unknown>): Promise<Outcome> {
	try {
		return { response: await send() };
	} catch (error) {
		return { error };
	}
}

/** At most `ms`, and no later than the context's deadline (the trigger's poll budget). */
function waitLimit(ctx: ZohoFunctions, ms: number): number {
	const deadline = deadlineOf(ctx);
	return deadline === undefined ? ms : Math.max(0, Math.min(ms, deadline - Date.now()));
}

/**
 * `work`'s result, or `otherwise` when it takes longer than `ms`. The timer is the platform's
 * `AbortSignal.timeout`, which does not keep n8n's process alive once the work is done.
 */
async function within<T, U>(work: Promise<T>, ms: number, otherwise: U): Promise<T | U> {
	const signal = AbortSignal.timeout(ms);
	const late = new Promise<U>((resolve) => signal.addEventListener('abort', () => resolve(otherwise), { once: true }));
	return await Promise.race([work, late]);
}

/** n8n's renewal, bounded in time; a refusal n8n did not raise (HTTP 200 with Zoho's `error`) is raised. */
async function renewToken(ctx: ZohoFunctions): Promise<Outcome> {
	const renewing = attempt(async () => await ctx.helpers.refreshOAuth2Token.call(ctx, CREDENTIAL_NAME));
	const outcome = await within(renewing, waitLimit(ctx, RENEWAL_TIMEOUT_MS), { error: new RenewalFailed(undefined) });
	if ('error' in outcome) return outcome;
	const data = outcome.response as { access_token?: unknown; error?: unknown } | undefined;
	if (data && typeof data === 'object' && !data.access_token && data.error !== undefined) {
		return { error: new RenewalFailed(typeof data.error === 'string' ? data.error : 'error') };
	}
	return outcome;
}

/** Renews the token through n8n (which saves it), then sends again; everyone else waits until it is over. */
async function lead(ctx: ZohoFunctions, renewal: Renewal, options: () => IHttpRequestOptions): Promise<unknown> {
	let finish: (failed: unknown) => void = () => undefined;
	renewal.pending = new Promise<unknown>((resolve) => (finish = resolve));
	const renewed = await renewToken(ctx);
	// The requests waiting for this renewal fail with it too, instead of each asking Zoho again.
	const failed = 'error' in renewed ? renewed.error : undefined;
	renewal.generation++;
	if (failed === undefined) renewal.renewed = { at: Date.now(), generation: renewal.generation };
	renewal.pending = undefined;
	finish(failed);
	if ('error' in renewed) throw renewed.error;
	return await ctx.helpers.httpRequestWithAuthentication.call(ctx, CREDENTIAL_NAME, options(), NO_RENEWAL);
}

/**
 * n8n 2.x added `isNodeFeatureEnabled` to every node context, and it coordinates renewals itself (one per
 * credential across processes) and honours `skipTokenRefresh`; n8n 1.x has neither.
 */
function hostRenewsAlone(ctx: ZohoFunctions): boolean {
	return typeof (ctx as { isNodeFeatureEnabled?: unknown }).isNodeFeatureEnabled !== 'function';
}

/** n8n 1.x: starts a renewal ahead of the token's expiry when one is due (see the top of this file). */
function renewAhead(ctx: ZohoFunctions, renewal: Renewal): void {
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
	const due = renewal.renewedAt === undefined ? renewal.inFlight > 0 : now >= renewal.renewedAt + renewal.lifetimeMs - RENEW_AHEAD_MS;
	if (!due) return;
	renewal.ahead = (async () => {
		const renewed = await renewToken(ctx);
		if ('error' in renewed) {
			// The token in hand may still be good: requests go on, and n8n renews on a 401 as before.
			renewal.retryAt = Date.now() + RETRY_AHEAD_MS;
			ctx.logger.warn('Zoho Email: renewing the access token ahead of its expiry failed; requests go on with the current token', {
				reason: httpFailureOf(renewed.error)?.refresh?.error ?? 'no token',
			});
		} else {
			const seconds = Number((renewed.response as { expires_in?: unknown } | undefined)?.expires_in);
			renewal.renewedAt = Date.now();
			renewal.lifetimeMs = Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : DEFAULT_LIFETIME_MS;
		}
		renewal.generation++;
		renewal.ahead = undefined;
	})();
}
