// @ts-check
'use strict';

/**
 * OAuth scope matching. Zoho scope names are `Service.scope[.sub…].OPERATION`; a granted scope covers a
 * required one when the service matches, its operation is ALL or equal, and its middle segments are a
 * prefix of the required ones (a granted `all` segment matches any segment). This accepts the broader
 * forms the reference lists (`ZohoCRM.modules.ALL`, `ZohoCRM.send_mail.all.CREATE`, `ZohoCRM.settings.ALL`,
 * `ZohoBooks.fullaccess.all`). Names compare case-insensitively (`ZohoCRM.Files` vs `ZohoCRM.files`).
 */

/**
 * Every scope the package's credential requests (its one source, shared with the node code): the
 * default for issued tokens, so a node call needing a scope the credential never asks for fails in tests.
 */
const SCOPES = /** @type {{ crm: string[], bigin: string[], books: string[], booksOptional: Record<string, string[]> }} */ (require('../nodes/ZohoEmail/models/scopes.json'));
const DEFAULT_SCOPES = [...new Set([...SCOPES.crm, ...SCOPES.bigin, ...SCOPES.books])];
/** The default ones plus those requested only when a credential option is on (ZohoBooks.invoices.DELETE). */
const ALL_SCOPES = [...new Set([...DEFAULT_SCOPES, ...Object.values(SCOPES.booksOptional).flat()])];

/**
 * Splits a comma- or space-separated scope string into normalised names.
 * @param {unknown} value
 * @returns {string[]}
 */
function parseScopeList(value) {
	if (Array.isArray(value)) return value.map((s) => String(s).trim()).filter(Boolean);
	if (typeof value !== 'string') return [];
	return value
		.split(/[,\s]+/)
		.map((s) => s.trim())
		.filter(Boolean);
}

/**
 * @param {string} granted
 * @param {string} required
 */
function covers(granted, required) {
	const g = granted.toLowerCase().split('.');
	const r = required.toLowerCase().split('.');
	if (g.length < 2 || r.length < 2 || g[0] !== r[0]) return false;
	if (g[0] === 'zohobooks' && g[1] === 'fullaccess') return true;
	const gOp = g[g.length - 1];
	const rOp = r[r.length - 1];
	if (gOp !== 'all' && gOp !== rOp) return false;
	const gMid = g.slice(1, -1);
	const rMid = r.slice(1, -1);
	if (gMid.length > rMid.length) return false;
	return gMid.every((seg, i) => seg === rMid[i] || seg === 'all');
}

/**
 * True when the granted scopes satisfy every group (each group: any one of its scopes).
 * @param {string[]} granted
 * @param {string[][]} groups
 */
function hasScopes(granted, groups) {
	return groups.every((group) => group.some((required) => granted.some((g) => covers(g, required))));
}

module.exports = { DEFAULT_SCOPES, ALL_SCOPES, parseScopeList, covers, hasScopes };
