// @ts-check
'use strict';

const { booksTime } = require('./zoho-time');
const { publicView } = require('./values');
const { findTransaction, zohoNow } = require('./books-model');

/**
 * The customer opens a document Zoho mailed (the link in the email, or the customer portal). Books
 * shows it on the document as `is_viewed_by_client` and `client_viewed_time` (Books OAS: invoices,
 * estimates, retainer invoices); an invoice or estimate that was `sent` becomes `viewed`.
 * UNCONFIRMED, modelled as the trigger reads it (docs/zoho-api-decisions.md, "Books trigger: viewed by
 * the customer"): `client_viewed_time` keeps the first view, and a view moves `last_modified_time`.
 */
const VIEWABLE = ['invoices', 'estimates', 'retainerinvoices'];

/** @param {any} state the emulator's state */
function createBooksViews(state) {
	return {
		/**
		 * The customer views a document that was emailed; a later view changes nothing but
		 * `last_modified_time`.
		 * @param {string} orgId
		 * @param {string} entity `invoices`, `estimates` or `retainerinvoices`
		 * @param {string} id
		 */
		viewDocument(orgId, entity, id) {
			const org = state.store.books.orgs[orgId];
			if (!org) throw new Error(`unknown Books organization ${orgId}`);
			if (!VIEWABLE.includes(entity)) throw new Error(`${entity} have no customer view: one of ${VIEWABLE.join(', ')}`);
			const txn = findTransaction(org, entity, id);
			if (!txn) throw new Error(`${entity} ${id} does not exist`);
			if (txn.is_emailed !== true) throw new Error(`${entity} ${id} was not emailed: the customer has no link to view it`);
			const ms = zohoNow(state);
			if (txn.is_viewed_by_client !== true) {
				txn.is_viewed_by_client = true;
				txn._viewedTs = ms;
				txn.client_viewed_time = booksTime(ms, org.tz);
				if (txn.status === 'sent' && entity !== 'retainerinvoices') txn.status = 'viewed';
			}
			txn.last_modified_time = booksTime(ms, org.tz);
			txn._modifiedTs = ms;
			return publicView(txn);
		},
	};
}

module.exports = { createBooksViews };
