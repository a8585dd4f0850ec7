// @ts-check
'use strict';

const { booksError, json } = require('./replies');
const { isObject, publicView } = require('./values');
const { hex } = require('./ids');
const { ENTITIES, REMINDABLE, findContact, findTransaction, addComment, addDocumentComment, documentComments, zohoNow, markEmailed, markReminded } = require('./books-model');

/**
 * Books bulk email (`POST /invoices/email`, `POST /estimates/email`), bulk payment reminders
 * (`POST /invoices/paymentreminder`) and documents' "Comments & History" (`GET /{entity}/{id}/comments`),
 * reference §5.3–§5.4, from Zoho's Books OpenAPI files (invoices.yml, estimates.yml, …).
 *
 * @typedef {import('./replies').Reply} Reply
 */

/** Zoho Books takes at most 10 documents per bulk call (invoices.yml, estimates.yml). */
const BULK_MAX = 10;

/** Success messages of the bulk email calls, from the spec's samples. */
const BULK_SENT = {
	invoices: 'Your mails are scheduled to be sent in a few minutes. We will notify you once it is done.',
	estimates: "Mission accomplished! We've sent all the estimates.",
};

/**
 * The documents named in `<idField>s`: all must exist, at most 10, or the whole call is refused
 * before anything is sent. UNCONFIRMED: the codes and statuses for a bad list (code 2, as for other
 * bad parameters) and for an unknown ID (1002, as for single documents).
 * @param {any} ctx
 * @param {string} entity
 * @returns {{ error: Reply, txns?: undefined } | { error: null, txns: any[] }}
 */
function documentsOf(ctx, entity) {
	const cfg = ENTITIES[entity];
	const param = `${cfg.idField}s`;
	const raw = ctx.query[param];
	const ids = typeof raw === 'string' ? raw.split(',') : [];
	if (!ids.length || ids.some((id) => !/^\d{1,25}$/.test(id)) || ids.length > BULK_MAX) return { error: booksError(400, 2, `Invalid value passed for ${param}`) };
	const txns = [];
	for (const id of ids) {
		const txn = findTransaction(ctx.org, entity, id);
		if (!txn) return { error: booksError(404, 1002, `${cfg.label} does not exist.`) };
		txns.push(txn);
	}
	return { error: null, txns };
}

/**
 * Logs one mail to the outbox and the histories of the document and its customer.
 * @param {any} ctx
 * @param {string} entity
 * @param {any} txn
 * @param {'bulk' | 'reminder'} kind
 */
function deliver(ctx, entity, txn, kind) {
	const cfg = ENTITIES[entity];
	const id = txn[cfg.idField];
	const party = findContact(ctx.org, txn.customer_id || txn.vendor_id);
	const to = party ? [party.email] : [txn.email];
	ctx.state.mails.push({ product: 'books', kind, entity, recordId: id, organizationId: ctx.orgId, messageId: hex(16), payload: { to_mail_ids: to, query: { ...ctx.query } } });
	const what = kind === 'reminder' ? 'Payment reminder' : cfg.label;
	const verb = kind === 'reminder' ? 'sent' : 'emailed';
	addDocumentComment(ctx.org, entity, txn, { description: `${what} ${verb} to ${to.join(', ')}`, operationType: kind === 'reminder' ? 'Reminded' : 'Emailed' });
	if (party) addComment(ctx.org, party, { description: `${what} for ${cfg.label} ${txn[cfg.numberField]} ${verb} to ${to.join(', ')}`, transactionId: id, transactionType: cfg.one, operationType: 'emailed' });
}

/**
 * POST /invoices/email?invoice_ids=… or /estimates/email?estimate_ids=…; the optional invoice body
 * `{contacts: [{contact_id, email, snail_mail}]}` is checked for shape only.
 * @param {any} ctx
 * @param {'invoices' | 'estimates'} entity
 * @returns {Reply}
 */
function bulkEmail(ctx, entity) {
	if (ctx.bodyError === 'json' || (ctx.body !== undefined && ctx.body !== null && ctx.body !== '' && !isObject(ctx.body))) return booksError(400, 1038, 'JSON is not well formed');
	if (isObject(ctx.body) && ctx.body.contacts !== undefined && !Array.isArray(ctx.body.contacts)) return booksError(400, 2, 'Invalid value passed for contacts');
	const docs = documentsOf(ctx, entity);
	if (docs.error) return docs.error;
	for (const txn of docs.txns) {
		deliver(ctx, entity, txn, 'bulk');
		markEmailed(ctx.org, txn, zohoNow(ctx.state));
	}
	return json({ code: 0, message: BULK_SENT[entity] });
}

/**
 * POST /invoices/paymentreminder?invoice_ids=… → 201 with `info.email_success_info` and, for the
 * invoices that are not open or overdue, `info.email_errors_info` (shape from the spec's sample; the
 * refusal message and `info.code` 4083 appearing only with refusals are UNCONFIRMED).
 * @param {any} ctx
 * @returns {Reply}
 */
function bulkReminder(ctx) {
	const docs = documentsOf(ctx, 'invoices');
	if (docs.error) return docs.error;
	/** @type {string[]} */
	const refused = [];
	let sent = 0;
	for (const txn of docs.txns) {
		if (!REMINDABLE.includes(txn.status)) {
			refused.push(txn.invoice_id);
			continue;
		}
		deliver(ctx, 'invoices', txn, 'reminder');
		markReminded(ctx.org, txn, zohoNow(ctx.state));
		sent++;
	}
	const info = {
		email_success_info: { message: sent ? 'The reminders were successfully sent' : 'No reminders were sent', sent_count: sent },
		...(refused.length ? { email_errors_info: [{ message: 'Reminders can be sent only for invoices in the open or overdue status.', ids: refused }], code: 4083 } : {}),
	};
	return json({ code: 0, message: 'success', info }, 201);
}

/**
 * GET /{entity}/{id}/comments, newest first, not paged (the spec declares no page parameters).
 * @param {any} ctx
 * @param {string} entity
 * @param {string} id
 * @returns {Reply}
 */
function listDocumentComments(ctx, entity, id) {
	const cfg = ENTITIES[entity];
	if (!findTransaction(ctx.org, entity, id)) return booksError(404, 1002, `${cfg.label} does not exist.`);
	return json({ code: 0, message: 'success', comments: documentComments(ctx.org, entity, id).map(publicView) });
}

/** Entities with "Comments & History" (`GET /{entity}/{id}/comments`) in the spec. */
const WITH_COMMENTS = ['invoices', 'estimates', 'salesorders', 'purchaseorders', 'retainerinvoices'];

module.exports = { bulkEmail, bulkReminder, listDocumentComments, WITH_COMMENTS };
