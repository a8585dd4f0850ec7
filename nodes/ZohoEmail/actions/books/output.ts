import type { IDataObject } from 'n8n-workflow';

import { zohoFields } from '../../descriptions/output';
import { htmlToText, idText, isoDateTime } from '../../helpers/output';
import { BOOKS_TRANSACTIONS } from '../../models/books';

const DOCUMENT_IDS = [...new Set(Object.values(BOOKS_TRANSACTIONS).map((t) => t.idField))].filter(
	(key) => key !== 'contact_id',
);

/* The Simplified output of the Books read operations, and the fields Selected Fields offers. */

/** Keys of history entries and of credit note email entries (Zoho's Books API, comments and history). */
export const HISTORY_FIELDS = zohoFields(
	['Comment ID (History)', 'comment_id'],
	['Commented By (History)', 'commented_by'],
	['Comment Type (Document History)', 'comment_type'],
	['Contact ID (History)', 'contact_id'],
	['Credit Note ID (Emails)', 'creditnote_id'],
	['Date', 'date'],
	['Description (History)', 'description'],
	['From (Emails)', 'from'],
	['Mail History ID (Emails)', 'mailhistory_id'],
	['Operation Type (History)', 'operation_type'],
	['Subject (Emails)', 'subject'],
	['Time (History)', 'time'],
	['To (Emails)', 'to_mail_ids'],
	['Transaction ID (History)', 'transaction_id'],
	['Transaction Type (History)', 'transaction_type'],
);

/**
 * An entry for people and agents: an email of the email history (`mailhistory_id`), or an entry of
 * "Comments & History" (the time of day is left out: Books gives it as "6:03 PM" in the organization's
 * time zone, which the answer does not name; Raw keeps it).
 */
export function simplifyHistoryEntry(entry: IDataObject): IDataObject {
	if (entry.mailhistory_id !== undefined) {
		return {
			id: idText(entry.mailhistory_id),
			date: isoDateTime(entry.date),
			from: typeof entry.from === 'string' ? entry.from : null,
			to: Array.isArray(entry.to_mail_ids) ? entry.to_mail_ids.map(String) : [],
			subject: typeof entry.subject === 'string' ? entry.subject : null,
			creditnote_id: idText(entry.creditnote_id),
		};
	}
	return {
		id: idText(entry.comment_id),
		date: isoDateTime(entry.date),
		type: typeof entry.transaction_type === 'string' ? entry.transaction_type : null,
		operation: typeof entry.operation_type === 'string' ? entry.operation_type : null,
		description: htmlToText(entry.description),
		by: typeof entry.commented_by === 'string' ? entry.commented_by : null,
		transaction_id: idText(entry.transaction_id),
		contact_id: idText(entry.contact_id),
		// A document's history names its document (invoice_id, …).
		...Object.fromEntries(
			DOCUMENT_IDS.filter((key) => entry[key] !== undefined).map((key) => [key, idText(entry[key])]),
		),
	};
}

/** Keys of the default email content (Zoho's Books API pages: statements, transactions) and the ones the node adds. */
export const CONTENT_FIELDS = zohoFields(
	['Attach PDF', 'attach_pdf'],
	['BCC', 'bcc_mails'],
	['Body (HTML)', 'body'],
	['CC', 'cc_mails_list'],
	['Customer ID', 'customer_id'],
	['Customer Name', 'customer_name'],
	['Document Type', 'document_type'],
	['Email Templates', 'emailtemplates'],
	['File Name', 'file_name'],
	['From', 'from_emails'],
	['Organization ID', 'organization_id'],
	['Subject', 'subject'],
	['To', 'to_contacts'],
);

const list = (value: unknown): IDataObject[] =>
	Array.isArray(value) ? value.filter((v): v is IDataObject => typeof v === 'object' && v !== null) : [];

/** "First Last <address>" for a Books contact person or user. */
function personText(person: IDataObject): string | null {
	const name =
		[person.first_name, person.last_name].filter((p) => typeof p === 'string' && p).join(' ') ||
		(typeof person.user_name === 'string' ? person.user_name : '');
	const address = typeof person.email === 'string' ? person.email : '';
	if (!address) return name || null;
	return name && name !== address ? `${name} <${address}>` : address;
}

/** The entries Books marks `selected` (what it would use by default), else all of them. */
const selected = (entries: IDataObject[]) =>
	entries.some((e) => e.selected === true) ? entries.filter((e) => e.selected === true) : entries;

/**
 * The email Books would send, for people and agents: subject, the body as plain text, the sender and
 * recipients Books selects by default, the template and the PDF, and the IDs the node added (`idKeys`).
 */
export function simplifyEmailContent(content: IDataObject, idKeys: string[]): IDataObject {
	const from = selected(list(content.from_emails))[0];
	const template = selected(list(content.emailtemplates))[0];
	const ids: IDataObject = {};
	for (const key of idKeys) ids[key] = idText(content[key]);
	return {
		subject: typeof content.subject === 'string' ? content.subject : null,
		text: htmlToText(content.body),
		from: from ? personText(from) : null,
		from_address_id: from ? idText(from.organization_contact_id) : null,
		to: selected(list(content.to_contacts))
			.map(personText)
			.filter((p): p is string => p !== null),
		cc: list(content.cc_mails_list)
			.map(personText)
			.filter((p): p is string => p !== null),
		email_template_id: template ? idText(template.email_template_id) : null,
		file_name: typeof content.file_name === 'string' ? content.file_name : null,
		attach_pdf: typeof content.attach_pdf === 'boolean' ? content.attach_pdf : null,
		document_type: content.document_type,
		organization_id: idText(content.organization_id),
		...ids,
	};
}
