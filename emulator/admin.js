// @ts-check
'use strict';

const { isObject } = require('./values');
const { engagementRoute } = require('./admin-engagement');

/**
 * Admin HTTP API under /__admin/ for tests that run the emulator as another process. Mirrors the
 * programmatic API; calls are not logged and not subject to faults or latency.
 *
 * Anything a caller can send is bounded here (counts, sizes, delays, header text) and path patterns are
 * globs, not regular expressions: one admin call can never make the process allocate without limit or
 * block its event loop. Out-of-bounds values get 400 `{error}` naming the field and the bound.
 *
 * @typedef {import('./replies').Reply} Reply
 */

const BOUNDS = {
	/** Generated emails per `POST /crm/emails` (`count`). */
	emailCount: 10_000,
	/** Given emails per `POST /crm/emails` (`emails`). */
	emailList: 1_000,
	/** Faults queued at once. */
	faults: 100,
	/** `times` of one fault. */
	faultTimes: 100_000,
	/** `delayMs` of a fault and `ms` of the latency. */
	delayMs: 60_000,
	/** Length of `path` and `pathGlob`. */
	pathLength: 512,
	/** Entries of a fault's `query` or `headers`. */
	entries: 32,
	/** Length of a query value, header name or header value. */
	textLength: 1_024,
	/** Any limit of `POST /limits`. */
	limit: 1_000_000_000,
	/** `scopes` of `POST /tokens`: how many, and the length of each. */
	scopes: 100,
	scopeLength: 200,
	/** `expiresIn` of `POST /tokens`, in seconds (one year). */
	expiresIn: 31_536_000,
	/** Length of a module name or record id. */
	idLength: 100,
	/** Books documents created per `POST /books/documents`. */
	documentCount: 1_000,
	/** A Books comment's description. */
	descriptionLength: 2_000,
	/** Recipients of `POST /books/email`, and the length of each. */
	recipients: 50,
	addressLength: 320,
	/** `total` of a created Books document. */
	total: 1_000_000_000,
};

const FAULT_KEYS = new Set(['method', 'path', 'pathGlob', 'query', 'status', 'body', 'text', 'headers', 'times', 'kind', 'delayMs']);
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// Control characters (CR, LF, NUL, ...) would split or break the response head.
const UNSAFE_HEADER_VALUE = /[\u0000-\u0008\u000a-\u001f\u007f]/;

class BadRequest extends Error {}

/** @param {unknown} body @param {number} [status] @returns {Reply} */
const ok = (body, status = 200) => ({ status, body });
/** @param {string} message @returns {Reply} */
const bad = (message) => ({ status: 400, body: { error: message } });

/** @param {string} message @returns {never} */
function fail(message) {
	throw new BadRequest(message);
}

/** @param {unknown} value @param {string} name @param {number} min @param {number} max */
function integer(value, name, min, max) {
	if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) fail(`${name} must be an integer from ${min} to ${max}`);
	return value;
}

/** @param {unknown} value @param {string} name @param {number} maxLength */
function text(value, name, maxLength) {
	if (typeof value !== 'string' || value.length > maxLength) fail(`${name} must be a string of at most ${maxLength} characters`);
	return value;
}

/** @param {unknown} value @param {string} name */
function boolean(value, name) {
	if (value !== undefined && typeof value !== 'boolean') fail(`${name} must be true or false`);
	return value === true;
}

/** @param {unknown} value @param {string} name @returns {[string, unknown][]} */
function entries(value, name) {
	if (!isObject(value)) fail(`${name} must be an object`);
	const list = Object.entries(/** @type {object} */ (value));
	if (list.length > BOUNDS.entries) fail(`${name} may have at most ${BOUNDS.entries} entries`);
	return list;
}

/**
 * A fault from its admin JSON, every field checked.
 * @param {Record<string, any>} body
 */
