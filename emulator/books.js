// @ts-check
'use strict';

const { booksError, json } = require('./replies');
const { intParam, publicView } = require('./values');
const { matchRoute, readToken, tokenHasScopes, chargeCredit } = require('./router');
const { ENTITIES, findContact, findTransaction } = require('./books-model');
const mail = require('./books-mail');
const { REMINDER_ROUTES } = require('./books-reminders');
const bulk = require('./books-bulk');

/**
 * Zoho Books v3 under /books/v3 (reference §5). Envelopes `{code, message, …}`; every call except
 * GET /organizations needs `organization_id`.
 *
 * @typedef {import('./replies').Reply} Reply
 * @typedef {import('./router').Route} Route
 */

const PREFIX = '/books/v3';
const B = 'ZohoBooks';

/**
 * How a transaction list may be ordered (`emu.data.books.setListOrder`): `asked` sorts as requested and
 * says so in page_context; the others are orders Zoho might answer in whatever was asked, for tests of
 * clients that must not trust an order they cannot prove:
 * - `newestUnnamed`: newest change first, page_context without `sort_column` / `sort_order`;
 * - `oldestFirst`: oldest change first, page_context `sort_column: last_modified_time, sort_order: A`;
 * - `unsorted`: a fixed shuffle (by a hash of the ID), page_context without a sort;
 * - `risingPages`: each page newest first, but the pages run from the oldest changes to the newest,
 *   while page_context names the sort asked for.
 */
const LIST_ORDERS = ['asked', 'newestUnnamed', 'oldestFirst', 'unsorted', 'risingPages'];

/**
 * page/per_page/sort for Books lists; a Reply on error. `maxPerPage` is the emulator's `booksPerPage`
 * limit: larger requests get pages of that size (page_context says so).
 * @param {Record<string, string>} q
 * @param {string} defaultSort
 * @param {string[]} sortable
 * @param {number} [maxPerPage]
 */
function listOptions(q, defaultSort, sortable, maxPerPage = 200) {
	const page = intParam(q.page, 1, 1, 100000);
	if (page === null) return booksError(400, 2, 'Invalid value passed for page');
	const asked = intParam(q.per_page, 200, 1, 200);
	if (asked === null) return booksError(400, 2, 'Invalid value passed for per_page');
	const perPage = Math.max(1, Math.min(asked, maxPerPage));
	const sortColumn = q.sort_column || defaultSort;
	if (!sortable.includes(sortColumn)) return booksError(400, 2, 'Invalid value passed for sort_column');
	const sortOrder = q.sort_order || 'D';
	if (sortOrder !== 'A' && sortOrder !== 'D') return booksError(400, 2, 'Invalid value passed for sort_order');
	return { page, perPage, sortColumn, sortOrder };
}

/**
 * Sorts a list stably by a column.
 * @param {any[]} items
 * @param {string} column
 * @param {string} order `A` or `D`
 * @param {(item: any, column: string) => any} valueOf
 */
function sortBy(items, column, order, valueOf) {
	const dir = order === 'A' ? 1 : -1;
	return items
		.map((item, i) => ({ item, i }))
		.sort((a, b) => {
			const x = valueOf(a.item, column);
			const y = valueOf(b.item, column);
			return (x < y ? -dir : x > y ? dir : 0) || a.i - b.i;
		})
		.map(({ item }) => item);
}

/**
 * One page of an ordered list, wrapped.
 * @param {any[]} ordered
 * @param {string} key response key
 * @param {{ page: number, perPage: number }} o
 * @param {(item: any) => any} view
 * @param {Record<string, string>} sort what page_context says of the order (`sort_column`, `sort_order`), if anything
 */
function respond(ordered, key, o, view, sort) {
	const start = (o.page - 1) * o.perPage;
	return json({
		code: 0,
		message: 'success',
		[key]: ordered.slice(start, start + o.perPage).map(view),
		page_context: { page: o.page, per_page: o.perPage, has_more_page: start + o.perPage < ordered.length, report_name: key, applied_filter: 'Status.All', ...sort },
	});
}

/**
 * Sorts, pages and wraps a list.
 * @param {any[]} items
 * @param {string} key response key
 * @param {{ page: number, perPage: number, sortColumn: string, sortOrder: string }} o
 * @param {(item: any, column: string) => any} valueOf
 * @param {(item: any) => any} view
 */
function pageOf(items, key, o, valueOf, view) {
	return respond(sortBy(items, o.sortColumn, o.sortOrder, valueOf), key, o, view, { sort_column: o.sortColumn, sort_order: o.sortOrder });
}

