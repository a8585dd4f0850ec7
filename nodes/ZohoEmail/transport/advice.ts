import type { ZohoProduct } from './dataCenters';

/*
 * What to change after a failure, in one clause an AI agent (or the person it reports to) can act on.
 * n8n hands a tool's error to the model as its message alone (n8n 2.x drops the description), so
 * when the node runs as a tool the router adds this clause to the message (engine/toolErrors.ts).
 * Keyed on Zoho's code, never on its message text.
 */

const RECONNECT = 'ask the user to reconnect the Zoho credential in n8n';
/** What to change for a module Zoho does not know, whether Zoho says INVALID_MODULE or names the URL's part (pathFields.ts). */
export const MODULE_ADVICE = 'use a module API name such as Contacts, Leads, Accounts or Deals';

const CRM: Record<string, string> = {
	INVALID_TOKEN: RECONNECT,
	AUTHENTICATION_FAILURE: RECONNECT,
	OAUTH_SCOPE_MISMATCH:
		'the credential is missing a permission: ask the user to select this product under Products in the credential and reconnect it',
	INVALID_MODULE: MODULE_ADVICE,
	INVALID_URL_PATTERN: 'check the module and the record ID',
	INVALID_DATA: 'check the record ID, the sender address and any other ID given',
	MANDATORY_NOT_FOUND: 'give a sender and at least one recipient',
	DUPLICATE_DATA: 'the email is already on this record, so do not associate it again',
	NOT_ALLOWED:
		'do not retry: the recipient opted out, gave no consent or is blocked after a bounce, so write to another address or record',
	NO_PERMISSION:
		'do not retry: the record may have Email Opt Out set or the Zoho user lacks permission, so choose another record or ask the user',
	LIMIT_EXCEEDED: 'send no more emails today: the daily email limit of the Zoho edition is reached',
	FILE_SIZE_EXCEEDS: 'send fewer or smaller attachments (10 MB per email in all)',
	FILE_SIZE_MORE_THAN_ALLOWED_SIZE: 'send a smaller file (20 MB at most)',
	RECORD_LOCKED: 'choose another record, or wait until its approval process ends',
	FEATURE_NOT_SUPPORTED: 'send now instead of scheduling: this Zoho edition cannot schedule emails',
	TOO_MANY_REQUESTS: 'wait a minute before trying again',
};

const BOOKS: Record<string, string> = {
	'14': RECONNECT,
	'57': 'ask the user to select Zoho Books under Products in the credential and reconnect it (the token expired or lacks a permission)',
	'1002': 'check the ID and the organization: no such record exists there',
	'1005': 'give at least one valid recipient address',
	'6041': 'use an organization this Zoho user belongs to, or leave Organization empty for the default one',
	'429': 'wait a minute before trying again',
	'45': 'wait a minute before trying again',
};

/** The clause for Zoho's code, the named field first when Zoho names one for a rejected value. */
export function adviceFor(product: ZohoProduct, code: string | undefined, field?: string): string | undefined {
	if (!code) return undefined;
	if (field && (code === 'INVALID_DATA' || code === 'MANDATORY_NOT_FOUND' || code === 'REQUIRED_PARAM_MISSING'))
		return `check the value of "${field}"`;
	const table = product === 'books' ? BOOKS : CRM;
	// Only the table's own entries: a code such as "toString" is not one.
	return [code, code.toUpperCase()].filter((c) => Object.hasOwn(table, c)).map((c) => table[c])[0];
}

const ADVICE = new WeakMap<object, string>();

/** Remembers what to change with the error it belongs to. */
export function withAdvice<E extends object>(error: E, advice: string | undefined): E {
	if (advice) ADVICE.set(error, advice);
	return error;
}

/** The clause remembered for an error, if any. */
export function adviceOf(error: unknown): string | undefined {
	return typeof error === 'object' && error !== null ? ADVICE.get(error) : undefined;
}
