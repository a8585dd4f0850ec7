import { NodeOperationError } from 'n8n-workflow';

import type { ZohoFunctions } from '../transport';
import { booksOrganizations } from '../transport';

/**
 * What each Books transaction's email endpoint accepts (Zoho's Books API pages and its OpenAPI document).
 * `requires` lists the body fields the spec marks required besides to_mail_ids.
 */
export interface BooksTransactionType {
	label: string;
	/** Path segment: `/invoices/{id}/email`. */
	path: string;
	idField: string;
	numberField: string;
	/** The list filters by `numberField` (Books OAS list parameters; retainer invoices have none): the picker's By Number mode. */
	numberFilter: boolean;
	/** A number as Zoho Books writes it by default, for messages. */
	numberExample: string;
	listKey: string;
	requires: Array<'subject' | 'body'>;
	/** Has `GET …/{id}/email` (the default content). */
	getContent: boolean;
	/**
	 * That `GET …/{id}/email` takes `email_template_id` (Books OAS: invoices, estimates, sales orders,
	 * purchase orders and credit notes declare it; retainer invoices and vendor payments do not).
	 */
	emailTemplate: boolean;
	cc: boolean;
	bcc: boolean;
	fromAddressId: boolean;
	sendFromOrgEmail: boolean;
	/** Accepts files as multipart `attachments` parts. */
	files: boolean;
	/** The query parameter that attaches the transaction's PDF, if any. */
	pdfParam?: 'send_attachment' | 'attach_pdf';
	sendCustomerStatement: boolean;
	fileName: boolean;
	/** Watched by the trigger (its Document Types): the `documentType` it emits; the list is at `/{path}`. */
	watch?: { documentType: string; label: string };
}

const base = {
	numberFilter: true,
	emailTemplate: true,
	cc: true,
	bcc: false,
	fromAddressId: false,
	sendFromOrgEmail: true,
	files: true,
	sendCustomerStatement: false,
	fileName: false,
};

export const BOOKS_TRANSACTIONS: Record<string, BooksTransactionType> = {
	invoice: {
		...base,
		label: 'Invoice',
		numberExample: 'INV-000123',
		path: 'invoices',
		idField: 'invoice_id',
		numberField: 'invoice_number',
		listKey: 'invoices',
		requires: [],
		getContent: true,
		fromAddressId: true,
		pdfParam: 'send_attachment',
		sendCustomerStatement: true,
		watch: { documentType: 'invoice', label: 'Invoices' },
	},
	estimate: {
		...base,
		label: 'Estimate',
		numberExample: 'EST-000123',
		path: 'estimates',
		idField: 'estimate_id',
		numberField: 'estimate_number',
		listKey: 'estimates',
		requires: [],
		getContent: true,
		watch: { documentType: 'estimate', label: 'Estimates' },
	},
	salesOrder: {
		...base,
		label: 'Sales Order',
		numberExample: 'SO-000123',
		path: 'salesorders',
		idField: 'salesorder_id',
		numberField: 'salesorder_number',
		listKey: 'salesorders',
		requires: ['subject', 'body'],
		getContent: true,
		bcc: true,
		fromAddressId: true,
		pdfParam: 'send_attachment',
		fileName: true,
		watch: { documentType: 'salesorder', label: 'Sales Orders' },
	},
	purchaseOrder: {
		...base,
		label: 'Purchase Order',
		numberExample: 'PO-000123',
		path: 'purchaseorders',
		idField: 'purchaseorder_id',
		numberField: 'purchaseorder_number',
		listKey: 'purchaseorders',
		requires: ['body'],
		getContent: true,
		bcc: true,
		fromAddressId: true,
		pdfParam: 'send_attachment',
		fileName: true,
		watch: { documentType: 'purchaseorder', label: 'Purchase Orders' },
	},
	creditNote: {
		...base,
		label: 'Credit Note',
		numberExample: 'CN-000123',
		path: 'creditnotes',
		idField: 'creditnote_id',
		numberField: 'creditnote_number',
		listKey: 'creditnotes',
		requires: ['subject', 'body'],
		getContent: true,
		sendFromOrgEmail: false,
		watch: { documentType: 'creditnote', label: 'Credit Notes' },
	},
	retainerInvoice: {
		...base,
		label: 'Retainer Invoice',
		numberFilter: false,
		emailTemplate: false,
		numberExample: 'RET-000123',
		path: 'retainerinvoices',
		idField: 'retainerinvoice_id',
		numberField: 'retainerinvoice_number',
		listKey: 'retainerinvoices',
		requires: [],
		getContent: true,
		pdfParam: 'send_attachment',
		sendCustomerStatement: true,
		watch: { documentType: 'retainerinvoice', label: 'Retainer Invoices' },
	},
	// UNCONFIRMED: the sales receipt list key and id/number field names; the spec has no GET …/email.
	salesReceipt: {
		...base,
		label: 'Sales Receipt',
		emailTemplate: false,
		numberExample: 'SR-000123',
		path: 'salesreceipts',
		idField: 'sales_receipt_id',
		numberField: 'receipt_number',
		listKey: 'sales_receipts',
		requires: ['subject', 'body'],
		getContent: false,
		cc: false,
		sendFromOrgEmail: false,
		files: false,
		pdfParam: 'attach_pdf',
	},
	// Vendor payment receipts (Payments Made): the spec requires subject and body, has GET …/email with
	// the content at the top level, takes from_address_id, send_attachment and file_name
	// and lists as `vendorpayments` with payment_id / payment_number (Zoho Books' OpenAPI document, vendor-payments).
	vendorPayment: {
		...base,
		label: 'Vendor Payment',
		emailTemplate: false,
		numberExample: 'VP-000123',
		path: 'vendorpayments',
		idField: 'payment_id',
		numberField: 'payment_number',
		listKey: 'vendorpayments',
		requires: ['subject', 'body'],
		getContent: true,
		fromAddressId: true,
		pdfParam: 'send_attachment',
		fileName: true,
	},
};

