// @ts-check
'use strict';

const { crmError, crmItemError, json } = require('./replies');
const { hex } = require('./ids');
const { isEmail, isObject, clone } = require('./values');
const { parseIsoDateTime } = require('./zoho-time');
const { makeEmail, insertEmails, findRecord } = require('./crm-model');
const { blockOf } = require('./crm-unblock');

/**
 * POST /{module}/{record_id}/actions/send_mail for CRM v8 (reference §3.1, seed 001) and Bigin v2 (§4.1,
 * seed 002). Validation errors answer HTTP 400 with the error inside `data[]`; body/URL-level errors are
 * bare objects.
 *
 * @typedef {import('./replies').Reply} Reply
 */

const MAX_ATTACHMENTS_BYTES = 10 * 1024 * 1024;
// Bigin documents none of these keys; rejecting them (rather than silently ignoring) keeps a client from
// relying on CRM-only behaviour. UNCONFIRMED: real Bigin may ignore unknown keys.
const BIGIN_UNSUPPORTED = ['in_reply_to', 'template', 'inventory_details', 'consent_email', 'data_subject_request', 'linked_record'];

/** @param {string} apiName @param {string} jsonPath @param {string} [message] */
const invalid = (apiName, jsonPath, message = 'invalid data') => crmItemError(rootOf(jsonPath), 400, 'INVALID_DATA', message, { api_name: apiName, json_path: jsonPath });
/** @param {string} apiName @param {string} jsonPath */
const mandatory = (apiName, jsonPath) => crmItemError(rootOf(jsonPath), 400, 'MANDATORY_NOT_FOUND', 'required field not found', { api_name: apiName, json_path: jsonPath });

/** The request's root key (`data` or `Emails`) from a JSON path like `$.Emails[0].to`. @param {string} jsonPath */
function rootOf(jsonPath) {
	return /^\$\.(\w+)/.exec(jsonPath)?.[1] || 'data';
}

/**
 * Validates one `{user_name, email}`.
 * @param {unknown} value
 * @param {string} path
 * @returns {Reply | null}
 */
function checkAddress(value, path) {
	if (!isObject(value)) {
		const apiName = (path.split('.').pop() || '').replace(/\[\d+\]$/, '');
		return crmItemError(rootOf(path), 400, 'INVALID_DATA', 'invalid data', { api_name: apiName, json_path: path, expected_data_type: 'jsonobject' });
	}
	if (value.email === undefined || value.email === null || value.email === '') return mandatory('email', `${path}.email`);
	if (!isEmail(value.email)) return invalid('email', `${path}.email`);
	if (value.user_name !== undefined && value.user_name !== null && typeof value.user_name !== 'string') return invalid('user_name', `${path}.user_name`);
	return null;
}

/**
 * Validates an address list (`to`, `cc`, `bcc`).
 * @param {unknown} value
 * @param {string} key
 * @param {string} [rootKey]
 * @returns {Reply | null}
 */
function checkList(value, key, rootKey = 'data') {
	const path = `$.${rootKey}[0].${key}`;
	if (!Array.isArray(value)) return crmItemError(rootKey, 400, 'INVALID_DATA', 'invalid data', { api_name: key, json_path: path, expected_data_type: 'jsonarray' });
	for (let i = 0; i < value.length; i++) {
		const err = checkAddress(value[i], `${path}[${i}]`);
		if (err) return err;
	}
	return null;
}

/**
 * Validates `linked_record: {id, name?, module:{api_name, id}}`. The module needs both its API name and
 * its ID, as in seed 003's sample and the v8 OpenAPI `ModuleMap` (both `required` there):
 * a missing `module.id` is MANDATORY_NOT_FOUND, one that is not the named module's ID is INVALID_DATA,
 * both at `….linked_record.module.id`. UNCONFIRMED: whether Zoho itself refuses a missing or wrong
 * module ID; the emulator is strict so a client cannot rely on Zoho guessing it.
 * @param {any} product
 * @param {unknown} lr
 * @param {string} path
 * @returns {Reply | null}
 */
