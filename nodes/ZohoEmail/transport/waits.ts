import type { Decision } from './policy';

/**
 * How long the request loop waits before sending again, once policy.ts has decided to: Zoho's
 * Retry-After or full jitter after a 429, exponential backoff after an unknown outcome, nothing before
 * following a redirect.
 */

/**
 * The time budget of a request Zoho turns away with 429 (policy.ts retries it): when many executions
 * share an organization's concurrency limit (several workers in queue mode), a request may have to
 * wait its turn for a while.
 */
export const RATE_LIMIT_BUDGET_MS = 120_000;
const MAX_RATE_LIMIT_DELAY_MS = 10_000;
const BASE_DELAY_MS = 500;
const MAX_DELAY_MS = 30_000;

/** Full jitter (random between 0 and the exponential cap) spreads out requests that collided. */
export function rateLimitDelay(attempt: number, retryAfter?: unknown): number {
	const seconds = Number(Array.isArray(retryAfter) ? retryAfter[0] : retryAfter);
	if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds * 1000, MAX_DELAY_MS * 2);
	return Math.round(Math.random() * Math.min(BASE_DELAY_MS * 2 ** attempt, MAX_RATE_LIMIT_DELAY_MS));
}

/** Exponential backoff with jitter, after an unknown outcome of a request that may be repeated. */
function backoffDelay(attempt: number): number {
	const exp = Math.min(BASE_DELAY_MS * 2 ** attempt, MAX_DELAY_MS);
	return Math.round(exp / 2 + Math.random() * (exp / 2));
}

/** How long to wait before sending again: Zoho's Retry-After or full jitter (429), backoff, or none (a redirect). */
export function waitOf(decision: Decision, rateLimitWait: number, attempt: number): number {
	if (!decision.retry || decision.wait === 'none') return 0;
	return decision.wait === 'rateLimit' ? rateLimitWait : backoffDelay(attempt);
}
