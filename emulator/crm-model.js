// @ts-check
'use strict';

const crypto = require('node:crypto');
const { crmTime, hex, isObject, publicView } = require('./util');

/**
 * The CRM/Bigin record store model: module metadata, records, the per-record Emails related list and
 * the file store (ZFS). Stored emails keep the API fields plus internal `_` fields (category, body,
 * attachments) that only the single-email view and downloads expose.
 *
 * @typedef {{ api_name: string, module_name: string, singular_label: string, plural_label: string, id: string,
 *   api_supported: boolean, generated_type: string, sendMail: boolean, emails: boolean, associate: boolean, inventory: boolean }} ModuleMeta
 * @typedef {{ id: string, name: string, size: number, contentType: string, data: Buffer, type?: string }} StoredFile
 * @typedef {Record<string, any>} StoredEmail
 */

/**
 * Deterministic hex of a given length from a label (fixed seed ids).
 * @param {string} label
 * @param {number} length
 */
function seedHex(label, length) {
	let out = '';
	for (let i = 0; out.length < length; i++) {
		out += crypto.createHash('sha256').update(`${label}#${i}`).digest('hex');
	}
	return out.slice(0, length);
}

/**
 * @param {string} api_name
 * @param {string} singular
 * @param {string} plural
 * @param {string} id
 * @param {Partial<ModuleMeta>} [flags]
 * @returns {ModuleMeta}
 */
function moduleMeta(api_name, singular, plural, id, flags = {}) {
	return {
		api_name,
		module_name: api_name,
		singular_label: singular,
		plural_label: plural,
		id,
		api_supported: true,
		generated_type: 'default',
		sendMail: false,
		emails: false,
		associate: false,
		inventory: false,
		...flags,
	};
}

/**
 * Case-sensitive module lookup (Zoho module API names are case-sensitive in paths).
 * @param {{ modules: ModuleMeta[] }} product
 * @param {string} apiName
 */
function findModule(product, apiName) {
	return product.modules.find((m) => m.api_name === apiName && m.api_supported) || null;
}

/**
 * @param {{ records: Record<string, any[]> }} product
 * @param {string} module
 * @param {string} id
 */
function findRecord(product, module, id) {
	return (product.records[module] || []).find((r) => r.id === id) || null;
}

/**
 * Best recipient address for a record: its Email, else its contact's.
 * @param {any} crm
 * @param {Record<string, any>} record
 */
function recordAddress(crm, record) {
	if (record.Email) return { user_name: record.Full_Name || record.Account_Name || record.Name || '', email: record.Email };
	const contactId = isObject(record.Contact_Name) ? record.Contact_Name.id : null;
	const contact = contactId ? findRecord(crm, 'Contacts', contactId) : null;
	if (contact && contact.Email) return { user_name: contact.Full_Name, email: contact.Email };
	return { user_name: 'Info', email: 'info@example.com' };
}

/**
 * Builds a stored email from partial fields.
 * @param {any} crm the CRM store
 * @param {Record<string, any>} fields API fields and/or `_` internal fields; `_ts` (ms) sets the time
 * @returns {StoredEmail}
 */
function makeEmail(crm, fields) {
	const ts = typeof fields._ts === 'number' ? fields._ts : Date.now();
	const user = crm.user;
	const category = fields._category || (fields.sent === false ? 'user' : 'sent_from_crm');
	/** @type {StoredEmail} */
	const email = {
		cc: null,
		bcc: null,
		has_thread_attachment: false,
		summary: null,
		owner: { name: user.name, id: user.id },
		read: true,
		subject: 'Hello',
		message_id: hex(32),
		has_attachment: false,
		source: category === 'user' ? 'individual' : 'crm',
		sent: category !== 'user',
		intent: null,
		sentiment_info: null,
		emotion: null,
		linked_record: null,
		related_to_record: null,
		from: { user_name: user.name, email: user.email },
		to: [{ user_name: 'Info', email: 'info@example.com' }],
		reply_to: null,
		// Documented status types are sent/opened/bounced; `scheduled` and `draft` are UNCONFIRMED.
		status: [{ type: category === 'scheduled' ? 'scheduled' : category === 'draft' ? 'draft' : 'sent' }],
		_content: '<div>Hello</div>',
		_mail_format: 'html',
		_attachments: [],
		_editable: category === 'draft' || category === 'scheduled',
		...fields,
		_category: category,
		_ts: ts,
		time: crmTime(ts),
	};
	email._thread_id = email._thread_id || seedHex(`thread:${email.message_id}`, 11).replace(/[a-f]/g, '7');
	email.has_attachment = email._attachments.length > 0;
	return email;
}

