// @ts-check
'use strict';

const { booksTime, booksDate, booksClock } = require('./zoho-time');

/**
 * Books entity table (reference §5.3) and small store helpers shared by the seed and the routes.
 *
 * @typedef {{ listKey: string, one: string, idField: string, numberField: string, numberPrefix: string, label: string,
 *   scope: string, party: 'customer' | 'vendor', sentMessage: string, sentStatus: number, required: string[],
 *   contentWrap: boolean, hasGetEmail: boolean }} EntityConfig
 */

/** @type {Record<string, EntityConfig>} */
const ENTITIES = {
	invoices: { listKey: 'invoices', one: 'invoice', idField: 'invoice_id', numberField: 'invoice_number', numberPrefix: 'INV-', label: 'Invoice', scope: 'invoices', party: 'customer', sentMessage: 'Your invoice has been sent.', sentStatus: 200, required: ['to_mail_ids'], contentWrap: true, hasGetEmail: true },
	estimates: { listKey: 'estimates', one: 'estimate', idField: 'estimate_id', numberField: 'estimate_number', numberPrefix: 'EST-', label: 'Estimate', scope: 'estimates', party: 'customer', sentMessage: 'Your estimate has been sent.', sentStatus: 200, required: ['to_mail_ids'], contentWrap: false, hasGetEmail: true },
	salesorders: { listKey: 'salesorders', one: 'salesorder', idField: 'salesorder_id', numberField: 'salesorder_number', numberPrefix: 'SO-', label: 'Sales Order', scope: 'salesorders', party: 'customer', sentMessage: 'Your Sales Order has been sent.', sentStatus: 201, required: ['to_mail_ids', 'subject', 'body'], contentWrap: true, hasGetEmail: true },
	purchaseorders: { listKey: 'purchaseorders', one: 'purchaseorder', idField: 'purchaseorder_id', numberField: 'purchaseorder_number', numberPrefix: 'PO-', label: 'Purchase Order', scope: 'purchaseorders', party: 'vendor', sentMessage: 'Your purchase order has been sent.', sentStatus: 201, required: ['to_mail_ids', 'body'], contentWrap: true, hasGetEmail: true },
	creditnotes: { listKey: 'creditnotes', one: 'creditnote', idField: 'creditnote_id', numberField: 'creditnote_number', numberPrefix: 'CN-', label: 'Credit Note', scope: 'creditnotes', party: 'customer', sentMessage: 'Your creditnote has been sent.', sentStatus: 200, required: ['to_mail_ids', 'subject', 'body'], contentWrap: true, hasGetEmail: true },
	retainerinvoices: { listKey: 'retainerinvoices', one: 'retainerinvoice', idField: 'retainerinvoice_id', numberField: 'retainerinvoice_number', numberPrefix: 'RET-', label: 'Retainer Invoice', scope: 'invoices', party: 'customer', sentMessage: 'Your retainer invoice has been sent.', sentStatus: 200, required: ['to_mail_ids'], contentWrap: true, hasGetEmail: true },
	// Sales receipts: list key `sales_receipts`, id `sales_receipt_id`, number `receipt_number` (UNCONFIRMED
	// field names); the reference lists no GET …/email for them.
	salesreceipts: { listKey: 'sales_receipts', one: 'sales_receipt', idField: 'sales_receipt_id', numberField: 'receipt_number', numberPrefix: 'SR-', label: 'Sales Receipt', scope: 'invoices', party: 'customer', sentMessage: 'Your Sales Receipt has been sent.', sentStatus: 201, required: ['to_mail_ids', 'subject', 'body'], contentWrap: true, hasGetEmail: false },
	// Vendor payments (Payments Made): list `vendorpayments`, id `payment_id`, number `payment_number`; the
	// email content is at the top level of GET …/email (vendor-payments.json).
	vendorpayments: { listKey: 'vendorpayments', one: 'vendorpayment', idField: 'payment_id', numberField: 'payment_number', numberPrefix: 'VP-', label: 'Vendor Payment', scope: 'vendorpayments', party: 'vendor', sentMessage: 'Your vendor payment receipt has been sent.', sentStatus: 200, required: ['to_mail_ids', 'subject', 'body'], contentWrap: false, hasGetEmail: true },
};

/**
 * @param {any} org a Books organization's data
 * @param {string} contactId
 */
function findContact(org, contactId) {
	return org.contacts.find((/** @type {any} */ c) => c.contact_id === contactId) || null;
}

/**
 * @param {any} org
 * @param {string} entity key of ENTITIES
 * @param {string} id
 */
function findTransaction(org, entity, id) {
	const cfg = ENTITIES[entity];
	return org[entity].find((/** @type {any} */ t) => t[cfg.idField] === id) || null;
}

/** @param {any} org */
function nextId(org) {
	org.seq += 1;
	return `${org.idPrefix}${String(org.seq).padStart(5, '0')}`;
}

/**
 * Adds a "Comments & History" entry to a contact.
 * @param {any} org
 * @param {any} contact
 * @param {{ description: string, transactionId?: string, transactionType?: string, operationType?: string, ms?: number }} entry
 */
