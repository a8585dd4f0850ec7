import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { parseAddressList } from '../../helpers/addresses';
import { recordIdOf, textOf } from '../../helpers/validation';

/* Reading and checking the parameters of a Books email, each error naming the field and the item. */

export function idParam(ctx: IExecuteFunctions, name: string, field: string, i: number): string {
	return recordIdOf(ctx, ctx.getNodeParameter(name, i, undefined, { extractValue: true }), field, i);
}

/** Books takes bare addresses (`to_mail_ids: ["a@x.com"]`); display names are dropped. */
export function mailIds(ctx: IExecuteFunctions, value: unknown, field: string, i: number, required = false): string[] {
	return parseAddressList(ctx, value, field, i, { required }).map((a) => a.email);
}

/** A text field of a Books email (Subject, Body, PDF File Name): text only, never an object made into "[object Object]". */
export function booksText(ctx: IExecuteFunctions, name: string, field: string, i: number): string {
	return textOf(ctx, ctx.getNodeParameter(name, i, ''), field, i);
}

export function checkLength(ctx: IExecuteFunctions, text: string, field: string, max: number, i: number): void {
	if (text.length > max) {
		throw new NodeOperationError(ctx.getNode(), `"${field}" is longer than ${max} characters`, {
			itemIndex: i,
			description: `"${field}" has ${text.length} characters; Zoho Books accepts at most ${max} (item ${i}).`,
		});
	}
}

export function requireText(ctx: IExecuteFunctions, text: string, field: string, i: number, why: string): void {
	if (!text.trim()) {
		throw new NodeOperationError(ctx.getNode(), `"${field}" is empty`, { itemIndex: i, description: `${why} (item ${i}).` });
	}
}
