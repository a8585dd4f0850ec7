/**
 * Authentication failures in words a user can act on: token data that is really Zoho's refusal, and a
 * token renewal that Zoho refused or that could not reach Zoho's accounts server.
 * Token-endpoint errors: Zoho's token limits and OAuth pages ("Token-endpoint errors come back as
 * JSON with an `error` field", often with HTTP 200; docs/zoho-api-decisions.md, "Token renewals").
 */

import { accountsServerOf, DATA_CENTERS, type DataCenter, type HostSettings } from './dataCenters';

/** What to do about each refusal Zoho's accounts server reports in `error`. */
const REFUSALS: Record<string, string> = {
	invalid_client: 'check the client secret and the data center, then reconnect',
	access_denied:
		"the access was not granted on Zoho's consent page; reconnect and accept the access the credential asks for",
	invalid_code: 'the authorization code was already used or has expired; reconnect',
	invalid_redirect_uri:
		"the redirect URI registered in Zoho's API console must be the OAuth Redirect URL shown in the credential; correct it, then reconnect",
	invalid_grant: 'reconnect',
	unauthorized_client: 'check the client ID and the data center, then reconnect',
	// Zoho's refresh throttle (10 token requests per 10 minutes per refresh token).
	'Access Denied': "Zoho's limit of 10 token requests per 10 minutes was reached; wait 10 minutes, then reconnect",
};

/** Zoho's code as shown to the user: only a plain word, never arbitrary text from an answer. */
export function refusalCode(value: unknown): string {
	return typeof value === 'string' && /^[A-Za-z][A-Za-z0-9_ .-]{0,39}$/.test(value) ? value : 'error';
}

/**
 * The message for token data that is an error rather than a token, else undefined. Zoho answers a
 * refused code exchange with HTTP 200 `{"error":"invalid_client"}` (or a consent refusal with
 * `error=access_denied`), and n8n then stores that answer as the credential's token. Token data that
 * still holds an access token is a token (a reconnect merges the new token over the old refusal).
 * When Zoho's callback named another accounts server (`accounts-server`, `location`: a multi-DC
 * account), the message says which data center to choose: n8n's pickers show the message only.
 */
export function refusedConnection(settings: HostSettings | undefined): string | undefined {
	const tokenData = settings?.oauthTokenData;
	if (!tokenData || typeof tokenData !== 'object') return undefined;
	const data = tokenData as Record<string, unknown>;
	if (typeof data.access_token === 'string' && data.access_token !== '') return undefined;
	if (data.error === undefined || data.error === null || data.error === '') return undefined;
	const code = refusalCode(data.error);
	const message = `Zoho refused the connection (${code}): ${(Object.hasOwn(REFUSALS, code) ? REFUSALS[code] : undefined) ?? 'reconnect the credential'}`;
	const callback = (data.callbackQueryString ?? {}) as Record<string, unknown>;
	const server = callback['accounts-server'];
	const signedInAt =
		typeof server === 'string' && /^https?:\/\/[^\s]{1,200}$/.test(server) ? server.replace(/\/+$/, '') : '';
	const usedServer = accountsServerOf(settings);
	if (!signedInAt || signedInAt === usedServer) return message;
	const location =
		typeof callback.location === 'string' && Object.hasOwn(DATA_CENTERS, callback.location)
			? (callback.location as DataCenter)
			: undefined;
	const known = location ? DATA_CENTERS[location] : undefined;
	let fix = 'choose the data center of that server';
	if (settings.dataCenter === 'custom') fix = `set the Accounts URL to ${signedInAt}`;
	else if (known) fix = `choose the data center "${known.name}"`;
	return `${message}. Zoho signed this account in at ${signedInAt}, not at ${usedServer}: ${fix}.`;
}

/** The token renewal that followed Zoho's 401 failed. */
export interface RefreshFailure {
	/** Zoho's `error` from the token endpoint (invalid_client, Access Denied, …). */
	error?: string;
	/** HTTP status of the token endpoint's answer, when it was not a Zoho refusal. */
	status?: number;
	/** Network error code when the token endpoint did not answer. */
	networkCode?: string;
}
