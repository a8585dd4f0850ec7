import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { BOOKS_TRANSACTIONS, type BooksTransactionType } from '../../models/books';
import { localDateTime } from '../../helpers/dateTime';
import { isEmail } from '../../helpers/addresses';
import { booleanOf, given, locatorValue, optionOf, recordIdOf, refusal, textOf } from '../../helpers/validation';
import { booksFiles, sendBooksMail } from './mailRequest';
import { organizationOf } from './organization';
import { customMailContent, mailIds, USE_TEMPLATE } from './parameters';
import { fetchEmailContent } from './content';
import { transactionIdOf, type TransactionRef } from './transaction';

/**
 * `yyyy-mm-dd HH:mm:ss`, the format of the schedule call (Zoho's Books API pages), the wall-clock time as
 * written. UNCONFIRMED: the time zone Zoho reads it in; the organization's is the likely one, so a
 * value with an offset is refused rather than shifted (helpers/dateTime.ts).
 */
export function scheduleTimeOf(ctx: IExecuteFunctions, value: unknown, i: number): string {
	return localDateTime(ctx, value, 'Schedule Time', i);
}

/** Which option each transaction type accepts, for errors that name the option. */
function checkOption(
	ctx: IExecuteFunctions,
	fields: IDataObject,
	key: string,
	option: string,
	allowed: boolean,
	type: BooksTransactionType,
	i: number,
) {
	const value = fields[key];
	const isGiven = typeof value === 'boolean' ? key in fields : given(typeof value === 'string' ? value.trim() : value);
	if (isGiven && !allowed) {
		throw refusal(
			ctx,
			i,
			`"${option}" does not apply to ${type.label} emails`,
			`Zoho Books' ${type.label.toLowerCase()} email does not take this option; remove it`,
		);
	}
}

/** The addresses of the contact persons Books marks `selected` in its default email (GET …/email `to_contacts`). */
function pickedContacts(ctx: IExecuteFunctions, content: IDataObject, label: string, i: number): string[] {
	const contacts = Array.isArray(content.to_contacts) ? (content.to_contacts as IDataObject[]) : [];
	const picked = contacts
		.filter((c) => c.selected === true && typeof c.email === 'string' && isEmail(c.email.trim()))
		.map((c) => String(c.email).trim());
	if (picked.length === 0) {
		throw refusal(
			ctx,
			i,
			`Zoho Books picks no contact person with an email address for this ${label.toLowerCase()}`,
			'Nothing was sent. Add an email address to the customer\'s contact person in Zoho Books, or choose "Email Addresses" in "Send To" and enter "To"',
		);
	}
	return picked;
}

/** The item's Additional Fields, each checked against what the transaction type accepts. */
function transactionOptions(ctx: IExecuteFunctions, type: BooksTransactionType, i: number) {
	const picked = ctx.getNodeParameter('additionalFields', i, {}) as IDataObject;
	// The sender picker (version 1.1) gives `{__rl, mode, value}`; version 1 a plain ID.
	const fields: IDataObject =
		'fromAddressId' in picked
			? { ...picked, fromAddressId: locatorValue(picked.fromAddressId) as IDataObject[string] }
			: picked;
	checkOption(ctx, fields, 'cc', 'CC', type.cc, type, i);
	checkOption(ctx, fields, 'bcc', 'BCC', type.bcc, type, i);
	checkOption(ctx, fields, 'fromAddressId', 'From Address ID', type.fromAddressId, type, i);
	checkOption(ctx, fields, 'sendFromOrgEmail', 'Send From Organization Address', type.sendFromOrgEmail, type, i);
	checkOption(ctx, fields, 'binaryPropertyNames', 'Binary Attachments', type.files, type, i);
	checkOption(ctx, fields, 'attachPdf', 'Attach PDF', type.pdfParam !== undefined, type, i);
	checkOption(ctx, fields, 'sendCustomerStatement', 'Send Customer Statement', type.sendCustomerStatement, type, i);
	checkOption(ctx, fields, 'fileName', 'PDF File Name', type.fileName, type, i);
	const cc = mailIds(ctx, fields.cc, 'CC', i);
	const bcc = mailIds(ctx, fields.bcc, 'BCC', i);
	const fromAddressId = given(fields.fromAddressId)
		? recordIdOf(ctx, fields.fromAddressId, 'From Address ID', i)
		: undefined;
	const fromOrg = booleanOf(ctx, fields.sendFromOrgEmail, 'Send From Organization Address', i);
	const attachPdf = given(fields.attachPdf) ? booleanOf(ctx, fields.attachPdf, 'Attach PDF', i) : undefined;
	const statement = booleanOf(ctx, fields.sendCustomerStatement, 'Send Customer Statement', i);
	const fileName = textOf(ctx, fields.fileName, 'PDF File Name', i).trim();
	return { fields, cc, bcc, fromAddressId, fromOrg, attachPdf, statement, fileName };
}

