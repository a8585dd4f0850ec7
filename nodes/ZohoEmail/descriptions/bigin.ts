import type { INodeProperties } from 'n8n-workflow';

/** The only Bigin modules whose records can send mail (seed 002); Companies' API name is Accounts. */
export const BIGIN_SEND_MODULES = ['Contacts', 'Pipelines', 'Accounts'];

export function biginModuleSelector(displayOptions: INodeProperties['displayOptions']): INodeProperties {
	return {
		displayName: 'Module',
		name: 'biginModule',
		type: 'options',
		options: [
			{ name: 'Companies', value: 'Accounts', description: 'Company records (API name Accounts)' },
			{ name: 'Contacts', value: 'Contacts' },
			{ name: 'Pipelines', value: 'Pipelines', description: 'Deals in a pipeline' },
		],
		default: 'Contacts',
		description: 'The Bigin module of the record the email is sent from',
		displayOptions,
	};
}

/** Shown where a user would look for reading or associating Bigin emails. */
export function biginNoHistoryNotice(displayOptions: INodeProperties['displayOptions']): INodeProperties {
	return {
		displayName:
			'Bigin only offers sending. Zoho documents no Bigin API to list a record\'s emails or to associate an email with a record, so this node has no such operations for Bigin.',
		name: 'biginNoHistoryNotice',
		type: 'notice',
		default: '',
		displayOptions,
	};
}
