import type { INodeProperties } from 'n8n-workflow';

import type { Resource } from '../types';
import * as associate from './associate.operation';
import * as get from './get.operation';
import * as list from './list.operation';
import * as send from './send.operation';
import * as unblock from './unblock.operation';

// n8n's node panel lists these sentences under the resource ("CRM Email Actions"), so they leave the
// product out; the AI tool variant names it (descriptions/tool.ts). n8n's lint wants sentence case
// without punctuation.
const operationSelector: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['crmEmail'] } },
	options: [
		{
			name: 'Associate',
			value: 'associate',
			action: 'Log an email on a record',
			description: 'Log an email sent or received outside Zoho CRM on a record',
		},
		{
			name: 'Get',
			value: 'get',
			action: 'Get one email of a record',
			description: 'Get one email of a record with its body and attachment list',
		},
		{
			name: 'Get Many',
			value: 'list',
			action: 'Get many emails of a record',
			description: 'List the emails of a record',
		},
		{
			name: 'Send',
			value: 'send',
			action: 'Send an email from a record',
			description: 'Send an email from a CRM record; Zoho logs it on the record',
		},
		{
			name: 'Unblock Email Address',
			value: 'unblock',
			action: 'Unblock a bounced email address of a record',
			description:
				'Let Zoho CRM email a record again after a soft bounce blocked its address; Send skips blocked recipients',
		},
	],
	default: 'send',
};

export const crmEmail: Resource = {
	operations: { associate, get, list, send, unblock },
	description: [
		operationSelector,
		...associate.description,
		...get.description,
		...list.description,
		...send.description,
		...unblock.description,
	],
};