/** The default subject and body Books returned (GET …/email), refused when one the type requires is missing. */
function defaultContent(ctx: IExecuteFunctions, content: IDataObject, type: BooksTransactionType, i: number) {
	const subject = typeof content.subject === 'string' ? content.subject : '';
	const body = typeof content.body === 'string' ? content.body : '';
	for (const field of type.requires) {
		if (!(field === 'subject' ? subject : body)) {
			throw refusal(
				ctx,
				i,
				`Zoho Books returned no default ${field} for this ${type.label.toLowerCase()}`,
				`Zoho Books requires a ${field} here; choose "Custom Subject and Body"`,
			);
		}
	}
	return { subject, body };
}

/**
 * Validates the item's options for the chosen transaction type, then sends
 * POST /{transactions}/{id}/email (JSON, or multipart with files).
 */
export async function sendTransactionMail(
	this: IExecuteFunctions,
	i: number,
	typeName: string,
	transaction: TransactionRef,
) {
	const type = BOOKS_TRANSACTIONS[typeName];
	const booksPicks = this.getNodeParameter('sendTo', i, 'addresses') === 'defaultContacts';
	if (booksPicks && !type.getContent) {
		throw refusal(
			this,
			i,
			`Zoho Books picks no recipients for ${type.label.toLowerCase()} emails`,
			'Choose "Email Addresses" in "Send To" and enter "To"',
		);
	}
	let to = booksPicks ? [] : mailIds(this, this.getNodeParameter('to', i), 'To', i, true);
	const { fields, cc, bcc, fromAddressId, fromOrg, attachPdf, statement, fileName } = transactionOptions(this, type, i);
	const custom =
		optionOf(this, this.getNodeParameter('contentMode', i, 'default'), 'Content', ['default', 'custom'], i) ===
		'custom';
	let subject = '';
	let body = '';
	if (custom) {
		({ subject, body } = customMailContent(this, i, USE_TEMPLATE));
	} else if (!type.getContent) {
		throw refusal(
			this,
			i,
			`${type.label} emails need a custom subject and body`,
			'Zoho Books offers no default email content for this transaction through its API; choose "Custom Subject and Body"',
		);
	}
	const files = await booksFiles.call(this, i, fields.binaryPropertyNames);
	const organizationId = await organizationOf.call(this, i);
	const transactionId = await transactionIdOf.call(this, i, typeName, transaction, organizationId);
	const path = `/${type.path}/${transactionId}/email`;

	// Invoices, estimates and retainer invoices fall back to their template when subject and body are
	// left out. For the others the spec marks them required, so the default content is fetched
	// (GET …/email) and sent as given.
	// The same read gives the contact persons Books picks (Send To "Contact Persons Books Picks").
	const content =
		(!custom && type.requires.length) || booksPicks
			? await fetchEmailContent.call(this, i, {
					path,
					organizationId,
					action: `read the ${type.label.toLowerCase()}'s default email`,
				})
			: {};
	if (booksPicks) to = pickedContacts(this, content, type.label, i);
	if (!custom && type.requires.length) ({ subject, body } = defaultContent(this, content, type, i));
	const payload: IDataObject = {
		...(fromOrg ? { send_from_org_email_id: true } : {}),
		...(fromAddressId ? { from_address_id: fromAddressId } : {}),
		to_mail_ids: to,
		...(cc.length ? { cc_mail_ids: cc } : {}),
		...(bcc.length ? { bcc_mail_ids: bcc } : {}),
		...(subject ? { subject } : {}),
		...(body ? { body } : {}),
	};
	const qs: IDataObject = {};
	if (type.pdfParam && attachPdf !== undefined) qs[type.pdfParam] = attachPdf;
	if (statement) qs.send_customer_statement = true;
	if (fileName) qs.file_name = fileName;

	const { body: answer } = await sendBooksMail.call(this, i, {
		path,
		organizationId,
		qs,
		payload,
		files,
		action: `email the ${type.label.toLowerCase()}`,
	});
	return { answer, organizationId, transactionId, to, defaultTemplate: !custom };
}