function addComment(org, contact, entry) {
	const ms = entry.ms ?? Date.now();
	const list = org.comments[contact.contact_id] || (org.comments[contact.contact_id] = []);
	const comment = {
		comment_id: nextId(org),
		contact_id: contact.contact_id,
		contact_name: contact.contact_name,
		description: entry.description,
		commented_by_id: org.user.user_id,
		commented_by: org.user.name,
		date: booksDate(ms, org.tz),
		date_description: entry.ms === undefined ? 'few seconds ago' : booksDate(ms, org.tz),
		time: booksClock(ms, org.tz),
		transaction_id: entry.transactionId || '',
		transaction_type: entry.transactionType || 'contact',
		is_entity_deleted: false,
		operation_type: entry.operationType || 'added',
		_ts: ms,
	};
	list.push(comment);
	return comment;
}

/**
 * Adds a "Comments & History" entry to a document (invoice, estimate, order, …), in the shape of Zoho's
 * `GET /{entity}/{id}/comments` (reference §5.4). The wording of Zoho's own system entries for an email
 * is UNCONFIRMED; the emulator writes "<Label> emailed to <addresses>".
 * @param {any} org
 * @param {string} entity key of ENTITIES
 * @param {any} txn
 * @param {{ description: string, operationType: string, ms?: number }} entry
 */
function addDocumentComment(org, entity, txn, entry) {
	const cfg = ENTITIES[entity];
	const ms = entry.ms ?? Date.now();
	const all = org.documentComments || (org.documentComments = {});
	const key = `${entity}/${txn[cfg.idField]}`;
	const list = all[key] || (all[key] = []);
	// A sequence of its own, so the seed's other IDs stay what they were before documents had history.
	org.documentCommentSeq = (org.documentCommentSeq || 80000) + 1;
	const comment = {
		comment_id: `${org.idPrefix}${org.documentCommentSeq}`,
		[cfg.idField]: txn[cfg.idField],
		description: entry.description,
		commented_by_id: org.user.user_id,
		commented_by: org.user.name,
		comment_type: 'system',
		operation_type: entry.operationType,
		date: booksDate(ms, org.tz),
		date_description: entry.ms === undefined ? 'few seconds ago' : booksDate(ms, org.tz),
		time: booksClock(ms, org.tz),
		transaction_id: txn[cfg.idField],
		transaction_type: cfg.one,
		_ts: ms,
	};
	list.push(comment);
	return comment;
}

/**
 * A document's "Comments & History", newest first.
 * @param {any} org
 * @param {string} entity
 * @param {string} id
 */
function documentComments(org, entity, id) {
	const list = (org.documentComments || {})[`${entity}/${id}`] || [];
	return list
		.map((/** @type {any} */ c, /** @type {number} */ i) => ({ c, i }))
		.sort((/** @type {any} */ a, /** @type {any} */ b) => b.c._ts - a.c._ts || b.i - a.i)
		.map((/** @type {any} */ x) => x.c);
}

/**
 * Zoho's clock: the emulator's (`emu.setClock`) when set, so that Books data and every response's `Date`
 * header agree; the real clock otherwise.
 * @param {any} state the emulator's state
 */
function zohoNow(state) {
	return state && typeof state.clockMs === 'number' ? state.clockMs : Date.now();
}

/**
 * Marks a transaction as emailed at `ms`, in its organization's time zone.
 * @param {any} org
 * @param {any} txn
 * @param {number} [ms]
 */
function markEmailed(org, txn, ms = Date.now()) {
	txn.is_emailed = true;
	txn.last_modified_time = booksTime(ms, org.tz);
	txn._modifiedTs = ms;
}

/** Invoice statuses a payment reminder can be sent for: Zoho reminds of unpaid (open or overdue) invoices. */
const REMINDABLE = ['sent', 'overdue', 'partially_paid', 'unpaid', 'viewed'];

/**
 * Records a payment reminder on an invoice: `reminders_sent` + 1, `last_reminder_sent_date` today,
 * `last_modified_time` now. UNCONFIRMED: that Zoho moves `last_modified_time` when it sends a reminder
 * (the trigger's reminder event relies on it, as its emailed event does for emailing).
 * @param {any} org
 * @param {any} txn an invoice
 * @param {number} [ms]
 */
function markReminded(org, txn, ms = Date.now()) {
	txn.reminders_sent = Number(txn.reminders_sent || 0) + 1;
	txn.last_reminder_sent_date = booksDate(ms, org.tz);
	txn.last_modified_time = booksTime(ms, org.tz);
	txn._modifiedTs = ms;
}

/**
 * Moves an organization to another time zone: `time_zone` (what GET /organizations shows) and the zone
 * its documents' times are written in from now on; the times already stored are written again in it.
 * @param {any} org
 * @param {string} zone an IANA name
 */
function setTimeZone(org, zone) {
	org.tz = zone;
	org.info.time_zone = zone;
	for (const entity of Object.keys(ENTITIES)) {
		for (const txn of org[entity]) {
			if (typeof txn._createdTs === 'number') txn.created_time = booksTime(txn._createdTs, zone);
			if (typeof txn._modifiedTs === 'number') txn.last_modified_time = booksTime(txn._modifiedTs, zone);
			if (typeof txn._viewedTs === 'number') txn.client_viewed_time = booksTime(txn._viewedTs, zone);
		}
	}
}

module.exports = { ENTITIES, REMINDABLE, findContact, findTransaction, nextId, addComment, addDocumentComment, documentComments, zohoNow, markEmailed, markReminded, setTimeZone };
