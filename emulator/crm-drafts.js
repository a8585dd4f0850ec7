// @ts-check
'use strict';

const { crmError, crmErr, json, NO_CONTENT } = require('./replies');
const { hex } = require('./ids');
const { isEmail, isObject, intParam } = require('./values');
const { parseIsoDateTime, crmTime } = require('./zoho-time');
const { makeEmail, insertEmails } = require('./crm-model');

/**
 * CRM v8 email drafts of a record, `/{module}/{record}/__email_drafts[/{draft}]` (Zoho's Create / Get /
 * Update / Delete Email Drafts pages; `../shared/oas/crm-v8.0/email_drafts.json` and the newer
 * zoho/crm-oas `v8.0/email_drafts/email_drafts.yaml`). A draft is a stored email of category `draft`
 * in the record's Emails related list (Zoho: "the drafts are saved in the Email related list"), so the
 * Emails list with `type=drafts` shows it too. The draft ID is the stored email's message_id.
 *
 * @typedef {import('./replies').Reply} Reply
 */

const ROOT = '__email_drafts';
// Zoho's Get Email Drafts page: default and maximum 10 per page (the newer OAS says 200): the
// emulator keeps the stricter documented bound, so a client relying on more is caught.
const MAX_PER_PAGE = 10;
const KEYS = new Set(['id', 'from', 'to', 'reply_to', 'cc', 'bcc', 'inventory_details', 'schedule_details', 'rich_text', 'subject', 'content', 'plainTextContent', 'source', 'linked_record', 'attachments']);
const INVALID_FROM = "Email can't be saved as draft using this from address.Kindly check the allowed from address list";

/** @param {string} code @param {string} message @param {Record<string, unknown>} details */
const itemErr = (code, message, details) => crmErr(code, message, details);
/** @param {number} n @param {string} key */
const at = (n, key) => `$.${ROOT}[${n}]${key ? `.${key}` : ''}`;

/** The record's drafts, oldest first. @param {any} crm @param {string} module @param {string} recordId */
function draftsOf(crm, module, recordId) {
	return (crm.emails[`${module}/${recordId}`] || []).filter((/** @type {any} */ e) => e._category === 'draft');
}

/** @param {any} list */
const parties = (list) => (Array.isArray(list) && list.length ? list.map((/** @type {any} */ a) => ({ user_name: a.user_name ?? null, email: a.email })) : null);

/**
 * The draft shape of a stored draft (Get Email Drafts response).
 * @param {any} e
 */
function draftView(e) {
	const text = String(e._content ?? '').replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
	return {
		id: e.message_id,
		modified_time: crmTime(e._modified ?? e._ts),
		created_time: crmTime(e._ts),
		from: isObject(e.from) ? e.from.email : e.from,
		to: parties(e.to),
		reply_to: isObject(e.reply_to) ? e.reply_to.email : e.reply_to ?? null,
		cc: parties(e.cc),
		bcc: parties(e.bcc),
		schedule_details: e._schedule ?? null,
		subject: e.subject ?? null,
		summary: text ? text.slice(0, 250) : null,
		$sharing_permission: 'full_access',
		rich_text: e._mail_format !== 'text',
		source: e._source ?? '',
		inventory_details: null,
		attachments: e._attachments.length ? e._attachments.map((/** @type {any} */ a) => ({ id: a.id, file_name: a.name, file_size: String(a.size), service_name: a.service_name || 'ZFSAttached' })) : null,
		content: e._content ?? null,
		linked_record: e.linked_record ?? null,
		owner: { id: e.owner.id, name: e.owner.name },
	};
}

/**
 * Validates one draft of a create or update body; returns the stored fields or an error object.
 * @param {any} crm
 * @param {unknown} d
 * @param {number} n index in the request
 * @param {boolean} update
 * @returns {{ error: any, fields?: undefined } | { error: null, fields: Record<string, any> }}
 */
