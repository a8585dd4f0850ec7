// @ts-check
'use strict';

const { crmError, crmItemError, json, NO_CONTENT } = require('./replies');
const { hex } = require('./ids');
const { isObject, clone } = require('./values');
const { parseIsoDateTime } = require('./zoho-time');
const { makeEmail, insertEmails, emailListView, emailDetailView } = require('./crm-model');
const { bodyItems, checkAddress, checkList, checkLinkedRecord, resolveAttachments, invalid, mandatory } = require('./crm-mail');

/**
 * CRM Emails related list (reference §3.3, seed 004) and Associate Email (§3.2, seed 003).
 *
 * @typedef {import('./replies').Reply} Reply
 */

const CATEGORY_BY_TYPE = /** @type {Record<string, string[]>} */ ({
	sent_from_crm: ['sent_from_crm'],
	scheduled_in_crm: ['scheduled'],
	drafts: ['draft'],
	user_emails: ['user'],
	all_contacts_sent_crm_emails: ['sent_from_crm'],
	all_contacts_scheduled_crm_emails: ['scheduled'],
	all_contacts_draft_crm_emails: ['draft'],
});

/**
 * The emails a list call covers, newest first.
 * @param {any} crm
 * @param {string} module
 * @param {string} recordId
 * @param {string} type
 * @param {string | undefined} ownerId
 */
function selectEmails(crm, module, recordId, type, ownerId) {
	/** @type {any[]} */
	let pool;
	if (type.startsWith('all_contacts_')) {
		const contacts = crm.records.Contacts.filter((/** @type {any} */ c) => isObject(c.Account_Name) && c.Account_Name.id === recordId);
		pool = contacts.flatMap((/** @type {any} */ c) => crm.emails[`Contacts/${c.id}`] || []);
	} else {
		pool = crm.emails[`${module}/${recordId}`] || [];
	}
	// No type: the user's mails plus mails sent from CRM (seed 004).
	const categories = type ? CATEGORY_BY_TYPE[type] : ['sent_from_crm', 'user'];
	const matches = (/** @type {any} */ e) => categories.includes(e._category) && (!ownerId || e.owner.id === ownerId);
	// A record's list is stored oldest first (insertEmails): newest first is then the list read
	// backwards, with no sort on every page (which would make listing n emails cost n² log n).
	let ascending = true;
	for (let i = 1; i < pool.length && ascending; i++) ascending = pool[i]._ts >= pool[i - 1]._ts;
	if (ascending) {
		const out = [];
		for (let i = pool.length - 1; i >= 0; i--) if (matches(pool[i])) out.push(pool[i]);
		return out;
	}
	const indexed = pool.map((e, i) => ({ e, i }));
	return indexed
		.filter(({ e }) => matches(e))
		.sort((a, b) => b.e._ts - a.e._ts || b.i - a.i)
		.map(({ e }) => e);
}

/**
 * GET /{module}/{record_id}/Emails?type=&owner_id=&index=
 * @param {any} ctx
 * @param {any} crm
 * @param {string} module
 * @param {string} recordId
 * @returns {Reply}
 */
function listEmails(ctx, crm, module, recordId) {
	const q = ctx.query;
	const type = q.type || '';
	if (type && (!(type in CATEGORY_BY_TYPE) || (type.startsWith('all_contacts_') && module !== 'Accounts'))) {
		return crmError(400, 'INVALID_DATA', 'invalid data', { param_name: 'type' });
	}
	if (q.owner_id !== undefined) {
		if (type !== 'user_emails') return crmError(400, 'INVALID_DATA', 'owner_id can be used only with type user_emails', { param_name: 'owner_id' });
		if (!crm.users.some((/** @type {any} */ u) => u.id === q.owner_id)) return crmError(400, 'INVALID_DATA', 'invalid data', { param_name: 'owner_id' });
	}
	const scope = `${module}/${recordId}/${type}/${q.owner_id || ''}`;
	const list = selectEmails(crm, module, recordId, type, q.owner_id);
	let start = 0;
	let prevIndex = '0';
	if (q.index !== undefined && q.index !== '0' && q.index !== '') {
		const cursor = crm.cursors.get(q.index);
		if (!cursor || cursor.scope !== scope) return crmError(400, 'INVALID_DATA', 'invalid data', { param_name: 'index' });
		// Where the previous page ended, unless the list has changed since.
		const pos = list[cursor.at]?.message_id === cursor.after ? cursor.at : list.findIndex((e) => e.message_id === cursor.after);
		start = pos + 1;
		prevIndex = cursor.prevIndex;
	}
	const pageSize = Math.max(1, Math.floor(ctx.state.limits.emailsPerPage));
	const items = list.slice(start, start + pageSize);
	if (items.length === 0) return NO_CONTENT;
	const more = start + pageSize < list.length;
	let nextIndex = null; // UNCONFIRMED: Zoho's next_index on the last page
	if (more) {
		nextIndex = hex(48);
		crm.cursors.set(nextIndex, { scope, after: items[items.length - 1].message_id, at: start + items.length - 1, prevIndex: q.index && q.index !== '0' ? q.index : '0' });
	}
	return json({
		Emails: items.map(emailListView),
		info: { per_page: pageSize, count: items.length, next_index: nextIndex, prev_index: prevIndex, more_records: more },
	});
}

