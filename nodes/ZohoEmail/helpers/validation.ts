import type { IExecuteFunctions, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * Type checks for parameter values. Expressions can hand the node any JSON value (and Luxon or JS
 * dates); every check here either returns the value the request needs or throws a NodeOperationError
 * naming the field and the item, before any request. Nothing is coerced with `String()`, so an object
 * never reaches Zoho as "[object Object]".
 */

/** A value the user gave: anything but missing (undefined, null) or empty text. `false` and `0` count as given. */
export const given = (value: unknown): boolean => value !== undefined && value !== null && value !== '';

/** "a number", "a list", … for error messages (never the value itself: it could be anything). */
export function kindOf(value: unknown): string {
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'number') return 'a number';
	if (typeof value === 'boolean') return 'true/false';
	if (typeof value === 'bigint') return 'a number';
	if (typeof value === 'object' && value !== null) return 'an object';
	return `a ${typeof value}`;
}

/** What a refusal says after its fix: what the item gave, and what follows the item's part. */
export interface RefusalWords {
	/** What the item gave ("a number"), said in the item's part: "(item 3 gives a number)". */
	gave?: string;
	/** The node parameter refused, when the message names another thing (a binary property): "(parameter \"Attachments\", item 3)". */
	parameter?: string;
	/** The text after the item's part, its punctuation first ("; matching IDs: …."); a period when not given. */
	then?: string;
}

const FIX = Symbol('zohoRefusalFix');

/**
 * The refusal of a parameter, before any request, and the only place that words an item's part:
 * `problem` is the message ("\"Subject\" must be text, not a number"); the description says first
 * what to do (`fix`), then which item gave what, then `then`. Run as an AI agent's tool, the node adds
 * the fix's first sentence to the message (engine/toolErrors.ts, `fixOf`), without the item: the model
 * reads how to correct its call, not a report on an item.
 */
export function refusal(
	ctx: { getNode(): INode },
	itemIndex: number,
	problem: string,
	fix: string,
	words: RefusalWords | string = {},
): NodeOperationError {
	const { gave, parameter, then = '.' } = typeof words === 'string' ? { gave: words } : words;
	// The item's part is one parenthesis: what was given never closes it early.
	const given = gave === undefined ? '' : ` gives ${gave.replace(/[()]/g, '')}`;
	const named = parameter === undefined ? '' : `parameter "${parameter}", `;
	const error = new NodeOperationError(ctx.getNode(), problem, {
		itemIndex,
		description: `${fix} (${named}item ${itemIndex}${given})${then}`,
	});
	return Object.assign(error, {
		[FIX]: `${fix}${parameter === undefined ? '' : ` (parameter "${parameter}")`}${then}`,
	});
}

/** A refusal's description without the item's part (what an AI agent is told to change), else undefined. */
export function fixOf(error: object): string | undefined {
	return (error as { [FIX]?: string })[FIX];
}

/** `copy` of a refusal (the same item's error rebuilt) keeps what its fix says. */
export function keepFix<E extends object>(copy: E, from: unknown): E {
	const fix = from && typeof from === 'object' ? fixOf(from) : undefined;
	return fix === undefined ? copy : Object.assign(copy, { [FIX]: fix });
}

/** A refusal of a value of the wrong JSON type: what was expected and what arrived. */
export function wrongType(
	ctx: IExecuteFunctions,
	field: string,
	expected: string,
	value: unknown,
	itemIndex: number,
	fix: string,
): NodeOperationError {
	return refusal(ctx, itemIndex, `"${field}" must be ${expected}, not ${kindOf(value)}`, fix);
}

/** A text parameter: a string; missing (undefined or null) is ''. Numbers, booleans, lists and objects are refused. */
export function textOf(ctx: IExecuteFunctions, value: unknown, field: string, itemIndex: number): string {
	if (value === undefined || value === null) return '';
	if (typeof value === 'string') return value;
	throw wrongType(
		ctx,
		field,
		'text',
		value,
		itemIndex,
		`Give "${field}" as text: convert the value with String(…) in the expression, or pick the right field`,
	);
}

/** A text parameter that travels in an email header (message IDs): one line, no control characters. */
export function headerTextOf(ctx: IExecuteFunctions, value: unknown, field: string, itemIndex: number): string {
	const text = textOf(ctx, value, field, itemIndex).trim();
	// eslint-disable-next-line no-control-regex
	if (/[\u0000-\u001f\u007f]/.test(text)) {
		throw refusal(
			ctx,
			itemIndex,
			`"${field}" contains a line break or control character`,
			`Give "${field}" on a single line`,
		);
	}
	return text;
}

