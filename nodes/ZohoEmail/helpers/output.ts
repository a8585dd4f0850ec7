import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { kindOf, optionOf, refusal } from './validation';

/*
 * The shape of what the read operations return (n8n's "Output" convention for tools): Simplified, a
 * small and stable item (IDs as text, date-times as ISO 8601 in UTC, no HTML body); Raw, Zoho's answer;
 * Selected Fields, only the chosen keys of Zoho's answer.
 */

export const OUTPUTS = ['simple', 'raw', 'fields'] as const;
export type Output = (typeof OUTPUTS)[number];

export interface OutputChoice {
	output: Output;
	/** The keys of Zoho's answer to keep, for "Selected Fields". */
	fields: string[];
}

/** Reads Output and, for Selected Fields, the Fields list, per item. */
export function outputOf(ctx: IExecuteFunctions, i: number): OutputChoice {
	const output = optionOf(ctx, ctx.getNodeParameter('output', i, 'simple'), 'Output', OUTPUTS, i);
	if (output !== 'fields') return { output, fields: [] };
	const value = ctx.getNodeParameter('fields', i, []) as unknown;
	const fields =
		typeof value === 'string'
			? value
					.split(',')
					.map((f) => f.trim())
					.filter(Boolean)
			: value;
	if (!Array.isArray(fields) || fields.some((f) => typeof f !== 'string') || fields.length === 0) {
		throw refusal(
			ctx,
			i,
			'"Fields" must name at least one field when Output is "Selected Fields"',
			'Pick fields from the list for "Fields", or choose another Output',
			Array.isArray(fields) && fields.length === 0 ? 'no field' : kindOf(value),
		);
	}
	return { output, fields: fields as string[] };
}

/** The item for the chosen output: `simplify` for Simplified, the answer itself for Raw, its chosen keys otherwise. */
export function shapeOutput(
	choice: OutputChoice,
	raw: IDataObject,
	simplify: (raw: IDataObject) => IDataObject,
): IDataObject {
	if (choice.output === 'raw') return raw;
	if (choice.output === 'simple') return simplify(raw);
	return pickOwn(raw, choice.fields);
}

/**
 * The answer's own keys among `fields`, as a plain object. Only own keys: `constructor` or `toString`
 * would otherwise bring in what every object inherits (functions). Built as data properties, so a key
 * "__proto__" in Zoho's answer stays a key and never sets the item's prototype.
 */
export function pickOwn(raw: IDataObject, fields: readonly string[]): IDataObject {
	return Object.fromEntries(fields.filter((field) => Object.hasOwn(raw, field)).map((field) => [field, raw[field]]));
}

/** An ID as text (Zoho sends some as numbers, which lose digits past 2^53 in other tools); null when absent. */
export function idText(value: unknown): string | null {
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'bigint') return String(value);
	return null;
}

// A date-time with an offset as Zoho writes it: "2023-10-30T11:19:42+05:30" (CRM) or "…+0530" (Books).
const ZONED = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?(?:\.\d{1,9})?)(Z|[+-]\d{2}:?\d{2})$/i;

/**
 * A Zoho date-time as ISO 8601 in UTC ("2023-10-30T05:49:42Z"), so every product reads alike; a plain
 * date ("2013-11-19") and unreadable text stay as Zoho gave them; anything but text is null.
 */
export function isoDateTime(value: unknown): string | null {
	if (typeof value !== 'string') return null;
	const m = ZONED.exec(value.trim());
	if (!m) return value;
	const offset = m[3].toUpperCase() === 'Z' ? 'Z' : `${m[3].slice(0, 3)}:${m[3].slice(-2)}`;
	const time = new Date(`${m[1]}T${m[2].length === 5 ? `${m[2]}:00` : m[2]}${offset}`);
	if (Number.isNaN(time.getTime())) return value;
	return time.toISOString().replace(/\.000Z$/, 'Z');
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(text: string): string {
	return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,6});/gi, (whole, name: string) => {
		if (name[0] === '#') {
			const code = name[1].toLowerCase() === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
			return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
		}
		return ENTITIES[name.toLowerCase()] ?? whole;
	});
}

/**
 * The readable text of an HTML email body: no tags, styles or scripts, entities decoded, one line per
 * paragraph, line break or list item. Plain text (no tag) comes back trimmed.
 */
export function htmlToText(html: unknown): string {
	if (typeof html !== 'string') return '';
	const text = html
		.replace(/<!--[\s\S]*?-->/g, '')
		.replace(/<(head|style|script|title)\b[\s\S]*?<\/\1\s*>/gi, '')
		.replace(/<br\s*\/?>/gi, '\n')
		.replace(/<\/(p|div|li|tr|h[1-6]|blockquote|table)\s*>/gi, '\n')
		.replace(/<li\b[^>]*>/gi, '- ')
		.replace(/<[^>]*>/g, '');
	return decodeEntities(text)
		.replace(/\r\n?/g, '\n')
		.split('\n')
		.map((line) => line.replace(/[ \t\f\v\u00a0]+/g, ' ').trim())
		.join('\n')
		.replace(/\n{3,}/g, '\n\n')
		.trim();
}

/** "Name <address>" for a Zoho party object ({user_name|name, email}), the address alone without a name. */
export function partyText(party: unknown): string | null {
	if (typeof party === 'string') return party;
	if (typeof party !== 'object' || party === null) return null;
	const { user_name: userName, name, email } = party as IDataObject;
	const address = typeof email === 'string' ? email : '';
	const display = typeof userName === 'string' && userName ? userName : typeof name === 'string' ? name : '';
	if (!address) return display || null;
	return display && display !== address ? `${display} <${address}>` : address;
}

/** A list of parties as text; anything that is not a list is an empty list. */
export function partiesText(list: unknown): string[] {
	return Array.isArray(list) ? list.map(partyText).filter((p): p is string => p !== null) : [];
}
