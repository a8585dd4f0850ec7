import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import { refusedConnection } from './auth';
import { apiBaseUrl, type HostSettings, PRODUCT_PREFIX, type ZohoProduct } from './dataCenters';
import { type FailureContext, findZohoFailure, zohoError } from './errors';
import {
	httpFailureOf,
	isRateLimited,
	notHttpError,
	outcomeOf,
	parseBody,
	renewalRefusedInBody,
	UnreadableAnswer,
	type HttpFailure,
} from './failures';
import { organizationOfFailure } from './organizations';
import { outgoing, type Outgoing } from './outgoing';
import { counterOf, decide, isRepeatable, type Outcome, type RequestKind, type RetryCounter } from './policy';
import { currentSecrets, redact, secretsOf } from './redact';
import { RATE_LIMIT_BUDGET_MS, rateLimitDelay, waitOf } from './waits';
import { redirectTarget } from './redirects';
import { sendSigned } from './renewal';
import { type ExecutionScope, oncePerExecution, scopeOf } from './scope';
import { CREDENTIAL_NAME, type ZohoFunctions, type ZohoRequest, type ZohoResponse } from './types';
import { failureWords, REFUSED_CONNECTION_HINT, retryLine } from './words';

async function hostSettings(ctx: ZohoFunctions): Promise<HostSettings> {
	// The hosts cannot change within an execution; n8n still reads the credential to sign each request.
	return await oncePerExecution(
		ctx,
		'hostSettings',
		async () => (await ctx.getCredentials(CREDENTIAL_NAME)) as HostSettings,
	);
}

/**
 * The API host `product`'s requests go to, without the product's path (`https://www.zohoapis.com`,
 * CRM's sandbox host, …), for the links Zoho wants absolute in a mail's content.
 */
export async function apiHostOf(this: ZohoFunctions, product: ZohoProduct): Promise<string> {
	return apiBaseUrl(await hostSettings(this), product).slice(0, -PRODUCT_PREFIX[product].length);
}

type Sent = { response: ZohoResponse; failure?: undefined } | { failure: HttpFailure; response?: undefined };

/**
 * Sends the request once, through the execution's gate and Books pacer, and reads the answer: a
 * success, or how it failed (an HTTP error, no answer, an unreadable answer, an error inside a 2xx).
 */
async function sendOnce(this: ZohoFunctions, req: ZohoRequest, out: Outgoing, settings: HostSettings): Promise<Sent> {
	const scope = scopeOf(this);
	// Books counts every request to an organization, retries too, against 100 per minute.
	if (req.product === 'books' && req.organizationId && req.path !== '/organizations')
		await scope.paceBooks(req.organizationId);
	await scope.acquire();
	let failure: HttpFailure | undefined;
	try {
		// Signed through n8n's `httpRequestWithAuthentication`, one token renewal per expiry (renewal.ts).
		const response = (await sendSigned(
			this,
			() => ({
				...out.options,
				url: out.url,
				qs: { ...out.qs },
				headers: out.options.headers ? { ...out.options.headers } : undefined,
			}),
			req.product,
			out.apiOrigin,
		)) as { statusCode: number; headers: Record<string, string>; body: unknown };
		if (
			req.binary &&
			Buffer.isBuffer(response.body) &&
			!/json/i.test(String(response.headers?.['content-type'] ?? ''))
		) {
			scope.release('ok');
			return {
				response: { statusCode: response.statusCode, headers: response.headers ?? {}, body: {}, binary: response.body },
			};
		}
		const body = parseBody(response.body);
		// A cut-off or non-JSON answer says nothing about the outcome: it must not pass for success
		// (a send would report no message_id, a list would look empty and the trigger would skip emails).
		if (typeof body === 'string') throw new UnreadableAnswer(response.statusCode);
		if (!findZohoFailure(req.product, body)) {
			scope.release('ok');
			return {
				response: { statusCode: response.statusCode, headers: response.headers ?? {}, body: body as IDataObject },
			};
		}
		failure = { status: response.statusCode, body, headers: response.headers };
	} catch (error) {
		failure =
			error instanceof UnreadableAnswer
				? { status: error.status, unreadable: true }
				: httpFailureOf(error, out.apiOrigin);
		if (!failure) {
			scope.release('failed');
			throw notHttpError(this, error, req, await currentSecrets(this, settings));
		}
		failure.body = parseBody(failure.body);
	}
	scope.release(isRateLimited(failure) ? 'rateLimited' : 'failed');
	return { failure };
}

/**
 * The only place that talks HTTP to Zoho. Builds the URL from the credential's host rules, signs the
 * request through n8n's OAuth2 helper (which refreshes an expired token once and saves it), and turns
 * every Zoho failure, including errors inside a 2xx body, into a NodeApiError carrying the item index.
 * The loop builds, sends, classifies (failures.ts) and asks policy.ts's table whether to send again;
 * the words of a failure are words.ts's.
 */