function checkDraft(crm, d, n, update) {
	if (!isObject(d)) return { error: itemErr('INVALID_DATA', 'invalid data', { api_name: ROOT, json_path: at(n, ''), expected_data_type: 'jsonobject' }) };
	const extra = Object.keys(d).find((k) => !KEYS.has(k) || (k === 'id' && !update));
	if (extra) return { error: itemErr('INVALID_DATA', 'invalid data', { api_name: extra, json_path: at(n, extra) }) };
	if (d.from === undefined || d.from === null || d.from === '') return { error: itemErr('MANDATORY_NOT_FOUND', 'required field not found', { api_name: 'from', json_path: at(n, 'from') }) };
	if (!isEmail(d.from)) return { error: itemErr('INVALID_DATA', 'invalid email', { api_name: 'from', json_path: at(n, 'from') }) };
	if (!crm.fromAddresses.some((/** @type {any} */ a) => a.email.toLowerCase() === String(d.from).toLowerCase())) return { error: itemErr('INVALID_DATA', INVALID_FROM, { api_name: 'from' }) };
	if (d.rich_text === undefined || d.rich_text === null) return { error: itemErr('MANDATORY_NOT_FOUND', 'required field not found', { api_name: 'rich_text', json_path: at(n, 'rich_text') }) };
	if (typeof d.rich_text !== 'boolean') return { error: itemErr('INVALID_DATA', 'invalid data', { api_name: 'rich_text', json_path: at(n, 'rich_text'), expected_data_type: 'boolean' }) };
	for (const key of ['to', 'cc', 'bcc']) {
		if (d[key] === undefined || d[key] === null) continue;
		if (!Array.isArray(d[key])) return { error: itemErr('INVALID_DATA', 'invalid data', { api_name: key, json_path: at(n, key), expected_data_type: 'jsonarray' }) };
		for (let k = 0; k < d[key].length; k++) {
			const a = d[key][k];
			const path = at(n, `${key}[${k}]`);
			if (!isObject(a) || a.email === undefined || a.email === null || a.email === '') return { error: itemErr('MANDATORY_NOT_FOUND', 'required field not found', { api_name: 'email', json_path: `${path}.email` }) };
			if (!isEmail(a.email)) return { error: itemErr('INVALID_DATA', 'invalid email', { api_name: 'email', json_path: `${path}.email` }) };
		}
	}
	if (d.reply_to !== undefined && d.reply_to !== null && !isEmail(d.reply_to)) return { error: itemErr('INVALID_DATA', 'invalid email', { api_name: 'reply_to', json_path: at(n, 'reply_to') }) };
	for (const key of ['subject', 'content', 'plainTextContent', 'source']) {
		if (d[key] !== undefined && d[key] !== null && typeof d[key] !== 'string') return { error: itemErr('INVALID_DATA', 'invalid data', { api_name: key, json_path: at(n, key), expected_data_type: 'string' }) };
	}
	if (d.inventory_details !== undefined && d.inventory_details !== null) {
		if (update) return { error: itemErr('NOT_ALLOWED', 'The inventory_details field is not allowed in update draft request.', { api_name: 'inventory_details', json_path: at(n, 'inventory_details') }) };
		// Not modelled here (the node never sends it): refused rather than ignored.
		return { error: itemErr('NOT_SUPPORTED', 'inventory drafts are not supported by this emulator', { api_name: 'inventory_details', json_path: at(n, 'inventory_details') }) };
	}
	let schedule = null;
	if (d.schedule_details !== undefined && d.schedule_details !== null) {
		const s = d.schedule_details;
		if (!isObject(s) || s.time === undefined || s.time === null) return { error: itemErr('MANDATORY_NOT_FOUND', 'required field not found', { api_name: 'time', json_path: at(n, 'schedule_details.time') }) };
		const ms = parseIsoDateTime(s.time);
		if (ms === null || ms <= Date.now()) return { error: itemErr('INVALID_DATA', 'invalid data', { api_name: 'time', json_path: at(n, 'schedule_details.time') }) };
		schedule = { time: crmTime(ms), timezone: typeof s.timezone === 'string' ? s.timezone : null, source: 'ecSchduleTime' };
	}
	/** @type {any[]} */
	const attachments = [];
	if (d.attachments !== undefined && d.attachments !== null) {
		if (!Array.isArray(d.attachments)) return { error: itemErr('INVALID_DATA', 'invalid data', { api_name: 'attachments', json_path: at(n, 'attachments'), expected_data_type: 'jsonarray' }) };
		for (let k = 0; k < d.attachments.length; k++) {
			const a = d.attachments[k];
			const path = at(n, `attachments[${k}]`);
			if (!isObject(a) || typeof a.id !== 'string' || !a.id) return { error: itemErr('MANDATORY_NOT_FOUND', 'required field not found', { api_name: 'id', json_path: `${path}.id` }) };
			if (typeof a.service_name !== 'string' || !a.service_name) return { error: itemErr('MANDATORY_NOT_FOUND', 'required field not found', { api_name: 'service_name', json_path: `${path}.service_name` }) };
			if (typeof a.file_name !== 'string' || !a.file_name) return { error: itemErr('MANDATORY_NOT_FOUND', 'required field not found', { api_name: 'file_name', json_path: `${path}.file_name` }) };
			const file = crm.files.get(a.id);
			if (!file) return { error: itemErr('INVALID_DATA', 'invalid data', { api_name: 'id', json_path: `${path}.id` }) };
			if (attachments.some((x) => x.id === a.id)) return { error: itemErr('DUPLICATE_DATA', 'duplicate data', { api_name: 'id', json_path: `${path}.id` }) };
			attachments.push({ ...file, name: a.file_name, service_name: a.service_name });
		}
	}
	const rich = d.rich_text === true;
	return {
		error: null,
		fields: {
			from: { user_name: null, email: d.from },
			to: parties(d.to),
			cc: parties(d.cc),
			bcc: parties(d.bcc),
			reply_to: d.reply_to ?? null,
			subject: d.subject ?? null,
			_content: (rich ? d.content : d.plainTextContent ?? d.content) ?? null,
			_mail_format: rich ? 'html' : 'text',
			_schedule: schedule,
			_source: typeof d.source === 'string' ? d.source : '',
			_attachments: attachments,
			linked_record: d.linked_record ?? null,
		},
	};
}

