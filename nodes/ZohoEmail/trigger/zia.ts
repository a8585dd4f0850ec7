import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { PollSettings, PollThis } from './types';

/**
 * Zia's reading of a received email, on every email of the Emails list (seed 004; CRM OAS `email`
 * schema): `intent` and `sentiment_info`, null where Zia is not on for the organization. Values are
 * saved in workflows.
 */
export const INTENTS = ['request', 'query', 'purchase', 'complaints', 'spam', 'others'];
export const SENTIMENTS = ['negative', 'neutral', 'positive'];

function chosen(ctx: PollThis, name: string, label: string, allowed: string[]): string[] {
	const value = ctx.getNodeParameter(name, []) as unknown;
	const list = (Array.isArray(value) ? value : []).map(String);
	for (const v of list) if (!allowed.includes(v)) throw new NodeOperationError(ctx.getNode(), `"${label}" holds an unknown value: "${v}"`);
	return list;
}

/** The Zia filters on new received emails (empty: no filter), checked before any request. */
export function ziaSettings(ctx: PollThis): Pick<PollSettings, 'intents' | 'sentiments'> {
	return { intents: chosen(ctx, 'ziaIntents', 'Zia Intent', INTENTS), sentiments: chosen(ctx, 'ziaSentiments', 'Zia Sentiment', SENTIMENTS) };
}

/**
 * Whether a new email passes the Zia filters. Sent emails always pass; a received email passes a filter
 * only with one of its values, so where Zia left the field null it does not.
 */
export function passesZia(s: PollSettings, email: IDataObject): boolean {
	if (email.sent !== false) return true;
	if (s.intents.length && !s.intents.includes(String(email.intent))) return false;
	return !s.sentiments.length || s.sentiments.includes(String(email.sentiment_info));
}
