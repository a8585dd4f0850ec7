import { randomBytes } from 'crypto';
import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import { refreshFailureWords, refusedConnection } from './auth';
import { apiBaseUrl, type HostSettings, PRODUCT_PREFIX, type ZohoProduct } from './dataCenters';
import { type FailureContext, findZohoFailure, zohoError } from './errors';
import { gateOf } from './gate';
import { executionMemoryOf, oncePerExecution } from './perExecution';
import {
	httpFailureOf,
	noAnswerWords,
	notHttpError,
	parseBody,
	plainFailure,
	renewalRefusedInBody,
	UnreadableAnswer,
	unreadableWords,
	type HttpFailure,
} from './failures';
import { encodeMultipart } from './multipart';
import { currentSecrets, redact, secretsOf } from './redact';
import { followable, isRedirect, originOf, redirectTarget, redirectWords } from './redirects';
import { sendGuardOf } from './sendGuard';
import { notRetried } from './unsure';
import { CREDENTIAL_NAME, type ZohoFunctions, type ZohoRequest, type ZohoResponse } from './types';

export { httpFailureOf } from './failures';

/**
 * Retries of a request Zoho turned away with 429 (it did not process it, so resending is safe), within
 * a time budget: when many executions share an organization's concurrency limit (several workers in
 * queue mode), a request may have to wait its turn for a while.
 */
export const MAX_RATE_LIMIT_RETRIES = 15;
export const RATE_LIMIT_BUDGET_MS = 120_000;
const MAX_RATE_LIMIT_DELAY_MS = 10_000;
/** Retries of a read after a 5xx, a timeout or a dropped connection. Sends are never retried so. */
const MAX_READ_RETRIES = 2;
const BASE_DELAY_MS = 500;
const MAX_DELAY_MS = 30_000;
const DEFAULT_TIMEOUT_MS = 120_000;
/** Zoho's codes for a 401 about the access token itself (expired, invalid), CRM/Bigin and Books. */
const TOKEN_CODES = ['', 'INVALID_TOKEN', 'INVALID_OAUTHTOKEN', 'AUTHENTICATION_FAILURE', '14', '57'];

/** Full jitter (random between 0 and the exponential cap) spreads out requests that collided. */
function rateLimitDelay(attempt: number, retryAfter?: unknown): number {
	const seconds = Number(Array.isArray(retryAfter) ? retryAfter[0] : retryAfter);
	if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds * 1000, MAX_DELAY_MS * 2);
	return Math.round(Math.random() * Math.min(BASE_DELAY_MS * 2 ** attempt, MAX_RATE_LIMIT_DELAY_MS));
}

function isRateLimited(failure: HttpFailure): boolean {
	if (failure.status === 429) return true;
	const body = failure.body as IDataObject | undefined;
	return !!body && typeof body === 'object' && body.code === 'TOO_MANY_REQUESTS';
}

/** Exponential backoff with jitter; Zoho's Retry-After (undocumented, honoured if present) wins. */
function backoffDelay(attempt: number, retryAfter?: unknown): number {
	const seconds = Number(Array.isArray(retryAfter) ? retryAfter[0] : retryAfter);
	if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds * 1000, MAX_DELAY_MS * 2);
	const exp = Math.min(BASE_DELAY_MS * 2 ** attempt, MAX_DELAY_MS);
	return Math.round(exp / 2 + Math.random() * (exp / 2));
}

async function hostSettings(ctx: ZohoFunctions): Promise<HostSettings> {
	// The hosts cannot change within an execution; n8n still reads the credential to sign each request.
	return await oncePerExecution(ctx, 'hostSettings', async () => (await ctx.getCredentials(CREDENTIAL_NAME)) as HostSettings);
}

/**
 * The API host `product`'s requests go to, without the product's path (`https://www.zohoapis.com`,
 * CRM's sandbox host, …), for the links Zoho wants absolute in a mail's content.
 */
export async function apiHostOf(this: ZohoFunctions, product: ZohoProduct): Promise<string> {
	return apiBaseUrl(await hostSettings(this), product).slice(0, -PRODUCT_PREFIX[product].length);
}

