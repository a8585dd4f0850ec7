import type { IHttpRequestOptions } from 'n8n-workflow';

import type { ZohoProduct } from './dataCenters';
import { findZohoFailure } from './errors';
import { httpFailureOf, TOKEN_CODES } from './failures';
import { hostRenewsAlone, renewAhead, sendFirst } from './renewalAhead';
import {
	AHEAD_WAIT_MS,
	attempt,
	FIRST_WAIT_MS,
	MAX_FOLLOWS,
	monotonicNow,
	NO_RENEWAL,
	type Renewal,
	RENEWAL_TIMEOUT_MS,
	RENEWAL_WINDOW_MS,
	RenewalFailed,
	RENEWALS_PER_WINDOW,
	renewalOf,
	renewToken,
	USELESS_RENEWAL_MS,
	waitLimit,
	within,
} from './renewalState';
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
		const sent = await attempt(
			async () => await ctx.helpers.httpRequestWithAuthentication.call(ctx, CREDENTIAL_NAME, options(), NO_RENEWAL),
		);
		if (!('error' in sent)) {
			if (renewal.renewed?.generation === generation) renewal.renewed.worked = true;
			return sent.response;
		}
		if (!metExpiredToken(sent.error, product, apiOrigin)) throw sent.error;
		// Another request renewed (or is renewing) since this one was signed: send again with its token.
		if ((renewal.pending || renewal.generation !== generation) && follows < MAX_FOLLOWS) {
			follows++;
			continue;
		}
		if (renewal.pending || waited) throw sent.error;
		if (!worthRenewing(renewal, generation)) throw sent.error;
		return await lead(ctx, renewal, options);
	}
}

/**
 * Zoho refuses a token renewed moments ago that it never accepted (another data center's token, access
 * revoked): a new renewal would not help and would use up Zoho's 10 token requests per 10 minutes. A
 * renewed token that worked and then met a 401 (revoked or reissued elsewhere) is renewed again, up to
 * RENEWALS_PER_WINDOW in ten minutes.
 */
function worthRenewing(renewal: Renewal, generation: number): boolean {
	const now = monotonicNow();
	const last = renewal.renewed;
	if (last && last.generation === generation && !last.worked && now - last.at < USELESS_RENEWAL_MS) return false;
	renewal.recent = renewal.recent.filter((at) => now - at < RENEWAL_WINDOW_MS);
	return renewal.recent.length < RENEWALS_PER_WINDOW;
}

/** Renews the token through n8n (which saves it), then sends again; everyone else waits until it is over. */
async function lead(ctx: ZohoFunctions, renewal: Renewal, options: () => IHttpRequestOptions): Promise<unknown> {
	let finish: (failed: unknown) => void = () => undefined;
	renewal.pending = new Promise<unknown>((resolve) => (finish = resolve));
	const renewed = await renewToken(ctx);
	// The requests waiting for this renewal fail with it too, instead of each asking Zoho again.
	const failed = 'error' in renewed ? renewed.error : undefined;
	renewal.generation++;
	renewal.recent.push(monotonicNow());
	const made = failed === undefined ? { at: monotonicNow(), generation: renewal.generation, worked: false } : undefined;
	if (made) renewal.renewed = made;
	renewal.pending = undefined;
	finish(failed);
	if ('error' in renewed) throw renewed.error;
	const response = await ctx.helpers.httpRequestWithAuthentication.call(ctx, CREDENTIAL_NAME, options(), NO_RENEWAL);
	if (made) made.worked = true;
	return response;
}
