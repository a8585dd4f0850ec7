import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { booksOrganizationLocator, booksTransactionLocator } from '../../descriptions/books';
import { currentSecrets, zohoError, type ZohoResponse } from '../../transport';
import { alone } from '../../engine/batch';
import type { Batching } from '../types';
import { BOOKS_BULK_MAX, bulkCall, bulkFields, type BulkMember, type Members } from './bulk';
import { organizationOf } from './organization';
import { transactionIdOf, transactionRefOf } from './transaction';

/** Counts toward "Max Emails per Execution" (engine/sendCap.ts): one place per invoice. */
export const sendsEmail = true;

const properties: INodeProperties[] = [
	{
		displayName:
			'One item per invoice. Consecutive items with the same organization are sent together, up to 10 per call. Zoho Books reminds only open (sent) and overdue invoices, with its payment reminder template.',
		name: 'bulkNotice',
		type: 'notice',
		default: '',
	},
	booksOrganizationLocator(),
	{
		...booksTransactionLocator(),
		displayName: 'Invoice',
		description:
			'The unpaid invoice this item reminds the customer of. By ID: the long number at the end of its page URL in Zoho Books, e.g. 460000000040001. By Number: the number printed on it, e.g. INV-000123 (looked up with one request per item, before any reminder goes out).',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['booksEmail'], operation: ['sendPaymentRemindersInBulk'] } },
	properties,
);

/** The invoice IDs Zoho names in `info.email_errors_info[].ids` (an array, or one comma-separated string in the spec's sample). */
function idsOf(value: unknown): string[] {
	if (Array.isArray(value)) return value.map(String);
	return typeof value === 'string' || typeof value === 'number'
		? String(value)
				.split(',')
				.map((id) => id.trim())
		: [];
}

export const batch: Batching<BulkMember> = {
	max: BOOKS_BULK_MAX,
	async prepare(this: IExecuteFunctions, i: number): Promise<BulkMember> {
		const invoice = transactionRefOf(this, i, 'invoice', 'Invoice');
		const organizationId = await organizationOf.call(this, i);
		const id = await transactionIdOf.call(this, i, 'invoice', invoice, organizationId);
		return { key: organizationId, id, organizationId, typeName: 'invoice', byNumber: 'number' in invoice };
	},
	/**
	 * POST /invoices/paymentreminder?invoice_ids=…, no body. Zoho Books answers per invoice:
	 * `info.email_errors_info` lists the invoices it did not remind, with its reason; those items fail,
	 * the others report the reminder sent.
	 */
	async execute(this: IExecuteFunctions, members: Members) {
		return await bulkCall.call(
			this,
			members,
			{ path: '/invoices/paymentreminder', action: 'send the payment reminders' },
			(answer) => remindersOf(this, members, answer),
		);
	},
};

async function remindersOf(ctx: IExecuteFunctions, members: Members, { body }: ZohoResponse) {
	// Zoho's reasons are text from its answer: redacted with the credential's secrets as they are now.
	const secrets = await currentSecrets(ctx);
	const info = (body.info ?? {}) as IDataObject;
	const success = (info.email_success_info ?? {}) as IDataObject;
	const refused = new Map<string, string>();
	for (const entry of Array.isArray(info.email_errors_info) ? (info.email_errors_info as IDataObject[]) : []) {
		for (const id of idsOf(entry?.ids)) if (!refused.has(id)) refused.set(id, String(entry.message ?? ''));
	}
	const reminded = members.filter((m) => !refused.has(m.member.id));
	const others = othersOfCall(
		members.length,
		reminded.map((m) => m.index),
	);
	return members.map(({ index, member }) => {
		if (refused.has(member.id)) {
			return zohoError(ctx, {
				product: 'books',
				action: `send the payment reminder for invoice ${member.id}`,
				itemIndex: index,
				failure: { code: String(info.code ?? body.code), message: refused.get(member.id) ?? '' },
				hint: `Zoho Books sent no reminder for this invoice; it reminds only open (sent) and overdue invoices.${others}`,
				secrets,
			});
		}
		return [
			{
				json: {
					code: body.code,
					message: typeof success.message === 'string' ? success.message : body.message,
					...bulkFields(members, member),
					reminder_sent: true,
					...(success.sent_count !== undefined ? { sent_count: success.sent_count } : {}),
				},
			},
		];
	});
}

/** What happened to the rest of the call, for a refused invoice's error: how many reminders were sent, and for which items. */
function othersOfCall(size: number, remindedItems: number[]): string {
	if (size < 2) return '';
	const n = remindedItems.length;
	if (n === 0)
		return ` Zoho Books reminded none of the other ${size - 1} invoice${size - 1 === 1 ? '' : 's'} of the call either.`;
	return n === 1
		? ` The reminder for 1 other invoice of the call (item ${remindedItems[0]}) was sent.`
		: ` The reminders for ${n} other invoices of the call (items ${remindedItems.join(', ')}) were sent.`;
}

export const execute = alone(batch);
