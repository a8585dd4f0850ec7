// @ts-check
'use strict';

const { booksTime, booksDate } = require('./zoho-time');
const { clone, publicView } = require('./values');
const { hex } = require('./ids');
const { ENTITIES, REMINDABLE, findContact, findTransaction, addComment, nextId, zohoNow, markReminded } = require('./books-model');
const mail = require('./books-mail');

/**
 * Things that happen in a Books organization outside the API calls a node makes, for tests and the
 * end-to-end suite: a document created in the Books UI, a document emailed, a payment reminder sent
 * (by hand or by Zoho's automated reminders), a comment added. Each changes the data the list endpoints
 * return exactly as the matching API call does.
 */

/**
 * @param {any} state the emulator's state
 */
function createBooksEvents(state) {
	/** @param {string} orgId */
	const org = (orgId) => {
		const o = state.store.books.orgs[orgId];
		if (!o) throw new Error(`unknown Books organization ${orgId}`);
		return o;
	};
	/** @param {string} entity */
	const config = (entity) => {
		if (!(entity in ENTITIES)) throw new Error(`unknown Books entity ${entity}: one of ${Object.keys(ENTITIES).join(', ')}`);
		return ENTITIES[entity];
	};
	/** @param {any} o @param {string} entity @param {string} id */
	const document = (o, entity, id) => {
		const txn = findTransaction(o, entity, id);
		if (!txn) throw new Error(`${config(entity).label} ${id} does not exist`);
		return txn;
	};

	return {
		/**
		 * A new document, created now (as in the Books UI), not emailed unless `emailed` is true.
		 * @param {string} orgId
		 * @param {string} entity e.g. `invoices`
		 * @param {{ customerId?: string, status?: string, total?: number, emailed?: boolean }} [fields]
		 */
		addDocument(orgId, entity, fields = {}) {
			const cfg = config(entity);
			const o = org(orgId);
			const parties = o.contacts.filter((/** @type {any} */ c) => c.contact_type === cfg.party);
			const party = fields.customerId === undefined ? parties[0] : findContact(o, fields.customerId);
			if (!party || party.contact_type !== cfg.party) throw new Error(`${fields.customerId} is not a ${cfg.party} of organization ${orgId}`);
			const ms = zohoNow(state);
			const id = nextId(o);
			const total = fields.total ?? 100;
			const status = fields.status ?? (fields.emailed ? 'sent' : 'draft');
			/** @type {Record<string, any>} */
			const txn = {
				[cfg.idField]: id,
				[cfg.numberField]: `${cfg.numberPrefix}${id.slice(-5)}`,
				...(cfg.party === 'vendor' ? { vendor_id: party.contact_id, vendor_name: party.contact_name } : { customer_id: party.contact_id, customer_name: party.contact_name }),
				status,
				date: booksDate(ms, o.tz),
				total,
				balance: status === 'paid' || status === 'closed' ? 0 : total,
				currency_code: o.info.currency_code,
				reference_number: `REF-${id.slice(-5)}`,
				email: party.email,
				is_emailed: fields.emailed === true,
				created_time: booksTime(ms, o.tz),
				last_modified_time: booksTime(ms, o.tz),
				_modifiedTs: ms,
				_createdTs: ms,
			};
			if (entity === 'invoices') Object.assign(txn, { due_date: booksDate(ms, o.tz), reminders_sent: 0, last_reminder_sent_date: '', is_viewed_by_client: false, client_viewed_time: '', schedule_time: '' });
			o[entity].push(txn);
			addComment(o, party, { description: `${cfg.label} ${txn[cfg.numberField]} created for ${o.info.currency_symbol}${Number(total).toFixed(2)}`, transactionId: id, transactionType: cfg.one, operationType: 'added', ms });
			return publicView(txn);
		},

		/**
		 * Emails a document the way `POST /{entity}/{id}/email` does (same checks, outbox entry, history).
		 * @param {string} orgId
		 * @param {string} entity
		 * @param {string} id
		 * @param {Record<string, any>} [payload] the JSON body's fields; those left out take the default
		 *   content (the customer's address, a subject and body naming the document)
		 */
		emailDocument(orgId, entity, id, payload = {}) {
			const cfg = config(entity);
			const o = org(orgId);
			const txn = document(o, entity, id);
			const party = findContact(o, txn.customer_id || txn.vendor_id);
			const number = txn[cfg.numberField];
			// The content Books' email dialog starts from (some entities' endpoints require subject and body).
			const defaults = { to_mail_ids: [party ? party.email : txn.email], subject: `${cfg.label} ${number} from ${o.info.name}`, body: `Please find attached ${cfg.label.toLowerCase()} ${number}.` };
			const body = { ...defaults, ...clone(payload) };
			const ctx = { method: 'POST', org: o, orgId, query: {}, body, multipart: null, bodyError: null, state };
			const reply = mail.emailTransaction(ctx, entity, id);
			if (reply.status >= 400) throw new Error(`emailing ${entity} ${id} failed: ${JSON.stringify(reply.body)}`);
			return { mail: state.mails[state.mails.length - 1], document: publicView(document(o, entity, id)) };
		},

		/**
		 * Sends a payment reminder for an unpaid invoice, as a manual or automated reminder does.
		 * @param {string} orgId
		 * @param {string} invoiceId
		 */
		remindInvoice(orgId, invoiceId) {
			const o = org(orgId);
			const txn = document(o, 'invoices', invoiceId);
			if (!REMINDABLE.includes(txn.status)) throw new Error(`invoice ${invoiceId} is ${txn.status}: reminders are sent for unpaid invoices only`);
			const party = findContact(o, txn.customer_id);
			const to = [party ? party.email : txn.email];
			state.mails.push({ product: 'books', kind: 'reminder', entity: 'invoices', recordId: invoiceId, organizationId: orgId, messageId: hex(16), payload: { to_mail_ids: to, query: {} } });
			markReminded(o, txn, zohoNow(state));
			if (party) addComment(o, party, { description: `Payment reminder for invoice ${txn.invoice_number} sent to ${to.join(', ')}`, transactionId: invoiceId, transactionType: 'invoice', operationType: 'emailed' });
			return publicView(txn);
		},

		/**
		 * A "Comments & History" entry on a document (kept in its customer's or vendor's history, linked to
		 * the document).
		 * @param {string} orgId
		 * @param {string} entity
		 * @param {string} id
		 * @param {string} description
		 */
		addDocumentComment(orgId, entity, id, description) {
			const cfg = config(entity);
			const o = org(orgId);
			const txn = document(o, entity, id);
			const party = findContact(o, txn.customer_id || txn.vendor_id);
			if (!party) throw new Error(`${cfg.label} ${id} has no customer or vendor to keep the history`);
			return publicView(addComment(o, party, { description, transactionId: id, transactionType: cfg.one, operationType: 'added' }));
		},
	};
}

module.exports = { createBooksEvents };
