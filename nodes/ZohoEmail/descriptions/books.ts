import type { INodeProperties } from 'n8n-workflow';

/**
 * What each Books transaction's email endpoint accepts (reference §5.3, from Zoho's Books OpenAPI).
 * `requires` lists the body fields the spec marks required besides to_mail_ids.
 */
export interface BooksTransactionType {
	label: string;
	/** Path segment: `/invoices/{id}/email`. */
	path: string;
	idField: string;
	numberField: string;
	listKey: string;
	requires: Array<'subject' | 'body'>;
	/** Has `GET …/{id}/email` (the default content). */
	getContent: boolean;
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
}

const base = { cc: true, bcc: false, fromAddressId: false, sendFromOrgEmail: true, files: true, sendCustomerStatement: false, fileName: false };

export const BOOKS_TRANSACTIONS: Record<string, BooksTransactionType> = {
	invoice: { ...base, label: 'Invoice', path: 'invoices', idField: 'invoice_id', numberField: 'invoice_number', listKey: 'invoices', requires: [], getContent: true, fromAddressId: true, pdfParam: 'send_attachment', sendCustomerStatement: true },
	estimate: { ...base, label: 'Estimate', path: 'estimates', idField: 'estimate_id', numberField: 'estimate_number', listKey: 'estimates', requires: [], getContent: true },
	salesOrder: { ...base, label: 'Sales Order', path: 'salesorders', idField: 'salesorder_id', numberField: 'salesorder_number', listKey: 'salesorders', requires: ['subject', 'body'], getContent: true, bcc: true, fromAddressId: true, pdfParam: 'send_attachment', fileName: true },
	purchaseOrder: { ...base, label: 'Purchase Order', path: 'purchaseorders', idField: 'purchaseorder_id', numberField: 'purchaseorder_number', listKey: 'purchaseorders', requires: ['body'], getContent: true, bcc: true, fromAddressId: true, pdfParam: 'send_attachment', fileName: true },
	creditNote: { ...base, label: 'Credit Note', path: 'creditnotes', idField: 'creditnote_id', numberField: 'creditnote_number', listKey: 'creditnotes', requires: ['subject', 'body'], getContent: true, sendFromOrgEmail: false },
	retainerInvoice: { ...base, label: 'Retainer Invoice', path: 'retainerinvoices', idField: 'retainerinvoice_id', numberField: 'retainerinvoice_number', listKey: 'retainerinvoices', requires: [], getContent: true, pdfParam: 'send_attachment', sendCustomerStatement: true },
	// UNCONFIRMED: the sales receipt list key and id/number field names; the spec has no GET …/email.
	salesReceipt: { ...base, label: 'Sales Receipt', path: 'salesreceipts', idField: 'sales_receipt_id', numberField: 'receipt_number', listKey: 'sales_receipts', requires: ['subject', 'body'], getContent: false, cc: false, sendFromOrgEmail: false, files: false, pdfParam: 'attach_pdf' },
};

export const BOOKS_SUBJECT_MAX = 1000;
export const BOOKS_BODY_MAX = 5000;

export function booksOrganizationLocator(displayOptions: INodeProperties['displayOptions']): INodeProperties {
	return {
		displayName: 'Organization',
		name: 'organizationId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		description: 'The Zoho Books organization. Leave empty to use your default organization.',
		displayOptions,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchBooksOrganizations', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: '10234695',
				validation: [{ type: 'regex', properties: { regex: '^\\d{1,25}$', errorMessage: 'Organization IDs are numbers' } }],
			},
		],
	};
}

export function booksContactLocator(displayOptions: INodeProperties['displayOptions'], description: string): INodeProperties {
	return {
		displayName: 'Contact',
		name: 'contactId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description,
		displayOptions,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchBooksContacts', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: '460000000026049',
				validation: [{ type: 'regex', properties: { regex: '^\\d{5,25}$', errorMessage: 'Contact IDs are long numbers' } }],
			},
		],
	};
}

export function booksTransactionTypeSelector(
	displayOptions: INodeProperties['displayOptions'],
	types: string[] = Object.keys(BOOKS_TRANSACTIONS),
): INodeProperties {
	return {
		displayName: 'Transaction Type',
		name: 'transactionType',
		type: 'options',
		noDataExpression: true,
		options: types
			.map((value) => ({ name: BOOKS_TRANSACTIONS[value].label, value }))
			.sort((a, b) => a.name.localeCompare(b.name)),
		default: 'invoice',
		displayOptions,
	};
}

export function booksTransactionLocator(displayOptions: INodeProperties['displayOptions']): INodeProperties {
	return {
		displayName: 'Transaction',
		name: 'transactionId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The invoice, estimate, order, credit note or receipt',
		displayOptions,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchBooksTransactions', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: '460000000040001',
				validation: [{ type: 'regex', properties: { regex: '^\\d{5,25}$', errorMessage: 'Transaction IDs are long numbers' } }],
			},
		],
	};
}
