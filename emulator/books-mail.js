// @ts-check
'use strict';

const { booksError, json } = require('./replies');
const { isEmail, isObject, clone, publicView } = require('./values');
const { hex } = require('./ids');
const { booksDate } = require('./zoho-time');
const { ENTITIES, findContact, findTransaction, addComment, addDocumentComment, zohoNow, markEmailed, nextId } = require('./books-model');
const { parseJson } = require('./body');

/**
 * Books email endpoints (reference §5.1–§5.4): contact email, statement email, transaction emails,
 * invoice email schedule, email content previews and the credit-note email history.
 *
 * Validation errors use code 2 "Invalid value passed for <field>" (the shape Books uses for bad
 * parameters; the exact code per field is UNCONFIRMED).
 *
 * @typedef {import('./replies').Reply} Reply
 */

/** @param {string} field */
const badValue = (field) => booksError(400, 2, `Invalid value passed for ${field}`);

/**
 * The JSON payload (plain JSON, or `JSONString` in a multipart/form body) and uploaded `attachments`.
 * @param {any} ctx
 * @returns {{ error: Reply, data?: undefined, files?: undefined } | { error: null, data: Record<string, any>, files: any[] }}
 */
function payload(ctx) {
	if (ctx.bodyError === 'json') return { error: booksError(400, 1038, 'JSON is not well formed') };
	if (ctx.bodyError === 'multipart') return { error: badValue('JSONString') };
	const fields = ctx.multipart ? ctx.multipart.fields : isObject(ctx.body) && typeof ctx.body.JSONString === 'string' ? ctx.body : null;
	const files = ctx.multipart ? ctx.multipart.files.filter((/** @type {any} */ f) => f.field === 'attachments') : [];
	if (fields) {
		if (fields.JSONString === undefined) return { error: null, data: {}, files };
		try {
			const data = parseJson(fields.JSONString);
			if (!isObject(data)) return { error: badValue('JSONString') };
			return { error: null, data, files };
		} catch {
			return { error: booksError(400, 1038, 'JSON is not well formed') };
		}
	}
	if (ctx.body === undefined || ctx.body === null || ctx.body === '') return { error: null, data: {}, files };
	if (!isObject(ctx.body)) return { error: booksError(400, 1038, 'JSON is not well formed') };
	return { error: null, data: ctx.body, files };
}

/**
 * Validates the common email fields; `required` lists the fields that must be present.
 * @param {Record<string, any>} d
 * @param {string[]} required
 * @returns {Reply | null}
 */
function validateEmail(d, required) {
	for (const field of required) {
		const v = d[field];
		if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)) return badValue(field);
	}
	for (const field of ['to_mail_ids', 'cc_mail_ids', 'bcc_mail_ids']) {
		if (d[field] === undefined) continue;
		if (!Array.isArray(d[field]) || !d[field].every(isEmail)) return badValue(field);
	}
	if (d.subject !== undefined && (typeof d.subject !== 'string' || d.subject.length > 1000)) return badValue('subject');
	if (d.body !== undefined && (typeof d.body !== 'string' || d.body.length > 5000)) return badValue('body');
	if (d.send_from_org_email_id !== undefined && typeof d.send_from_org_email_id !== 'boolean') return badValue('send_from_org_email_id');
	return null;
}

/**
 * @param {Record<string, string>} query
 * @param {string[]} names boolean query parameters
 */
function checkBoolParams(query, names) {
	const bad = names.find((n) => query[n] !== undefined && query[n] !== 'true' && query[n] !== 'false');
	return bad ? badValue(bad) : null;
}

/**
 * Records the mail in the emulator's outbox.
 * @param {any} ctx
 * @param {string} entity
 * @param {string} recordId
 * @param {Record<string, any>} data
 * @param {any[]} files
 * @param {string} [kind]
 */
function recordMail(ctx, entity, recordId, data, files, kind = 'books') {
	const messageId = hex(16);
	const attachments = files.map((f) => ({ filename: f.filename, contentType: f.contentType, size: f.size }));
	ctx.state.mails.push({ product: 'books', kind, entity, recordId, organizationId: ctx.orgId, messageId, payload: { ...clone(data), ...(attachments.length ? { attachments } : {}), query: { ...ctx.query } } });
	return messageId;
}

/**
 * POST /contacts/{id}/email
 * @param {any} ctx
 * @param {string} contactId
 * @returns {Reply}
 */
