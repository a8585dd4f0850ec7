import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { isExpression } from 'n8n-workflow';

import { kindOf, locatorValue, refusal } from './validation';

export interface ZohoAddress {
	user_name?: string;
	email: string;
}

// Deliberately simple (local@domain.tld, no spaces): it catches typos and empty values, not every
// RFC 5322 corner case; Zoho has the last word.
const EMAIL = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:".]{2,}$/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

export function isEmail(value: string): boolean {
	return EMAIL.test(value);
}

/** Splits "A <a@x.com>, b@y.com; C <c@z.com>" into addresses, keeping display names. */
function splitAddresses(value: string): string[] {
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
	const name = angled
		? angled[1]
				.trim()
				.replace(/^"(.*)"$/, '$1')
				.trim()
		: '';
	if (CONTROL.test(name) || /[<>]/.test(name)) return undefined;
	return name ? { user_name: name, email } : { email };
}

type Entry = { text: string } | { object: IDataObject };

/**
 * The recipients as users pass them from other nodes: text (comma- or semicolon-separated), a list of
 * texts, `{ email, name }` or Zoho's own `{ email, user_name }` objects, lists of those, or a mix.
 * Missing values (undefined, null, empty text) are no recipient; anything else is refused, never dropped.
 */
function entriesOf(
	ctx: IExecuteFunctions,
	value: unknown,
	field: string,
	itemIndex: number,
	out: Entry[] = [],
): Entry[] {
	if (value === undefined || value === null) return out;
	if (typeof value === 'string') {
		for (const text of splitAddresses(value)) out.push({ text });
		return out;
	}
	if (Array.isArray(value)) {
		for (const entry of value) entriesOf(ctx, entry, field, itemIndex, out);
		return out;
	}
	if (typeof value === 'object') {
		out.push({ object: value as IDataObject });
		return out;
	}
	throw refusal(
		ctx,
		itemIndex,
		`"${field}" must be email addresses, not ${kindOf(value)}`,
		`Give "${field}" as text such as "Ana <ana@example.com>, bo@example.com", a list of addresses, or objects { email, name }`,
	);
}

function fromObject(ctx: IExecuteFunctions, object: IDataObject, field: string, itemIndex: number): ZohoAddress {
	const { email } = object;
	const name = object.name ?? object.user_name;
	if (typeof email !== 'string') {
		throw refusal(
			ctx,
			itemIndex,
			`"${field}" holds an object without an "email" text`,
			`Objects in "${field}" need an "email" holding one address, and optionally a "name"`,
		);
	}
	if (!isEmail(email.trim())) {
		throw refusal(
			ctx,
			itemIndex,
			`"${field}" has an invalid email address: ${email.trim().slice(0, 100)}`,
			`The "email" of each object in "${field}" must be one address such as name@example.com`,
		);
	}
	if (name !== undefined && name !== null && (typeof name !== 'string' || CONTROL.test(name) || /[<>]/.test(name))) {
		throw refusal(
			ctx,
			itemIndex,
			`"${field}" has an invalid display name for ${email.trim()}`,
			'A "name" must be text on one line, without < or >',
		);
	}
	const trimmed = typeof name === 'string' ? name.trim() : '';
	return trimmed ? { user_name: trimmed, email: email.trim() } : { email: email.trim() };
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
	const entries = entriesOf(ctx, value, field, itemIndex);
	if (required && entries.length === 0) {
		throw refusal(ctx, itemIndex, `"${field}" is empty`, `Enter at least one email address in "${field}"`);
	}
	const result: ZohoAddress[] = [];
	for (const entry of entries) {
		if ('object' in entry) {
			result.push(fromObject(ctx, entry.object, field, itemIndex));
			continue;
		}
		const parsed = parseOne(entry.text);
		if (!parsed) {
			throw refusal(
				ctx,
				itemIndex,
				`"${field}" has an invalid email address: ${entry.text.slice(0, 100)}`,
				'Use "name@example.com" or "Name <name@example.com>", separated by commas',
			);
		}
		result.push(parsed);
	}
	if (max !== undefined && result.length > max) {
		throw refusal(
			ctx,
			itemIndex,
			`"${field}" takes at most ${max} address${max === 1 ? '' : 'es'}`,
			`"${field}" holds ${result.length} addresses`,
		);
	}
	return result;
}

export function parseAddress(ctx: IExecuteFunctions, value: unknown, field: string, itemIndex: number): ZohoAddress {
	return parseAddressList(ctx, value, field, itemIndex, { required: true, max: 1 })[0];
}

/** An optional single address: missing or empty is none; anything given is parsed (never dropped as "falsy"). */
function optionalAddress(
	ctx: IExecuteFunctions,
	value: unknown,
	field: string,
	itemIndex: number,
): ZohoAddress | undefined {
	const list = parseAddressList(ctx, value, field, itemIndex, { max: 1 });
	return list[0];
}

// Every sample in Zoho's docs names each party; an address given without a name uses the address.
export const named = (a: ZohoAddress): IDataObject => ({ user_name: a.user_name ?? a.email, email: a.email });

/**
 * The parties of a CRM or Bigin send_mail body, in the documented key order (Zoho's CRM and Bigin Send Mail pages):
 * from (the "From" picker), to, and from Additional Fields cc, bcc, reply_to, org_email. A From left
 * empty or Send To "The Record's Email Address" leaves its key out, to be filled before the send.
 */
export function mailParties(ctx: IExecuteFunctions, i: number, fields: IDataObject, orgEmail: boolean): IDataObject {
	// From left empty: the user's primary sender, read when the item is sent (actions/parties.ts).
	// An expression that gives nothing is an error, never a silent change of sender.
	const fromValue = locatorValue(ctx.getNodeParameter('from', i, ''));
	const leftEmpty =
		typeof fromValue === 'string' && !fromValue.trim() && !isExpression(locatorValue(ctx.getNode().parameters.from));
	const from = leftEmpty ? undefined : parseAddress(ctx, fromValue, 'From', i);
	const mail: IDataObject = from ? { from: named(from) } : {};
	// "The Record's Email Address" is chosen in Send To, never assumed: an empty To stays an error.
	if (ctx.getNodeParameter('sendTo', i, 'addresses') !== 'recordEmail') {
		mail.to = parseAddressList(ctx, ctx.getNodeParameter('to', i), 'To', i, { required: true }).map(named);
	}
	const cc = parseAddressList(ctx, fields.cc, 'CC', i);
	const bcc = parseAddressList(ctx, fields.bcc, 'BCC', i);
	if (cc.length) mail.cc = cc.map(named);
	if (bcc.length) mail.bcc = bcc.map(named);
	const replyTo = optionalAddress(ctx, fields.replyTo, 'Reply To', i);
	if (replyTo) mail.reply_to = named(replyTo);
	if (orgEmail) mail.org_email = true;
	return mail;
}
