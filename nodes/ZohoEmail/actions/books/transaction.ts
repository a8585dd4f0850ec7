import type { IDataObject, IExecuteFunctions, INodeParameterResourceLocator } from 'n8n-workflow';

import { recordIdOf, refusal, textOf } from '../../helpers/validation';
import { BOOKS_TRANSACTIONS } from '../../models/books';
import { organizationLabel, zohoRequest } from '../../transport';
import { idParam } from './parameters';

/** A transaction as the item names it: its ID, or its number (INV-000123) to look up. */
export type TransactionRef = { id: string } | { number: string };

const MAX_NUMBER = 100;

/**
 * Reads the Transaction picker of item `i` and checks it, before any request: By Number gives a
 * number to look up (only for types whose list filters by number), the other modes an ID.
 */
export function transactionRefOf(ctx: IExecuteFunctions, i: number, typeName: string, field: string): TransactionRef {
	const locator = ctx.getNodeParameter('transactionId', i, undefined) as
		| INodeParameterResourceLocator
		| string
		| undefined;
	if (typeof locator !== 'object' || locator === null || locator.mode !== 'number')
		return { id: idParam(ctx, 'transactionId', field, i) };
	const type = BOOKS_TRANSACTIONS[typeName];
	const number = textOf(
		ctx,
		ctx.getNodeParameter('transactionId', i, undefined, { extractValue: true }),
		field,
		i,
	).trim();
	if (!type.numberFilter) {
		throw refusal(
			ctx,
			i,
			`Zoho Books cannot find a ${type.label.toLowerCase()} by its number`,
			`Pick the ${type.label.toLowerCase()} From List or By ID`,
		);
	}
	if (!number || number.length > MAX_NUMBER || [...number].some((c) => c.charCodeAt(0) < 32)) {
		throw refusal(
			ctx,
			i,
			`"${field}" is not a transaction number: "${number.slice(0, 60)}"`,
			`Enter the number shown on the ${type.label.toLowerCase()}, such as ${type.numberExample}, of at most ${MAX_NUMBER} characters`,
		);
	}
	return { number };
}

/**
 * The transaction's ID: as given, or found by number with one call to the type's list
 * (GET /invoices?invoice_number=INV-000123, Books OAS `list_invoices` and its siblings). Only an exact
 * match counts, so a list that also matched by prefix cannot pick the wrong transaction.
 */
export async function transactionIdOf(
	this: IExecuteFunctions,
	i: number,
	typeName: string,
	ref: TransactionRef,
	organizationId: string,
): Promise<string> {
	if ('id' in ref) return ref.id;
	const type = BOOKS_TRANSACTIONS[typeName];
	const label = type.label.toLowerCase();
	const { body } = await zohoRequest.call(this, {
		product: 'books',
		method: 'GET',
		path: `/${type.path}`,
		qs: { [type.numberField]: ref.number, per_page: 200 },
		organizationId,
		itemIndex: i,
		action: `find the ${label} ${ref.number}`,
	});
	// UNCONFIRMED for sales receipts: the model's list key, else the path name the OAS response uses.
	const list = ((body[type.listKey] ?? body[type.path]) as IDataObject[] | undefined) ?? [];
	const matches = list.filter(
		(t) => typeof t === 'object' && t !== null && String(t[type.numberField] ?? '') === ref.number,
	);
	if (matches.length === 1) return recordIdOf(this, matches[0][type.idField], `The ${label} found by number`, i);
	if (matches.length === 0) {
		// The organization by its name: known when the default organization was looked up, else one read now.
		const organization = await organizationLabel(this, organizationId, i);
		throw refusal(
			this,
			i,
			`No ${label} has the number ${ref.number} in the organization ${organization}`,
			`Check the number and the organization, or pick the ${label} From List or By ID`,
		);
	}
	throw refusal(
		this,
		i,
		`${matches.length} ${label}s have the number ${ref.number}`,
		`Pick the ${label} By ID instead`,
		{
			then: `; matching IDs: ${matches
				.slice(0, 5)
				.map((t) => String(t[type.idField]))
				.join(', ')}.`,
		},
	);
}
