// @ts-check
'use strict';

const { IST_ZONE, booksTime, booksDate } = require('./zoho-time');
const { ENTITIES, addComment, addDocumentComment } = require('./books-model');

/**
 * Demo data for Zoho Books: two organizations, customers and a vendor with email addresses, a few of
 * each transaction type, contact history and one credit note with an email history.
 */

/** @param {string} iso */
const at = (iso) => Date.parse(iso);

/**
 * @param {string} organizationId
 * @param {{ name: string, isDefault: boolean, currency: string, symbol: string, timeZone: string, idPrefix: string, customers: Array<[string, string, string, string]>, vendor: [string, string, string, string] }} spec
 */
function buildOrg(organizationId, spec) {
	const p = spec.idPrefix;
	const org = {
		info: {
			organization_id: organizationId,
			name: spec.name,
			contact_name: 'Patricia Boyle',
			email: 'patricia.boyle@zylker.com',
			is_default_org: spec.isDefault,
			plan_type: 0,
			plan_name: 'PROFESSIONAL',
			plan_period: 'yearly',
			language_code: 'en',
			fiscal_year_start_month: 0,
			account_created_date: '2023-04-01',
			time_zone: spec.timeZone,
			is_org_active: true,
			currency_id: `${p}00001`,
			currency_code: spec.currency,
			currency_symbol: spec.symbol,
			currency_format: '###,##0.00',
			price_precision: 2,
		},
		idPrefix: p,
		/** The zone its times and dates are written in (an IANA name; `setTimeZone` changes it and `time_zone`). */
		tz: IST_ZONE,
		seq: 100,
		user: { user_id: `${p}00003`, name: 'Patricia Boyle', email: 'patricia.boyle@zylker.com' },
		contacts: /** @type {any[]} */ ([]),
		comments: /** @type {Record<string, any[]>} */ ({}),
		emailHistory: /** @type {Record<string, any[]>} */ ({}),
		/** @type {Record<string, any[]>} */
		...Object.fromEntries(Object.keys(ENTITIES).map((k) => [k, []])),
	};
	const people = [...spec.customers.map((c) => ({ c, type: 'customer' })), { c: spec.vendor, type: 'vendor' }];
	people.forEach(({ c, type }, i) => {
		const [company, first, last, email] = c;
		const created = at('2023-05-01T06:30:00Z') + i * 86_400_000 * 17;
		org.contacts.push({
			contact_id: `${p}${String(26049 + i * 2).padStart(5, '0')}`,
			contact_name: company,
			company_name: company,
			contact_type: type,
			customer_sub_type: 'business',
			status: 'active',
			first_name: first,
			last_name: last,
			email,
			phone: `+1 555 02${String(i).padStart(2, '0')}`,
			mobile: `+1 555 03${String(i).padStart(2, '0')}`,
			currency_code: spec.currency,
			outstanding_receivable_amount: type === 'customer' ? 1200 * (i + 1) : 0,
			unused_credits_receivable_amount: 0,
			created_time: booksTime(created),
			last_modified_time: booksTime(created + 86_400_000 * 30),
			contact_persons: [{ contact_person_id: `${p}${String(36051 + i * 2).padStart(5, '0')}`, salutation: 'Mr', first_name: first, last_name: last, email, phone: '', mobile: '', is_primary_contact: true }],
		});
	});
	return org;
}

/**
 * Adds a transaction to an org.
 * @param {any} org
 * @param {string} entity
 * @param {number} n running number
 * @param {any} party contact
 * @param {{ status: string, total: number, date: string, emailed: boolean, modified: string }} t
 */
function addTxn(org, entity, n, party, t) {
	const cfg = ENTITIES[entity];
	const id = `${org.idPrefix}${String(40000 + Object.keys(ENTITIES).indexOf(entity) * 100 + n).padStart(5, '0')}`;
	const partyFields =
		cfg.party === 'vendor'
			? { vendor_id: party.contact_id, vendor_name: party.contact_name }
			: { customer_id: party.contact_id, customer_name: party.contact_name };
	/** @type {Record<string, any>} */
	const txn = {
		[cfg.idField]: id,
		[cfg.numberField]: `${cfg.numberPrefix}${String(n).padStart(5, '0')}`,
		...partyFields,
		status: t.status,
		date: t.date,
		total: t.total,
		balance: t.status === 'paid' || t.status === 'closed' ? 0 : t.total,
		currency_code: org.info.currency_code,
		reference_number: `REF-${n}`,
		email: party.email,
		is_emailed: t.emailed,
		created_time: booksTime(at(`${t.date}T05:00:00Z`)),
		last_modified_time: booksTime(at(t.modified)),
		_modifiedTs: at(t.modified),
		_createdTs: at(`${t.date}T05:00:00Z`),
	};
	if (entity === 'invoices') {
		Object.assign(txn, { due_date: t.date, reminders_sent: 0, last_reminder_sent_date: '', is_viewed_by_client: false, client_viewed_time: '', schedule_time: '', payment_reminder_enabled: true });
	}
	org[entity].push(txn);
	addComment(org, party, {
		description: `${cfg.label} ${txn[cfg.numberField]} created for ${org.info.currency_symbol}${t.total.toFixed(2)}`,
		transactionId: id,
		transactionType: cfg.one,
		operationType: 'added',
		ms: txn._createdTs,
	});
	addDocumentComment(org, entity, txn, { description: `${cfg.label} created for ${org.info.currency_symbol}${t.total.toFixed(2)}`, operationType: 'Added', ms: txn._createdTs });
	return txn;
}

