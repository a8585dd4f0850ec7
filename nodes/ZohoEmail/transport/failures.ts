import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { refusalCode, type RefreshFailure } from './auth';
import type { HostSettings, ZohoProduct } from './dataCenters';
import { findZohoFailure } from './errors';
import type { Outcome } from './policy';
import { redact } from './redact';
import { followable, isRedirect, originOf, redirectTarget } from './redirects';
import { CREDENTIAL_NAME, type ZohoFunctions, type ZohoRequest } from './types';

/** How a request to Zoho failed, read from what n8n threw or from the answer. */
export interface HttpFailure {
	status?: number;
	body?: unknown;
	headers?: Record<string, unknown>;
	/** Transport error code (ECONNRESET, ECONNABORTED, ETIMEDOUT, …) when no answer came. */
	networkCode?: string;
	/** An answer came but its body could not be read as JSON. */
	unreadable?: boolean;
	/** The API had answered 401 and n8n's renewal of the token then failed. */
	refresh?: RefreshFailure;
}

export class UnreadableAnswer extends Error {
	constructor(readonly status: number) {
		super('Unreadable answer');
	}
}

interface ThrownShape {
	response?: { status?: number; data?: unknown; headers?: Record<string, unknown> };
	code?: unknown;
	httpCode?: unknown;
	cause?: unknown;
	body?: unknown;
	status?: unknown;
	config?: { url?: unknown };
	errorResponse?: unknown;
}

/**
 * A failure of the token renewal that n8n runs after a 401: an error of n8n's OAuth2 client (code
 * EAUTH: Zoho's refusal; ESTATUS: an unexpected answer), or an HTTP error for a URL outside the API
 * origin (the accounts server did not answer, or answered 5xx).
 */
function refreshFailureIn(error: unknown, apiOrigin?: string): RefreshFailure | undefined {
	let current: unknown = error;
	for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
		const e = current as ThrownShape;
		const next = e.cause ?? e.errorResponse;
		// n8n's own "needs to be reconnected" error, which it raises for Zoho's invalid_grant.
		if ((e as { failure?: { cause?: unknown } }).failure?.cause === 'credential-invalid')
			return { error: 'invalid_grant' };
		// A renewal that got no answer in time (renewalState.ts RenewalFailed): Zoho had answered 401.
		if ((e as { renewal?: unknown }).renewal === true && e.body === undefined)
			return { networkCode: typeof e.code === 'string' ? e.code : 'ETIMEDOUT' };
		const oauthCode = e.code ?? e.httpCode;
		if ((oauthCode === 'EAUTH' || oauthCode === 'ESTATUS') && (e.body !== undefined || !next)) {
			const zohoCode = (parseBody(e.body) as { error?: unknown } | undefined)?.error;
			if (zohoCode !== undefined) return { error: refusalCode(zohoCode) };
			return typeof e.status === 'number' ? { status: e.status } : {};
		}
		const url = typeof e.config?.url === 'string' ? e.config.url : undefined;
		if (apiOrigin && url && originOf(url) !== apiOrigin) {
			const status = e.response?.status;
			const zohoCode = (parseBody(e.response?.data) as { error?: unknown } | undefined)?.error;
			if (zohoCode !== undefined) return { error: refusalCode(zohoCode) };
			return typeof status === 'number' ? { status } : { networkCode: typeof e.code === 'string' ? e.code : 'ERROR' };
		}
		current = next;
	}
	return undefined;
}

