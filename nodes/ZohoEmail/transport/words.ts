/**
 * The words of every outcome of a request, in one place: what the error's message ends with (`plain`),
 * what its description tells a person (`hint`) and what an AI agent is told (`advice`,
 * `fallbackAdvice`), for each kind of request (kinds.ts) × outcome (policy.ts), a refused token
 * renewal, and token data that holds Zoho's refusal. Zoho's own codes have theirs in errors.ts and
 * advice.ts; request.ts only picks the cell.
 */

import type { ZohoProduct } from './dataCenters';
import { findZohoFailure, type FailureContext } from './errors';
import { plainFailure, type HttpFailure } from './failures';
import type { RefreshFailure } from './auth';
import { refusalCode } from './auth';
import { KINDS, SEND_CHECK, type RequestKind, type Stakes } from './kinds';
import type { Outgoing } from './outgoing';
import { MAX_UNKNOWN_RETRIES, type Outcome } from './policy';
import { MAX_REDIRECTS, originOf, redirectTarget } from './redirects';
import type { ZohoRequest } from './types';

/** What a redirect that is not followed looked like, for its message. */
export interface RedirectSeen {
	status: number;
	targetOrigin?: string;
	apiOrigin: string;
	tooMany: boolean;
	maxHops: number;
}

/** The plain words (the message's end) of outcomes that carry no Zoho code of their own. */
export function plainWordsOf(outcome: Outcome, redirect?: RedirectSeen): string | undefined {
	if (outcome === 'timeout') return 'Zoho did not answer in time';
	if (outcome === 'reset') return 'the connection to Zoho was lost before an answer came';
	if (outcome === 'cutOff') return "Zoho's answer could not be read (it was cut off or not JSON)";
	if (!redirect || (outcome !== 'redirectRepeat' && outcome !== 'redirectMoved')) return undefined;
	if (redirect.targetOrigin && redirect.targetOrigin !== redirect.apiOrigin) {
		return `Zoho's answer redirected the request to another host (${redirect.targetOrigin}); it was not followed, so that the access token stays with ${redirect.apiOrigin}`;
	}
	if (redirect.tooMany) return `Zoho redirected the request more than ${redirect.maxHops} times`;
	return `Zoho answered with a redirect (HTTP ${redirect.status}) that is not followed for this request`;
}

export interface PolicyWords {
	/** For a person: the description's last line. Undefined: Zoho's code decides (errors.ts, auth.ts). */
	hint?: string;
	/** For an AI agent: whether it is safe to try again. Undefined: the clause for Zoho's code (advice.ts). */
	advice?: string;
	/** For an AI agent, when Zoho's code has no clause of its own. */
	fallbackAdvice?: string;
}

const CHECK_HOST = 'Check the data center and the API URL of the credential.';
const WRONG_HOST = "do not retry: the credential's data center or API URL looks wrong; ask the user to check it";

/** The words of one cell of the table; `product` only names where to look after a send. */
export function wordsFor(kind: RequestKind, outcome: Outcome, product: ZohoProduct): PolicyWords {
	const k: Stakes = KINDS[kind];
	const agent = k.agent.replace('{check}', SEND_CHECK[product]);
	switch (outcome) {
		case 'refused':
			return {
				fallbackAdvice:
					'do not retry unchanged: Zoho refused the request and did nothing; change what its message names first',
			};
		case 'rateLimited':
		case 'rateLimitSpent':
			return {
				advice:
					'safe to try again after a minute: Zoho turned the request away without processing it (if it persists, the daily API limit is spent)',
			};
		case 'tokenRejected':
			return {
				fallbackAdvice:
					'do not retry: nothing was done, Zoho refused the access token; ask the user to reconnect the Zoho credential in n8n',
			};
		case 'renewalFailed':
		case 'redirect':
			// A failed renewal has the words of auth.ts (they say nothing was sent); a redirect here is followed.
			return {};
		case 'redirectRepeat':
			if (kind === 'read') return { hint: CHECK_HOST, advice: WRONG_HOST };
			return {
				hint: `${k.notDone ?? 'Zoho did not act on it'}: the answer asked for it to be sent again elsewhere, which the node does not do.`,
				advice: WRONG_HOST,
			};
		case 'redirectMoved': {
			if (kind === 'read') return { hint: CHECK_HOST, advice: WRONG_HOST };
			const unsure = `${k.unsure} (a redirect ${kind === 'send' ? 'after a send ' : ''}does not say)`;
			if (k.repeatable)
				return { hint: `${unsure}. Running this item again is safe: ${k.why}. ${CHECK_HOST}`, advice: WRONG_HOST };
			return {
				hint: `${unsure}. It was not repeated, so that ${k.why}: check ${k.check ?? 'Zoho'} before running this item again. ${CHECK_HOST}`,
				advice: `${agent}; the credential's data center or API URL also looks wrong`,
			};
		}
		default: {
			// serverError, serverErrorBare, timeout, reset, cutOff: nobody knows whether Zoho did it.
			const tries = `It was tried ${MAX_UNKNOWN_RETRIES + 1} times`;
			if (kind === 'read') return { hint: `${tries}. ${k.unsure}: try again later.`, advice: agent };
			if (k.repeatable)
				return { hint: `${k.unsure}. ${tries}. Running this item again is safe: ${k.why}.`, advice: agent };
			return {
				hint: `${k.unsure}. It was not retried, so that ${k.why}: check ${k.check ?? 'Zoho'} before running this item again.`,
				advice: agent,
			};
		}
	}
}

