// @ts-check
'use strict';

const { crmError, json, NO_CONTENT } = require('./replies');
const { intParam } = require('./values');
const { matchRoute, readToken, tokenHasScopes, chargeCredit, scopeNames } = require('./router');
const { findModule, findRecord, storeFile } = require('./crm-model');
const { listRecords, getRecord, searchRecords, listModules } = require('./crm-records');
const { sendMail } = require('./crm-mail');
const { listEmails, getEmail, downloadAttachment, associateEmail } = require('./crm-emails');
const { createDrafts, updateDrafts, listDrafts, getDraft, deleteDraft } = require('./crm-drafts');
const { unblockRecord } = require('./crm-unblock');

/**
 * Zoho CRM v8 under /crm/v8 (reference §3), plus the request pipeline shared with Bigin:
 * token -> route -> module -> scope -> credit -> handler, with CRM's error envelopes (§3.10).
 *
 * @typedef {import('./replies').Reply} Reply
 * @typedef {import('./router').Route} Route
 */

const MAX_FILE_BYTES = 20 * 1024 * 1024;
const INVALID_URL = () => crmError(404, 'INVALID_URL_PATTERN', 'Please check if the URL trying to access is a correct one');

/** @param {string} segment */
function safeDecode(segment) {
	try {
		return decodeURIComponent(segment);
	} catch {
		return segment;
	}
}

/**
 * Runs a CRM-style request through the shared pipeline.
 * @param {any} ctx
 * @param {'crm' | 'bigin'} productName
 * @param {string} prefix e.g. `/crm/v8`
 * @param {Route[]} routes
 * @returns {Promise<Reply>}
 */
async function crmPipeline(ctx, productName, prefix, routes) {
	const { token } = readToken(ctx);
	if (!token) return crmError(401, 'INVALID_TOKEN', 'invalid oauth token');
	if (!ctx.pathname.startsWith(`${prefix}/`)) return INVALID_URL();
	const segments = ctx.pathname.slice(prefix.length + 1).split('/').map(safeDecode);
	if (segments[segments.length - 1] === '') segments.pop();
	const match = matchRoute(routes, ctx.method, segments);
	if (!match) return INVALID_URL();
	if ('methodMismatch' in match) return crmError(400, 'INVALID_REQUEST_METHOD', 'The http request method type is not a valid one');
	const product = ctx.state.store[productName];
	const params = match.params;
	if (params.module !== undefined) {
		const meta = findModule(product, params.module);
		if (!meta) return crmError(400, 'INVALID_MODULE', 'the module name given seems to be invalid', { resource_path_index: 0 });
		ctx.meta = meta;
		params.scopeModules = scopeNames(meta).join(',');
	}
	if (!tokenHasScopes(token, match.route.scopes(params))) {
		return crmError(401, 'OAUTH_SCOPE_MISMATCH', 'invalid oauth scope to access this URL');
	}
	if (!chargeCredit(ctx.state, productName)) {
		ctx.state.stats.tooManyRequests++;
		return crmError(429, 'TOO_MANY_REQUESTS', 'API requests for the 24-hour period exceeded', {});
	}
	ctx.product = product;
	return match.route.handler(ctx, params);
}

/**
 * Module-specific scope alternatives, e.g. `ZohoCRM.modules.{m}.READ` for every accepted module name.
 * @param {string} service `ZohoCRM` | `ZohoBigin`
 * @param {string} pattern with `{m}`
 * @param {Record<string, string>} p route params
 */
function perModule(service, pattern, p) {
	return (p.scopeModules || '').split(',').filter(Boolean).map((m) => `${service}.${pattern.replace('{m}', m)}`);
}

/**
 * The record named by the path, or the INVALID_DATA reply for an unknown id.
 * @param {any} ctx
 * @param {Record<string, string>} p
 * @param {'sendMail' | 'emails' | 'associate'} capability
 * @returns {{ error: Reply, record?: undefined } | { error: null, record: any }}
 */
function recordFor(ctx, p, capability) {
	if (!ctx.meta[capability]) return { error: crmError(400, 'INVALID_MODULE', 'the module name given seems to be invalid', { resource_path_index: 0 }) };
	const record = findRecord(ctx.product, p.module, p.id);
	if (!record) return { error: crmError(400, 'INVALID_DATA', 'the id given seems to be invalid', { resource_path_index: 1 }) };
	return { error: null, record };
}