function emailContact(ctx, contactId) {
	const contact = findContact(ctx.org, contactId);
	if (!contact) return booksError(404, 1002, 'Contact does not exist.');
	const p = payload(ctx);
	if (p.error) return p.error;
	const err = checkBoolParams(ctx.query, ['send_customer_statement']) || validateEmail(p.data, ['to_mail_ids', 'subject', 'body']);
	if (err) return err;
	recordMail(ctx, 'contacts', contactId, p.data, p.files);
	addComment(ctx.org, contact, { description: `Email sent to ${p.data.to_mail_ids.join(', ')} with subject "${p.data.subject}"`, transactionType: 'contact', operationType: 'emailed' });
	return json({ code: 0, message: 'Email has been sent.' });
}

/**
 * The default recipients of a contact's mails.
 * @param {any} contact
 */
function toContacts(contact) {
	return contact.contact_persons.map((/** @type {any} */ p) => ({ ...p, selected: true }));
}

/**
 * @param {any} ctx
 * @param {string} contactId
 * @returns {Reply}
 */
function contactEmailContent(ctx, contactId) {
	const contact = findContact(ctx.org, contactId);
	if (!contact) return booksError(404, 1002, 'Contact does not exist.');
	// The spec documents only {code, message}; the data block is UNCONFIRMED.
	return json({ code: 0, message: 'success', data: { to_contacts: toContacts(contact), subject: '', body: '', from_emails: fromEmails(ctx.org), contact_id: contactId } });
}

/** @param {any} org */
function fromEmails(org) {
	return [{ user_name: org.user.name, email: org.user.email, selected: true, organization_contact_id: org.user.user_id, is_org_email_id: true }];
}

/**
 * @param {Record<string, string>} query
 * @returns {Reply | null}
 */
function checkDates(query) {
	for (const name of ['start_date', 'end_date']) {
		if (query[name] !== undefined && !(/^\d{4}-\d{2}-\d{2}$/.test(query[name]) && !Number.isNaN(Date.parse(query[name])))) return badValue(name);
	}
	if (query.start_date && query.end_date && query.start_date > query.end_date) return badValue('end_date');
	return null;
}

/**
 * POST|GET /contacts/{id}/statements/email
 * @param {any} ctx
 * @param {string} contactId
 * @returns {Reply}
 */
function statementEmail(ctx, contactId) {
	const contact = findContact(ctx.org, contactId);
	if (!contact) return booksError(404, 1002, 'Contact does not exist.');
	const dateErr = checkDates(ctx.query);
	if (dateErr) return dateErr;
	const fileName = `statement_${contact.contact_name.replace(/[^A-Za-z0-9]/g, '')}.pdf`;
	if (ctx.method === 'GET') {
		return json({
			code: 0,
			message: 'success',
			data: { body: `Dear ${contact.first_name},<br/>Please find attached your statement of transactions.`, subject: `Statement of transactions with ${ctx.org.info.name}`, to_contacts: toContacts(contact), file_name: fileName, from_emails: fromEmails(ctx.org), contact_id: contactId },
		});
	}
	const p = payload(ctx);
	if (p.error) return p.error;
	// An empty body sends the default content to the contact (reference §5.2).
	const data = Object.keys(p.data).length ? p.data : { to_mail_ids: [contact.email] };
	const err = validateEmail(data, ['to_mail_ids']);
	if (err) return err;
	recordMail(ctx, 'statements', contactId, { ...data, start_date: ctx.query.start_date, end_date: ctx.query.end_date }, p.files);
	addComment(ctx.org, contact, { description: `Statement emailed to ${data.to_mail_ids.join(', ')}`, transactionType: 'statement', operationType: 'emailed' });
	return json({ code: 0, message: 'Statement has been sent to the Customer.' });
}

/**
 * POST /{entity}/{id}/email
 * @param {any} ctx
 * @param {string} entity
 * @param {string} id
 * @returns {Reply}
 */
function emailTransaction(ctx, entity, id) {
	const cfg = ENTITIES[entity];
	const txn = findTransaction(ctx.org, entity, id);
	if (!txn) return booksError(404, 1002, `${cfg.label} does not exist.`);
	const p = payload(ctx);
	if (p.error) return p.error;
	const party = findContact(ctx.org, txn.customer_id || txn.vendor_id);
	// An empty body sends the default template to the customer (reference §5.3).
	const data = Object.keys(p.data).length ? p.data : { to_mail_ids: [party ? party.email : txn.email] };
	const err = checkBoolParams(ctx.query, ['send_customer_statement', 'send_attachment', 'attach_pdf']) || validateEmail(data, cfg.required);
	if (err) return err;
	recordMail(ctx, entity, id, data, p.files);
	const now = zohoNow(ctx.state);
	markEmailed(ctx.org, txn, now);
	addDocumentComment(ctx.org, entity, txn, { description: `${cfg.label} emailed to ${data.to_mail_ids.join(', ')}`, operationType: 'Emailed' });
	if (party) {
		addComment(ctx.org, party, { description: `${cfg.label} ${txn[cfg.numberField]} emailed to ${data.to_mail_ids.join(', ')}`, transactionId: id, transactionType: cfg.one, operationType: 'emailed' });
	}
	if (entity === 'creditnotes') {
		const history = ctx.org.emailHistory[id] || (ctx.org.emailHistory[id] = []);
		history.push({ mailhistory_id: nextId(ctx.org), from: ctx.org.user.email, to_mail_ids: data.to_mail_ids, subject: data.subject || `Credit note ${txn[cfg.numberField]}`, date: booksDate(now, ctx.org.tz) });
	}
	return json({ code: 0, message: cfg.sentMessage }, cfg.sentStatus);
}