/** A stable 32-bit hash (FNV-1a) of a string, for the `unsorted` order. @param {string} text */
function hash(text) {
	let h = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
	return h;
}

/**
 * A transaction list in the order the emulator is set to answer in (LIST_ORDERS).
 * @param {any[]} items
 * @param {string} entity
 * @param {{ page: number, perPage: number, sortColumn: string, sortOrder: string }} o
 * @param {string} mode
 */
function transactionPage(items, entity, o, mode) {
	const cfg = ENTITIES[entity];
	if (mode === 'asked') return pageOf(items, cfg.listKey, o, txnValue, publicView);
	const changed = (/** @type {string} */ order) => sortBy(items, 'last_modified_time', order, txnValue);
	if (mode === 'newestUnnamed') return respond(changed('D'), cfg.listKey, o, publicView, {});
	if (mode === 'oldestFirst') return respond(changed('A'), cfg.listKey, o, publicView, { sort_column: 'last_modified_time', sort_order: 'A' });
	if (mode === 'unsorted') {
		const shuffled = sortBy(items, '', 'A', (t) => hash(String(t[cfg.idField])));
		return respond(shuffled, cfg.listKey, o, publicView, {});
	}
	const newest = changed('D');
	const pages = [];
	for (let i = 0; i < newest.length; i += o.perPage) pages.push(newest.slice(i, i + o.perPage));
	return respond(pages.reverse().flat(), cfg.listKey, o, publicView, { sort_column: o.sortColumn, sort_order: o.sortOrder });
}

/** @param {any} item @param {string} column */
function txnValue(item, column) {
	if (column === 'last_modified_time') return item._modifiedTs;
	if (column === 'created_time') return item._createdTs;
	const v = item[column];
	return typeof v === 'string' ? v.toLowerCase() : v;
}

/** Lower case, for the case-insensitive filters. */
const lc = (/** @type {unknown} */ v) => String(v ?? '').toLowerCase();

/**
 * GET /{entity}?page&per_page&sort_column&sort_order&last_modified_time&customer_id&status
 * @param {any} ctx
 * @param {string} entity
 * @returns {Reply}
 */
