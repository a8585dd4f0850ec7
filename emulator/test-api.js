// @ts-check
'use strict';

const { parseIsoDateTime, isTimeZone } = require('./zoho-time');
const { publicView, isObject } = require('./values');
const { findModule, findRecord, makeEmail, insertEmails, generateEmails, emailDetailView, storeFile } = require('./crm-model');
const { ENTITIES, findContact, findTransaction, documentComments, nextId, setTimeZone } = require('./books-model');
const { LIST_ORDERS } = require('./books');
const { draftView } = require('./crm-drafts');
const { blockAddress, blockOf } = require('./crm-unblock');
const { createBooksEvents } = require('./books-events');
const { createBooksViews } = require('./books-views');
const { createCrmEngagement } = require('./crm-engagement');

/**
 * `emu.data`: live access to the store plus helpers for tests. Every helper reads the current store, so
 * it stays valid across reset().
 */

/**
 * Turns a test-supplied email (public field names) into stored-email fields.
 * @param {Record<string, any>} e
 */
function emailFields(e) {
	/** @type {Record<string, any>} */
	const fields = {};
	for (const [key, value] of Object.entries(e)) {
		if (key === 'time') {
			const ms = parseIsoDateTime(value);
			if (ms === null) throw new Error(`invalid time ${value}`);
			fields._ts = ms;
		} else if (key === 'content' || key === 'mail_format' || key === 'category' || key === 'original_message_id') {
			fields[`_${key}`] = value;
		} else if (key !== 'attachments') {
			fields[key] = value;
		}
	}
	if (Array.isArray(e.attachments)) {
		fields._attachments = e.attachments.map((/** @type {any} */ a, /** @type {number} */ i) => {
			const data = Buffer.isBuffer(a.data) ? a.data : Buffer.from(String(a.data ?? `attachment ${i + 1}`));
			return { id: a.id || `${Date.now().toString(16)}${i}`.padEnd(64, '0'), name: a.name || `file${i + 1}.txt`, size: data.length, contentType: a.contentType || 'application/octet-stream', data };
		});
	}
	return fields;
}

