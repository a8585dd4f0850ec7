import type { INodeProperties } from 'n8n-workflow';

import type { Resource } from '../types';
import * as associate from './associate.operation';
import * as get from './get.operation';
import * as list from './list.operation';
import * as send from './send.operation';

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
			action: 'Associate an email with a record',
			description: 'Log an email sent or received outside Zoho CRM on a record',
		},
		{
			name: 'Get',
			value: 'get',
			action: 'Get an email of a record',
			description: 'Get one email of a record with its body and attachment list',
		},
		{
			name: 'Get Many',
			value: 'list',
			action: 'Get many emails of a record',
			description: 'List the emails of a record',
		},
		{ name: 'Send', value: 'send', action: 'Send an email from a record', description: 'Send an email from a CRM record; Zoho logs it on the record' },
	],
	default: 'send',
};

export const crmEmail: Resource = {
	operations: { associate, get, list, send },
	description: [operationSelector, ...associate.description, ...get.description, ...list.description, ...send.description],
};