/** The description of a request refused because the credential holds Zoho's refusal instead of a token. */
export const REFUSED_CONNECTION_HINT =
	"The credential holds Zoho's refusal instead of a token, so nothing was sent. Open the credential and click Connect again.";

const NOTHING_SENT =
	'Nothing was sent: Zoho had answered 401 (the access token has expired) and the request was not repeated.';

/** Message words and description for a failed renewal. */
export function refreshFailureWords(refresh: RefreshFailure): { plain: string; hint: string } {
	if (refresh.error !== undefined) {
		const code = refusalCode(refresh.error);
		const advice =
			code === 'Access Denied'
				? 'Zoho allows 10 token requests per 10 minutes per connection and that limit was reached: wait 10 minutes, then run again.'
				: `Reconnect the credential${code === 'invalid_client' ? ' (check the client secret and the data center)' : ''}.`;
		return { plain: `Zoho refused to renew the access token (${code})`, hint: `${NOTHING_SENT} ${advice}` };
	}
	const what = refresh.networkCode
		? `Network error: ${refresh.networkCode}`
		: `HTTP status of the accounts server: ${refresh.status ?? 'unknown'}`;
	return {
		plain: "the access token could not be renewed (Zoho's accounts server did not give a token)",
		hint: `${what}. ${NOTHING_SENT} Try again later; if this persists, reconnect the credential.`,
	};
}

/** The words of a request that is not sent again: a failed renewal's, or Zoho's code and the table's cell. */
export function failureWords(
	req: ZohoRequest,
	kind: RequestKind,
	outcome: Outcome,
	failure: HttpFailure,
	out: Outgoing,
): Partial<FailureContext> {
	if (failure.refresh) return refreshFailureWords(failure.refresh);
	const target = redirectTarget(failure.headers, out.url);
	const plain = plainWordsOf(outcome, {
		status: failure.status ?? 0,
		targetOrigin: target ? originOf(target) : undefined,
		apiOrigin: out.apiOrigin,
		tooMany: out.hops >= MAX_REDIRECTS,
		maxHops: MAX_REDIRECTS,
	});
	const { hint, advice, fallbackAdvice } = wordsFor(kind, outcome, req.product);
	// The network code goes into the description: n8n rewrites messages that contain one.
	const described = failure.networkCode ? `Network error: ${failure.networkCode}.${hint ? ` ${hint}` : ''}` : hint;
	return {
		httpCode: failure.status,
		failure: findZohoFailure(req.product, failure.body) ?? plainFailure(req.product, failure),
		plain,
		hint: described,
		advice,
		fallbackAdvice,
	};
}

/** The debug line of a retry (a log line, never an error: the path is redacted by the caller). */
export function retryLine(outcome: Outcome, failure: HttpFailure, attempt: number, delay: number): string {
	if (outcome === 'redirect') return `Zoho answered ${failure.status}; following it on the same host`;
	const what =
		outcome === 'rateLimited'
			? 'Zoho answered 429'
			: `Zoho request failed (${failure.status ?? failure.networkCode ?? outcome})`;
	return `${what}; retry ${attempt} in ${delay} ms`;
}