/**
 * Inserts emails into a record's list, keeping the list ordered oldest first.
 * @param {any} crm
 * @param {string} module
 * @param {string} recordId
 * @param {StoredEmail[]} emails
 */
function insertEmails(crm, module, recordId, emails) {
	const key = `${module}/${recordId}`;
	const list = crm.emails[key] || (crm.emails[key] = []);
	list.push(...emails);
	list.sort((/** @type {StoredEmail} */ a, /** @type {StoredEmail} */ b) => a._ts - b._ts);
}

/**
 * The list-view shape of a stored email.
 * @param {StoredEmail} email
 * @returns {Record<string, any>}
 */
function emailListView(email) {
	const out = publicView(email);
	delete out.reply_to;
	return out;
}

/**
 * The single-email shape (adds content, format, attachments with string sizes).
 * @param {StoredEmail} email
 * @returns {Record<string, any>}
 */
function emailDetailView(email) {
	return {
		...publicView(email),
		attachments: email._attachments.map((/** @type {StoredFile} */ a) => ({ size: String(a.size), name: a.name, id: a.id })),
		editable: email._editable,
		mail_format: email._mail_format,
		content: email._content,
		sent_time: email.time,
		thread_id: email._thread_id,
		reply_to: email.reply_to || { user_name: null, email: '' },
	};
}

/**
 * Generates `count` plausible emails for a record, each newer than the newest existing one.
 * @param {any} crm
 * @param {string} module
 * @param {Record<string, any>} record
 * @param {number} count
 * @param {number} [startMs] time of the first one
 */
function generateEmails(crm, module, record, count, startMs) {
	const existing = crm.emails[`${module}/${record.id}`] || [];
	const newest = existing.length ? existing[existing.length - 1]._ts : 0;
	// Added emails end at the current second (rounded up) so a poller's watermark never hides them.
	const base = startMs ?? Math.max(newest + 1000, Math.ceil(Date.now() / 1000) * 1000 - (count - 1) * 1000);
	const step = startMs === undefined ? 1000 : 2 * 24 * 3600 * 1000 + 3_600_000;
	const to = recordAddress(crm, record);
	const topics = ['Quick follow-up', 'Pricing details', 'Meeting notes', 'Contract draft', 'Re: Delivery schedule', 'Thanks for your time'];
	/** @type {StoredEmail[]} */
	const out = [];
	for (let i = 0; i < count; i++) {
		const received = i % 5 === 4;
		const label = `${module}/${record.id}/${existing.length + i}/${startMs ?? 'gen'}`;
		const me = { user_name: crm.user.name, email: crm.user.email };
		out.push(
			makeEmail(crm, {
				_ts: Math.floor((base + i * step) / 1000) * 1000,
				message_id: startMs === undefined ? hex(32) : seedHex(label, 64),
				subject: `${topics[(existing.length + i) % topics.length]} (${existing.length + i + 1})`,
				sent: !received,
				_category: received ? 'user' : 'sent_from_crm',
				from: received ? to : me,
				to: [received ? me : to],
				read: !received || i % 2 === 0,
				status: received ? [{ type: 'sent' }] : i % 7 === 3 ? [{ type: 'opened', first_open: crmTime(base + i * step + 600000), last_open: crmTime(base + i * step + 900000), count: '2' }] : [{ type: 'sent' }],
				_content: `<div>Hi ${to.user_name},<br/>${topics[(existing.length + i) % topics.length]}.<br/>Regards</div>`,
			}),
		);
	}
	insertEmails(crm, module, record.id, out);
	return out;
}

/**
 * Stores an uploaded file in a product's ZFS store and returns its encrypted-looking id.
 * @param {{ files: Map<string, StoredFile> }} product
 * @param {{ name: string, contentType: string, data: Buffer, type?: string }} file
 */
function storeFile(product, file) {
	const id = hex(32);
	product.files.set(id, { id, name: file.name, size: file.data.length, contentType: file.contentType, data: file.data, type: file.type });
	return id;
}

module.exports = {
	seedHex,
	moduleMeta,
	findModule,
	findRecord,
	recordAddress,
	makeEmail,
	insertEmails,
	emailListView,
	emailDetailView,
	generateEmails,
	storeFile,
};
