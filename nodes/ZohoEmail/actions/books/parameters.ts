import type { IExecuteFunctions } from 'n8n-workflow';

import { parseAddressList } from '../../helpers/addresses';
import { recordIdOf, refusal, textOf } from '../../helpers/validation';
import { BOOKS_MAIL_LIMITS } from '../../models/books';

/* Reading and checking the parameters of a Books email, each error naming the field and the item. */

export function idParam(ctx: IExecuteFunctions, name: string, field: string, i: number): string {
	return recordIdOf(ctx, ctx.getNodeParameter(name, i, undefined, { extractValue: true }), field, i);
}

/** Books takes bare addresses (`to_mail_ids: ["a@x.com"]`); display names are dropped. */
export function mailIds(ctx: IExecuteFunctions, value: unknown, field: string, i: number, required = false): string[] {
	return parseAddressList(ctx, value, field, i, { required }).map((a) => a.email);
}

/** A text field of a Books email (Subject, Body, PDF File Name): text only, never an object made into "[object Object]". */
function booksText(ctx: IExecuteFunctions, name: string, field: string, i: number): string {
	return textOf(ctx, ctx.getNodeParameter(name, i, ''), field, i);
}

/**
 * UNCONFIRMED how Zoho counts the characters of its limits. `length` counts UTF-16 units as Java (Zoho's
 * platform) does: an emoji counts two. It is the stricter reading (never below the count of code
 * points), so nothing the node sends is refused for its length.
 */
function checkLength(ctx: IExecuteFunctions, text: string, field: string, max: number, i: number): void {
	if (text.length > max) {
		throw refusal(
			ctx,
			i,
			`"${field}" is longer than ${max} characters`,
			`"${field}" has ${text.length} characters; Zoho Books accepts at most ${max}`,
		);
	}
}

function requireText(ctx: IExecuteFunctions, text: string, field: string, i: number, why: string): void {
	if (!text.trim()) {
		throw refusal(ctx, i, `"${field}" is empty`, why);
	}
}

/** What to do about an empty Subject or Body, in the operation's words. */
export const USE_TEMPLATE = {
	subject: 'Enter a subject, or choose "Use the Default Template"',
	body: 'Enter a body, or choose "Use the Default Template"',
};

/**
 * The Subject and Body the user wrote for a Books email: text, not empty, and within Zoho Books'
 * limits (models/books.ts), checked before any request. Every Books mail operation reads its custom
 * content here.
 */
export function customMailContent(
	ctx: IExecuteFunctions,
	i: number,
	whenEmpty: { subject: string; body: string },
): { subject: string; body: string } {
	const subject = booksText(ctx, 'subject', 'Subject', i);
	const body = booksText(ctx, 'content', 'Body', i);
	requireText(ctx, subject, 'Subject', i, whenEmpty.subject);
	requireText(ctx, body, 'Body', i, whenEmpty.body);
	checkLength(ctx, subject, 'Subject', BOOKS_MAIL_LIMITS.subject, i);
	checkLength(ctx, body, 'Body', BOOKS_MAIL_LIMITS.body, i);
	return { subject, body };
}