function checkLinkedRecord(product, lr, path) {
	if (!isObject(lr)) return crmItemError(rootOf(path), 400, 'INVALID_DATA', 'invalid data', { api_name: 'linked_record', json_path: path, expected_data_type: 'jsonobject' });
	const mod = isObject(lr.module) && typeof lr.module.api_name === 'string' ? lr.module.api_name : '';
	const meta = product.modules.find((/** @type {any} */ x) => x.api_name === mod && x.api_supported);
	if (!meta) return invalid('module', `${path}.module`);
	if (lr.module.id === undefined || lr.module.id === null || lr.module.id === '') return mandatory('id', `${path}.module.id`);
	if (lr.module.id !== meta.id) return invalid('id', `${path}.module.id`);
	if (typeof lr.id !== 'string' || !findRecord(product, mod, lr.id)) return invalid('id', `${path}.id`);
	if (lr.name !== undefined && lr.name !== null && typeof lr.name !== 'string') return invalid('name', `${path}.name`);
	return null;
}

/**
 * Resolves `[{id}]` attachments against a product's file store; a Reply on error.
 * @param {unknown} value
 * @param {any} product
 * @param {string} rootKey `data` or `Emails`
 * @returns {Reply | any[]}
 */
function resolveAttachments(value, product, rootKey) {
	const base = `$.${rootKey}[0].attachments`;
	if (!Array.isArray(value)) return crmItemError(rootKey, 400, 'INVALID_DATA', 'invalid data', { api_name: 'attachments', json_path: base, expected_data_type: 'jsonarray' });
	const files = [];
	let total = 0;
	for (let i = 0; i < value.length; i++) {
		const id = isObject(value[i]) ? value[i].id : undefined;
		const file = typeof id === 'string' ? product.files.get(id) : undefined;
		if (!file) return crmItemError(rootKey, 400, 'INVALID_DATA', 'invalid data', { api_name: 'id', json_path: `${base}[${i}].id` });
		total += file.size;
		files.push(file);
	}
	if (total > MAX_ATTACHMENTS_BYTES) {
		return crmItemError(rootKey, 400, 'FILE_SIZE_EXCEEDS', 'total size of the attachments exceeds the limit of 10 MB', { api_name: 'attachments', json_path: base, limit: '10MB' });
	}
	return files;
}

/**
 * The array under the body's root key (`data` or `Emails`), or an error Reply.
 * @param {any} ctx
 * @param {string} rootKey
 * @returns {{ error: Reply, items?: undefined } | { error: null, items: any[] }}
 */
function bodyItems(ctx, rootKey) {
	// UNCONFIRMED: the text Zoho uses for an unparsable JSON body.
	if (ctx.bodyError || !isObject(ctx.body)) return { error: crmError(400, 'INVALID_DATA', 'body', {}) };
	const items = ctx.body[rootKey];
	const path = `$.${rootKey}`;
	if (items === undefined || items === null) return { error: crmError(400, 'MANDATORY_NOT_FOUND', 'required field not found', { api_name: rootKey, json_path: path }) };
	if (!Array.isArray(items)) return { error: crmError(400, 'INVALID_DATA', 'invalid data', { api_name: rootKey, json_path: path, expected_data_type: 'jsonarray' }) };
	if (items.length === 0) return { error: crmError(400, 'MANDATORY_NOT_FOUND', 'required field not found', { api_name: rootKey, json_path: `${path}[0]` }) };
	return { error: null, items };
}

/**
 * Extracts the single mail object of `{"data":[…]}`.
 * @param {any} ctx
 * @returns {{ error: Reply, mail?: undefined } | { error: null, mail: Record<string, any> }}
 */
function mailItem(ctx) {
	const b = bodyItems(ctx, 'data');
	if (b.error) return { error: b.error };
	const data = b.items;
	// One mail per call (every Zoho sample); the limit error body is UNCONFIRMED.
	if (data.length > 1) return { error: crmError(400, 'LIMIT_EXCEEDED', 'only one mail can be sent per request', { api_name: 'data', json_path: '$.data', limit: 1 }) };
	if (!isObject(data[0])) return { error: crmItemError('data', 400, 'INVALID_DATA', 'invalid data', { api_name: 'data', json_path: '$.data[0]', expected_data_type: 'jsonobject' }) };
	return { error: null, mail: data[0] };
}

/**
 * Validates a mail; returns the resolved template/inventory/attachments or an error Reply.
 * @param {'crm' | 'bigin'} productName
 * @param {any} product
 * @param {any} meta module metadata
 * @param {Record<string, any>} m the mail object
 */
