import type { IExecuteFunctions } from 'n8n-workflow';

import { kindOf, locatorValue, refusal, wrongType } from './validation';

/**
 * Names and path parts checked before any request: a URL segment from Zoho's own answers, a module's
 * API name, and a list of names or IDs. Each either returns what the request needs or refuses the
 * parameter, naming it and the item (validation.ts's `refusal`).
 */

/**
 * One path segment built from a value Zoho itself returned (search results, list items): encoded, and
 * never empty, "." or "..", which would change the path instead of naming a resource.
 */
export function pathSegment(ctx: IExecuteFunctions, value: unknown, what: string, itemIndex: number): string {
	const text =
		typeof value === 'string' ? value : typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : '';
	if (text === '' || text === '.' || text === '..') {
		throw refusal(
			ctx,
			itemIndex,
			`Zoho returned ${what} that cannot be used`,
			`The value Zoho returned for ${what} is empty or not an ID, so the node stopped before using it`,
		);
	}
	return encodeURIComponent(text);
}

/** A module API name: Leads, Sales_Orders, or a custom module such as Projects__c. */
export function moduleNameOf(
	ctx: IExecuteFunctions,
	value: unknown,
	allowed: string[] | undefined,
	itemIndex: number,
): string {
	const raw = locatorValue(value);
	if (raw !== undefined && raw !== null && typeof raw !== 'string') {
		throw wrongType(
			ctx,
			'Module',
			'a module API name',
			raw,
			itemIndex,
			'Give "Module" as text: the module\'s API name, e.g. Contacts',
		);
	}
	const name = (raw ?? '').trim();
	if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(name)) {
		throw refusal(
			ctx,
			itemIndex,
			`"Module" is not a module API name: "${name.slice(0, 60)}"`,
			'Use the API name, e.g. Leads, Contacts, Sales_Orders, or a custom module such as Projects__c',
		);
	}
	if (allowed && !allowed.includes(name) && !name.endsWith('__c') && !/^CustomModule\d+$/.test(name)) {
		throw refusal(
			ctx,
			itemIndex,
			`This operation does not support the module "${name}"`,
			`Supported: ${allowed.join(', ')}, and custom modules`,
		);
	}
	return name;
}

/**
 * A comma-separated list of names or IDs: text ("a, b"), a list of texts, or (with `idKey`) objects
 * carrying the ID under that key, as Zoho's own answers list files (`[{ id, name }]`).
 */
export function nameListOf(
	ctx: IExecuteFunctions,
	value: unknown,
	field: string,
	itemIndex: number,
	idKey?: string,
): string[] {
	const out: string[] = [];
	const add = (entry: unknown): void => {
		if (entry === undefined || entry === null) return;
		if (Array.isArray(entry)) {
			entry.forEach(add);
			return;
		}
		if (typeof entry === 'string') {
			out.push(
				...entry
					.split(',')
					.map((s) => s.trim())
					.filter(Boolean),
			);
			return;
		}
		if (idKey && typeof entry === 'object' && typeof (entry as Record<string, unknown>)[idKey] === 'string') {
			const id = ((entry as Record<string, unknown>)[idKey] as string).trim();
			if (id && !id.includes(',')) {
				out.push(id);
				return;
			}
		}
		throw refusal(
			ctx,
			itemIndex,
			`"${field}" holds ${kindOf(entry)}`,
			`Give "${field}" as text separated by commas, or a list of texts${idKey ? ` or of objects with an "${idKey}"` : ''}`,
		);
	};
	add(value);
	for (const name of out) {
		// eslint-disable-next-line no-control-regex
		if (/[\u0000-\u001f\u007f"]/.test(name)) {
			throw refusal(
				ctx,
				itemIndex,
				`"${field}" holds a name with quotes or control characters: "${name.slice(0, 60)}"`,
				'Separate names with commas',
			);
		}
	}
	return out;
}
