import { randomBytes } from 'crypto';
import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import { apiBaseUrl, type HostSettings } from './dataCenters';
import { findZohoFailure, zohoError } from './errors';
import { gateOf, oncePerExecution } from './gate';
import { encodeMultipart } from './multipart';
import { CREDENTIAL_NAME, type ZohoFunctions, type ZohoRequest, type ZohoResponse } from './types';

/**
 * Retries of a request Zoho turned away with 429 (it did not process it, so resending is safe), within
 * a time budget: when many executions share an organization's concurrency limit (several workers in
 * queue mode), a request may have to wait its turn for a while.
 */
export const MAX_RATE_LIMIT_RETRIES = 15;
export const RATE_LIMIT_BUDGET_MS = 120_000;
const MAX_RATE_LIMIT_DELAY_MS = 10_000;
/** Retries of a read after a 5xx, a timeout or a dropped connection. Sends are never retried so. */
export const MAX_READ_RETRIES = 2;
const BASE_DELAY_MS = 500;
const MAX_DELAY_MS = 30_000;
const DEFAULT_TIMEOUT_MS = 120_000;

interface HttpFailure {
	status?: number;
	body?: unknown;
	headers?: Record<string, unknown>;
	/** Transport error code (ECONNRESET, ECONNABORTED, ETIMEDOUT, …) when no answer came. */
	networkCode?: string;
	/** An answer came but its body could not be read as JSON. */
	unreadable?: boolean;
}

class UnreadableAnswer extends Error {
	constructor(readonly status: number) {
		super('Unreadable answer');
	}
}

/** Digs the HTTP answer out of what n8n throws (NodeApiError wrapping the HTTP client's error). */
export function httpFailureOf(error: unknown): HttpFailure | undefined {
	let current: unknown = error;
	for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
		const e = current as { response?: { status?: number; data?: unknown; headers?: Record<string, unknown> }; code?: unknown; cause?: unknown };
		if (e.response && typeof e.response.status === 'number') {
			return { status: e.response.status, body: e.response.data, headers: e.response.headers ?? {} };
		}
		if (typeof e.code === 'string' && /^E[A-Z_]+$/.test(e.code)) return { networkCode: e.code };
		const httpCode = (e as { httpCode?: unknown }).httpCode;
		if (typeof httpCode === 'string' && /^E[A-Z_]+$/.test(httpCode)) return { networkCode: httpCode };
		// n8n 1.x drops the HTTP client's error from NodeApiError (no `cause`), keeping only the status
		// and, for a JSON answer, the body in `context.data`; headers are lost there.
		const data = (e as { context?: { data?: unknown } }).context?.data;
		if (typeof httpCode === 'string' && /^\d{3}$/.test(httpCode) && !e.cause) {
			return { status: Number(httpCode), body: data, headers: {} };
		}
		current = e.cause ?? (e as { errorResponse?: unknown }).errorResponse;
	}
	return undefined;
}

function parseBody(body: unknown): unknown {
	if (typeof body === 'string') {
		if (body.trim() === '') return {};
		try {
			return JSON.parse(body);
		} catch {
			return body;
		}
	}
	if (Buffer.isBuffer(body)) return parseBody(body.toString('utf8'));
	return body ?? {};
}

/** Full jitter (random between 0 and the exponential cap) spreads out requests that collided. */
export function rateLimitDelay(attempt: number, retryAfter?: unknown): number {
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
export function backoffDelay(attempt: number, retryAfter?: unknown): number {
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
 * The only place that talks HTTP to Zoho. Builds the URL from the credential's host rules, signs the
 * request through n8n's OAuth2 helper (which refreshes an expired token once and saves it), retries
 * what is safe to retry, and turns every Zoho failure, including errors inside a 2xx body, into a
 * NodeApiError carrying the item index.
 */
export async function zohoRequest(this: ZohoFunctions, req: ZohoRequest): Promise<ZohoResponse> {
	const settings = await hostSettings(this);
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

	const options: IHttpRequestOptions = {
		method: req.method,
		url: apiBaseUrl(settings, req.product) + req.path,
		qs,
		json: true,
		returnFullResponse: true,
		timeout: req.timeout ?? DEFAULT_TIMEOUT_MS,
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
		await gate?.acquire();
		try {
			const response = (await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_NAME, {
				...options,
				qs: { ...qs },
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
			failure = error instanceof UnreadableAnswer ? { status: error.status, unreadable: true } : httpFailureOf(error);
			if (!failure) {
				gate?.release('failed');
				// Not an HTTP failure: e.g. the credential needs reconnecting after a refused refresh.
				const e = error as { message?: string; description?: string };
				throw new NodeOperationError(this.getNode(), e.message ?? 'Request to Zoho failed', {
					itemIndex: req.itemIndex,
					description: e.description ?? undefined,
				});
			}
			failure.body = parseBody(failure.body);
		}
		gate?.release(isRateLimited(failure) ? 'rateLimited' : 'failed');

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
			this.logger.debug(`Zoho answered 429; retry ${rateLimitRetries} in ${delay} ms`, { path: req.path });
			await sleep(delay);
			continue;
		}
		const transient = failure.networkCode !== undefined || failure.unreadable === true || (failure.status !== undefined && failure.status >= 500);
		if (transient && !req.sendsMail && readRetries < MAX_READ_RETRIES) {
			const delay = backoffDelay(readRetries);
			readRetries++;
			this.logger.debug(`Zoho read failed (${failure.status ?? failure.networkCode}); retry ${readRetries} in ${delay} ms`, { path: req.path });
			await sleep(delay);
			continue;
		}
		throw zohoError(this, {
			product: req.product,
			action: req.action,
			itemIndex: req.itemIndex,
			httpCode: failure.status,
			failure: findZohoFailure(req.product, failure.body) ?? plainFailure(req.product, failure),
			...(failure.networkCode ? noAnswerWords(failure.networkCode, !!req.sendsMail) : {}),
			...(failure.unreadable ? unreadableWords(!!req.sendsMail) : {}),
		});
	}
}

function plainFailure(product: ZohoRequest['product'], failure: HttpFailure) {
	const body = failure.body;
	if (product === 'books' && body && typeof body === 'object' && 'code' in body) {
		return { code: String((body as IDataObject).code), message: String((body as IDataObject).message ?? '') };
	}
	if (failure.status === 429) return { code: product === 'books' ? '429' : 'TOO_MANY_REQUESTS', message: '' };
	return undefined;
}

function noAnswerWords(code: string, sendsMail: boolean) {
	const timedOut = code === 'ECONNABORTED' || code === 'ETIMEDOUT';
	// The network code goes into the description: n8n rewrites messages that contain one.
	const what = timedOut ? 'Zoho did not answer in time' : 'the connection to Zoho was lost before an answer came';
	const advice = sendsMail
		? 'The email may or may not have gone out. It was not retried, so that nobody is mailed twice: check the record in Zoho before running this item again.'
		: 'Try again later.';
	return { plain: what, hint: `Network error: ${code}. ${advice}` };
}

function unreadableWords(sendsMail: boolean) {
	const advice = sendsMail
		? 'The email may or may not have gone out. It was not retried, so that nobody is mailed twice: check the record in Zoho before running this item again.'
		: 'Try again later.';
	return { plain: 'Zoho\'s answer could not be read (it was cut off or not JSON)', hint: advice };
}