/**
 * POST /files[?type=inline] — multipart, part `file` repeatable, 20 MB per file (§3.7).
 * @param {any} ctx
 * @returns {Reply}
 */
function uploadFiles(ctx) {
	if (ctx.bodyError === 'multipart') return crmError(400, 'failure_in_attachment_handling', 'failure in attachment handling');
	if (!ctx.multipart) return crmError(400, 'REQUIRED_PARAM_MISSING', 'One of the expected parameter is missing', { param: 'file' });
	const files = ctx.multipart.files.filter((/** @type {any} */ f) => f.field === 'file');
	if (files.length === 0) return crmError(400, 'REQUIRED_PARAM_MISSING', 'One of the expected parameter is missing', { param: 'file' });
	const tooBig = files.find((/** @type {any} */ f) => f.size > MAX_FILE_BYTES);
	if (tooBig) {
		return {
			status: 400,
			body: { data: [{ code: 'FILE_SIZE_MORE_THAN_ALLOWED_SIZE', details: { name: tooBig.filename, maximum_size: '20MB' }, message: 'file size is more than allowed size', status: 'error' }] },
		};
	}
	const type = ctx.query.type === 'inline' ? 'inline' : undefined;
	return json({
		data: files.map((/** @type {any} */ f) => {
			const id = storeFile(ctx.product, { name: f.filename, contentType: f.contentType, data: f.data, type });
			return { code: 'SUCCESS', details: { name: f.filename, id }, message: `${f.filename} uploaded Succeessfully`, status: 'success' };
		}),
	});
}

/**
 * GET /files?id= — the stored bytes.
 * @param {any} ctx
 * @returns {Reply}
 */
function downloadFile(ctx) {
	if (!ctx.query.id) return crmError(400, 'REQUIRED_PARAM_MISSING', 'One of the expected parameter is missing', { param: 'id' });
	const file = ctx.product.files.get(ctx.query.id);
	if (!file) return crmError(400, 'INVALID_DATA', 'invalid data', { param_name: 'id' });
	return { status: 200, raw: file.data, headers: { 'content-type': file.contentType, 'content-disposition': `attachment; filename="${encodeURIComponent(file.name)}"` } };
}

/**
 * GET /settings/email_templates?module= (module required; 204 when none) and inventory templates.
 * @param {any} ctx
 * @param {'emailTemplates' | 'inventoryTemplates'} kind
 * @returns {Reply}
 */
function listTemplates(ctx, kind) {
	const key = kind === 'emailTemplates' ? 'email_templates' : 'inventory_templates';
	const module = ctx.query.module;
	if (kind === 'emailTemplates' && !module) return crmError(400, 'REQUIRED_PARAM_MISSING', 'One of the expected parameter is missing', { param: 'module' });
	if (module && !findModule(ctx.product, module)) return crmError(400, 'INVALID_MODULE', 'the module name given seems to be invalid', { param_name: 'module' });
	const page = intParam(ctx.query.page, 1, 1, 100000);
	const perPage = intParam(ctx.query.per_page, 200, 1, 200);
	if (page === null || perPage === null) return crmError(400, 'INVALID_DATA', 'invalid data', { param_name: page === null ? 'page' : 'per_page' });
	const all = ctx.product[kind].filter((/** @type {any} */ t) => !module || t.module.api_name === module);
	const items = all.slice((page - 1) * perPage, page * perPage);
	if (items.length === 0) return NO_CONTENT;
	return json({
		[key]: items.map((/** @type {any} */ t) => {
			const { content: _content, ...rest } = t;
			return rest;
		}),
		info: { per_page: perPage, page, count: items.length, more_records: page * perPage < all.length },
	});
}

/**
 * GET /settings/{email|inventory}_templates/{id} — includes `content`.
 * @param {any} ctx
 * @param {'emailTemplates' | 'inventoryTemplates'} kind
 * @param {string} id
 * @returns {Reply}
 */
function getTemplate(ctx, kind, id) {
	const t = ctx.product[kind].find((/** @type {any} */ x) => x.id === id);
	if (!t) return crmError(400, 'INVALID_DATA', 'the id given seems to be invalid', { resource_path_index: 2 });
	const content = t.content ?? `<div>${t.name}</div>`;
	return json({ [kind === 'emailTemplates' ? 'email_templates' : 'inventory_templates']: [{ ...t, content, mail_content: content }] });
}

