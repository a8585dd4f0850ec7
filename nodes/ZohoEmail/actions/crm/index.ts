import type { INodeProperties } from 'n8n-workflow';

import type { Resource } from '../types';
import * as associate from './associate.operation';
import * as get from './get.operation';
import * as list from './list.operation';
import * as send from './send.operation';
import * as unblock from './unblock.operation';

// The action sentence is also an AI agent's tool description ("<action> in Zoho Email"), so it names the
// product and the object. n8n's lint wants it in sentence case without punctuation: only the acronym CRM
// keeps its capitals.
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
			action: 'Log an email on a CRM record',
			description: 'Log an email sent or received outside Zoho CRM on a record',
		},
		{
			name: 'Get',
			value: 'get',
			action: 'Get one email of a CRM record',
			description: 'Get one email of a record with its body and attachment list',
		},
		{
			name: 'Get Many',
			value: 'list',
			action: 'Get many emails of a CRM record',
			description: 'List the emails of a record',
		},
		{ name: 'Send', value: 'send', action: 'Send an email from a CRM record', description: 'Send an email from a CRM record; Zoho logs it on the record' },
		{
			name: 'Unblock Email Address',
			value: 'unblock',
			action: 'Unblock a bounced email address of a CRM record',
			description: 'Let Zoho CRM email a record again after a soft bounce blocked its address; Send skips blocked recipients',
		},
	],
	default: 'send',
};

export const crmEmail: Resource = {
	operations: { associate, get, list, send, unblock },
	description: [operationSelector, ...associate.description, ...get.description, ...list.description, ...send.description, ...unblock.description],
};
