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

export function biginRecordLocator(displayOptions: INodeProperties['displayOptions']): INodeProperties {
	return {
		displayName: 'Record',
		name: 'recordId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The record to send from; Bigin logs the email on it',
		displayOptions,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchBiginRecords', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: '6120845000000601001',
				validation: [{ type: 'regex', properties: { regex: '^\\d{5,25}$', errorMessage: 'Record IDs are long numbers' } }],
			},
			{
				displayName: 'By URL',
				name: 'url',
				type: 'string',
				placeholder: 'https://bigin.zoho.com/bigin/org123456/Home#/contacts/6120845000000601001',
				extractValue: { type: 'regex', regex: '/(\\d{5,25})(?:[/?#].*)?$' },
				validation: [
					{ type: 'regex', properties: { regex: '^https?://.*/\\d{5,25}([/?#].*)?$', errorMessage: 'Paste the URL of a record page' } },
				],
			},
			{
				displayName: 'By Email Address',
				name: 'email',
				type: 'string',
				placeholder: 'jason.smith@example.com',
				validation: [{ type: 'regex', properties: { regex: '^\\S+@\\S+\\.\\S+$', errorMessage: 'Enter an email address' } }],
			},
		],
	};
}

export function biginFromLocator(displayOptions: INodeProperties['displayOptions']): INodeProperties {
	return {
		displayName: 'From',
		name: 'from',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The sender: one of the addresses Bigin allows you to send from',
		displayOptions,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchBiginFromAddresses', searchable: true },
			},
			{
				displayName: 'By Address',
				name: 'address',
				type: 'string',
				placeholder: 'Amelia Burrows <amelia@example.com>',
			},
		],
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