function validateMail(productName, product, meta, m) {
	if (productName === 'bigin') {
		const extra = BIGIN_UNSUPPORTED.find((k) => k in m);
		if (extra) return { error: invalid(extra, `$.data[0].${extra}`) };
	}
	if (m.from === undefined || m.from === null) return { error: mandatory('from', '$.data[0].from') };
	const fromErr = checkAddress(m.from, '$.data[0].from');
	if (fromErr) return { error: fromErr };
	const allowed = product.fromAddresses.some((/** @type {any} */ a) => a.email.toLowerCase() === String(m.from.email).toLowerCase());
	if (!allowed) return { error: invalid('from', '$.data[0].from') };
	if (m.to === undefined || m.to === null || (Array.isArray(m.to) && m.to.length === 0)) return { error: mandatory('to', '$.data[0].to') };
	for (const key of ['to', 'cc', 'bcc']) {
		if (m[key] === undefined || m[key] === null) continue;
		const err = checkList(m[key], key);
		if (err) return { error: err };
	}
	if (m.reply_to !== undefined && m.reply_to !== null) {
		const err = checkAddress(m.reply_to, '$.data[0].reply_to');
		if (err) return { error: err };
	}
	for (const key of ['subject', 'content']) {
		if (m[key] !== undefined && m[key] !== null && typeof m[key] !== 'string') return { error: invalid(key, `$.data[0].${key}`) };
	}
	if (m.mail_format !== undefined && m.mail_format !== 'html' && m.mail_format !== 'text') return { error: invalid('mail_format', '$.data[0].mail_format') };
	for (const key of ['org_email', 'consent_email']) {
		if (m[key] !== undefined && typeof m[key] !== 'boolean') return { error: invalid(key, `$.data[0].${key}`) };
	}
	let scheduledMs = null;
	if (m.scheduled_time !== undefined && m.scheduled_time !== null) {
		scheduledMs = parseIsoDateTime(m.scheduled_time);
		if (scheduledMs === null) return { error: invalid('scheduled_time', '$.data[0].scheduled_time') };
		if (scheduledMs <= Date.now()) return { error: invalid('scheduled_time', '$.data[0].scheduled_time', 'scheduled time should be in the future') };
	}
	const files = m.attachments === undefined || m.attachments === null ? [] : resolveAttachments(m.attachments, product, 'data');
	if (!Array.isArray(files)) return { error: files };
	let template = null;
	if (m.template !== undefined && m.template !== null) {
		template = isObject(m.template) ? product.emailTemplates.find((/** @type {any} */ t) => t.id === String(m.template.id)) : null;
		if (!template) return { error: invalid('template', '$.data[0].template.id') };
	}
	let inventory = null;
	if (m.inventory_details !== undefined && m.inventory_details !== null) {
		if (!meta.inventory) return { error: invalid('inventory_details', '$.data[0].inventory_details') };
		const d = m.inventory_details;
		const tplId = isObject(d) && isObject(d.inventory_template) ? String(d.inventory_template.id) : '';
		if (!tplId) return { error: mandatory('inventory_template', '$.data[0].inventory_details.inventory_template') };
		inventory = product.inventoryTemplates.find((/** @type {any} */ t) => t.id === tplId && t.module.api_name === meta.api_name);
		if (!inventory) return { error: invalid('inventory_template', '$.data[0].inventory_details.inventory_template.id') };
		if (d.paper_type !== undefined && !['default', 'A4', 'us_letter'].includes(d.paper_type)) return { error: invalid('paper_type', '$.data[0].inventory_details.paper_type') };
		if (d.view_type !== undefined && !['portrait', 'landscape'].includes(d.view_type)) return { error: invalid('view_type', '$.data[0].inventory_details.view_type') };
	}
	if (m.consent_email === true && !String(m.content ?? template?.content ?? '').includes('${ConsentForm.en_US}')) {
		return { error: invalid('content', '$.data[0].content', 'consent form link is missing in the content') };
	}
	if (m.data_subject_request !== undefined && m.data_subject_request !== null) {
		const t = isObject(m.data_subject_request) ? m.data_subject_request.type : undefined;
		if (!['access', 'rectify', 'export'].includes(t)) return { error: invalid('type', '$.data[0].data_subject_request.type') };
	}
	if (m.in_reply_to !== undefined && m.in_reply_to !== null) {
		// The documented form only: the previous mail's message_id as a non-empty string (seed 001 and every
		// Send Mail doc page; docs/zoho-api-decisions.md). The v8 OpenAPI file's {message_id, owner} object
		// is refused, so a client sending it is caught here. UNCONFIRMED: which forms Zoho v8 accepts.
		if (typeof m.in_reply_to !== 'string' || m.in_reply_to.trim() === '') {
			return { error: invalid('in_reply_to', '$.data[0].in_reply_to') };
		}
	}
	if (m.linked_record !== undefined && m.linked_record !== null) {
		const lr = m.linked_record;
		const err = checkLinkedRecord(product, lr, '$.data[0].linked_record');
		if (err) return { error: err };
	}
	return { error: null, files, template, inventory, scheduledMs };
}