/**
 * The `__email_drafts` array of a body, or a request-level error.
 * @param {any} ctx
 * @param {number} max
 */
function draftItems(ctx, max) {
	if (ctx.bodyError || !isObject(ctx.body)) return { error: crmError(400, 'INVALID_DATA', 'body', {}) };
	const items = ctx.body[ROOT];
	if (items === undefined || items === null) return { error: crmError(400, 'MANDATORY_NOT_FOUND', 'required field not found', { api_name: ROOT, json_path: `$.${ROOT}` }) };
	if (!Array.isArray(items) || items.length === 0) return { error: crmError(400, 'INVALID_DATA', 'invalid data', { api_name: ROOT, json_path: `$.${ROOT}`, expected_data_type: 'jsonarray' }) };
	if (items.length > max) return { error: crmError(400, 'LIMIT_EXCEEDED', 'limit exceeded', { api_name: ROOT, json_path: `$.${ROOT}`, limit: max }) };
	return { error: null, items };
}

/**
 * 201 when every draft succeeded, 207 for mixed results, 400 when none did (Zoho's OAS).
 * @param {any[]} results
 * @param {number} okStatus
 * @returns {Reply}
 */
function batchReply(results, okStatus) {
	const failed = results.filter((r) => r.status === 'error').length;
	const status = failed === 0 ? okStatus : failed === results.length ? 400 : 207;
	return { status, body: { [ROOT]: results } };
}

/**
 * POST — creates up to 100 drafts on the record.
 * @param {any} ctx @param {any} crm @param {string} module @param {string} recordId
 * @returns {Reply}
 */
function createDrafts(ctx, crm, module, recordId) {
	const b = draftItems(ctx, 100);
	if (b.error) return b.error;
	const results = b.items.map((d, n) => {
		const v = checkDraft(crm, d, n, false);
		if (v.error) return v.error;
		const id = hex(32);
		insertEmails(crm, module, recordId, [makeEmail(crm, { ...v.fields, message_id: id, _category: 'draft', sent: false, source: 'crm', status: [{ type: 'draft' }] })]);
		return { code: 'SUCCESS', message: 'Draft created Successfully', status: 'success', details: { id } };
	});
	return batchReply(results, 201);
}

/**
 * PUT — replaces a draft's fields (fields not given are cleared, per the OAS); `draftId` from the
 * path (single form) or each item's `id` (list form).
 * @param {any} ctx @param {any} crm @param {string} module @param {string} recordId @param {string} [draftId]
 * @returns {Reply}
 */