/** @param {any} state */
function createData(state) {
	/** @param {string} module @param {string} recordId */
	const crmRecord = (module, recordId) => {
		const crm = state.store.crm;
		if (!findModule(crm, module)) throw new Error(`unknown CRM module ${module}`);
		const record = findRecord(crm, module, String(recordId));
		if (!record) throw new Error(`unknown ${module} record ${recordId}`);
		return record;
	};
	/** @param {string} orgId */
	const org = (orgId) => {
		const o = state.store.books.orgs[orgId];
		if (!o) throw new Error(`unknown Books organization ${orgId}`);
		return o;
	};
	return {
		/** The raw mutable store `{crm, bigin, books}`. */
		get store() {
			return state.store;
		},
		crm: {
			get user() {
				return state.store.crm.user;
			},
			/** @param {string} module */
			records: (module) => state.store.crm.records[module] || [],
			/** @param {string} module @param {string} id */
			record: (module, id) => findRecord(state.store.crm, module, String(id)),
			/**
			 * Emails of a record, newest first, in the single-email shape (with content, attachments).
			 * @param {string} module @param {string} recordId
			 */
			emails: (module, recordId) => [...(state.store.crm.emails[`${module}/${recordId}`] || [])].reverse().map(emailDetailView),
			/**
			 * Adds generated emails (a count) or given ones; returns them in the single-email shape, newest last.
			 * @param {string} module @param {string} recordId @param {number | Array<Record<string, any>>} countOrEmails
			 */
			addEmails: (module, recordId, countOrEmails) => {
				const crm = state.store.crm;
				const record = crmRecord(module, recordId);
				if (typeof countOrEmails === 'number') {
					if (!Number.isInteger(countOrEmails) || countOrEmails < 1) throw new Error('count must be a positive integer');
					return generateEmails(crm, module, record, countOrEmails).map(emailDetailView);
				}
				if (!Array.isArray(countOrEmails) || !countOrEmails.every(isObject)) throw new Error('emails must be an array of objects');
				const newest = (crm.emails[`${module}/${record.id}`] || []).reduce((/** @type {number} */ m, /** @type {any} */ e) => Math.max(m, e._ts), 0);
				const base = Math.max(newest + 1000, Math.ceil(Date.now() / 1000) * 1000 - (countOrEmails.length - 1) * 1000);
				const emails = countOrEmails.map((e, i) => makeEmail(crm, { _ts: base + i * 1000, ...emailFields(e) }));
				insertEmails(crm, module, record.id, emails);
				return emails.map(emailDetailView);
			},
			/** Files uploaded to CRM's ZFS (without bytes). */
			files: () => [...state.store.crm.files.values()].map(({ data: _data, ...f }) => f),
			/** Stores a file as if uploaded; returns its id. @param {{ name: string, data: Buffer | string, contentType?: string, type?: string }} f */
			addFile: (f) => storeFile(state.store.crm, { name: f.name, contentType: f.contentType || 'application/octet-stream', data: Buffer.isBuffer(f.data) ? f.data : Buffer.from(f.data), type: f.type }),
			/**
			 * Email drafts of a record, oldest first, in the Get Email Drafts shape.
			 * @param {string} module @param {string} recordId
			 */
			drafts: (module, recordId) => (state.store.crm.emails[`${module}/${recordId}`] || []).filter((/** @type {any} */ e) => e._category === 'draft').map(draftView),
			/** Blocks an address as after a bounce (send_mail skips it). @param {string} address @param {{ permanent?: boolean, reason?: string }} [opts] */
			blockEmail: (address, opts) => blockAddress(state.store.crm, address, opts),
			/** Whether an address is blocked now. @param {string} address */
			isBlocked: (address) => blockOf(state.store.crm, address) !== undefined,
			/** Makes the token user an admin (default) or not (associate_email with another owner -> 403). @param {boolean} admin */
			setAdmin: (admin) => {
				state.store.crm.user.admin = admin;
			},
			// openEmail, bounceEmail, replyToEmail
			...createCrmEngagement(state),
		},
		bigin: {
			/** @param {string} module */
			records: (module) => state.store.bigin.records[module] || [],
			files: () => [...state.store.bigin.files.values()].map(({ data: _data, ...f }) => f),
			/** @param {{ name: string, data: Buffer | string, contentType?: string }} f */
			addFile: (f) => storeFile(state.store.bigin, { name: f.name, contentType: f.contentType || 'application/octet-stream', data: Buffer.isBuffer(f.data) ? f.data : Buffer.from(f.data) }),
		},
		books: {
			entities: Object.keys(ENTITIES),
			organizations: () => Object.values(state.store.books.orgs).map((/** @type {any} */ o) => ({ ...o.info })),
			/** @param {string} orgId */
			contacts: (orgId) => org(orgId).contacts,
			/** @param {string} orgId @param {string} contactId */
			contact: (orgId, contactId) => findContact(org(orgId), contactId),
			/** @param {string} orgId @param {string} entity e.g. `invoices` */
			transactions: (orgId, entity) => {
				if (!(entity in ENTITIES)) throw new Error(`unknown Books entity ${entity}`);
				return org(orgId)[entity];
			},
			/** @param {string} orgId @param {string} entity @param {string} id */
			transaction: (orgId, entity, id) => findTransaction(org(orgId), entity, id),
			/** Contact "Comments & History", oldest first. @param {string} orgId @param {string} contactId */
			comments: (orgId, contactId) => (org(orgId).comments[contactId] || []).map(publicView),
			/** @param {string} orgId @param {string} creditnoteId */
			emailHistory: (orgId, creditnoteId) => org(orgId).emailHistory[creditnoteId] || [],
			/**
			 * Adds `count` copies of the organization's first document of `entity` under new IDs and
			 * numbers (for bulk calls and load tests); returns the new IDs.
			 * @param {string} orgId @param {string} entity @param {number} count
			 */
			addTransactions: (orgId, entity, count) => {
				const cfg = ENTITIES[entity];
				const o = org(orgId);
				if (!cfg || !o[entity].length) throw new Error(`no ${entity} to copy`);
				return Array.from({ length: count }, (_, k) => {
					const id = nextId(o);
					o[entity].push({ ...structuredClone(o[entity][0]), [cfg.idField]: id, [cfg.numberField]: `${cfg.numberPrefix}B${String(k + 1).padStart(4, '0')}` });
					return id;
				});
			},
			/**
			 * How transaction lists are ordered from now on (until reset): `asked` (default), `newestUnnamed`,
			 * `oldestFirst`, `unsorted` or `risingPages` (books.js LIST_ORDERS).
			 * @param {string} order
			 */
			setListOrder: (order) => {
				if (!LIST_ORDERS.includes(order)) throw new Error(`unknown list order ${order}: one of ${LIST_ORDERS.join(', ')}`);
				state.store.books.listOrder = order;
			},
			/**
			 * Moves an organization to a time zone (an IANA name such as `America/Los_Angeles`): its `time_zone`,
			 * and the zone its documents' times and dates are written in (those stored are written again).
			 * @param {string} orgId @param {string} zone
			 */
			setTimeZone: (orgId, zone) => {
				if (!isTimeZone(zone)) throw new Error(`unknown time zone ${zone}`);
				setTimeZone(org(orgId), zone);
			},
			/** A document's "Comments & History", newest first. @param {string} orgId @param {string} entity @param {string} id */
			documentComments: (orgId, entity, id) => documentComments(org(orgId), entity, id).map(publicView),
			// addDocument, emailDocument, remindInvoice, addDocumentComment
			...createBooksEvents(state),
			// viewDocument
			...createBooksViews(state),
		},
	};
}

module.exports = { createData };