const S = 'ZohoCRM';
/** @type {Route[]} */
const CRM_ROUTES = [
	{ method: 'GET', path: 'settings/emails/actions/from_addresses', scopes: () => [[`${S}.settings.emails.READ`]], handler: (ctx) => json({ from_addresses: ctx.product.fromAddresses }) },
	{ method: 'GET', path: 'settings/email_templates', scopes: () => [[`${S}.templates.email.READ`]], handler: (ctx) => listTemplates(ctx, 'emailTemplates') },
	{ method: 'GET', path: 'settings/email_templates/:tid', scopes: () => [[`${S}.templates.email.READ`]], handler: (ctx, p) => getTemplate(ctx, 'emailTemplates', p.tid) },
	{ method: 'GET', path: 'settings/inventory_templates', scopes: () => [[`${S}.templates.inventory.READ`]], handler: (ctx) => listTemplates(ctx, 'inventoryTemplates') },
	{ method: 'GET', path: 'settings/inventory_templates/:tid', scopes: () => [[`${S}.templates.inventory.READ`]], handler: (ctx, p) => getTemplate(ctx, 'inventoryTemplates', p.tid) },
	{ method: 'GET', path: 'settings/modules', scopes: () => [[`${S}.settings.modules.READ`]], handler: (ctx) => listModules(ctx.product) },
	{ method: 'POST', path: 'files', scopes: () => [[`${S}.Files.CREATE`]], handler: uploadFiles },
	{ method: 'GET', path: 'files', scopes: () => [[`${S}.Files.READ`]], handler: downloadFile },
	{ method: 'GET', path: ':module/search', scopes: (p) => [perModule(S, 'modules.{m}.READ', p), ['ZohoSearch.securesearch.READ']], handler: (ctx, p) => searchRecords(ctx, ctx.product.records[p.module] || []) },
	{ method: 'GET', path: ':module', scopes: (p) => [perModule(S, 'modules.{m}.READ', p)], handler: (ctx, p) => listRecords(ctx, ctx.product.records[p.module] || []) },
	{ method: 'GET', path: ':module/:id', scopes: (p) => [perModule(S, 'modules.{m}.READ', p)], handler: (ctx, p) => getRecord(findRecord(ctx.product, p.module, p.id)) },
	{
		method: 'POST',
		path: ':module/:id/actions/send_mail',
		scopes: (p) => [[`${S}.send_mail.all.CREATE`, ...perModule(S, 'send_mail.{m}.CREATE', p)]],
		handler: (ctx, p) => {
			const r = recordFor(ctx, p, 'sendMail');
			return r.error || sendMail(ctx, 'crm', ctx.product, ctx.meta, r.record);
		},
	},
	{
		method: 'POST',
		path: ':module/:id/actions/associate_email',
		scopes: (p) => [[`${S}.modules.emails.ALL`, ...perModule(S, 'modules.emails.{m}.ALL', p)], perModule(S, 'modules.{m}.ALL', p)],
		handler: (ctx, p) => {
			const r = recordFor(ctx, p, 'associate');
			return r.error || associateEmail(ctx, ctx.product, p.module, p.id);
		},
	},
	{
		method: 'GET',
		path: ':module/:id/Emails',
		scopes: (p) => [perModule(S, 'modules.{m}.READ', p), [`${S}.modules.emails.READ`]],
		handler: (ctx, p) => {
			const r = recordFor(ctx, p, 'emails');
			return r.error || listEmails(ctx, ctx.product, p.module, p.id);
		},
	},
	{
		method: 'GET',
		path: ':module/:id/Emails/actions/download_attachments',
		scopes: (p) => [perModule(S, 'modules.{m}.READ', p), [`${S}.modules.emails.READ`]],
		handler: (ctx, p) => {
			const r = recordFor(ctx, p, 'emails');
			return r.error || downloadAttachment(ctx, ctx.product, p.module, p.id);
		},
	},
	{
		method: 'GET',
		path: ':module/:id/Emails/:messageId',
		scopes: (p) => [perModule(S, 'modules.{m}.READ', p), [`${S}.modules.emails.READ`]],
		handler: (ctx, p) => {
			const r = recordFor(ctx, p, 'emails');
			return r.error || getEmail(ctx.product, p.module, p.id, p.messageId);
		},
	},
];

