// @ts-check
'use strict';

const { zohoToken } = require('./ids');
const { isObject } = require('./values');
const { DEFAULT_SCOPES, parseScopeList } = require('./scopes');

/**
 * The accounts server (reference §1.2, §1.3): consent page, grant codes, token and refresh grants,
 * token lifetimes, the 15-live-access-tokens rule and the refresh throttle. Token endpoint errors answer
 * HTTP 200 with an `error` field, as Zoho does.
 *
 * Multi-DC: the emulator's own URL is the accounts server of its home data center (`us`); the one of
 * any other data center `<dc>` is `<url>/oauth/dc/<dc>` (so `/oauth/dc/eu/oauth/v2/token`). The consent
 * page can sign in with an account of another data center; the redirect then names that server in
 * `accounts-server` and `location`, and its codes and refresh tokens are only valid there, as Zoho's
 * are only valid at the account's own data center.
 *
 * @typedef {import('./replies').Reply} Reply
 * @typedef {{ token: string, clientId: string, scopes: string[], issuedAt: number, expiresAt: number, refreshToken: string | null, revoked: boolean }} AccessRecord
 * @typedef {{ token: string, clientId: string, scopes: string[], live: string[], refreshTimes: number[], dc?: string }} RefreshRecord
 * @typedef {{ clientId: string, scopes: string[], redirectUri: string, accessType: string, prompt: string, expiresAt: number, dc: string }} CodeRecord
 * @typedef {{ codes: Map<string, CodeRecord>, refresh: Map<string, RefreshRecord>, access: Map<string, AccessRecord>, consented: Set<string> }} TokenStore
 */

const CODE_TTL_MS = 2 * 60 * 1000;
const HOME_DC = 'us';
/** The data center a consent page offers for "an account in another data center". */
const OTHER_DC = 'eu';
const DC_PATH = /^\/oauth\/dc\/([a-z]{2,8})(\/oauth\/v2\/.*)$/;

/**
 * The accounts server URL of a data center.
 * @param {any} state
 * @param {string} dc
 */
function accountsServerUrl(state, dc) {
	return dc === HOME_DC ? state.url : `${state.url}/oauth/dc/${dc}`;
}
const THROTTLE_BODY = {
	error_description: 'Token creation throttle limit reached. Please reuse the valid tokens you currently have.',
	error: 'Access Denied',
};

/** @returns {TokenStore} */
function createTokenStore() {
	return { codes: new Map(), refresh: new Map(), access: new Map(), consented: new Set() };
}

/**
 * Mints an access token under a refresh token (or standalone), enforcing the live-token cap.
 * @param {any} state emulator state
 * @param {{ clientId: string, scopes: string[], expiresIn: number, refresh: RefreshRecord | null }} opts
 */
function mintAccess(state, opts) {
	/** @type {TokenStore} */
	const store = state.tokens;
	const token = zohoToken();
	store.access.set(token, {
		token,
		clientId: opts.clientId,
		scopes: opts.scopes,
		issuedAt: Date.now(),
		expiresAt: Date.now() + opts.expiresIn * 1000,
		refreshToken: opts.refresh ? opts.refresh.token : null,
		revoked: false,
	});
	if (opts.refresh) {
		opts.refresh.live.push(token);
		while (opts.refresh.live.length > state.limits.maxAccessTokens) {
			const oldest = store.access.get(/** @type {string} */ (opts.refresh.live.shift()));
			if (oldest) oldest.revoked = true;
		}
	}
	return token;
}

/**
 * Issues a refresh + access token pair without the browser flow.
 * @param {any} state
 * @param {{ scopes?: string[] | string, expiresIn?: number }} [opts]
 */
function issueTokenPair(state, opts = {}) {
	const scopes = opts.scopes === undefined ? [...DEFAULT_SCOPES] : parseScopeList(opts.scopes);
	const expiresIn = Number.isFinite(opts.expiresIn) && Number(opts.expiresIn) > 0 ? Number(opts.expiresIn) : 3600;
	/** @type {RefreshRecord} */
	const refresh = { token: zohoToken(), clientId: state.clientId, scopes, live: [], refreshTimes: [] };
	state.tokens.refresh.set(refresh.token, refresh);
	const accessToken = mintAccess(state, { clientId: state.clientId, scopes, expiresIn, refresh });
	return {
		access_token: accessToken,
		refresh_token: refresh.token,
		api_domain: state.url,
		token_type: 'Bearer',
		expires_in: expiresIn,
	};
}

/**
 * Expires every access token issued so far, or only those issued before `issuedBefore` (epoch ms): a
 * token that reaches the end of its life while newer ones stay valid.
 * @param {any} state
 * @param {number} [issuedBefore]
 */
function expireAllTokens(state, issuedBefore = Infinity) {
	for (const rec of state.tokens.access.values()) if (rec.issuedAt < issuedBefore) rec.expiresAt = 0;
}

