import type { INodeProperties } from 'n8n-workflow';

import { BIGIN_MODULES } from '../models/bigin';

export function biginModuleSelector(): INodeProperties {
	return {
		displayName: 'Module',
		name: 'biginModule',
		type: 'options',
		options: BIGIN_MODULES.map((m) => ({
			name: m.label,
			value: m.apiName,
			...(m.description ? { description: m.description } : {}),
		})),
		default: 'Contacts',
		description: 'The Bigin module of the record the email is sent from',
	};
}

/** Shown where a user would look for reading or associating Bigin emails. */
export function biginNoHistoryNotice(): INodeProperties {
	return {
		displayName:
			"Bigin only offers sending. Zoho documents no Bigin API to list a record's emails or to associate an email with a record, so this node has no such operations for Bigin.",
		name: 'biginNoHistoryNotice',
		type: 'notice',
		default: '',
	};
}