/**
 * @param {any} crm
 * @param {string} module
 * @param {string} recordId
 * @param {string} messageId
 */
function findEmail(crm, module, recordId, messageId) {
	return (crm.emails[`${module}/${recordId}`] || []).find((/** @type {any} */ e) => e.message_id === messageId) || null;
}

/**
 * GET /{module}/{record_id}/Emails/{message_id}. An unknown message id answers 400 INVALID_DATA with the
 * path index of the id (UNCONFIRMED: the docs list INVALID_DATA for bad ids without a body).
 * @param {any} crm
 * @param {string} module
 * @param {string} recordId
 * @param {string} messageId
 * @returns {Reply}
 */
function getEmail(crm, module, recordId, messageId) {
	const email = findEmail(crm, module, recordId, messageId);
	if (!email) return crmError(400, 'INVALID_DATA', 'the message id given seems to be invalid', { resource_path_index: 3 });
	return json({ Emails: [emailDetailView(email)] });
}

/**
 * GET /{module}/{record_id}/Emails/actions/download_attachments?message_id=&id=&name=&user_id=
 * @param {any} ctx
 * @param {any} crm
 * @param {string} module
 * @param {string} recordId
 * @returns {Reply}
 */
function downloadAttachment(ctx, crm, module, recordId) {
	const q = ctx.query;
	for (const param of ['message_id', 'id']) {
		if (!q[param]) return crmError(400, 'REQUIRED_PARAM_MISSING', 'One of the expected parameter is missing', { param });
	}
	const email = findEmail(crm, module, recordId, q.message_id);
	if (!email) return crmError(400, 'INVALID_DATA', 'invalid data', { param_name: 'message_id' });
	const file = email._attachments.find((/** @type {any} */ a) => a.id === q.id);
	if (!file) return crmError(400, 'INVALID_DATA', 'invalid data', { param_name: 'id' });
	return {
		status: 200,
		raw: file.data,
		headers: { 'content-type': file.contentType, 'content-disposition': `attachment; filename="${encodeURIComponent(q.name || file.name)}"` },
	};
}

/**
 * Validates one associate_email item; returns an error Reply or the resolved attachments.
 * @param {any} crm
 * @param {Record<string, any>} m
 * @param {number} i index in `Emails`
 * @param {string} recordKey
 */