export async function zohoRequest(this: ZohoFunctions, req: ZohoRequest): Promise<ZohoResponse> {
	const settings = await hostSettings(this);
	const scope = scopeOf(this);
	const kind: RequestKind = req.kind ?? 'read';
	const out = await build.call(this, req, kind, settings, scope);
	const startedAt = Date.now();
	const tries: Record<RetryCounter, number> = { rateLimit: 0, unknown: 0, redirect: 0 };
	for (;;) {
		const { response, failure } = await sendOnce.call(this, req, out, settings);
		if (response) return response;
		const { outcome, rateLimitWait } = await classify.call(
			this,
			req,
			failure,
			out,
			settings,
			tries.rateLimit,
			startedAt,
		);
		const counter = counterOf(outcome);
		const decision = decide(kind, outcome, tries[counter]);
		const delay = waitOf(decision, rateLimitWait, tries[counter]);
		// The trigger's poll must end within its budget: a wait past it fails the request as it stands
		// (a 429 is then read again on the next poll).
		const late =
			decision.retry && decision.wait !== 'none' && scope.deadline !== undefined && Date.now() + delay > scope.deadline;
		if (!decision.retry || late) {
			const words = failureWords(req, kind, outcome, failure, out);
			if (failure.refresh) scope.rememberAuthFailure(words as { plain: string; hint: string });
			throw await requestError.call(this, req, settings, words);
		}
		tries[counter]++;
		this.logger.debug(retryLine(outcome, failure, tries[counter], delay), {
			path: redact(req.path, secretsOf(settings)),
		});
		if (decision.wait === 'none') follow(out, failure);
		else await sleep(delay);
	}
}

/**
 * Every check before the first attempt: the credential holds a token, no renewal already failed in
 * this execution (asking Zoho again would only use up its 10-per-10-minutes token allowance), the
 * request's options. Then a write that may mail someone (one that is not repeated after an unknown
 * outcome) takes its place under the execution's limits.
 */
async function build(
	this: ZohoFunctions,
	req: ZohoRequest,
	kind: RequestKind,
	settings: HostSettings,
	scope: ExecutionScope,
): Promise<Outgoing> {
	const refused = refusedConnection(settings);
	if (refused)
		throw new NodeOperationError(this.getNode(), refused, {
			itemIndex: req.itemIndex,
			description: REFUSED_CONNECTION_HINT,
		});
	if (scope.authFailure) throw await requestError.call(this, req, settings, scope.authFailure);
	const out = outgoing(this, req, settings);
	if (kind !== 'read' && !isRepeatable(kind)) scope.beforeSend(req.itemIndex);
	return out;
}

/**
 * A Zoho failure of this request: its product, action and item, redacted with the credential's
 * secrets as they are when the failure is built (a token renewed meanwhile included).
 */
async function requestError(
	this: ZohoFunctions,
	req: ZohoRequest,
	settings: HostSettings,
	words: Partial<FailureContext>,
) {
	return zohoError(this, {
		product: req.product,
		action: req.action,
		itemIndex: req.itemIndex,
		path: req.path,
		secrets: await currentSecrets(this, settings),
		organization: await organizationOfFailure(this, req, words.failure?.code),
		...words,
	});
}

/** Points the request at a redirect's target on the same API origin (policy.ts decided to follow it). */
function follow(out: Outgoing, failure: HttpFailure): void {
	out.url = redirectTarget(failure.headers, out.url) ?? out.url;
	out.qs = {};
	out.hops++;
}

/**
 * The outcome of a failed request (failures.ts `outcomeOf`), with what only the loop knows: whether a
 * 429 may still be waited out, and whether n8n stored Zoho's refusal of the token's renewal.
 */
async function classify(
	this: ZohoFunctions,
	req: ZohoRequest,
	failure: HttpFailure,
	out: Outgoing,
	settings: HostSettings,
	rateLimitRetries: number,
	startedAt: number,
): Promise<{ outcome: Outcome; rateLimitWait: number }> {
	const rateLimitWait = rateLimitDelay(rateLimitRetries, failure.headers?.['retry-after']);
	const outcome = outcomeOf(req.product, failure, {
		method: req.method,
		url: out.url,
		apiOrigin: out.apiOrigin,
		hops: out.hops,
		// Zoho gives a spent daily allowance and a full concurrency limit the same code and message
		// (Zoho's CRM status codes page). When nothing in this execution has succeeded for a whole budget, waiting
		// is not helping: the remaining items fail at once instead of each waiting in turn.
		rateBudgetLeft:
			Date.now() - startedAt + rateLimitWait <= RATE_LIMIT_BUDGET_MS && !scopeOf(this).stalledFor(RATE_LIMIT_BUDGET_MS),
	});
	// Zoho may refuse the renewal with HTTP 200, which n8n stores; the request then ends in a 401.
	// Only a 401 about the token itself: a scope mismatch stays a scope error.
	if (outcome === 'tokenRejected') {
		const refusedRenewal = await renewalRefusedInBody(this, settings);
		if (refusedRenewal) {
			failure.refresh = { error: refusedRenewal };
			return { outcome: 'renewalFailed', rateLimitWait };
		}
	}
	return { outcome, rateLimitWait };
}
