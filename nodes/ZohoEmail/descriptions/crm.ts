import type { INodeProperties } from 'n8n-workflow';

import { listMode, resourceLocator } from './locator';

/** The CRM module picker of the action node and the trigger (the modules come from GET /settings/modules). */
export function crmModuleLocator(
	description = "The API name of the record's Zoho CRM module, e.g. Contacts, Leads, Deals or Accounts",
): INodeProperties {
	return resourceLocator({
		displayName: 'Module',
		name: 'module',
		initial: 'Contacts',
		required: true,
		description,
		modes: [
			listMode('searchCrmModules'),
			{
				displayName: 'By API Name',
				name: 'name',
				type: 'string',
				placeholder: 'Sales_Orders',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: '^[A-Za-z][A-Za-z0-9_]*$',
							errorMessage: 'Use the module API name, e.g. Sales_Orders',
						},
					},
				],
			},
		],
	});
}

/** Additional-field options for files, shared by Send and Associate (placed in alphabetical order by each). */
export const attachmentIdsOption: INodeProperties = {
	displayName: 'Attachment IDs',
	name: 'attachmentIds',
	type: 'string',
	default: '',
	description: "IDs of files already uploaded to Zoho CRM's file store, separated by commas (10 MB in total per email)",
};

export const binaryAttachmentsOption: INodeProperties = {
	displayName: 'Attachments (Binary Properties)',
	name: 'binaryPropertyNames',
	type: 'string',
	default: '',
	placeholder: 'data, invoice',
	description:
		"Names of binary properties of the input item to attach, separated by commas. They are uploaded to Zoho CRM's file store in one call first; at most 20 MB per file and 10 MB in total.",
};

export const inlineImagesOption: INodeProperties = {
	displayName: 'Inline Images (Binary Properties)',
	name: 'inlineImages',
	type: 'string',
	default: '',
	placeholder: 'logo',
	description:
		'Names of binary properties holding images to show inside HTML content, separated by commas. Refer to each in Content as &lt;img src="cid:logo"&gt; (cid: followed by the property name); the node uploads the images and fills in Zoho\'s image links.',
};

/** Associate Email's options for the record the email also shows on, and its owner. */
export const associateLinkOptions: INodeProperties[] = [
	{
		displayName: 'Linked Record ID',
		name: 'linkedRecordId',
		type: 'string',
		default: '',
		description: 'A second record to show the email on, e.g. a Contact of the Deal',
	},
	{
		displayName: 'Linked Record Module',
		name: 'linkedRecordModule',
		type: 'string',
		default: 'Contacts',
		description: "API name of the linked record's module",
	},
	{
		displayName: 'Linked Record Name',
		name: 'linkedRecordName',
		type: 'string',
		default: '',
		description: 'Display name of the linked record',
	},
	{
		displayName: 'Owner ID',
		name: 'ownerId',
		type: 'string',
		default: '',
		description: "Zoho CRM user who owns the email; only administrators may associate another user's email",
	},
];