/**
 * Handles send_mail once the module and record are known to exist.
 * @param {any} ctx
 * @param {'crm' | 'bigin'} productName
 * @param {any} product the product store
 * @param {any} meta module metadata
 * @param {Record<string, any>} record
 * @returns {Reply}
 */
function sendMail(ctx, productName, product, meta, record) {
	const item = mailItem(ctx);
	if (item.error) return item.error;
	// A copy: blocked recipients are dropped from it, the logged request keeps what the client sent.
	const m = { ...item.mail };
	const v = validateMail(productName, product, meta, m);
	if (v.error) return v.error;
	if (record.Email_Opt_Out === true) {
		return crmError(403, 'NO_PERMISSION', 'permission denied', { reason: 'Email Opt Out is enabled for the record' });
	}
	// Recipients blocked after a bounce are skipped and reported (v8 OAS send_mail.json
	// `details.blocked_email_addresses`); with none left, Zoho refuses the mail (seed 001 NOT_ALLOWED).
	/** @type {Array<{ email: string, reason: string }>} */
	const blocked = [];
	if (productName === 'crm') {
		for (const key of ['to', 'cc', 'bcc']) {
			if (!Array.isArray(m[key])) continue;
			m[key] = m[key].filter((/** @type {any} */ a) => {
				const block = blockOf(product, a.email);
				if (block) blocked.push({ email: a.email, reason: block.reason });
				return !block;
			});
		}
		if (blocked.length && !['to', 'cc', 'bcc'].some((k) => Array.isArray(m[k]) && m[k].length)) {
			// UNCONFIRMED: the exact body; the seed documents the code and that `details` names the addresses.
			return crmItemError('data', 400, 'NOT_ALLOWED', 'the email address is blocked', { blocked_email_addresses: blocked });
		}
	}
	const scheduled = v.scheduledMs !== null;
	const messageId = hex(32);
	ctx.state.mails.push({ product: productName, kind: scheduled ? 'scheduled' : 'send', module: meta.api_name, recordId: record.id, messageId, payload: clone(m) });
	if (productName === 'crm') {
		const attachments = [...(v.files || [])];
		if (v.inventory) attachments.push({ id: hex(32), name: `${v.inventory.name}.pdf`, size: 48213, contentType: 'application/pdf', data: Buffer.alloc(48213, 32) });
		const email = makeEmail(product, {
			message_id: messageId,
			_ts: scheduled ? /** @type {number} */ (v.scheduledMs) : Date.now(),
			_category: scheduled ? 'scheduled' : 'sent_from_crm',
			subject: m.subject ?? v.template?.subject ?? '',
			from: { user_name: m.from.user_name ?? null, email: m.from.email },
			to: m.to.map((/** @type {any} */ a) => ({ user_name: a.user_name ?? null, email: a.email })),
			cc: Array.isArray(m.cc) && m.cc.length ? m.cc : null,
			bcc: Array.isArray(m.bcc) && m.bcc.length ? m.bcc : null,
			reply_to: m.reply_to ?? null,
			linked_record: m.linked_record ?? null,
			source: 'crm',
			sent: true,
			status: [{ type: scheduled ? 'scheduled' : 'sent' }],
			_content: m.content ?? v.template?.content ?? '',
			_mail_format: m.mail_format ?? 'html',
			_attachments: attachments,
		});
		insertEmails(product, meta.api_name, record.id, [email]);
	}
	return json({
		data: [
			{
				code: 'SUCCESS',
				details: { message_id: messageId, ...(blocked.length ? { blocked_email_addresses: blocked } : {}) },
				message: scheduled ? 'Your mail has been scheduled successfully.' : 'Your mail has been sent successfully.',
				status: 'success',
			},
		],
	});
}

module.exports = { sendMail, bodyItems, checkLinkedRecord, invalid, mandatory, checkAddress, checkList, resolveAttachments };
