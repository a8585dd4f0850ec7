import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { biginEmail } from './actions/bigin';
import { booksEmail } from './actions/books';
import { crmEmail } from './actions/crm';
import { crmEmailDraft } from './actions/crmDraft';
import { performanceOptions, route } from './engine/router';
import type { Resource } from './actions/types';
import { withSendingOnlyCap } from './descriptions/performance';
import { toolVariant } from './descriptions/tool';
import { listSearch, loadOptions } from './methods';

const resources: Record<string, Resource> = { crmEmail, crmEmailDraft, biginEmail, booksEmail };

export class ZohoEmail implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Zoho Email',
		name: 'zohoEmail',
		icon: { light: 'file:zohoEmail.svg', dark: 'file:zohoEmail.dark.svg' },
		group: ['output'],
		// 1.1: CRM Send starts with Send To "The Record's Email Address"; version 1 keeps the addresses in To.
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Send, draft, associate and list emails in Zoho CRM, Zoho Bigin and Zoho Books',
		defaults: { name: 'Zoho Email' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'zohoEmailOAuth2Api', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Bigin Email', value: 'biginEmail', description: 'Send emails from Zoho Bigin records' },
					{
						name: 'Books Email',
						value: 'booksEmail',
						description: 'Email Zoho Books contacts, statements and transactions, and read email history',
					},
					{ name: 'CRM Email', value: 'crmEmail', description: 'Emails of Zoho CRM records' },
					{
						name: 'CRM Email Draft',
						value: 'crmEmailDraft',
						description: 'Email drafts saved on Zoho CRM records, for a person to review and send',
					},
				],
				default: 'crmEmail',
			},
			...crmEmail.description,
			...crmEmailDraft.description,
			...biginEmail.description,
			...booksEmail.description,
			withSendingOnlyCap(performanceOptions, resources),
		],
	};

	methods = { listSearch, loadOptions };

	constructor() {
		// The AI tool variant words its actions for a model (descriptions/tool.ts); the literal above stays
		// whole for n8n's lint.
		this.description.usableAsTool = toolVariant(this.description, resources);
	}

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await route.call(this, resources);
	}
}