function readFault(body) {
	if ('pathRegex' in body) fail('pathRegex is not accepted (a regular expression can stall the emulator): use path (a prefix) or pathGlob (* within a segment, ** across segments)');
	for (const key of Object.keys(body)) if (!FAULT_KEYS.has(key)) fail(`unknown fault field ${key}`);
	if (body.path !== undefined && body.pathGlob !== undefined) fail('give path or pathGlob, not both');
	/** @type {Record<string, any>} */
	const fault = {};
	if (body.method !== undefined) {
		if (typeof body.method !== 'string' || !/^[A-Za-z]{1,16}$/.test(body.method)) fail('method must be an HTTP method name');
		fault.method = body.method;
	}
	if (body.path !== undefined) fault.path = text(body.path, 'path', BOUNDS.pathLength);
	if (body.pathGlob !== undefined) fault.pathGlob = text(body.pathGlob, 'pathGlob', BOUNDS.pathLength);
	if (body.query !== undefined) {
		/** @type {Record<string, string | boolean>} */
		const query = {};
		for (const [key, value] of entries(body.query, 'query')) {
			if (key.length > BOUNDS.textLength) fail(`query names must be at most ${BOUNDS.textLength} characters`);
			if (typeof value !== 'boolean') text(value, `query.${key}`, BOUNDS.textLength);
			query[key] = /** @type {string | boolean} */ (value);
		}
		fault.query = query;
	}
	if (body.status !== undefined) fault.status = integer(body.status, 'status', 100, 599);
	if (body.body !== undefined) fault.body = body.body;
	if (body.text !== undefined) fault.text = text(body.text, 'text', BOUNDS.textLength);
	if (body.headers !== undefined) {
		/** @type {Record<string, string>} */
		const headers = {};
		for (const [name, value] of entries(body.headers, 'headers')) {
			if (name.length > BOUNDS.textLength || !HEADER_NAME.test(name)) fail(`headers: ${JSON.stringify(name.slice(0, 64))} is not a header name`);
			if (text(value, `headers.${name}`, BOUNDS.textLength) && UNSAFE_HEADER_VALUE.test(/** @type {string} */ (value))) fail(`headers.${name} must not contain control characters`);
			headers[name] = /** @type {string} */ (value);
		}
		fault.headers = headers;
	}
	if (body.times !== undefined) fault.times = integer(body.times, 'times', -1, BOUNDS.faultTimes);
	if (body.kind !== undefined) {
		if (!['http', 'reset', 'timeout', 'malformed', 'delay'].includes(body.kind)) fail('kind must be http, reset, timeout, malformed or delay');
		fault.kind = body.kind;
	}
	if (body.delayMs !== undefined) fault.delayMs = integer(body.delayMs, 'delayMs', 0, BOUNDS.delayMs);
	return fault;
}

/** @param {Record<string, any>} body @param {Record<string, unknown>} known the current limits */
function readLimits(body, known) {
	for (const [key, value] of Object.entries(body)) {
		if (!(key in known)) fail(`unknown limit ${key.slice(0, 100)}`);
		if (value === null && key === 'dailyCredits') continue;
		// A page of no emails would make every client page forever; a token must live a moment.
		const atLeastOne = key === 'emailsPerPage' || key === 'tokenLifetimeSeconds';
		integer(value, key, atLeastOne ? 1 : 0, key === 'emailsPerPage' ? 200 : key === 'tokenLifetimeSeconds' ? BOUNDS.expiresIn : BOUNDS.limit);
	}
	return body;
}

/** @param {Record<string, any>} body */
function readTokenOptions(body) {
	/** @type {{ scopes?: string[] | string, expiresIn?: number }} */
	const opts = {};
	if (body.scopes !== undefined) {
		if (typeof body.scopes === 'string') {
			opts.scopes = text(body.scopes, 'scopes', BOUNDS.scopes * BOUNDS.scopeLength);
		} else {
			if (!Array.isArray(body.scopes) || body.scopes.length > BOUNDS.scopes) fail(`scopes must be a string or an array of at most ${BOUNDS.scopes} strings`);
			opts.scopes = body.scopes.map((/** @type {unknown} */ s, /** @type {number} */ i) => text(s, `scopes[${i}]`, BOUNDS.scopeLength));
		}
	}
	if (body.expiresIn !== undefined) {
		if (typeof body.expiresIn !== 'number' || !(body.expiresIn > 0) || body.expiresIn > BOUNDS.expiresIn) fail(`expiresIn must be a number of seconds above 0 and at most ${BOUNDS.expiresIn}`);
		opts.expiresIn = body.expiresIn;
	}
	return opts;
}

