/**
 * Retries, in one table: what a request does (its kind) × how it ended (its outcome) → whether it is
 * sent again. `decide` is the only retry decision of the transport; request.ts only sends, classifies
 * (failures.ts `outcomeOf`) and asks here. What the error then tells a person (its description) and an
 * AI agent (the clause n8n adds to a tool's message, engine/toolErrors.ts) is words.ts, for every
 * outcome. The README's "Errors, retries and safety" states this table; test/transport/policy.test.ts
 * covers it whole.
 */

import { KINDS, type RequestKind } from './kinds';

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
	'refused',
	'rateLimited',
	'rateLimitSpent',
	'tokenRejected',
	'renewalFailed',
	'serverError',
	'serverErrorBare',
	'timeout',
	'reset',
	'cutOff',
	'redirect',
	'redirectRepeat',
	'redirectMoved',
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
export const counterOf = (outcome: Outcome): RetryCounter =>
	outcome === 'rateLimited' ? 'rateLimit' : outcome === 'redirect' ? 'redirect' : 'unknown';

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
	if (outcome === 'rateLimited')
		return attempt < MAX_RATE_LIMIT_RETRIES ? { retry: true, wait: 'rateLimit' } : { retry: false };
	if (outcome === 'redirect') return { retry: true, wait: 'none' };
	if (UNKNOWN.has(outcome) && KINDS[kind].repeatable && attempt < MAX_UNKNOWN_RETRIES)
		return { retry: true, wait: 'backoff' };
	return { retry: false };
}