/**
 * The record of a drafts path (modules that send mail; custom modules too), or Zoho's answer for a
 * module or record it does not know (the drafts OAS: "the related id given seems to be invalid").
 * @param {any} ctx
 * @param {Record<string, string>} p
 */
function draftRecord(ctx, p) {
	if (!ctx.meta.sendMail) return { error: crmError(400, 'INVALID_MODULE', 'the module name given seems to be invalid', { resource_path_index: 0 }) };
	const record = findRecord(ctx.product, p.module, p.id);
	if (!record) return { error: crmError(400, 'INVALID_DATA', 'the related id given seems to be invalid', { resource_path_index: 1 }) };
	return { error: null, record };
}

/**
 * Drafts scopes: `ZohoCRM.modules.ALL` or the module's `ZohoCRM.modules.{m}.{OP}` (Zoho's drafts pages
 * and OAS; `ZohoCRM.modules.ALL` covers every form).
 * @param {string} op
 */
const draftScopes = (op) => (/** @type {Record<string, string>} */ p) => [perModule(S, `modules.{m}.${op}`, p)];

/** @type {Route[]} */
const DRAFT_ROUTES = [
	{ method: 'GET', path: ':module/:id/__email_drafts', scopes: draftScopes('READ'), handler: (ctx, p) => { const r = draftRecord(ctx, p); return r.error || listDrafts(ctx, ctx.product, p.module, p.id); } },
	{ method: 'POST', path: ':module/:id/__email_drafts', scopes: draftScopes('CREATE'), handler: (ctx, p) => { const r = draftRecord(ctx, p); return r.error || createDrafts(ctx, ctx.product, p.module, p.id); } },
	{ method: 'PUT', path: ':module/:id/__email_drafts', scopes: draftScopes('UPDATE'), handler: (ctx, p) => { const r = draftRecord(ctx, p); return r.error || updateDrafts(ctx, ctx.product, p.module, p.id); } },
	{ method: 'GET', path: ':module/:id/__email_drafts/:draft', scopes: draftScopes('READ'), handler: (ctx, p) => { const r = draftRecord(ctx, p); return r.error || getDraft(ctx.product, p.module, p.id, p.draft); } },
	{ method: 'PUT', path: ':module/:id/__email_drafts/:draft', scopes: draftScopes('UPDATE'), handler: (ctx, p) => { const r = draftRecord(ctx, p); return r.error || updateDrafts(ctx, ctx.product, p.module, p.id, p.draft); } },
	{ method: 'DELETE', path: ':module/:id/__email_drafts/:draft', scopes: draftScopes('DELETE'), handler: (ctx, p) => { const r = draftRecord(ctx, p); return r.error || deleteDraft(ctx.product, p.module, p.id, p.draft); } },
	{
		method: 'POST',
		path: ':module/:id/actions/unblock_email',
		// The v8 doc page names ZohoCRM.send_mail.{module}.CREATE, the first v8 OAS send_mail.all.CREATE,
		// the newer OAS and the v6 page ZohoCRM.modules.{module}.UPDATE: any of them is accepted.
		scopes: (p) => [[`${S}.send_mail.all.CREATE`, ...perModule(S, 'send_mail.{m}.CREATE', p), ...perModule(S, 'modules.{m}.UPDATE', p)]],
		handler: (ctx, p) => {
			if (!ctx.meta.sendMail) return crmError(400, 'INVALID_MODULE', 'the module name given seems to be invalid', { resource_path_index: 0 });
			const record = findRecord(ctx.product, p.module, p.id);
			return record ? unblockRecord(ctx, ctx.product, record) : crmError(400, 'INVALID_DATA', 'Invalid record provided', { resource_path_index: 1 });
		},
	},
];
CRM_ROUTES.push(...DRAFT_ROUTES);

/** @param {any} ctx */
function handleCrm(ctx) {
	return crmPipeline(ctx, 'crm', '/crm/v8', CRM_ROUTES);
}

module.exports = { handleCrm, crmPipeline, perModule, recordFor, uploadFiles, downloadFile };
