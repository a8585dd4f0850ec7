// @ts-check
'use strict';

const { isObject } = require('./util');

/**
 * Admin HTTP API under /__admin/ for tests that run the emulator as another process. Mirrors the
 * programmatic API; calls are not logged and not subject to faults or latency.
 *
 * @typedef {import('./util').Reply} Reply
 */

/** @param {unknown} body @param {number} [status] @returns {Reply} */
const ok = (body, status = 200) => ({ status, body });
/** @param {string} message @returns {Reply} */
const bad = (message) => ({ status: 400, body: { error: message } });

/**
 * @param {any} emu the emulator API object
 * @returns {(ctx: any) => Reply}
 */
function createAdminHandler(emu) {
	return (ctx) => {
		const route = `${ctx.method} ${ctx.pathname.replace(/\/+$/, '')}`;
		if (ctx.bodyError) return bad('body is not valid JSON');
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
					emu.reset({ keepTokens: body.keepTokens === true });
					return ok({ ok: true });
				case 'POST /__admin/expire-tokens':
					emu.expireTokens();
					return ok({ ok: true });
				case 'POST /__admin/faults': {
					const fault = { ...body };
					if (typeof body.pathRegex === 'string') {
						fault.path = new RegExp(body.pathRegex);
						delete fault.pathRegex;
					}
					emu.addFault(fault);
					return ok({ ok: true }, 201);
				}
				case 'DELETE /__admin/faults':
					emu.clearFaults();
					return ok({ ok: true });
				case 'POST /__admin/latency':
					if (typeof body.ms !== 'number' || body.ms < 0) return bad('ms must be a non-negative number');
					emu.setLatency(body.ms);
					return ok({ ok: true });
				case 'POST /__admin/limits':
					emu.setLimits(body);
					return ok({ ok: true, limits: emu.limits() });
				case 'POST /__admin/tokens':
					return ok(emu.issueToken({ scopes: body.scopes, expiresIn: body.expiresIn }), 201);
				case 'POST /__admin/crm/emails': {
					const countOrEmails = Array.isArray(body.emails) ? body.emails : Number(body.count);
					if (!Array.isArray(countOrEmails) && !(countOrEmails > 0)) return bad('give count (> 0) or emails (array)');
					return ok({ emails: emu.data.crm.addEmails(String(body.module), String(body.recordId), countOrEmails) }, 201);
				}
				case 'POST /__admin/crm/admin':
					emu.data.crm.setAdmin(body.admin !== false);
					return ok({ ok: true, admin: body.admin !== false });
				case 'GET /__admin/stats':
					return ok(emu.stats());
				default:
					return { status: 404, body: { error: `unknown admin endpoint ${route}` } };
			}
		} catch (err) {
			return bad(err instanceof Error ? err.message : String(err));
		}
	};
}

module.exports = { createAdminHandler };
