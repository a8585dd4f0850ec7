/**
 * Removes secrets from text before it reaches an error message, a description, an output item or a
 * log line. Zoho's error bodies can echo the request (its Authorization header, a token in a URL),
 * so every text taken from an answer passes through here, whatever its source.
 */

import { CREDENTIAL_NAME } from './types';

const REDACTED = '[redacted]';

/**
 * Token-shaped values: Zoho's access and refresh tokens (`1000.<hex>.<hex>`, the `1000.` prefix
 * followed by at least eight token characters), the value after `Bearer` / `Zoho-oauthtoken`, and the
 * value of an `access_token` / `refresh_token` / `client_secret` / `authorization` key or parameter.
 */
// A value never starts with "[" (an earlier pass's marker), nor, after Bearer, with a separator.
const VALUE = String.raw`[^\s"'${'`'},;&<>()[\]{}\\][^\s"'${'`'},;&<>()[\]{}\\]*`;
const BEARER_VALUE = String.raw`[^\s"'${'`'},;&<>()[\]{}\\+%][^\s"'${'`'},;&<>()[\]{}\\]*`;
const PATTERNS: Array<[RegExp, string]> = [
	[new RegExp(String.raw`(Bearer|Zoho-oauthtoken)((?:\s|%20|\+)+)${BEARER_VALUE}`, 'gi'), `$1$2${REDACTED}`],
	[
		new RegExp(
			String.raw`(access_token|refresh_token|client_secret|id_token)(\\?["']?\s*[:=]\s*\\?["']?)${VALUE}`,
			'gi',
		),
		`$1$2${REDACTED}`,
	],
	[
		new RegExp(String.raw`(authorization)(\\?["']?\s*[:=]\s*\\?["']?)(?!Bearer|Zoho-oauthtoken)${VALUE}`, 'gi'),
		`$1$2${REDACTED}`,
	],
	[/\d{4}\.[0-9a-f]{16,}\.[0-9a-f]{16,}/gi, REDACTED],
	[/1000\.[A-Za-z0-9_-]{8,}(?:\.[A-Za-z0-9_-]+)*/g, REDACTED],
];

/** Known secrets shorter than this are not searched for (they would match ordinary words). */
const MIN_SECRET_LENGTH = 6;

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `text` without any known secret (exact values, e.g. the client secret) or token-shaped value. */
export function redact(text: string, secrets: readonly unknown[] = []): string {
	let result = text;
	const known = secrets
		.filter((s): s is string => typeof s === 'string' && s.length >= MIN_SECRET_LENGTH)
		.sort((a, b) => b.length - a.length);
	for (const secret of known) {
		result = result.replace(new RegExp(escapeRegExp(secret), 'g'), REDACTED);
		// The same value as it appears URL-encoded or JSON-escaped in an echoed request.
		const encoded = encodeURIComponent(secret);
		if (encoded !== secret) result = result.split(encoded).join(REDACTED);
	}
	for (const [pattern, replacement] of PATTERNS) result = result.replace(pattern, replacement);
	return result;
}

/** A copy of a JSON value with every string (keys included) redacted. */
export function redactDeep<T>(value: T, secrets: readonly unknown[] = [], depth = 0): T {
	if (typeof value === 'string') return redact(value, secrets) as T;
	if (depth > 20 || value === null || typeof value !== 'object') return value;
	if (Array.isArray(value)) return value.map((v) => redactDeep(v, secrets, depth + 1)) as T;
	const out: Record<string, unknown> = {};
	for (const [key, v] of Object.entries(value as Record<string, unknown>))
		out[redact(key, secrets)] = redactDeep(v, secrets, depth + 1);
	return out as T;
}

/** The secrets a credential holds (its tokens and client secret), for `redact`. */
export function secretsOf(credential: unknown): string[] {
	const c = (credential ?? {}) as { clientSecret?: unknown; oauthTokenData?: unknown };
	const token = (c.oauthTokenData ?? {}) as Record<string, unknown>;
	return [c.clientSecret, token.access_token, token.refresh_token, token.id_token].filter(
		(s): s is string => typeof s === 'string',
	);
}

/**
 * The secrets to redact from a failure being built now: the credential's as n8n holds them at this
 * moment (n8n may have renewed the token during the run, and Zoho's answer may echo the new one) and
 * as they were read before (`earlier`). Reading the credential again costs no API call.
 */
export async function currentSecrets(
	ctx: { getCredentials(type: string): Promise<unknown> },
	earlier?: unknown,
): Promise<string[]> {
	let now: unknown;
	try {
		now = await ctx.getCredentials(CREDENTIAL_NAME);
	} catch {
		now = undefined;
	}
	return [...new Set([...secretsOf(now), ...secretsOf(earlier)])];
}
