import type { INodeProperties } from 'n8n-workflow';

import { idMode, listMode, resourceLocator } from './locator';

/** A record ID inside a Zoho CRM record page URL (…/tab/Contacts/3652397000000624001). */
export const RECORD_URL_ID = /\/(\d{5,25})(?:[/?#].*)?$/;

const RECORD_PICKER = {
	crm: {
		search: 'searchCrmRecords',
		id: '3652397000000624001',
		url: 'https://crm.zoho.com/crm/org123456/tab/Contacts/3652397000000624001',
	},
	bigin: {
		search: 'searchBiginRecords',
		id: '6120845000000601001',
		url: 'https://bigin.zoho.com/bigin/org123456/Home#/contacts/6120845000000601001',
	},
};

/**
 * Record picker for CRM or Bigin: searchable list, ID, record page URL, or an email address resolved
 * with Zoho's search API when the node runs (actions/record.ts).
 */
export function recordLocator(
	overrides: Partial<INodeProperties> = {},
	product: 'crm' | 'bigin' = 'crm',
): INodeProperties {
	const picker = RECORD_PICKER[product];
	const { description = 'The record the email belongs to', ...rest } = overrides;
	// Said for people and for AI agents filling the value with $fromAI(): what an ID looks like and where it is.
	const where = `Record ID: the long number at the end of the record's page URL in Zoho ${product === 'crm' ? 'CRM' : 'Bigin'}, e.g. ${picker.id}; not the record's name`;
	const locator = resourceLocator({
		displayName: 'Record',
		name: 'recordId',
		required: true,
		description: `${description}. ${where}.`,
		modes: [
			listMode(picker.search),
			idMode(picker.id, 'Record IDs are long numbers'),
			{
				displayName: 'By URL',
				name: 'url',
				type: 'string',
				placeholder: picker.url,
				extractValue: { type: 'regex', regex: '/(\\d{5,25})(?:[/?#].*)?$' },
				validation: [
					{
						type: 'regex',
						properties: { regex: '^https?://.*/\\d{5,25}([/?#].*)?$', errorMessage: 'Paste the URL of a record page' },
					},
				],
			},
			{
				displayName: 'By Email Address',
				name: 'email',
				type: 'string',
				placeholder: 'christopher@example.com',
				hint: 'The record whose email field holds this address; exactly one must match',
				validation: [
					{
						type: 'regex',
						properties: { regex: '^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$', errorMessage: 'Enter an email address' },
					},
				],
			},
		],
	});
	return { ...locator, ...rest };
}