/** @param {any} org */
function seedTransactions(org) {
	const [c1, c2, c3] = org.contacts;
	const vendor = org.contacts[org.contacts.length - 1];
	addTxn(org, 'invoices', 1, c1, { status: 'sent', total: 1200, date: '2025-04-02', emailed: true, modified: '2025-04-02T06:00:00Z' });
	addTxn(org, 'invoices', 2, c2, { status: 'draft', total: 860.5, date: '2025-05-10', emailed: false, modified: '2025-05-10T07:15:00Z' });
	addTxn(org, 'invoices', 3, c1, { status: 'paid', total: 2400, date: '2025-05-20', emailed: true, modified: '2025-05-25T09:40:00Z' });
	addTxn(org, 'invoices', 4, c3, { status: 'overdue', total: 310, date: '2025-03-01', emailed: false, modified: '2025-03-31T11:00:00Z' });
	addTxn(org, 'estimates', 1, c1, { status: 'sent', total: 5000, date: '2025-03-15', emailed: true, modified: '2025-03-15T06:00:00Z' });
	addTxn(org, 'estimates', 2, c2, { status: 'draft', total: 750, date: '2025-05-12', emailed: false, modified: '2025-05-12T06:00:00Z' });
	addTxn(org, 'salesorders', 1, c1, { status: 'open', total: 5000, date: '2025-03-20', emailed: false, modified: '2025-03-20T06:00:00Z' });
	addTxn(org, 'salesorders', 2, c3, { status: 'draft', total: 640, date: '2025-05-02', emailed: false, modified: '2025-05-02T06:00:00Z' });
	addTxn(org, 'purchaseorders', 1, vendor, { status: 'open', total: 2100, date: '2025-04-11', emailed: false, modified: '2025-04-11T06:00:00Z' });
	const cn = addTxn(org, 'creditnotes', 1, c1, { status: 'open', total: 150, date: '2025-04-20', emailed: true, modified: '2025-04-21T06:00:00Z' });
	addTxn(org, 'creditnotes', 2, c2, { status: 'draft', total: 60, date: '2025-05-15', emailed: false, modified: '2025-05-15T06:00:00Z' });
	addTxn(org, 'retainerinvoices', 1, c2, { status: 'draft', total: 1000, date: '2025-05-05', emailed: false, modified: '2025-05-05T06:00:00Z' });
	addTxn(org, 'salesreceipts', 1, c3, { status: 'paid', total: 99, date: '2025-05-08', emailed: false, modified: '2025-05-08T06:00:00Z' });
	addTxn(org, 'vendorpayments', 1, vendor, { status: 'paid', total: 2100, date: '2025-04-25', emailed: false, modified: '2025-04-25T06:00:00Z' });
	org.emailHistory[cn.creditnote_id] = [
		{ mailhistory_id: `${org.idPrefix}70005`, from: org.user.email, to_mail_ids: [c1.email], subject: `Credit note ${cn.creditnote_number} from ${org.info.name}`, date: booksDate(at('2025-04-21T06:00:00Z')) },
	];
}

function createBooksStore() {
	const us = buildOrg('10234695', {
		name: 'Zylker Inc',
		isDefault: true,
		currency: 'USD',
		symbol: '$',
		// Its times are written in IST (`+0530`), as in most samples of Zoho's reference, so its time zone
		// says so too: the trigger dates Books' history by it.
		timeZone: 'Asia/Calcutta',
		idPrefix: '4600000000',
		customers: [
			['Bowman and Co', 'Will', 'Smith', 'willsmith@bowmanfurniture.example'],
			['Harbor Freight Cafe', 'Emma', 'Stone', 'emma.stone@harborcafe.example'],
			['Northwind Traders', 'Liam', 'Chen', 'billing@northwind.example'],
		],
		vendor: ['Acme Paper Supplies', 'Olivia', 'Brown', 'orders@acmepaper.example'],
	});
	const india = buildOrg('60019077540', {
		name: 'Zylker Traders India',
		isDefault: false,
		currency: 'INR',
		symbol: '₹',
		timeZone: 'Asia/Calcutta',
		idPrefix: '9820000000',
		customers: [
			['Sundar Textiles', 'Arjun', 'Mehta', 'accounts@sundartextiles.example'],
			['Lotus Electronics', 'Priya', 'Nair', 'priya.nair@lotuselectronics.example'],
			['Ganga Foods', 'Vikram', 'Rao', 'vikram@gangafoods.example'],
		],
		vendor: ['Bharat Packaging', 'Neha', 'Gupta', 'sales@bharatpackaging.example'],
	});
	seedTransactions(us);
	seedTransactions(india);
	// How transaction lists are ordered: `asked` (sort_column/sort_order as requested) or another order
	// Zoho might answer in (emu.data.books.setListOrder, books.js LIST_ORDERS).
	return { orgs: { [us.info.organization_id]: us, [india.info.organization_id]: india }, listOrder: 'asked' };
}

module.exports = { createBooksStore };
