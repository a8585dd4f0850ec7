// @ts-check
'use strict';

const { json } = require('./replies');
const { findRecord } = require('./crm-model');
const { listRecords, getRecord, searchRecords, listModules } = require('./crm-records');
const { sendMail } = require('./crm-mail');
const { crmPipeline, perModule, recordFor, uploadFiles, downloadFile } = require('./crm');

/**
 * Zoho Bigin v2 under /bigin/v2 (reference §4). Same envelopes as CRM. Bigin documents no email read or
 * associate endpoints, so any `/Emails` path answers 404 INVALID_URL_PATTERN (no route matches).
 *
 * @typedef {import('./router').Route} Route
 */

const S = 'ZohoBigin';
/** @type {Route[]} */
const BIGIN_ROUTES = [
	{ method: 'GET', path: 'settings/emails/actions/from_addresses', scopes: () => [[`${S}.settings.emails.READ`]], handler: (ctx) => json({ from_addresses: ctx.product.fromAddresses }) },
	{ method: 'GET', path: 'settings/modules', scopes: () => [[`${S}.settings.modules.READ`, `${S}.modules.READ`]], handler: (ctx) => listModules(ctx.product) },
	{ method: 'POST', path: 'files', scopes: () => [[`${S}.Files.CREATE`]], handler: uploadFiles },
	{ method: 'GET', path: 'files', scopes: () => [[`${S}.Files.READ`]], handler: downloadFile },
	{ method: 'GET', path: ':module/search', scopes: (p) => [perModule(S, 'modules.{m}.READ', p), ['ZohoSearch.securesearch.READ']], handler: (ctx, p) => searchRecords(ctx, ctx.product.records[p.module] || []) },
	{ method: 'GET', path: ':module', scopes: (p) => [perModule(S, 'modules.{m}.READ', p)], handler: (ctx, p) => listRecords(ctx, ctx.product.records[p.module] || []) },
	{ method: 'GET', path: ':module/:id', scopes: (p) => [perModule(S, 'modules.{m}.READ', p)], handler: (ctx, p) => getRecord(findRecord(ctx.product, p.module, p.id)) },
	{
		method: 'POST',
		path: ':module/:id/actions/send_mail',
		scopes: () => [[`${S}.send_mail.all.CREATE`]],
		handler: (ctx, p) => {
			const r = recordFor(ctx, p, 'sendMail');
			return r.error || sendMail(ctx, 'bigin', ctx.product, ctx.meta, r.record);
		},
	},
];

/** @param {any} ctx */
function handleBigin(ctx) {
	return crmPipeline(ctx, 'bigin', '/bigin/v2', BIGIN_ROUTES);
}

module.exports = { handleBigin };
