import type { INodeProperties } from 'n8n-workflow';

/** Record picker: by ID or by the record's URL in Zoho's web app. */
export function recordLocator(overrides: Partial<INodeProperties> & Pick<INodeProperties, 'displayOptions'>): INodeProperties {
	return {
		displayName: 'Record',
		name: 'recordId',
		type: 'resourceLocator',
		default: { mode: 'id', value: '' },
		required: true,
		description: 'The record the email belongs to',
		modes: [
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: '3652397000000624001',
				validation: [{ type: 'regex', properties: { regex: '^\\d{5,25}$', errorMessage: 'Record IDs are long numbers' } }],
			},
			{
				displayName: 'By URL',
				name: 'url',
				type: 'string',
				placeholder: 'https://crm.zoho.com/crm/org123456/tab/Contacts/3652397000000624001',
				extractValue: { type: 'regex', regex: '/(\\d{5,25})(?:[/?#].*)?$' },
				validation: [
					{ type: 'regex', properties: { regex: '^https?://.*/\\d{5,25}([/?#].*)?$', errorMessage: 'Paste the URL of a record page' } },
				],
			},
		],
		...overrides,
	};
}
