import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { BOOKS_BODY_MAX, BOOKS_SUBJECT_MAX, BOOKS_TRANSACTIONS, type BooksTransactionType } from '../../descriptions/books';
import { recordIdOf } from '../../helpers/validation';
import { booksFiles, checkLength, mailIds, organizationOf, requireText, sendBooksMail } from './common';
import { fetchEmailContent } from './content';

/**
 * `yyyy-mm-dd HH:mm:ss`, the format of the schedule call (reference §5.3), from the wall-clock time as
 * written. UNCONFIRMED: the time zone Zoho reads it in; the organization's is the likely one.
 */
export function scheduleTimeOf(ctx: IExecuteFunctions, value: unknown, i: number): string {
	const text = String(value ?? '').trim();
	const match = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(?::(\d{2}))?/.exec(text);
	if (!match || Number.isNaN(Date.parse(`${match[1]}T${match[2]}:00Z`))) {
		throw new NodeOperationError(ctx.getNode(), `"Schedule Time" is not a date and time: "${text}"`, {
			itemIndex: i,
			description: `Use a date and time such as 2026-06-20T10:00:00 (item ${i}).`,
		});
	}
	return `${match[1]} ${match[2]}:${match[3] ?? '00'}`;
}

/** Which option each transaction type accepts, for errors that name the option. */
function checkOption(ctx: IExecuteFunctions, fields: IDataObject, key: string, option: string, allowed: boolean, type: BooksTransactionType, i: number) {
	const value = fields[key];
	const given = typeof value === 'boolean' ? key in fields : String(value ?? '').trim() !== '';
	if (given && !allowed) {
		throw new NodeOperationError(ctx.getNode(), `"${option}" does not apply to ${type.label} emails`, {
			itemIndex: i,
			description: `Zoho Books' ${type.label.toLowerCase()} email does not take this option; remove it (item ${i}).`,
		});
	}
}

/**
 * Validates the item's options for the chosen transaction type, then sends
 * POST /{transactions}/{id}/email (JSON, or multipart with files).
 */
export async function transactionMail(this: IExecuteFunctions, i: number, typeName: string, transactionId: string) {
	const type = BOOKS_TRANSACTIONS[typeName];
	const to = mailIds(this, this.getNodeParameter('to', i), 'To', i, true);
	const fields = this.getNodeParameter('additionalFields', i, {}) as IDataObject;
	checkOption(this, fields, 'cc', 'CC', type.cc, type, i);
	checkOption(this, fields, 'bcc', 'BCC', type.bcc, type, i);
	checkOption(this, fields, 'fromAddressId', 'From Address ID', type.fromAddressId, type, i);
	checkOption(this, fields, 'sendFromOrgEmail', 'Send From Organization Address', type.sendFromOrgEmail, type, i);
	checkOption(this, fields, 'binaryPropertyNames', 'Binary Attachments', type.files, type, i);
	checkOption(this, fields, 'attachPdf', 'Attach PDF', type.pdfParam !== undefined, type, i);
	checkOption(this, fields, 'sendCustomerStatement', 'Send Customer Statement', type.sendCustomerStatement, type, i);
	checkOption(this, fields, 'fileName', 'PDF File Name', type.fileName, type, i);
	const cc = mailIds(this, fields.cc, 'CC', i);
	const bcc = mailIds(this, fields.bcc, 'BCC', i);
	const fromAddressId = fields.fromAddressId ? recordIdOf(this, fields.fromAddressId, 'From Address ID', i) : undefined;

	const custom = this.getNodeParameter('contentMode', i, 'default') === 'custom';
	let subject = '';
	let body = '';
	if (custom) {
		subject = this.getNodeParameter('subject', i, '') as string;
		body = this.getNodeParameter('body', i, '') as string;
		requireText(this, subject, 'Subject', i, 'Enter a subject, or choose "Use the Default Template"');
		requireText(this, body, 'Body', i, 'Enter a body, or choose "Use the Default Template"');
		// Zoho documents these limits for credit notes only (reference §5.3).
		if (typeName === 'creditNote') {
			checkLength(this, subject, 'Subject', BOOKS_SUBJECT_MAX, i);
			checkLength(this, body, 'Body', BOOKS_BODY_MAX, i);
		}
	} else if (!type.getContent) {
		throw new NodeOperationError(this.getNode(), `${type.label} emails need a custom subject and body`, {
			itemIndex: i,
			description: `Zoho Books offers no default email content for this transaction through its API; choose "Custom Subject and Body" (item ${i}).`,
		});
	}
	const files = await booksFiles.call(this, i, fields.binaryPropertyNames);
	const organizationId = await organizationOf.call(this, i);
	const path = `/${type.path}/${transactionId}/email`;

	// Invoices, estimates and retainer invoices fall back to their template when subject and body are
	// left out. For the others the spec marks them required, so the default content is fetched
	// (GET …/email) and sent as given.
	if (!custom && type.requires.length) {
		const content = await fetchEmailContent.call(this, i, { path, organizationId, action: `read the ${type.label.toLowerCase()}'s default email` });
		subject = String(content.subject ?? '');
		body = String(content.body ?? '');
	}
	const payload: IDataObject = {
		...(fields.sendFromOrgEmail ? { send_from_org_email_id: true } : {}),
		...(fromAddressId ? { from_address_id: fromAddressId } : {}),
		to_mail_ids: to,
		...(cc.length ? { cc_mail_ids: cc } : {}),
		...(bcc.length ? { bcc_mail_ids: bcc } : {}),
		...(subject ? { subject } : {}),
		...(body ? { body } : {}),
	};
	const qs: IDataObject = {};
	if (type.pdfParam && typeof fields.attachPdf === 'boolean') qs[type.pdfParam] = fields.attachPdf;
	if (fields.sendCustomerStatement) qs.send_customer_statement = true;
	if (fields.fileName) qs.file_name = String(fields.fileName);

	const { body: answer } = await sendBooksMail.call(this, i, {
		path,
		organizationId,
		qs,
		payload,
		files,
		action: `email the ${type.label.toLowerCase()}`,
	});
	return { answer, organizationId, to, defaultTemplate: !custom };
}