/** A boolean parameter: true/false, or the text "true"/"false" (what expressions often return); missing is the default. */
export function booleanOf(
	ctx: IExecuteFunctions,
	value: unknown,
	field: string,
	itemIndex: number,
	fallback = false,
): boolean {
	if (value === undefined || value === null || value === '') return fallback;
	if (typeof value === 'boolean') return value;
	if (typeof value === 'string' && /^(true|false)$/i.test(value.trim())) return value.trim().toLowerCase() === 'true';
	throw refusal(
		ctx,
		itemIndex,
		`"${field}" must be true or false`,
		`Use true or false for "${field}"`,
		typeof value === 'string' ? 'other text' : kindOf(value),
	);
}

/** An options parameter: one of its values, exactly (an expression can return anything). */
export function optionOf<T extends string>(
	ctx: IExecuteFunctions,
	value: unknown,
	field: string,
	allowed: readonly T[],
	itemIndex: number,
): T {
	if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
	throw refusal(
		ctx,
		itemIndex,
		`"${field}" must be one of: ${allowed.join(', ')}`,
		`Use one of the listed values for "${field}", exactly as written`,
		typeof value === 'string' ? `"${value.slice(0, 40)}"` : kindOf(value),
	);
}

/** A whole number in [min, max]; a number, or text holding only digits (what expressions on $json often return). */
export function integerOf(
	ctx: IExecuteFunctions,
	value: unknown,
	field: string,
	itemIndex: number,
	min: number,
	max = Number.MAX_SAFE_INTEGER,
): number {
	const number =
		typeof value === 'number'
			? value
			: typeof value === 'string' && /^\s*\d{1,15}\s*$/.test(value)
				? Number(value)
				: NaN;
	if (!Number.isSafeInteger(number) || number < min || number > max) {
		const range = max === Number.MAX_SAFE_INTEGER ? `of at least ${min}` : `from ${min} to ${max}`;
		throw refusal(
			ctx,
			itemIndex,
			`"${field}" must be a whole number ${range}`,
			`Give "${field}" as a whole number such as ${Math.min(Math.max(min, 10), max)}, without quotes or decimals`,
			typeof value === 'number' || typeof value === 'string' ? JSON.stringify(value).slice(0, 40) : kindOf(value),
		);
	}
	return number;
}

/** The value of a resource locator (`{ mode, value }`), or the value itself. */
export function locatorValue(value: unknown): unknown {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
	return '__rl' in value || ('mode' in value && 'value' in value) ? (value as { value: unknown }).value : value;
}

/**
 * Zoho record IDs are 18–19 digit strings, beyond JavaScript's safe integers: never make them numbers.
 * A number is accepted as its decimal digits when it is a safe integer (what a user means by `{{ 123456 }}`);
 * a larger one has already lost digits and is refused.
 */
export function recordIdOf(ctx: IExecuteFunctions, value: unknown, field: string, itemIndex: number): string {
	const raw = locatorValue(value);
	if (typeof raw === 'number' && Number.isInteger(raw) && !Number.isSafeInteger(raw)) {
		throw refusal(
			ctx,
			itemIndex,
			`"${field}" lost digits: it arrived as a number`,
			`Pass "${field}" as text, e.g. {{ String($json.id) }} or a quoted value: Zoho IDs are longer than JavaScript numbers can hold`,
		);
	}
	if (raw !== undefined && raw !== null && typeof raw !== 'string' && typeof raw !== 'number') {
		throw wrongType(
			ctx,
			field,
			'a Zoho ID',
			raw,
			itemIndex,
			`Give "${field}" as text holding one Zoho ID, a long number such as 3652397000000624001`,
		);
	}
	const id = typeof raw === 'number' ? String(raw) : (raw ?? '').trim();
	if (!/^\d{5,25}$/.test(id)) {
		throw refusal(
			ctx,
			itemIndex,
			`"${field}" is not a Zoho ID: "${id.slice(0, 60)}"`,
			`Give "${field}" as a Zoho ID, a long number such as 3652397000000624001`,
		);
	}
	return id;
}

/** Return All / Limit for one item: Return All true or false, Limit a whole number of at least 1. */
export function pagingOf(ctx: IExecuteFunctions, i: number): { limit?: number } {
	const returnAll = booleanOf(ctx, ctx.getNodeParameter('returnAll', i, false), 'Return All', i);
	return returnAll ? {} : { limit: integerOf(ctx, ctx.getNodeParameter('limit', i, 50), 'Limit', i, 1) };
}
