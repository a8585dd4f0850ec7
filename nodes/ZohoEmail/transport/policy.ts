/**
 * Retries and the words of a failure, in one table: what a request does (its kind) × how it ended
 * (its outcome) → whether it is sent again, and what the error tells a person (its description) and an
 * AI agent (the clause n8n adds to a tool's message, engine/toolErrors.ts). `decide` is the only retry
 * decision of the transport; request.ts only sends, classifies (failures.ts `outcomeOf`) and asks here.
 * The README's "Errors, retries and safety" states this table; test/transport/policy.test.ts covers it whole.
 */

import type { ZohoProduct } from './dataCenters';
import { KINDS, SEND_CHECK, type RequestKind, type Stakes } from './kinds';

export { isRepeatable, KIND_NAMES, type RequestKind, type WriteKind } from './kinds';

export type Outcome =
	/** Zoho answered and refused (a 4xx, or an error inside a 2xx): it did nothing. */
	| 'refused'
	/** HTTP 429 / TOO_MANY_REQUESTS: Zoho turned it away unprocessed. */
	| 'rateLimited'
	/** The same, once the 2-minute budget is spent or nothing in the execution has succeeded for that long. */
	| 'rateLimitSpent'
	/** 401 about the token after n8n renewed it and sent the request once more (n8n does that itself). */
	| 'tokenRejected'
	/** n8n's renewal of the token after a 401 failed: nothing was sent. */
	| 'renewalFailed'
	/** 5xx, or Zoho's internal-error code, with Zoho's error body. */
	| 'serverError'
	/** 5xx without a Zoho error body (a gateway's page, nothing). */
	| 'serverErrorBare'
	/** No answer in time. */
	| 'timeout'
	/** The connection was lost before an answer came. */
	| 'reset'
	/** An answer came but was cut off or not JSON. */
	| 'cutOff'
	/** A redirect on the API origin that may be followed (redirects.ts `followable`). */
	| 'redirect'
	/** A 307/308 that is not followed: the server asked for the request elsewhere and did not act on it. */
	| 'redirectRepeat'
	/** Any other redirect that is not followed (301/302/303 after a write, another host, a loop). */
	| 'redirectMoved';

export const OUTCOMES: readonly Outcome[] = [
	'refused', 'rateLimited', 'rateLimitSpent', 'tokenRejected', 'renewalFailed', 'serverError', 'serverErrorBare',
	'timeout', 'reset', 'cutOff', 'redirect', 'redirectRepeat', 'redirectMoved',
];

/** Outcomes after which nobody knows whether Zoho did it. */
const UNKNOWN: ReadonlySet<Outcome> = new Set(['serverError', 'serverErrorBare', 'timeout', 'reset', 'cutOff']);

export const isUnknown = (outcome: Outcome): boolean => UNKNOWN.has(outcome);

/** Retries of a 429 (Zoho did not process it), within request.ts's time budget. */
export const MAX_RATE_LIMIT_RETRIES = 15;
/** Retries of a repeatable request after an unknown outcome. */
export const MAX_UNKNOWN_RETRIES = 2;

/** Which counter an outcome's retries use: `decide`'s `attempt` is that counter. */
export type RetryCounter = 'rateLimit' | 'unknown' | 'redirect';
export const counterOf = (outcome: Outcome): RetryCounter => (outcome === 'rateLimited' ? 'rateLimit' : outcome === 'redirect' ? 'redirect' : 'unknown');

export type Decision =
	| { retry: false }
	/** `wait`: full jitter (429), exponential backoff (unknown outcome), or none (a redirect followed). */
	| { retry: true; wait: 'rateLimit' | 'backoff' | 'none' };

/**
 * Whether a request of `kind` that ended in `outcome` is sent again, `attempt` being how many times it
 * was already sent again after outcomes of the same counter (`counterOf`). Pure: no clock, no state.
 * - 429: always (Zoho did not process it), up to 15 times; the time budget shows as `rateLimitSpent`.
 * - An unknown outcome (5xx, timeout, reset, cut-off answer): only a repeatable kind, twice.
 * - A redirect on the API origin: followed (its hops are bounded by redirects.ts).
 * - Anything else: never. A 401 is renewed and resent once by n8n itself, before it reaches here.
 */
export function decide(kind: RequestKind, outcome: Outcome, attempt: number): Decision {
	if (outcome === 'rateLimited') return attempt < MAX_RATE_LIMIT_RETRIES ? { retry: true, wait: 'rateLimit' } : { retry: false };
	if (outcome === 'redirect') return { retry: true, wait: 'none' };
	if (UNKNOWN.has(outcome) && KINDS[kind].repeatable && attempt < MAX_UNKNOWN_RETRIES) return { retry: true, wait: 'backoff' };
	return { retry: false };
}

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
	if (outcome === 'cutOff') return 'Zoho\'s answer could not be read (it was cut off or not JSON)';
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
const WRONG_HOST = 'do not retry: the credential\'s data center or API URL looks wrong; ask the user to check it';

/** The words of one cell of the table; `product` only names where to look after a send. */
export function wordsFor(kind: RequestKind, outcome: Outcome, product: ZohoProduct): PolicyWords {
	const k: Stakes = KINDS[kind];
	const agent = k.agent.replace('{check}', SEND_CHECK[product]);
	switch (outcome) {
		case 'refused':
			return { fallbackAdvice: 'do not retry unchanged: Zoho refused the request and did nothing; change what its message names first' };
		case 'rateLimited':
		case 'rateLimitSpent':
			return { advice: 'safe to try again after a minute: Zoho turned the request away without processing it (if it persists, the daily API limit is spent)' };
		case 'tokenRejected':
			return { fallbackAdvice: 'do not retry: nothing was done, Zoho refused the access token; ask the user to reconnect the Zoho credential in n8n' };
		case 'renewalFailed':
		case 'redirect':
			// A failed renewal has the words of auth.ts (they say nothing was sent); a redirect here is followed.
			return {};
		case 'redirectRepeat':
			if (kind === 'read') return { hint: CHECK_HOST, advice: WRONG_HOST };
			return { hint: `${k.notDone ?? 'Zoho did not act on it'}: the answer asked for it to be sent again elsewhere, which the node does not do.`, advice: WRONG_HOST };
		case 'redirectMoved': {
			if (kind === 'read') return { hint: CHECK_HOST, advice: WRONG_HOST };
			const unsure = `${k.unsure} (a redirect ${kind === 'send' ? 'after a send ' : ''}does not say)`;
			if (k.repeatable) return { hint: `${unsure}. Running this item again is safe: ${k.why}. ${CHECK_HOST}`, advice: WRONG_HOST };
			return { hint: `${unsure}. It was not repeated, so that ${k.why}: check ${k.check ?? 'Zoho'} before running this item again. ${CHECK_HOST}`, advice: `${agent}; the credential's data center or API URL also looks wrong` };
		}
		default: {
			// serverError, serverErrorBare, timeout, reset, cutOff: nobody knows whether Zoho did it.
			const tries = `It was tried ${MAX_UNKNOWN_RETRIES + 1} times`;
			if (kind === 'read') return { hint: `${tries}. ${k.unsure}: try again later.`, advice: agent };
			if (k.repeatable) return { hint: `${k.unsure}. ${tries}. Running this item again is safe: ${k.why}.`, advice: agent };
			return { hint: `${k.unsure}. It was not retried, so that ${k.why}: check ${k.check ?? 'Zoho'} before running this item again.`, advice: agent };
		}
	}
}