/** @param {Record<string, any>} body @returns {number | Record<string, any>[]} */
function readEmailsToAdd(body) {
	if (body.count !== undefined && body.emails !== undefined) fail('give count or emails, not both');
	if (body.emails !== undefined) {
		if (!Array.isArray(body.emails) || body.emails.length < 1 || body.emails.length > BOUNDS.emailList || !body.emails.every(isObject)) {
			fail(`emails must be an array of 1 to ${BOUNDS.emailList} objects`);
		}
		return body.emails;
	}
	if (body.count === undefined) fail('give count (> 0) or emails (array)');
	return integer(body.count, 'count', 1, BOUNDS.emailCount);
}

/** @param {Record<string, any>} body the Books organization and entity an admin call names */
function readBooksTarget(body) {
	const organizationId = text(body.organizationId, 'organizationId', BOUNDS.idLength);
	const entity = text(body.entity, 'entity', BOUNDS.idLength);
	return { organizationId, entity };
}

/** @param {Record<string, any>} body */
function readDocumentFields(body) {
	/** @type {{ customerId?: string, status?: string, total?: number, emailed?: boolean }} */
	const fields = {};
	if (body.customerId !== undefined) fields.customerId = text(body.customerId, 'customerId', BOUNDS.idLength);
	if (body.status !== undefined) fields.status = text(body.status, 'status', 32);
	if (body.total !== undefined) {
		if (typeof body.total !== 'number' || !Number.isFinite(body.total) || body.total < 0 || body.total > BOUNDS.total) fail(`total must be a number from 0 to ${BOUNDS.total}`);
		fields.total = body.total;
	}
	if (body.emailed !== undefined) fields.emailed = boolean(body.emailed, 'emailed');
	return fields;
}

/** @param {Record<string, any>} body @returns {Record<string, any>} the email's JSON body (empty: Zoho's default content) */
function readBooksEmail(body) {
	if (body.toMailIds === undefined) return {};
	if (!Array.isArray(body.toMailIds) || body.toMailIds.length < 1 || body.toMailIds.length > BOUNDS.recipients) fail(`toMailIds must be an array of 1 to ${BOUNDS.recipients} addresses`);
	const to = body.toMailIds.map((/** @type {unknown} */ a, /** @type {number} */ i) => text(a, `toMailIds[${i}]`, BOUNDS.addressLength));
	/** @type {Record<string, any>} */
	const email = { to_mail_ids: to };
	if (body.subject !== undefined) email.subject = text(body.subject, 'subject', 1000);
	if (body.body !== undefined) email.body = text(body.body, 'body', 5000);
	return email;
}

/**
 * @param {any} emu the emulator API object
 * @param {() => number} faultCount faults queued now
 * @returns {(ctx: any) => Reply}
 */