/**
 * The only place that talks HTTP to Zoho. Builds the URL from the credential's host rules, signs the
 * request through n8n's OAuth2 helper (which refreshes an expired token once and saves it), retries
 * what is safe to retry, and turns every Zoho failure, including errors inside a 2xx body, into a
 * NodeApiError carrying the item index.
 */
export async function zohoRequest(this: ZohoFunctions, req: ZohoRequest): Promise<ZohoResponse> {
	const settings = await hostSettings(this);
	// For the request's own log lines (a path never holds a token; redacted all the same).
	const secrets = secretsOf(settings);
	// Every Zoho failure of this request: its product, action and item, redacted with the credential's
	// secrets as they are when the failure is built (a token n8n renewed meanwhile included).
	const requestError = async (words: Partial<FailureContext>) =>
		zohoError(this, { product: req.product, action: req.action, itemIndex: req.itemIndex, secrets: await currentSecrets(this, settings), ...words });
	const refused = refusedConnection(settings);
	if (refused) {
		throw new NodeOperationError(this.getNode(), refused, {
			itemIndex: req.itemIndex,
			description: 'The credential holds Zoho\'s refusal instead of a token, so nothing was sent. Open the credential and click Connect again.',
		});
	}
	const memory = executionMemoryOf(this);
	if (memory?.authFailure) {
		// The renewal already failed in this execution: asking Zoho again would only use up its
		// 10-per-10-minutes token allowance.
		throw await requestError(memory.authFailure);
	}
	const qs: IDataObject = { ...(req.qs ?? {}) };
	if (req.product === 'books' && req.path !== '/organizations') {
		if (!req.organizationId) {
			throw new NodeOperationError(this.getNode(), 'No Zoho Books organization chosen', {
				itemIndex: req.itemIndex,
				description: 'Pick an organization in the "Organization" field.',
			});
		}
		qs.organization_id = req.organizationId;
	}
	for (const key of Object.keys(qs)) if (qs[key] === undefined || qs[key] === '') delete qs[key];
	// Every check of the request is done: a send takes its place under the execution's limits now.
	if (req.sendsMail) sendGuardOf(this)?.(req.itemIndex);

	const base = apiBaseUrl(settings, req.product);
	const apiOrigin = originOf(base) ?? base;
	let url = base + req.path;
	let sendQs = qs;
	let hops = 0;
	const options: IHttpRequestOptions = {
		method: req.method,
		url,
		qs,
		json: true,
		returnFullResponse: true,
		timeout: req.timeout ?? DEFAULT_TIMEOUT_MS,
		// Redirects are decided below (same API origin only); n8n would follow them with the token.
		disableFollowRedirect: true,
	};
	// Files are read as raw bytes; a JSON error answer is still recognised below.
	if (req.binary) options.encoding = 'arraybuffer';
	if (req.multipart) {
		const boundary = `----n8nZohoEmail${randomBytes(12).toString('hex')}`;
		options.body = encodeMultipart(req.multipart, boundary);
		options.headers = { 'Content-Type': `multipart/form-data; boundary=${boundary}` };
	} else if (req.body !== undefined) {
		options.body = req.body;
	}

	const startedAt = Date.now();
	let rateLimitRetries = 0;
	let readRetries = 0;
	for (;;) {
		let failure: HttpFailure | undefined;
		const gate = gateOf(this);
		// Books counts every request to an organization, retries too, against 100 per minute.
		if (req.product === 'books' && req.organizationId && req.path !== '/organizations') await memory?.booksPacer(req.organizationId).wait();
		await gate?.acquire();
		try {
			const response = (await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_NAME, {
				...options,
				url,
				qs: { ...sendQs },
				headers: options.headers ? { ...options.headers } : undefined,
			})) as { statusCode: number; headers: Record<string, string>; body: unknown };
			if (req.binary && Buffer.isBuffer(response.body) && !/json/i.test(String(response.headers?.['content-type'] ?? ''))) {
				gate?.release('ok');
				return { statusCode: response.statusCode, headers: response.headers ?? {}, body: {}, binary: response.body };
			}
			const body = parseBody(response.body);
			// A cut-off or non-JSON answer says nothing about the outcome: it must not pass for success
			// (a send would report no message_id, a list would look empty and the trigger would skip emails).
			if (typeof body === 'string') throw new UnreadableAnswer(response.statusCode);
			const inBody = findZohoFailure(req.product, body);
			if (!inBody) {
				gate?.release('ok');
				return { statusCode: response.statusCode, headers: response.headers ?? {}, body: body as IDataObject };
			}
			failure = { status: response.statusCode, body, headers: response.headers };
		} catch (error) {
			failure = error instanceof UnreadableAnswer ? { status: error.status, unreadable: true } : httpFailureOf(error, apiOrigin);
			if (!failure) {
				gate?.release('failed');
				throw notHttpError(this, error, req, await currentSecrets(this, settings));
			}
			failure.body = parseBody(failure.body);
		}
		gate?.release(isRateLimited(failure) ? 'rateLimited' : 'failed');

		if (failure.refresh) {
			const words = refreshFailureWords(failure.refresh);
			if (memory) memory.authFailure = words;
			throw await requestError(words);
		}
		if (isRedirect(failure.status)) {
			const target = redirectTarget(failure.headers, url);
			if (followable(failure.status, req.method, target, apiOrigin, hops)) {
				hops++;
				url = target;
				sendQs = {};
				this.logger.debug(`Zoho answered ${failure.status}; following it on the same host`, { path: redact(req.path, secrets) });
				continue;
			}
			throw await requestError({
				httpCode: failure.status,
				...redirectWords(failure.status, target, apiOrigin, req, hops),
			});
		}
		// Only a 401 about the token itself: a scope mismatch stays a scope error even if the renewal
		// that n8n attempted for it was throttled.
		if (failure.status === 401 && TOKEN_CODES.includes(findZohoFailure(req.product, failure.body)?.code ?? '')) {
			const refusedRenewal = await renewalRefusedInBody(this, settings);
			if (refusedRenewal) {
				const words = refreshFailureWords({ error: refusedRenewal });
				if (memory) memory.authFailure = words;
				throw await requestError(words);
			}
		}

		const rateLimitDelayMs = rateLimitDelay(rateLimitRetries, failure.headers?.['retry-after']);
		if (
			isRateLimited(failure) &&
			rateLimitRetries < MAX_RATE_LIMIT_RETRIES &&
			Date.now() - startedAt + rateLimitDelayMs <= RATE_LIMIT_BUDGET_MS &&
			// Zoho gives a spent daily allowance and a full concurrency limit the same code and message
			// (reference §3.10). When nothing in this execution has succeeded for a whole budget, waiting
			// is not helping: the remaining items fail at once instead of each waiting in turn.
			!(gate && Date.now() - gate.lastSuccessAt > RATE_LIMIT_BUDGET_MS)
		) {
			const delay = rateLimitDelayMs;
			rateLimitRetries++;
			this.logger.debug(`Zoho answered 429; retry ${rateLimitRetries} in ${delay} ms`, { path: redact(req.path, secrets) });
			await sleep(delay);
			continue;
		}
		const transient = failure.networkCode !== undefined || failure.unreadable === true || (failure.status !== undefined && failure.status >= 500);
		if (transient && !req.sendsMail && readRetries < MAX_READ_RETRIES) {
			const delay = backoffDelay(readRetries);
			readRetries++;
			this.logger.debug(`Zoho read failed (${failure.status ?? failure.networkCode}); retry ${readRetries} in ${delay} ms`, { path: redact(req.path, secrets) });
			await sleep(delay);
			continue;
		}
		throw await requestError({
			httpCode: failure.status,
			failure: findZohoFailure(req.product, failure.body) ?? plainFailure(req.product, failure),
			...(failure.networkCode ? noAnswerWords(failure.networkCode, notRetried(req)) : {}),
			...(failure.unreadable ? unreadableWords(notRetried(req)) : {}),
		});
	}
}

