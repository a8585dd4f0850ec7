import type { INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { searchBooksOrganizations } from './methods/books';
import { searchCrmModules, searchCrmRecords } from './methods/crm';
import { sourceProperty, triggerProperties } from './trigger/description';
import { forEditor } from './transport';
import { runPoll } from './trigger/poll';

export class ZohoEmailTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Zoho Email Trigger',
		name: 'zohoEmailTrigger',
		icon: { light: 'file:zohoEmail.svg', dark: 'file:zohoEmail.dark.svg' },
		group: ['trigger'],
		// 1.1: new triggers emit Simplified items (trigger/output.ts); version 1 keeps Zoho's raw items.
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle: '={{ $parameter["source"] }}',
		description: 'Starts a workflow when an email arrives on Zoho CRM records or a Zoho Books document is emailed',
		defaults: { name: 'Zoho Email Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'zohoEmailOAuth2Api', required: true }],
		properties: [sourceProperty, ...triggerProperties],
	};

	methods = { listSearch: { searchCrmModules, searchCrmRecords, searchBooksOrganizations } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		// The editor shows an error's description as HTML (transport/editorText.ts).
		return await runPoll.call(this).catch((error: unknown) => {
			throw forEditor(error);
		});
	}
}