function createAdminHandler(emu, faultCount) {
	return (ctx) => {
		const route = `${ctx.method} ${ctx.pathname.replace(/\/+$/, '')}`;
		if (ctx.bodyTooLarge) return { status: 413, body: { error: `body is larger than ${ctx.bodyLimit} bytes` } };
		if (ctx.bodyError) return bad('body is not valid JSON (or nests deeper than 64 levels)');
		if (ctx.body !== null && !isObject(ctx.body)) return bad('body must be a JSON object');
		const body = isObject(ctx.body) ? ctx.body : {};
		try {
			switch (route) {
				case 'GET /__admin/health':
					return ok({ ok: true, url: emu.url });
				case 'GET /__admin/requests':
					return ok(emu.requests({ product: ctx.query.product, method: ctx.query.method, pathPrefix: ctx.query.pathPrefix }));
				case 'DELETE /__admin/requests':
					emu.clearRequests();
					return ok({ ok: true });
				case 'GET /__admin/mails':
					return ok(emu.mails());
				case 'POST /__admin/reset':
					emu.reset({ keepTokens: boolean(body.keepTokens, 'keepTokens') });
					return ok({ ok: true });
				case 'POST /__admin/expire-tokens':
					emu.expireTokens(body.issuedBefore === undefined ? {} : { issuedBefore: integer(body.issuedBefore, 'issuedBefore', 0, Number.MAX_SAFE_INTEGER) });
					return ok({ ok: true });
				case 'POST /__admin/faults': {
					const fault = readFault(body);
					if (faultCount() >= BOUNDS.faults) fail(`at most ${BOUNDS.faults} faults can be queued: DELETE /__admin/faults first`);
					emu.addFault(fault);
					return ok({ ok: true }, 201);
				}
				case 'DELETE /__admin/faults':
					emu.clearFaults();
					return ok({ ok: true });
				case 'POST /__admin/latency':
					emu.setLatency(integer(body.ms, 'ms', 0, BOUNDS.delayMs));
					return ok({ ok: true });
				case 'POST /__admin/limits':
					emu.setLimits(readLimits(body, emu.limits()));
					return ok({ ok: true, limits: emu.limits() });
				case 'POST /__admin/tokens':
					return ok(emu.issueToken(readTokenOptions(body)), 201);
				case 'POST /__admin/crm/emails': {
					const module = text(body.module, 'module', BOUNDS.idLength);
					const recordId = text(body.recordId, 'recordId', BOUNDS.idLength);
					return ok({ emails: emu.data.crm.addEmails(module, recordId, readEmailsToAdd(body)) }, 201);
				}
				case 'POST /__admin/books/documents': {
					const { organizationId, entity } = readBooksTarget(body);
					const count = body.count === undefined ? 1 : integer(body.count, 'count', 1, BOUNDS.documentCount);
					const fields = readDocumentFields(body);
					const documents = Array.from({ length: count }, () => emu.data.books.addDocument(organizationId, entity, fields));
					return ok({ documents }, 201);
				}
				case 'POST /__admin/books/email': {
					const { organizationId, entity } = readBooksTarget(body);
					const id = text(body.id, 'id', BOUNDS.idLength);
					return ok(emu.data.books.emailDocument(organizationId, entity, id, readBooksEmail(body)), 201);
				}
				case 'POST /__admin/books/reminders': {
					const organizationId = text(body.organizationId, 'organizationId', BOUNDS.idLength);
					const invoiceId = text(body.invoiceId, 'invoiceId', BOUNDS.idLength);
					return ok({ invoice: emu.data.books.remindInvoice(organizationId, invoiceId) }, 201);
				}
				case 'POST /__admin/books/comments': {
					const { organizationId, entity } = readBooksTarget(body);
					const id = text(body.id, 'id', BOUNDS.idLength);
					const description = text(body.description, 'description', BOUNDS.descriptionLength);
					return ok({ comment: emu.data.books.addDocumentComment(organizationId, entity, id, description) }, 201);
				}
				case 'POST /__admin/books/list-order':
					emu.data.books.setListOrder(text(body.order, 'order', 32));
					return ok({ ok: true, order: body.order });
				case 'POST /__admin/books/time-zone': {
					const organizationId = text(body.organizationId, 'organizationId', BOUNDS.idLength);
					const timeZone = text(body.timeZone, 'timeZone', 64);
					emu.data.books.setTimeZone(organizationId, timeZone);
					return ok({ ok: true, organizationId, timeZone });
				}
				case 'POST /__admin/crm/admin':
					if (body.admin !== undefined) boolean(body.admin, 'admin');
					emu.data.crm.setAdmin(body.admin !== false);
					return ok({ ok: true, admin: body.admin !== false });
				case 'GET /__admin/stats':
					return ok(emu.stats());
				default:
					return engagementRoute(emu, route, body) ?? { status: 404, body: { error: `unknown admin endpoint ${route.slice(0, 200)}` } };
			}
		} catch (err) {
			if (err instanceof BadRequest) return bad(err.message);
			return bad(err instanceof Error ? err.message.slice(0, 500) : 'request failed');
		}
	};
}

module.exports = { createAdminHandler, BOUNDS };