function listTransactions(ctx, entity) {
	const cfg = ENTITIES[entity];
	const q = ctx.query;
	const sample = ctx.org[entity][0] || {};
	const o = listOptions(q, 'created_time', Object.keys(sample).filter((k) => !k.startsWith('_')), ctx.state.limits.booksPerPage);
	if ('status' in o) return o;
	let items = ctx.org[entity];
	// UNCONFIRMED in Zoho's reference whether this filter means "modified since" or "modified at":
	// a public report from a live organization found an exact match (to the second), so the
	// emulator matches exactly, and a client that takes it for "since" misses changes here too.
	if (q.last_modified_time !== undefined) {
		const ms = Date.parse(String(q.last_modified_time).replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
		if (Number.isNaN(ms)) return booksError(400, 2, 'Invalid value passed for last_modified_time');
		items = items.filter((/** @type {any} */ t) => Math.floor(t._modifiedTs / 1000) === Math.floor(ms / 1000));
	}
	// `<numberField>` filters on the transaction number (Books OAS list parameters), exact here.
	for (const field of ['customer_id', 'vendor_id', 'status', cfg.numberField]) {
		if (q[field]) items = items.filter((/** @type {any} */ t) => t[field] === q[field]);
	}
	// `search_text`: "by invoice number or purchase order or customer name" (Books reference, List
	// invoices); a case-insensitive part of the number, the reference number or the party's name here.
	if (q.search_text) {
		const text = lc(q.search_text);
		items = items.filter((/** @type {any} */ t) => [t[cfg.numberField], t.reference_number, t.customer_name, t.vendor_name].some((v) => lc(v).includes(text)));
	}
	return transactionPage(items, entity, o, ctx.state.store.books.listOrder);
}

/**
 * GET /contacts with the common filters of reference §5.5.
 * @param {any} ctx
 * @returns {Reply}
 */
function listContacts(ctx) {
	const q = ctx.query;
	const o = listOptions(q, 'contact_name', ['contact_name', 'first_name', 'last_name', 'email', 'outstanding_receivable_amount', 'created_time', 'last_modified_time']);
	if ('status' in o) return o;
	const filters = { 'Status.All': () => true, 'Status.Active': (/** @type {any} */ c) => c.status === 'active', 'Status.Inactive': (/** @type {any} */ c) => c.status === 'inactive' };
	const filterBy = /** @type {keyof typeof filters} */ (q.filter_by || 'Status.All');
	if (!(filterBy in filters)) return booksError(400, 2, 'Invalid value passed for filter_by');
	const items = ctx.org.contacts.filter((/** @type {any} */ c) => {
		if (!filters[filterBy](c)) return false;
		if (q.contact_type && c.contact_type !== q.contact_type) return false;
		if (q.email && lc(c.email) !== lc(q.email)) return false;
		if (q.email_contains && !lc(c.email).includes(lc(q.email_contains))) return false;
		if (q.email_startswith && !lc(c.email).startsWith(lc(q.email_startswith))) return false;
		if (q.contact_name_contains && !lc(c.contact_name).includes(lc(q.contact_name_contains))) return false;
		if (q.contact_name_startswith && !lc(c.contact_name).startsWith(lc(q.contact_name_startswith))) return false;
		if (q.search_text && ![c.contact_name, c.email, c.company_name].some((v) => lc(v).includes(lc(q.search_text)))) return false;
		return true;
	});
	return pageOf(items, 'contacts', o, (c, col) => (typeof c[col] === 'string' ? c[col].toLowerCase() : c[col]), (c) => {
		const { contact_persons: _persons, ...rest } = c;
		return rest;
	});
}

/**
 * GET /contacts/{id}/comments (newest first).
 * @param {any} ctx
 * @param {string} contactId
 * @returns {Reply}
 */
function listComments(ctx, contactId) {
	if (!findContact(ctx.org, contactId)) return booksError(404, 1002, 'Contact does not exist.');
	const o = listOptions({ ...ctx.query, sort_column: 'date', sort_order: 'D' }, 'date', ['date']);
	if ('status' in o) return o;
	const items = ctx.org.comments[contactId] || [];
	return pageOf(items, 'contact_comments', o, (c) => c._ts, publicView);
}

/** @param {string} s */
const read = (s) => () => [[`${B}.${s}.READ`]];
/** @param {string} s */
const create = (s) => () => [[`${B}.${s}.CREATE`]];

/** @type {Route[]} */
const ROUTES = [
	{ method: 'GET', path: 'organizations', scopes: read('settings'), handler: (ctx) => json({ code: 0, message: 'success', organizations: Object.values(ctx.state.store.books.orgs).map((o) => ({ ...o.info })) }) },
	{
		// Get an organization (organizations.json `get_organization`): `{organization: {…, time_zone}}`.
		method: 'GET',
		path: 'organizations/:oid',
		scopes: read('settings'),
		handler: (ctx, p) => {
			const org = ctx.state.store.books.orgs[p.oid];
			return org ? json({ code: 0, message: 'success', organization: { ...org.info } }) : booksError(400, 6041, `This user is not associated with the CompanyID/CompanyName:${p.oid}.`);
		},
	},
	{ method: 'GET', path: 'contacts', scopes: read('contacts'), handler: listContacts },
	{
		method: 'GET',
		path: 'contacts/:cid',
		scopes: read('contacts'),
		handler: (ctx, p) => {
			const c = findContact(ctx.org, p.cid);
			return c ? json({ code: 0, message: 'success', contact: { ...c } }) : booksError(404, 1002, 'Contact does not exist.');
		},
	},
	{ method: 'POST', path: 'contacts/:cid/email', scopes: create('contacts'), handler: (ctx, p) => mail.emailContact(ctx, p.cid) },
	{ method: 'GET', path: 'contacts/:cid/email', scopes: read('contacts'), handler: (ctx, p) => mail.contactEmailContent(ctx, p.cid) },
	{ method: 'POST', path: 'contacts/:cid/statements/email', scopes: create('contacts'), handler: (ctx, p) => mail.statementEmail(ctx, p.cid) },
	{ method: 'GET', path: 'contacts/:cid/statements/email', scopes: read('contacts'), handler: (ctx, p) => mail.statementEmail(ctx, p.cid) },
	{ method: 'GET', path: 'contacts/:cid/comments', scopes: read('contacts'), handler: (ctx, p) => listComments(ctx, p.cid) },
	{ method: 'POST', path: 'invoices/:id/email/schedule', scopes: create('invoices'), handler: (ctx, p) => mail.scheduleInvoiceEmail(ctx, p.id) },
	{ method: 'DELETE', path: 'invoices/:id/email/schedule', scopes: () => [[`${B}.invoices.DELETE`]], handler: (ctx, p) => mail.scheduleInvoiceEmail(ctx, p.id) },
	...REMINDER_ROUTES,
	{ method: 'GET', path: 'creditnotes/:id/emailhistory', scopes: read('creditnotes'), handler: (ctx, p) => mail.creditNoteEmailHistory(ctx, p.id) },
	{ method: 'POST', path: 'invoices/email', scopes: create('invoices'), handler: (ctx) => bulk.bulkEmail(ctx, 'invoices') },
	{ method: 'POST', path: 'estimates/email', scopes: create('estimates'), handler: (ctx) => bulk.bulkEmail(ctx, 'estimates') },
	{ method: 'POST', path: 'invoices/paymentreminder', scopes: create('invoices'), handler: (ctx) => bulk.bulkReminder(ctx) },
	...bulk.WITH_COMMENTS.map((entity) => /** @type {Route} */ ({ method: 'GET', path: `${entity}/:id/comments`, scopes: read(ENTITIES[entity].scope), handler: (ctx, p) => bulk.listDocumentComments(ctx, entity, p.id) })),
	...Object.entries(ENTITIES).flatMap(([entity, cfg]) => {
		/** @type {Route[]} */
		const routes = [
			{ method: 'GET', path: entity, scopes: read(cfg.scope), handler: (ctx) => listTransactions(ctx, entity) },
			{
				method: 'GET',
				path: `${entity}/:id`,
				scopes: read(cfg.scope),
				handler: (ctx, p) => {
					const t = findTransaction(ctx.org, entity, p.id);
					return t ? json({ code: 0, message: 'success', [cfg.one]: publicView(t) }) : booksError(404, 1002, `${cfg.label} does not exist.`);
				},
			},
			{ method: 'POST', path: `${entity}/:id/email`, scopes: create(cfg.scope), handler: (ctx, p) => mail.emailTransaction(ctx, entity, p.id) },
		];
		if (cfg.hasGetEmail) routes.push({ method: 'GET', path: `${entity}/:id/email`, scopes: read(cfg.scope), handler: (ctx, p) => mail.transactionEmailContent(ctx, entity, p.id) });
		return routes;
	}),
];

/**
 * @param {any} ctx
 * @returns {Promise<Reply>}
 */
async function handleBooks(ctx) {
	const state = ctx.state;
	const { missing, token } = readToken(ctx);
	if (missing) {
		return booksError(401, 14, 'The request could not be authenticated as the authentication value you entered is invalid. Enter a valid authentication value and try again.');
	}
	if (!token) return booksError(401, 57, 'You are not authorized to perform this operation');
	const segments = ctx.pathname.startsWith(`${PREFIX}/`) ? ctx.pathname.slice(PREFIX.length + 1).split('/') : null;
	if (segments && segments[segments.length - 1] === '') segments.pop();
	const match = segments ? matchRoute(ROUTES, ctx.method, segments) : null;
	// UNCONFIRMED bodies for an unknown URL / wrong method (codes 5 and 37 as seen in third-party code).
	if (!match) return booksError(404, 5, 'Invalid URL Passed');
	if ('methodMismatch' in match) return booksError(405, 37, 'The HTTP method is not allowed for the requested resource');
	// The organization is in the path of GET /organizations/{organization_id}; every other call names it in the query.
	if (!match.route.path.startsWith('organizations')) {
		const orgId = ctx.query.organization_id || (ctx.multipart && ctx.multipart.fields.organization_id);
		if (!orgId) return booksError(400, 2, 'Invalid value passed for organization_id');
		ctx.org = state.store.books.orgs[orgId];
		// UNCONFIRMED HTTP status for code 6041 (the body is Zoho's).
		if (!ctx.org) return booksError(400, 6041, `This user is not associated with the CompanyID/CompanyName:${orgId}.`);
		ctx.orgId = orgId;
	}
	if (!tokenHasScopes(token, match.route.scopes(match.params))) return booksError(401, 57, 'You are not authorized to perform this operation');
	const now = Date.now();
	const key = ctx.orgId || '-';
	const window = (state.booksWindows.get(key) || []).filter((/** @type {number} */ t) => t > now - 60_000);
	state.booksWindows.set(key, window);
	// UNCONFIRMED: the 429 body; code 45 "Request limit exceeded" is reported by third parties.
	if (window.length >= state.limits.booksPerMinute) {
		state.stats.tooManyRequests++;
		return booksError(429, 45, 'You have made too many requests per minute. Please try again after some time.');
	}
	window.push(now);
	if (!chargeCredit(state, 'books')) {
		state.stats.tooManyRequests++;
		return booksError(429, 45, 'You have reached the maximum number of API calls allowed per day for your organization.');
	}
	return match.route.handler(ctx, match.params);
}

module.exports = { handleBooks, LIST_ORDERS };