/**
 * Zoho Books' limits on an email's subject and body, in characters. Books' OpenAPI files give them as
 * "Max-length [1000]" / "Max-length [5000]" on the contact, statement and credit note email requests
 * (contacts.json `email-contact-request`, `email-statement-request`; credit-notes.json
 * `email-a-credit-note-request`) and no other length for any Books email; the node holds every Books
 * email to them (docs/zoho-api-decisions.md, "Books email: subject and body limits").
 */
export const BOOKS_MAIL_LIMITS = { subject: 1000, body: 5000 } as const;

/** The transaction types the trigger watches, by list path (`invoices`, …), the key of its cursor state. */
export const BOOKS_WATCHED: Record<string, { listKey: string; idField: string; documentType: string; label: string }> =
	Object.fromEntries(
		Object.values(BOOKS_TRANSACTIONS).flatMap((t) =>
			t.watch
				? [
						[
							t.path,
							{ listKey: t.listKey, idField: t.idField, documentType: t.watch.documentType, label: t.watch.label },
						],
					]
				: [],
		),
	);

/** The account's default organization (GET /organizations, Zoho's Books Organizations API). */
export async function defaultOrganizationId(ctx: ZohoFunctions, itemIndex?: number): Promise<string> {
	const orgs = await booksOrganizations(ctx, itemIndex);
	const org = orgs.find((o) => o.is_default_org === true) ?? (orgs.length === 1 ? orgs[0] : undefined);
	if (!org) {
		throw new NodeOperationError(ctx.getNode(), 'No default Zoho Books organization', {
			itemIndex,
			description: orgs.length
				? 'Pick an organization in the "Organization" field.'
				: 'This Zoho account has no Books organization.',
		});
	}
	// Zoho's answer goes into every later request of the item; it must be an organization ID.
	const id =
		typeof org.organization_id === 'string' || typeof org.organization_id === 'number'
			? String(org.organization_id)
			: '';
	if (!/^\d{1,25}$/.test(id)) {
		throw new NodeOperationError(ctx.getNode(), 'Zoho Books returned a default organization without a valid ID', {
			itemIndex,
		});
	}
	return id;
}