function validateAssociate(crm, m, i, recordKey) {
	const p = `$.Emails[${i}]`;
	if (!isObject(m)) return { error: crmItemError('Emails', 400, 'INVALID_DATA', 'invalid data', { api_name: 'Emails', json_path: p, expected_data_type: 'jsonobject' }) };
	for (const key of ['from', 'to', 'subject', 'content', 'date_time', 'sent', 'original_message_id']) {
		if (m[key] === undefined || m[key] === null || m[key] === '' || (key === 'to' && Array.isArray(m.to) && m.to.length === 0)) {
			return { error: mandatory(key, `${p}.${key}`) };
		}
	}
	const fromErr = checkAddress(m.from, `${p}.from`);
	if (fromErr) return { error: fromErr };
	for (const key of ['to', 'cc', 'bcc']) {
		if (m[key] === undefined || m[key] === null) continue;
		const err = checkList(m[key], key, 'Emails');
		if (err) return { error: err };
	}
	if (typeof m.subject !== 'string' || m.subject.length > 250) return { error: invalid('subject', `${p}.subject`) };
	if (typeof m.content !== 'string') return { error: invalid('content', `${p}.content`) };
	if (m.mail_format !== undefined && m.mail_format !== 'html' && m.mail_format !== 'text') return { error: invalid('mail_format', `${p}.mail_format`) };
	const ts = parseIsoDateTime(m.date_time);
	if (ts === null) return { error: invalid('date_time', `${p}.date_time`) };
	if (typeof m.sent !== 'boolean') return { error: invalid('sent', `${p}.sent`) };
	if (typeof m.original_message_id !== 'string') return { error: invalid('original_message_id', `${p}.original_message_id`) };
	const duplicate = (crm.emails[recordKey] || []).some((/** @type {any} */ e) => e._original_message_id === m.original_message_id);
	if (duplicate) {
		return { error: crmItemError('Emails', 400, 'DUPLICATE_DATA', 'duplicate data', { api_name: 'original_message_id', json_path: `${p}.original_message_id` }) };
	}
	const files = m.attachments === undefined || m.attachments === null ? [] : resolveAttachments(m.attachments, crm, 'Emails');
	if (!Array.isArray(files)) return { error: files };
	let owner = crm.user;
	if (m.owner !== undefined && m.owner !== null) {
		const id = isObject(m.owner) ? String(m.owner.id) : '';
		const user = crm.users.find((/** @type {any} */ u) => u.id === id);
		if (!user) return { error: invalid('owner', `${p}.owner`) };
		if (user.id !== crm.user.id && !crm.user.admin) {
			return { error: crmError(403, 'NO_PERMISSION', 'permission denied', { permissions: ['Crm_Implied_Administrator'] }) };
		}
		owner = user;
	}
	if (m.linked_record !== undefined && m.linked_record !== null) {
		const err = checkLinkedRecord(crm, m.linked_record, `${p}.linked_record`);
		if (err) return { error: err };
	}
	return { error: null, files, owner, ts };
}

/**
 * POST /{module}/{record_id}/actions/associate_email — 201 on success; several items are processed one
 * by one (the per-call maximum is undocumented), answering 207 when some fail.
 * @param {any} ctx
 * @param {any} crm
 * @param {string} module
 * @param {string} recordId
 * @returns {Reply}
 */
function associateEmail(ctx, crm, module, recordId) {
	const b = bodyItems(ctx, 'Emails');
	if (b.error) return b.error;
	const recordKey = `${module}/${recordId}`;
	/** @type {any[]} */
	const results = [];
	/** @type {Reply | null} */
	let lastError = null;
	b.items.forEach((m, i) => {
		const v = validateAssociate(crm, m, i, recordKey);
		if (v.error) {
			lastError = v.error;
			const err = /** @type {any} */ (v.error.body);
			results.push(Array.isArray(err.Emails) ? err.Emails[0] : err);
			return;
		}
		const messageId = hex(32);
		const email = makeEmail(crm, {
			message_id: messageId,
			_ts: /** @type {number} */ (v.ts),
			_category: 'user',
			_original_message_id: m.original_message_id,
			subject: m.subject,
			from: m.from,
			to: m.to,
			cc: Array.isArray(m.cc) && m.cc.length ? m.cc : null,
			bcc: Array.isArray(m.bcc) && m.bcc.length ? m.bcc : null,
			owner: { name: v.owner.name, id: v.owner.id },
			sent: m.sent,
			source: 'individual',
			status: [{ type: 'sent' }],
			linked_record: m.linked_record ?? null,
			_content: m.content,
			_mail_format: m.mail_format ?? 'html',
			_attachments: v.files,
		});
		insertEmails(crm, module, recordId, [email]);
		ctx.state.mails.push({ product: 'crm', kind: 'associate', module, recordId, messageId, payload: clone(m) });
		results.push({ code: 'SUCCESS', details: { message_id: messageId }, message: 'Your mail has been added successfully', status: 'success' });
	});
	const failed = results.filter((r) => r.status === 'error').length;
	if (failed === results.length && lastError) {
		const only = /** @type {Reply} */ (lastError);
		return results.length === 1 ? only : { status: only.status, body: { Emails: results } };
	}
	return { status: failed ? 207 : 201, body: { Emails: results } };
}

module.exports = { listEmails, getEmail, downloadAttachment, associateEmail };