/**
 * The live access-token record for a raw token, or null when unknown, expired or revoked.
 * @param {any} state
 * @param {string} token
 * @returns {AccessRecord | null}
 */
function findAccessToken(state, token) {
	const rec = state.tokens.access.get(token);
	if (!rec || rec.revoked || rec.expiresAt <= Date.now()) return null;
	return rec;
}

/** @param {string} text */
function escapeHtml(text) {
	return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** @param {number} status @param {string} title @param {string} inner @returns {Reply} */
function page(status, title, inner) {
	const html = `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body style="font-family:sans-serif;max-width:40em;margin:3em auto">${inner}</body></html>`;
	return { status, raw: Buffer.from(html), headers: { 'content-type': 'text/html; charset=utf-8' } };
}

/**
 * GET/POST /oauth/v2/auth: consent page, then a redirect with a grant code (Accept) or with
 * `error=access_denied` (Reject).
 * @param {any} ctx
 * @param {string} dc the data center of the accounts server that was called
 * @returns {Reply}
 */
function authorize(ctx, dc) {
	const state = ctx.state;
	/** @type {Record<string, string>} */
	const p = { ...ctx.query, ...(isObject(ctx.body) && !ctx.body.files ? ctx.body : {}) };
	if (p.client_id !== state.clientId) {
		return page(400, 'Invalid Client', '<h1>Invalid Client</h1><p>The client_id is not registered.</p>');
	}
	if (p.response_type !== 'code') {
		return page(400, 'Invalid Response Type', '<h1>Invalid response_type</h1><p>Use response_type=code.</p>');
	}
	const scopes = parseScopeList(p.scope);
	if (!p.redirect_uri || !/^https?:\/\//i.test(p.redirect_uri)) {
		return page(400, 'Invalid Redirect Uri', '<h1>Invalid redirect_uri</h1>');
	}
	if (scopes.length === 0) return page(400, 'Invalid OAuth Scope', '<h1>Invalid OAuth Scope</h1>');
	const back = new URL(p.redirect_uri);
	if (p.approve === '0') {
		back.searchParams.set('error', 'access_denied');
		if (p.state !== undefined) back.searchParams.set('state', p.state);
		return { status: 302, headers: { location: back.toString() } };
	}
	// The data center of the account that signs in: the server's own unless the page says otherwise.
	const accountDc = /^[a-z]{2,8}$/.test(p.account_dc || '') ? p.account_dc : dc;
	if (p.approve === '1') {
		const code = zohoToken();
		state.tokens.codes.set(code, {
			clientId: p.client_id,
			scopes,
			redirectUri: p.redirect_uri,
			accessType: (p.access_type || 'online').toLowerCase(),
			prompt: (p.prompt || '').toLowerCase(),
			expiresAt: Date.now() + CODE_TTL_MS,
			dc: accountDc,
		});
		back.searchParams.set('code', code);
		back.searchParams.set('location', accountDc);
		back.searchParams.set('accounts-server', accountsServerUrl(state, accountDc));
		if (p.state !== undefined) back.searchParams.set('state', p.state);
		return { status: 302, headers: { location: back.toString() } };
	}
	const self = dc === HOME_DC ? '/oauth/v2/auth' : `/oauth/dc/${dc}/oauth/v2/auth`;
	/** @param {Record<string, string>} extra */
	const link = (extra) => `${self}?${escapeHtml(new URLSearchParams({ ...p, ...extra }).toString())}`;
	const other = accountDc === OTHER_DC ? HOME_DC : OTHER_DC;
	const list = scopes.map((s) => `<li><code>${escapeHtml(s)}</code></li>`).join('');
	return page(
		200,
		'Zoho Emulator - Consent',
		`<h1>Zoho Emulator</h1><p>The application <b>${escapeHtml(p.client_id)}</b> would like to access:</p><ul>${list}</ul>` +
			`<p>Signed in with an account in data center <b id="account-dc">${escapeHtml(accountDc)}</b>.</p>` +
			`<p><a id="accept" href="${link({ approve: '1', account_dc: accountDc })}">Accept</a> &nbsp; <a id="reject" href="${link({ approve: '0' })}">Reject</a></p>` +
			`<p><a id="accept-other-dc" href="${link({ approve: '1', account_dc: other })}">Accept with an account in data center ${escapeHtml(other)}</a></p>`,
	);
}

/**
 * Client credentials and grant parameters from the form body, the query string and a Basic header.
 * @param {any} ctx
 * @returns {Record<string, string>}
 */
function tokenParams(ctx) {
	/** @type {Record<string, string>} */
	const p = { ...ctx.query };
	if (isObject(ctx.body) && !ctx.body.files) {
		for (const [k, v] of Object.entries(ctx.body)) if (typeof v === 'string') p[k] = v;
	}
	const auth = String(ctx.headers.authorization || '');
	const basic = /^Basic\s+(\S+)/i.exec(auth);
	if (basic) {
		const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
		const colon = decoded.indexOf(':');
		if (colon > 0) {
			p.client_id = p.client_id || decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, ' '));
			p.client_secret = p.client_secret || decodeURIComponent(decoded.slice(colon + 1).replace(/\+/g, ' '));
		}
	}
	return p;
}

