import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { PollSettings, PollThis } from './types';

/**
 * Zia's reading of a received email, on every email of the Emails list (Zoho's CRM Get Emails of a Record page; CRM OAS `email`
 * schema): `intent` and `sentiment_info`, null where Zia is not on for the organization. Values are
 * saved in workflows.
 */
export const INTENTS = ['request', 'query', 'purchase', 'complaints', 'spam', 'others'];
export const SENTIMENTS = ['negative', 'neutral', 'positive'];

/**
 * A multi-choice parameter: the saved list, or an expression's string of values ("opened" or
 * "opened, bounced"). Any other type, or an unknown value, is refused (naming the field) rather than
 * read as nothing chosen.
 */
export function chosen(ctx: PollThis, name: string, label: string, allowed: string[], noun = 'value'): string[] {
	const value = ctx.getNodeParameter(name, []) as unknown;
	let list: unknown[];
	if (Array.isArray(value)) list = value;
	else if (typeof value === 'string')
		list = value
			.split(',')
			.map((v) => v.trim())
			.filter((v) => v !== '');
	else if (value === undefined || value === null) list = [];
	else
		throw new NodeOperationError(
			ctx.getNode(),
			`"${label}" must be a list or a comma-separated string: ${JSON.stringify(value)}`,
		);
	for (const v of list) {
		if (typeof v !== 'string' || !allowed.includes(v))
			throw new NodeOperationError(ctx.getNode(), `"${label}" holds an unknown ${noun}: ${JSON.stringify(v)}`);
	}
	return [...new Set(list as string[])];
}

/** The Zia filters on new received emails (empty: no filter), checked before any request. */
export function ziaSettings(ctx: PollThis): Pick<PollSettings, 'intents' | 'sentiments'> {
	return {
		intents: chosen(ctx, 'ziaIntents', 'Zia Intent', INTENTS),
		sentiments: chosen(ctx, 'ziaSentiments', 'Zia Sentiment', SENTIMENTS),
	};
}

/** Whether a field holds one of the chosen values: a missing or null field never passes a filter. */
function matches(chosenValues: string[], value: unknown): boolean {
	return chosenValues.length === 0 || (typeof value === 'string' && chosenValues.includes(value));
}

/**
 * Whether a new email passes the Zia filters. Only an email known to be sent (`sent: true`) skips them;
 * every other one (received, or of unknown direction) passes a filter only with one of its values, so
 * where Zia left the field null it does not.
 */
export function passesZia(s: PollSettings, email: IDataObject): boolean {
	if (email.sent === true) return true;
	return matches(s.intents, email.intent) && matches(s.sentiments, email.sentiment_info);
}
