import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { booksContactLocator, booksOrganizationLocator, booksTransactionLocator } from '../../descriptions/books';
import { outputProperties } from '../../descriptions/output';
import { BOOKS_TRANSACTIONS } from '../../models/books';
import { returnAllAndLimit } from '../../descriptions/paging';
import { outputOf, shapeOutput } from '../../helpers/output';
import { optionOf, pagingOf } from '../../helpers/validation';
import { booksPagedList, zohoRequest } from '../../transport';
import { organizationOf } from './organization';
import { HISTORY_FIELDS, simplifyHistoryEntry } from './output';
import { idParam } from './parameters';
import { transactionIdOf, transactionRefOf } from './transaction';

const show = { show: { resource: ['booksEmail'], operation: ['listEmailHistory'] } };

/** Documents with "Comments & History" (GET /{type}/{id}/comments), the Books web app's history tab. */
const DOCUMENTS = ['invoice', 'estimate', 'salesOrder', 'purchaseOrder', 'retainerInvoice'];

const properties: INodeProperties[] = [
	booksOrganizationLocator(),
	{
		displayName: 'History Of',
		name: 'historyOf',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Contact',
				value: 'contact',
				description: 'The contact\'s "Comments & History": transactions added, updated and emailed, and comments',
			},
			{
				name: 'Credit Note',
				value: 'creditNote',
				description: 'The emails sent for a credit note: sender, recipients, subject, date',
			},
			...DOCUMENTS.map((value) => ({
				name: BOOKS_TRANSACTIONS[value].label,
				value,
				description: `The ${BOOKS_TRANSACTIONS[value].label.toLowerCase()}'s "Comments & History": when it was created, updated and emailed (and to whom), and comments`,
			})),
		].sort((a, b) => a.name.localeCompare(b.name)),
		default: 'contact',
	},
	{
		...booksContactLocator('The customer or vendor whose history is listed'),
		displayOptions: { show: { historyOf: ['contact'] } },
	},
	{
		...booksTransactionLocator(),
		displayOptions: { show: { historyOf: ['creditNote'] } },
		displayName: 'Credit Note',
		description: 'The credit note whose email history is listed',
	},
	{
		...booksTransactionLocator(),
		displayOptions: { show: { historyOf: DOCUMENTS } },
		displayName: 'Document',
		description:
			'The invoice, estimate, sales order, purchase order or retainer invoice whose history is listed. Its ID: the long number at the end of its page URL in Zoho Books, e.g. 460000000040001.',
	},
	...returnAllAndLimit(),
	...outputProperties(
		'ID, date, what happened and to which transaction (history), or sender, recipients and subject (emails)',
		HISTORY_FIELDS,
	),
];

export const description = updateDisplayOptions(show, properties);

/**
 * A contact's comments & history (GET /contacts/{id}/comments, paged), a credit note's email history
 * (GET /creditnotes/{id}/emailhistory, one answer) or a document's comments & history
 * (GET /{type}/{id}/comments, one answer), one item per entry (Zoho's Books API, comments and history).
 */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const historyOf = optionOf(
		this,
		this.getNodeParameter('historyOf', i),
		'History Of',
		['contact', 'creditNote', ...DOCUMENTS],
		i,
	);
	const { limit } = pagingOf(this, i);
	const output = outputOf(this, i);
	let entries: IDataObject[];
	if (DOCUMENTS.includes(historyOf)) {
		entries = await documentHistory.call(this, i, historyOf);
		if (limit !== undefined) entries = entries.slice(0, limit);
	} else if (historyOf === 'creditNote') {
		const creditNote = transactionRefOf(this, i, 'creditNote', 'Credit Note');
		const organizationId = await organizationOf.call(this, i);
		const creditNoteId = await transactionIdOf.call(this, i, 'creditNote', creditNote, organizationId);
		const { body } = await zohoRequest.call(this, {
			product: 'books',
			method: 'GET',
			path: `/creditnotes/${creditNoteId}/emailhistory`,
			organizationId,
			itemIndex: i,
			action: "list the credit note's email history",
		});
		// The entries do not name their credit note; it is added so items from several inputs stay apart.
		entries = ((body.email_history as IDataObject[] | undefined) ?? []).map((e) => ({
			...e,
			creditnote_id: creditNoteId,
		}));
		if (limit !== undefined) entries = entries.slice(0, limit);
	} else {
		const contactId = idParam(this, 'contactId', 'Contact', i);
		const organizationId = await organizationOf.call(this, i);
		entries = await booksPagedList.call(
			this,
			{
				product: 'books',
				method: 'GET',
				path: `/contacts/${contactId}/comments`,
				organizationId,
				itemIndex: i,
				action: "list the contact's history",
			},
			{ itemsKey: 'contact_comments', limit },
		);
	}
	return entries.map((entry) => ({ json: shapeOutput(output, entry, simplifyHistoryEntry) }));
}

/**
 * GET /{type}/{id}/comments. Zoho's spec gives these lists no paging parameters, so one answer holds
 * them all. Each entry is marked with its document's ID, which not every type's entries carry.
 */
async function documentHistory(this: IExecuteFunctions, i: number, typeName: string): Promise<IDataObject[]> {
	const type = BOOKS_TRANSACTIONS[typeName];
	const ref = transactionRefOf(this, i, typeName, type.label);
	const organizationId = await organizationOf.call(this, i);
	const id = await transactionIdOf.call(this, i, typeName, ref, organizationId);
	const { body } = await zohoRequest.call(this, {
		product: 'books',
		method: 'GET',
		path: `/${type.path}/${id}/comments`,
		organizationId,
		itemIndex: i,
		action: `list the ${type.label.toLowerCase()}'s history`,
	});
	const comments = Array.isArray(body.comments) ? (body.comments as IDataObject[]) : [];
	return comments.map((e) => ({ ...e, [type.idField]: id }));
}
