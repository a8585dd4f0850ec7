import type { IDataObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { PollThis } from './types';

/**
 * Failures that mean "ask again later", not "something is wrong": CRM's CANNOT_PROCESS (mailbox sync
 * in progress, mail search temporarily unavailable; Zoho's CRM Get Emails of a Record page) and rate limits the transport's own
 * retries did not get past (CRM TOO_MANY_REQUESTS / HTTP 429, Books 429 or code 45). Everything else,
 * authentication first of all, is a real error the user must see.
 */
export function isRetryLater(error: unknown): boolean {
	const e = error as { httpCode?: unknown; errorResponse?: IDataObject } | undefined;
	const code = String(e?.errorResponse?.zohoCode ?? '');
	return (
		code === 'CANNOT_PROCESS' || code === 'TOO_MANY_REQUESTS' || code === '45' || String(e?.httpCode ?? '') === '429'
	);
}

/** Logs a skipped unit; the poll goes on and the unit's cursor stays where it was. */
export function logRetryLater(ctx: PollThis, what: string, error: unknown): void {
	const e = error as { message?: string; errorResponse?: IDataObject };
	ctx.logger.warn(`Zoho Email Trigger: could not read ${what} this time; it is read again on the next poll`, {
		reason: e?.message ?? 'unknown',
		zohoCode: String(e?.errorResponse?.zohoCode ?? ''),
	});
}

/**
 * The error a poll fails with when a read failed for good. The transport's and the settings' errors
 * already say what failed in the user's words and carry Zoho's code, so they stand as they are;
 * anything else (a bug, an unexpected answer) gets a message that names what was being read.
 */
export function pollFailure(ctx: PollThis, what: string, error: unknown): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(ctx.getNode(), `Zoho Email Trigger could not read ${what}`, {
		description: error instanceof Error ? error.message : undefined,
	});
}
