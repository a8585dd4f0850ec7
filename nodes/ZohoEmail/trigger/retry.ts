import type { IDataObject } from 'n8n-workflow';

import type { PollThis } from './types';

export type Attempt<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** Runs a read and hands back its failure as a value, so the caller decides without re-throwing in a catch. */
export async function attempt<T>(run: () => Promise<T>): Promise<Attempt<T>> {
	try {
		return { ok: true, value: await run() };
	} catch (error) {
		return { ok: false, error };
	}
}

/**
 * Failures that mean "ask again later", not "something is wrong": CRM's CANNOT_PROCESS (mailbox sync
 * in progress, mail search temporarily unavailable; seed 004) and rate limits the transport's own
 * retries did not get past (CRM TOO_MANY_REQUESTS / HTTP 429, Books 429 or code 45). Everything else,
 * authentication first of all, is a real error the user must see.
 */
export function isRetryLater(error: unknown): boolean {
	const e = error as { httpCode?: unknown; errorResponse?: IDataObject } | undefined;
	const code = String(e?.errorResponse?.zohoCode ?? '');
	return code === 'CANNOT_PROCESS' || code === 'TOO_MANY_REQUESTS' || code === '45' || String(e?.httpCode ?? '') === '429';
}

/** Logs a skipped unit; the poll goes on and the unit's cursor stays where it was. */
export function logRetryLater(ctx: PollThis, what: string, error: unknown): void {
	const e = error as { message?: string; errorResponse?: IDataObject };
	ctx.logger.warn(`Zoho Email Trigger: could not read ${what} this time; it is read again on the next poll`, {
		reason: e?.message ?? 'unknown',
		zohoCode: String(e?.errorResponse?.zohoCode ?? ''),
	});
}
