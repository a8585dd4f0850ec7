import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	booksOrganizationLocator,
	booksTransactionLocator,
	booksTransactionTypeSelector,
} from '../../descriptions/books';
import { optionOf } from '../../helpers/validation';
import { BOOKS_TRANSACTIONS } from '../../models/books';
import { alone } from '../../engine/batch';
import type { Batching } from '../types';
import { BOOKS_BULK_MAX, bulkCall, bulkFields, type BulkMember, type Members } from './bulk';
import { organizationOf } from './organization';
import { transactionIdOf, transactionRefOf } from './transaction';

/** The types Zoho Books emails in bulk: POST /invoices/email and POST /estimates/email (Zoho's Books API pages). */
const BULK_TYPES = ['invoice', 'estimate'];

/** Counts toward "Max Emails per Execution" (engine/sendCap.ts): one place per document. */
export const sendsEmail = true;

const properties: INodeProperties[] = [
	{
		displayName:
			"One item per invoice or estimate. Consecutive items with the same organization and type are sent together, up to 10 per call; Zoho Books emails each document to its customer's contact persons with its default template.",
		name: 'bulkNotice',
		type: 'notice',
		default: '',
	},
	booksOrganizationLocator(),
	booksTransactionTypeSelector(BULK_TYPES),
	{
		...booksTransactionLocator(),
		description:
			'The invoice or estimate this item emails. By ID: the long number at the end of its page URL in Zoho Books, e.g. 460000000040001. By Number: the number printed on it, e.g. INV-000123 (looked up with one request per item, before any email goes out).',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['booksEmail'], operation: ['emailTransactionsInBulk'] } },
	properties,
);

export const batch: Batching<BulkMember> = {
	max: BOOKS_BULK_MAX,
	async prepare(this: IExecuteFunctions, i: number): Promise<BulkMember> {
		const typeName = optionOf(this, this.getNodeParameter('transactionType', i), 'Transaction Type', BULK_TYPES, i);
		const document = transactionRefOf(this, i, typeName, BOOKS_TRANSACTIONS[typeName].label);
		const organizationId = await organizationOf.call(this, i);
		const id = await transactionIdOf.call(this, i, typeName, document, organizationId);
		return { key: `${organizationId}/${typeName}`, id, organizationId, typeName, byNumber: 'number' in document };
	},
	/**
	 * POST /invoices/email?invoice_ids=… or /estimates/email?estimate_ids=…, no body: Zoho Books queues
	 * the default email of each document to its customer (Zoho's Books API pages). Its answer is one message for
	 * the whole call, so every item reports it.
	 */
	async execute(this: IExecuteFunctions, members: Members) {
		const type = BOOKS_TRANSACTIONS[members[0].member.typeName];
		return await bulkCall.call(
			this,
			members,
			{ path: `/${type.path}/email`, action: `email the ${type.label.toLowerCase()}s` },
			({ body }) =>
				members.map(({ member }) => [
					{ json: { code: body.code, message: body.message, ...bulkFields(members, member) } },
				]),
		);
	},
};

export const execute = alone(batch);
