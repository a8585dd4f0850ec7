// @ts-check
'use strict';

const { findAccessToken } = require('./accounts');
const { hasScopes } = require('./scopes');

/**
 * Small pieces shared by the product routers: route matching, token lookup, scope checks and credits.
 *
 * @typedef {import('./replies').Reply} Reply
 * @typedef {{ method: string, path: string, scopes: (p: Record<string, string>) => string[][], handler: (ctx: any, p: Record<string, string>) => Reply | Promise<Reply> }} Route
 * @typedef {{ route: Route, params: Record<string, string> } | { methodMismatch: true } | null} RouteMatch
 */

/**
 * Matches `segments` against route paths like `:module/:id/actions/send_mail` (literal segments first:
 * routes are tried in order). Reports a method mismatch when only the method differs.
 * @param {Route[]} routes
 * @param {string} method
 * @param {string[]} segments
 * @returns {RouteMatch}
 */
function matchRoute(routes, method, segments) {
	let mismatch = false;
	for (const route of routes) {
		const parts = route.path === '' ? [] : route.path.split('/');
		if (parts.length !== segments.length) continue;
		/** @type {Record<string, string>} */
		const params = {};
		const ok = parts.every((part, i) => {
			if (part.startsWith(':')) {
				params[part.slice(1)] = segments[i];
				return segments[i] !== '';
			}
			return part === segments[i];
		});
		if (!ok) continue;
		if (route.method !== method) {
			mismatch = true;
			continue;
		}
		return { route, params };
	}
	return mismatch ? { methodMismatch: true } : null;
}

/**
 * Reads `Authorization: Zoho-oauthtoken <t>` or `Bearer <t>` (n8n signs OAuth2 requests as Bearer).
 * @param {any} ctx
 * @returns {{ missing: boolean, token: import('./accounts').AccessRecord | null }}
 */
function readToken(ctx) {
	const header = String(ctx.headers.authorization || '').trim();
	if (!header) return { missing: true, token: null };
	const match = /^(?:Zoho-oauthtoken|Bearer)\s+(\S+)$/i.exec(header);
	if (!match) return { missing: true, token: null };
	return { missing: false, token: findAccessToken(ctx.state, match[1]) };
}

/**
 * @param {import('./accounts').AccessRecord} token
 * @param {string[][]} groups
 */
function tokenHasScopes(token, groups) {
	return hasScopes(token.scopes, groups);
}

/**
 * Charges one API credit; false when the daily budget of the product is spent.
 * @param {any} state
 * @param {'crm' | 'bigin' | 'books'} product
 */
function chargeCredit(state, product) {
	const limit = state.limits.dailyCredits;
	if (typeof limit === 'number' && state.stats.credits[product] >= limit) return false;
	state.stats.credits[product] += 1;
	return true;
}

/**
 * The lower-case module names a module-specific scope may use (`Sales_Orders` -> `salesorders`; custom
 * modules also accept `custom`).
 * @param {{ api_name: string, generated_type: string }} meta
 */
function scopeNames(meta) {
	const names = [meta.api_name.toLowerCase(), meta.api_name.toLowerCase().replace(/_/g, '')];
	if (meta.generated_type === 'custom') names.push('custom');
	return [...new Set(names)];
}

module.exports = { matchRoute, readToken, tokenHasScopes, chargeCredit, scopeNames };