function updateDrafts(ctx, crm, module, recordId, draftId) {
	const mine = draftsOf(crm, module, recordId);
	if (draftId !== undefined && !mine.some((/** @type {any} */ e) => e.message_id === draftId)) return crmError(400, 'INVALID_DATA', 'invalid draft id in the url', { resource_path_index: 3 });
	const b = draftItems(ctx, draftId === undefined ? 100 : 1);
	if (b.error) return b.error;
	const results = b.items.map((d, n) => {
		const id = draftId ?? (isObject(d) ? d.id : undefined);
		if (id === undefined || id === null || id === '') return itemErr('MANDATORY_NOT_FOUND', 'required field not found', { api_name: 'id', json_path: at(n, 'id') });
		const stored = mine.find((/** @type {any} */ e) => e.message_id === id);
		if (!stored) return itemErr('INVALID_DATA', 'invalid data', { api_name: 'id', json_path: at(n, 'id') });
		const v = checkDraft(crm, draftId === undefined ? d : { ...d }, n, true);
		if (v.error) return v.error;
		Object.assign(stored, v.fields, { _modified: Date.now() });
		stored.has_attachment = stored._attachments.length > 0;
		return { code: 'SUCCESS', message: 'Draft updated Successfully', status: 'success', details: { id } };
	});
	return batchReply(results, 200);
}

/**
 * GET — the record's drafts, `page` / `per_page`, `sort_by` (created_time|modified_time), `sort_order`.
 * @param {any} ctx @param {any} crm @param {string} module @param {string} recordId
 * @returns {Reply}
 */
function listDrafts(ctx, crm, module, recordId) {
	const q = ctx.query;
	const page = intParam(q.page, 1, 1, 100000);
	const perPage = intParam(q.per_page, MAX_PER_PAGE, 1, MAX_PER_PAGE);
	if (page === null || perPage === null) return crmError(400, 'INVALID_DATA', 'invalid data', { param_name: page === null ? 'page' : 'per_page' });
	const sortBy = q.sort_by ?? 'created_time';
	const sortOrder = q.sort_order ?? 'asc';
	if (!['created_time', 'modified_time'].includes(sortBy)) return crmError(400, 'PATTERN_NOT_MATCHED', 'Please check whether the input values are correct', { param_name: 'sort_by' });
	if (!['asc', 'desc'].includes(sortOrder)) return crmError(400, 'PATTERN_NOT_MATCHED', 'Please check whether the input values are correct', { param_name: 'sort_order' });
	const key = (/** @type {any} */ e) => (sortBy === 'modified_time' ? e._modified ?? e._ts : e._ts);
	const all = [...draftsOf(crm, module, recordId)].sort((a, b) => (sortOrder === 'asc' ? key(a) - key(b) : key(b) - key(a)));
	const items = all.slice((page - 1) * perPage, page * perPage);
	if (items.length === 0) return NO_CONTENT;
	return json({ [ROOT]: items.map(draftView), info: { page, per_page: perPage, count: items.length, more_records: page * perPage < all.length } });
}

/**
 * GET one draft; 204 for an unknown or malformed ID (the OAS).
 * @param {any} crm @param {string} module @param {string} recordId @param {string} draftId
 * @returns {Reply}
 */
function getDraft(crm, module, recordId, draftId) {
	const draft = draftsOf(crm, module, recordId).find((/** @type {any} */ e) => e.message_id === draftId);
	return draft ? json({ [ROOT]: [draftView(draft)] }) : NO_CONTENT;
}

/**
 * DELETE one draft.
 * @param {any} crm @param {string} module @param {string} recordId @param {string} draftId
 * @returns {Reply}
 */
function deleteDraft(crm, module, recordId, draftId) {
	const list = crm.emails[`${module}/${recordId}`] || [];
	const index = list.findIndex((/** @type {any} */ e) => e._category === 'draft' && e.message_id === draftId);
	if (index < 0) return crmError(400, 'INVALID_DATA', 'Invalid draft Id', { resource_path_index: 3 });
	list.splice(index, 1);
	return json({ [ROOT]: [{ code: 'SUCCESS', message: 'Draft deleted Successfully', status: 'success', details: { id: draftId } }] });
}

module.exports = { createDrafts, updateDrafts, listDrafts, getDraft, deleteDraft, draftView };
