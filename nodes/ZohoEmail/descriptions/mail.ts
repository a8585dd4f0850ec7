import type { INodeProperties } from 'n8n-workflow';

import { listMode, resourceLocator } from './locator';

/** "To": comma-separated recipients, display names kept. */
export function toField(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'To',
		name: 'to',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'Jason Smith <j.smith@example.com>, ana@example.com',
		description: 'Recipients, separated by commas. "Name &lt;address&gt;" keeps the display name.',
		...overrides,
	};
}

/** "CC": copy recipients, separated by commas (an option of an Additional Fields collection). */
export function ccOption(description = 'Copy recipients, separated by commas'): INodeProperties {
	return { displayName: 'CC', name: 'cc', type: 'string', default: '', description };
}

/** "BCC": blind-copy recipients, separated by commas. */
export const bccOption: INodeProperties = {
	displayName: 'BCC',
	name: 'bcc',
	type: 'string',
	default: '',
	description: 'Blind-copy recipients, separated by commas',
};

/** "Reply To": the one address replies go to. */
export const replyToOption: INodeProperties = {
	displayName: 'Reply To',
	name: 'replyTo',
	type: 'string',
	default: '',
	description: 'The address replies should go to',
};

/** "Organization Email" (CRM and Bigin `org_email`). */
export const orgEmailOption: INodeProperties = {
	displayName: 'Organization Email',
	name: 'orgEmail',
	type: 'boolean',
	default: false,
	description:
		"Whether to send through Zoho's servers with the organization address instead of the sender's own mail server",
};

/** "Scheduled Time": when Zoho should send; `description` says what the product allows. */
export function scheduledTimeOption(description: string): INodeProperties {
	return { displayName: 'Scheduled Time', name: 'scheduledTime', type: 'dateTime', default: '', description };
}

/** "Binary Attachments" (Bigin, Books): the input item's binary properties, sent with the email. */
export function binaryPropertiesOption(placeholder: string, description: string): INodeProperties {
	return {
		displayName: 'Binary Attachments',
		name: 'binaryPropertyNames',
		type: 'string',
		default: '',
		placeholder,
		description,
	};
}

/** "Content": the body of the email. */
export function contentField(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Content',
		name: 'content',
		type: 'string',
		typeOptions: { rows: 6 },
		default: '',
		description: 'The body of the email: HTML or plain text, as set in Mail Format',
		...overrides,
	};
}

/** "Mail Format": Zoho's `mail_format` (its values: MAIL_FORMATS in models/mail.ts). */
export function mailFormatField(): INodeProperties {
	return {
		displayName: 'Mail Format',
		name: 'mailFormat',
		type: 'options',
		options: [
			{ name: 'HTML', value: 'html' },
			{ name: 'Plain Text', value: 'text' },
		],
		default: 'html',
	};
}

const SENDER = {
	crm: { search: 'searchCrmFromAddresses', product: 'Zoho CRM', placeholder: 'Patricia Boyle <p.boyle@example.com>' },
	bigin: { search: 'searchBiginFromAddresses', product: 'Bigin', placeholder: 'Amelia Burrows <amelia@example.com>' },
};

/**
 * "From": one of the addresses Zoho lets the user send from (picker), or typed as "Name <address>".
 * With `optional`, empty means the user's primary sender (actions/parties.ts).
 */
export function fromLocator(product: 'crm' | 'bigin', { optional = false } = {}): INodeProperties {
	const sender = SENDER[product];
	return resourceLocator({
		displayName: 'From',
		name: 'from',
		required: !optional,
		description: `The sender: one of the addresses ${sender.product} allows you to send from${optional ? '. Leave empty to send from your primary address (one extra API call per execution).' : ''}`,
		modes: [
			listMode(sender.search),
			{
				displayName: 'By Address',
				name: 'address',
				type: 'string',
				placeholder: sender.placeholder,
			},
		],
	});
}

/**
 * "Send To": who receives the email, as a visible choice. Version 1 of the node (every workflow saved
 * before it existed) defaults to the addresses in To, as it always sent; from version 1.1 a new node
 * starts with `fromProduct`: the record's own address (CRM Send) or the contact persons Zoho Books picks
 * (Email a Transaction).
 */
export function sendToProperties(fromProduct: { name: string; value: string; description: string }): INodeProperties[] {
	const options = [
		fromProduct,
		{ name: 'Email Addresses', value: 'addresses', description: 'The addresses entered in To' },
	];
	const version1: INodeProperties = {
		displayName: 'Send To',
		name: 'sendTo',
		type: 'options',
		options,
		default: 'addresses',
		displayOptions: { show: { '@version': [1] } },
	};
	return [
		version1,
		{ ...version1, default: fromProduct.value, displayOptions: { show: { '@version': [{ _cnd: { gte: 1.1 } }] } } },
	];
}

/** To, shown only when Send To is "Email Addresses". */
export const TO_ADDRESSES = { show: { sendTo: ['addresses'] } };
