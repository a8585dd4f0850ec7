// @ts-check
'use strict';

const { booksError, json } = require('./replies');
const { REMINDABLE, findContact, findTransaction, addComment, zohoNow, markReminded } = require('./books-model');
const mail = require('./books-mail');

/**
 * Payment reminders of one invoice (Zoho Books API reference, Invoices: "Remind Customer", "Get payment
 * reminder mail content", "Enable/Disable payment reminder"; ../shared/oas/books-v3/invoices.json):
 * POST|GET /invoices/{id}/paymentreminder and POST /invoices/{id}/paymentreminder/enable|disable.
 *
 * @typedef {import('./replies').Reply} Reply
 */

/**
 * @param {any} ctx
 * @param {string} id
 */
function invoiceOf(ctx, id) {
	return findTransaction(ctx.org, 'invoices', id);
}

/**
 * The reminder email Zoho would send (`data`, as in the spec's get-payment-reminder-mail-content-response).
 * @param {any} ctx
 * @param {any} txn
 */
function reminderContent(ctx, txn) {
	const party = findContact(ctx.org, txn.customer_id);
	const number = txn.invoice_number;
	const amount = `${ctx.org.info.currency_symbol}${Number(txn.balance).toFixed(2)}`;
	return {
		subject: `Payment reminder for Invoice ${number} from ${ctx.org.info.name}`,
		body: `<br>Dear ${party ? party.contact_name : 'Customer'},&nbsp;<br><br>You might have missed the payment date of invoice ${number}.<br><br><b>&nbsp;Due Date : ${txn.due_date}</b><br><b>&nbsp;Amount : ${amount}</b><br><br>If you have already paid, please accept our apologies and kindly ignore this payment reminder.<br><br>Regards,<br>${ctx.org.user.name}<br>${ctx.org.info.name}<br>`,
		from_emails: mail.fromEmails(ctx.org),
		to_contacts: party ? mail.toContacts(party) : [],
		cc_mails_list: [{ user_name: ctx.org.user.name, email: ctx.org.user.email }],
		bcc_mails: [],
		to_mails_str: '',
		cc_mails_str: '',
		bcc_mails_str: '',
		from_email: '',
		from_address: '',
		emailtemplates: [{ email_template_id: `${ctx.org.idPrefix}00071`, name: 'Reminder for overdue invoices', selected: true }],
		emailtemplate_documents: [],
		documents: '',
		file_name: `${number}.pdf`,
		file_name_without_extension: number,
		attachment_name: '',
		attach_pdf: true,
		customer_id: party ? party.contact_id : '',
		customer_name: party ? party.contact_name : '',
		entity_id: txn.invoice_id,
		error_list: [],
		deprecated_placeholders_used: [],
		gateways_configured: false,
		gateways_associated: false,
	};
}

/**
 * GET /invoices/{id}/paymentreminder
 * @param {any} ctx
 * @param {string} id
 * @returns {Reply}
 */
function reminderEmailContent(ctx, id) {
	const txn = invoiceOf(ctx, id);
	if (!txn) return booksError(404, 1002, 'Invoice does not exist.');
	return json({ code: 0, message: 'success', data: reminderContent(ctx, txn) });
}

/**
 * POST /invoices/{id}/paymentreminder[?send_customer_statement=true] — JSON, or multipart with
 * `JSONString` and `attachments`. The spec marks `cc_mail_ids` required (and not `to_mail_ids`);
 * here both must be present (cc may be empty), as the node sends them.
 * @param {any} ctx
 * @param {string} id
 * @returns {Reply}
 */
function remindCustomer(ctx, id) {
	const txn = invoiceOf(ctx, id);
	if (!txn) return booksError(404, 1002, 'Invoice does not exist.');
	const p = mail.payload(ctx);
	if (p.error) return p.error;
	const err = mail.checkBoolParams(ctx.query, ['send_customer_statement']) || mail.validateEmail(p.data, ['to_mail_ids']);
	if (err) return err;
	if (!Array.isArray(p.data.cc_mail_ids)) return mail.badValue('cc_mail_ids');
	// "Reminder will be sent, only for the invoices which are in open or overdue status" (reference).
	// UNCONFIRMED: Zoho's code and message for any other status.
	if (!REMINDABLE.includes(txn.status)) return booksError(400, 2, 'Payment reminders can be sent only for open or overdue invoices.');
	mail.recordMail(ctx, 'invoices', id, p.data, p.files, 'reminder');
	markReminded(ctx.org, txn, zohoNow(ctx.state));
	const party = findContact(ctx.org, txn.customer_id);
	if (party) {
		addComment(ctx.org, party, { description: `Payment reminder for invoice ${txn.invoice_number} emailed to ${p.data.to_mail_ids.join(', ')}`, transactionId: id, transactionType: 'invoice', operationType: 'emailed' });
	}
	return json({ code: 0, message: 'Your payment reminder has been sent.' });
}

/**
 * POST /invoices/{id}/paymentreminder/enable|disable — automated reminders for one invoice.
 * @param {any} ctx
 * @param {string} id
 * @param {boolean} enabled
 * @returns {Reply}
 */
function setAutomatedReminders(ctx, id, enabled) {
	const txn = invoiceOf(ctx, id);
	if (!txn) return booksError(404, 1002, 'Invoice does not exist.');
	txn.payment_reminder_enabled = enabled;
	return json({ code: 0, message: enabled ? 'Reminders enabled.' : 'Reminders stopped.' });
}

const B = 'ZohoBooks';

/** @type {import('./router').Route[]} */
const REMINDER_ROUTES = [
	{ method: 'POST', path: 'invoices/:id/paymentreminder', scopes: () => [[`${B}.invoices.CREATE`]], handler: (ctx, p) => remindCustomer(ctx, p.id) },
	{ method: 'GET', path: 'invoices/:id/paymentreminder', scopes: () => [[`${B}.invoices.READ`]], handler: (ctx, p) => reminderEmailContent(ctx, p.id) },
	{ method: 'POST', path: 'invoices/:id/paymentreminder/enable', scopes: () => [[`${B}.invoices.CREATE`]], handler: (ctx, p) => setAutomatedReminders(ctx, p.id, true) },
	{ method: 'POST', path: 'invoices/:id/paymentreminder/disable', scopes: () => [[`${B}.invoices.CREATE`]], handler: (ctx, p) => setAutomatedReminders(ctx, p.id, false) },
];

module.exports = { REMINDER_ROUTES };