/**
 * GET /{entity}/{id}/email — the default email content (invoice-style entities inside `data`, estimates
 * at the top level, as in the spec).
 * @param {any} ctx
 * @param {string} entity
 * @param {string} id
 * @returns {Reply}
 */
function transactionEmailContent(ctx, entity, id) {
	const cfg = ENTITIES[entity];
	const txn = findTransaction(ctx.org, entity, id);
	if (!txn) return booksError(404, 1002, `${cfg.label} does not exist.`);
	const party = findContact(ctx.org, txn.customer_id || txn.vendor_id);
	const number = txn[cfg.numberField];
	const content = {
		subject: `${cfg.label} from ${ctx.org.info.name} (${cfg.label}#: ${number})`,
		body: `Dear ${party ? party.contact_name : 'Customer'},<br/><br/>Thank you for your business. Your ${cfg.label.toLowerCase()} ${number} can be viewed, printed and downloaded as PDF from the link below.<br/><br/>Regards,<br/>${ctx.org.user.name}<br/>${ctx.org.info.name}`,
		from_emails: fromEmails(ctx.org),
		to_contacts: party ? toContacts(party) : [],
		cc_mails_list: [{ user_name: ctx.org.user.name, email: ctx.org.user.email }],
		bcc_mails: [],
		emailtemplates: [{ email_template_id: `${ctx.org.idPrefix}00067`, name: 'Default', selected: true }],
		file_name: `${number}.pdf`,
		attach_pdf: true,
		[cfg.party === 'vendor' ? 'vendor_id' : 'customer_id']: party ? party.contact_id : '',
		[cfg.party === 'vendor' ? 'vendor_name' : 'customer_name']: party ? party.contact_name : '',
		entity_id: id,
		error_list: [],
		deprecated_placeholders_used: [],
		gateways_configured: false,
		gateways_associated: false,
	};
	return json(cfg.contentWrap ? { code: 0, message: 'success', data: content } : { code: 0, message: 'success', ...content });
}

/**
 * POST|DELETE /invoices/{id}/email/schedule
 * @param {any} ctx
 * @param {string} id
 * @returns {Reply}
 */
function scheduleInvoiceEmail(ctx, id) {
	const txn = findTransaction(ctx.org, 'invoices', id);
	if (!txn) return booksError(404, 1002, 'Invoice does not exist.');
	if (ctx.method === 'DELETE') {
		txn.schedule_time = '';
		// UNCONFIRMED wording: the reference only gives "…cancelled."
		return json({ code: 0, message: 'The scheduled invoice email has been cancelled.' });
	}
	const p = payload(ctx);
	if (p.error) return p.error;
	const when = String(p.data.schedule_time ?? '');
	const ms = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?$/.test(when) ? Date.parse(when.replace(' ', 'T')) : NaN;
	if (Number.isNaN(ms) || ms <= Date.now()) return badValue('schedule_time');
	txn.schedule_time = when;
	recordMail(ctx, 'invoices', id, p.data, [], 'scheduled');
	return json({ code: 0, message: 'The invoice email has been scheduled.' });
}

/**
 * GET /creditnotes/{id}/emailhistory
 * @param {any} ctx
 * @param {string} id
 * @returns {Reply}
 */
function creditNoteEmailHistory(ctx, id) {
	if (!findTransaction(ctx.org, 'creditnotes', id)) return booksError(404, 1002, 'Credit Note does not exist.');
	return json({ code: 0, message: 'success', email_history: (ctx.org.emailHistory[id] || []).map(publicView) });
}

module.exports = {
	emailContact,
	contactEmailContent,
	statementEmail,
	emailTransaction,
	transactionEmailContent,
	scheduleInvoiceEmail,
	creditNoteEmailHistory,
	// Shared with the payment reminder endpoints (books-reminders.js).
	payload,
	validateEmail,
	checkBoolParams,
	recordMail,
	toContacts,
	fromEmails,
	badValue,
};
