import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

export interface ZohoAddress {
	user_name?: string;
	email: string;
}

// Deliberately simple (local@domain.tld, no spaces): it catches typos and empty values, not every
// RFC 5322 corner case; Zoho has the last word.
const EMAIL = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:".]{2,}$/;

export function isEmail(value: string): boolean {
	return EMAIL.test(value);
}

/** Splits "A <a@x.com>, b@y.com; C <c@z.com>" into addresses, keeping display names. */
export function splitAddresses(value: unknown): string[] {
	if (Array.isArray(value)) return value.flatMap((v) => splitAddresses(v));
	if (typeof value !== 'string') return [];
	const parts: string[] = [];
	let current = '';
	let inAngle = false;
	let inQuote = false;
	for (const ch of value) {
		if (ch === '"') inQuote = !inQuote;
		if (ch === '<') inAngle = true;
		if (ch === '>') inAngle = false;
		if ((ch === ',' || ch === ';' || ch === '\n') && !inAngle && !inQuote) {
			if (current.trim()) parts.push(current.trim());
			current = '';
		} else current += ch;
	}
	if (current.trim()) parts.push(current.trim());
	return parts;
}

function parseOne(text: string): ZohoAddress | undefined {
	const angled = /^(.*)<([^<>]+)>$/.exec(text);
	const email = (angled ? angled[2] : text).trim();
	if (!isEmail(email)) return undefined;
	const name = angled ? angled[1].trim().replace(/^"(.*)"$/, '$1').trim() : '';
	return name ? { user_name: name, email } : { email };
}

/**
 * Parses and validates an address field for one item. Throws a NodeOperationError naming the field
 * and the item, before any request is made.
 */
export function parseAddressList(
	ctx: IExecuteFunctions,
	value: unknown,
	field: string,
	itemIndex: number,
	{ required = false, max }: { required?: boolean; max?: number } = {},
): ZohoAddress[] {
	const parts = splitAddresses(value);
	if (required && parts.length === 0) {
		throw new NodeOperationError(ctx.getNode(), `"${field}" is empty`, {
			itemIndex,
			description: `Enter at least one email address in "${field}" (item ${itemIndex}).`,
		});
	}
	const result: ZohoAddress[] = [];
	for (const part of parts) {
		const parsed = parseOne(part);
		if (!parsed) {
			throw new NodeOperationError(ctx.getNode(), `"${field}" has an invalid email address: ${part}`, {
				itemIndex,
				description: `Use "name@example.com" or "Name <name@example.com>", separated by commas (item ${itemIndex}).`,
			});
		}
		result.push(parsed);
	}
	if (max !== undefined && result.length > max) {
		throw new NodeOperationError(ctx.getNode(), `"${field}" takes at most ${max} address${max === 1 ? '' : 'es'}`, {
			itemIndex,
		});
	}
	return result;
}

export function parseAddress(ctx: IExecuteFunctions, value: unknown, field: string, itemIndex: number): ZohoAddress {
	return parseAddressList(ctx, value, field, itemIndex, { required: true, max: 1 })[0];
}

// Every sample in Zoho's docs names each party; an address given without a name uses the address.
export const named = (a: ZohoAddress): IDataObject => ({ user_name: a.user_name ?? a.email, email: a.email });

/**
 * The parties of a CRM or Bigin send_mail body, in the documented key order (seeds 001, 002):
 * from (the "From" picker), to, and from Additional Fields cc, bcc, reply_to, org_email.
 */
export function mailParties(ctx: IExecuteFunctions, i: number, fields: IDataObject): IDataObject {
	const fromParam = ctx.getNodeParameter('from', i) as { value?: string } | string;
	const from = parseAddress(ctx, typeof fromParam === 'string' ? fromParam : fromParam.value, 'From', i);
	const to = parseAddressList(ctx, ctx.getNodeParameter('to', i), 'To', i, { required: true });
	const mail: IDataObject = { from: named(from), to: to.map(named) };
	const cc = parseAddressList(ctx, fields.cc, 'CC', i);
	const bcc = parseAddressList(ctx, fields.bcc, 'BCC', i);
	if (cc.length) mail.cc = cc.map(named);
	if (bcc.length) mail.bcc = bcc.map(named);
	if (fields.replyTo) mail.reply_to = named(parseAddress(ctx, fields.replyTo, 'Reply To', i));
	if (fields.orgEmail) mail.org_email = true;
	return mail;
}