/**
 * POST /oauth/v2/token. A code or refresh token of another data center is unknown here (`invalid_code`).
 * @param {any} ctx
 * @param {string} dc the data center of the accounts server that was called
 * @returns {Reply}
 */
function token(ctx, dc) {
	const state = ctx.state;
	const p = tokenParams(ctx);
	if (p.client_id !== state.clientId || p.client_secret !== state.clientSecret) {
		return { status: 200, body: { error: 'invalid_client' } };
	}
	if (p.grant_type === 'authorization_code') {
		const code = state.tokens.codes.get(p.code || '');
		if (!code || code.expiresAt <= Date.now() || code.clientId !== p.client_id || code.dc !== dc) {
			return { status: 200, body: { error: 'invalid_code' } };
		}
		state.tokens.codes.delete(p.code);
		if (p.redirect_uri && p.redirect_uri !== code.redirectUri) {
			return { status: 200, body: { error: 'invalid_redirect_uri' } };
		}
		// Zoho returns a refresh token for access_type=offline on the first consent, and again only when
		// prompt=consent forces a new consent (reference §1.2).
		const wantsRefresh =
			code.accessType === 'offline' && (code.prompt === 'consent' || !state.tokens.consented.has(code.clientId));
		if (code.accessType === 'offline') state.tokens.consented.add(code.clientId);
		/** @type {RefreshRecord | null} */
		let refresh = null;
		if (wantsRefresh) {
			refresh = { token: zohoToken(), clientId: code.clientId, scopes: code.scopes, live: [], refreshTimes: [], dc };
			state.tokens.refresh.set(refresh.token, refresh);
		}
		const lifetime = state.limits.tokenLifetimeSeconds;
		const accessToken = mintAccess(state, { clientId: code.clientId, scopes: code.scopes, expiresIn: lifetime, refresh });
		/** @type {Record<string, unknown>} */
		const body = { access_token: accessToken };
		if (refresh) body.refresh_token = refresh.token;
		Object.assign(body, { api_domain: state.url, token_type: 'Bearer', expires_in: lifetime });
		return { status: 200, body };
	}
	if (p.grant_type === 'refresh_token') {
		const refresh = state.tokens.refresh.get(p.refresh_token || '');
		if (!refresh || refresh.clientId !== p.client_id || (refresh.dc ?? HOME_DC) !== dc) return { status: 200, body: { error: 'invalid_code' } };
		const now = Date.now();
		refresh.refreshTimes = refresh.refreshTimes.filter((/** @type {number} */ t) => t > now - state.limits.refreshWindowMs);
		if (refresh.refreshTimes.length >= state.limits.refreshesPerWindow) return { status: 200, body: { ...THROTTLE_BODY } };
		refresh.refreshTimes.push(now);
		state.stats.refreshes++;
		const lifetime = state.limits.tokenLifetimeSeconds;
		const accessToken = mintAccess(state, { clientId: refresh.clientId, scopes: refresh.scopes, expiresIn: lifetime, refresh });
		return { status: 200, body: { access_token: accessToken, api_domain: state.url, token_type: 'Bearer', expires_in: lifetime } };
	}
	return { status: 200, body: { error: 'unsupported_grant_type' } };
}

/**
 * POST /oauth/v2/token/revoke?token=<refresh token>: revokes it and its access tokens.
 * @param {any} ctx
 * @returns {Reply}
 */
function revoke(ctx) {
	const p = tokenParams(ctx);
	const refresh = ctx.state.tokens.refresh.get(p.token || '');
	if (refresh) {
		ctx.state.tokens.refresh.delete(refresh.token);
		for (const t of refresh.live) {
			const rec = ctx.state.tokens.access.get(t);
			if (rec) rec.revoked = true;
		}
	}
	return { status: 200, body: { status: 'success' } };
}

/**
 * Router for /oauth/v2/* and /oauth/dc/<dc>/oauth/v2/*.
 * @param {any} ctx
 * @returns {Reply}
 */
function handleAccounts(ctx) {
	const { method } = ctx;
	const other = DC_PATH.exec(ctx.pathname);
	const dc = other ? other[1] : HOME_DC;
	const pathname = other ? other[2] : ctx.pathname;
	if (pathname === '/oauth/v2/auth' && (method === 'GET' || method === 'POST')) return authorize(ctx, dc);
	if (pathname === '/oauth/v2/token' && method === 'POST') return token(ctx, dc);
	if (pathname === '/oauth/v2/token/revoke' && method === 'POST') return revoke(ctx);
	return { status: 404, body: { error: 'invalid_request', error_description: 'Unknown accounts endpoint' } };
}

module.exports = { createTokenStore, issueTokenPair, expireAllTokens, findAccessToken, handleAccounts };