/** Digs the HTTP answer out of what n8n throws (NodeApiError wrapping the HTTP client's error). */
export function httpFailureOf(error: unknown, apiOrigin?: string): HttpFailure | undefined {
	const refresh = refreshFailureIn(error, apiOrigin);
	if (refresh) return { refresh };
	let current: unknown = error;
	for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
		const e = current as ThrownShape;
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

export function parseBody(body: unknown): unknown {
	if (typeof body === 'string') {
		if (body.trim() === '') return {};
		try {
			return JSON.parse(body);
		} catch {
			return body;
		}
	}
	if (Buffer.isBuffer(body)) return parseBody(body.toString('utf8'));
	if (body instanceof ArrayBuffer) return parseBody(Buffer.from(body).toString('utf8'));
	return body ?? {};
}

/**
 * Zoho sometimes refuses a renewal with HTTP 200 and `{"error": …}`; n8n then keeps the old token,
 * merges the error into the stored token data and repeats the request, which Zoho answers 401 again.
 * That case shows as an unchanged access token carrying an `error` after the final 401.
 */
export async function renewalRefusedInBody(ctx: ZohoFunctions, before: HostSettings): Promise<string | undefined> {
	try {
		const now = (await ctx.getCredentials(CREDENTIAL_NAME)) as HostSettings & {
			oauthTokenData?: Record<string, unknown>;
		};
		const token = now.oauthTokenData ?? {};
		const previous = (before.oauthTokenData ?? {}) as Record<string, unknown>;
		if (token.error === undefined || token.access_token !== previous.access_token) return undefined;
		return refusalCode(token.error);
	} catch {
		return undefined;
	}
}

/** An error without an HTTP answer, e.g. n8n could not sign the request (no token in the credential). */
export function notHttpError(
	ctx: ZohoFunctions,
	error: unknown,
	req: ZohoRequest,
	secrets: string[],
): NodeOperationError {
	const e = error as { message?: string; description?: string | null };
	return new NodeOperationError(ctx.getNode(), redact(e.message ?? 'Request to Zoho failed', secrets), {
		itemIndex: req.itemIndex,
		description: e.description ? redact(e.description, secrets) : undefined,
	});
}

export function plainFailure(product: ZohoRequest['product'], failure: HttpFailure) {
	const body = failure.body;
	if (product === 'books' && body && typeof body === 'object' && 'code' in body) {
		return { code: String((body as IDataObject).code), message: String((body as IDataObject).message ?? '') };
	}
	if (failure.status === 429) return { code: product === 'books' ? '429' : 'TOO_MANY_REQUESTS', message: '' };
	return undefined;
}

/** Zoho's codes for a 401 about the access token itself (expired, invalid), CRM/Bigin and Books. */
export const TOKEN_CODES = ['', 'INVALID_TOKEN', 'INVALID_OAUTHTOKEN', 'AUTHENTICATION_FAILURE', '14', '57'];
/** Zoho's codes for its own internal error (CRM/Bigin, Books 1000): whatever the status, the outcome is unknown. */
const INTERNAL_CODES = ['INTERNAL_ERROR', 'INTERNAL_SERVER_ERROR', '1000'];
const TIMEOUT_CODES = ['ECONNABORTED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT'];

export function isRateLimited(failure: HttpFailure): boolean {
	if (failure.status === 429) return true;
	const body = failure.body as IDataObject | undefined;
	return !!body && typeof body === 'object' && body.code === 'TOO_MANY_REQUESTS';
}

/** How the request went out: where (a redirect followed or not), and whether a 429 may still be waited out. */
export interface AsSent {
	method: string;
	url: string;
	apiOrigin: string;
	hops: number;
	/** A 429 may still be waited out (request.ts's time budget). */
	rateBudgetLeft: boolean;
}

/**
 * How a request ended, from what the transport saw: an HTTP answer (its status and Zoho's code, never
 * its message text), no answer, an unreadable answer, or a failed renewal of the token.
 */
export function outcomeOf(product: ZohoProduct, failure: HttpFailure, sent: AsSent): Outcome {
	if (failure.refresh) return 'renewalFailed';
	if (failure.networkCode !== undefined) return TIMEOUT_CODES.includes(failure.networkCode) ? 'timeout' : 'reset';
	if (failure.unreadable) return 'cutOff';
	if (isRedirect(failure.status)) {
		if (followable(failure.status, sent.method, redirectTarget(failure.headers, sent.url), sent.apiOrigin, sent.hops))
			return 'redirect';
		return failure.status === 307 || failure.status === 308 ? 'redirectRepeat' : 'redirectMoved';
	}
	if (isRateLimited(failure)) return sent.rateBudgetLeft ? 'rateLimited' : 'rateLimitSpent';
	const zoho = findZohoFailure(product, failure.body);
	if ((failure.status ?? 0) >= 500 || (zoho && INTERNAL_CODES.includes(zoho.code)))
		return zoho ? 'serverError' : 'serverErrorBare';
	if (failure.status === 401 && TOKEN_CODES.includes(zoho?.code ?? '')) return 'tokenRejected';
	return 'refused';
}
