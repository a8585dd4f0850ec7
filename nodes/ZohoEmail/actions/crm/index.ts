import type { INodeProperties } from 'n8n-workflow';

import type { Resource } from '../types';
import * as send from './send.operation';

const operationSelector: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['crmEmail'] } },
	options: [
		{ name: 'Send', value: 'send', action: 'Send an email from a record', description: 'Send an email from a CRM record; Zoho logs it on the record' },
	],
	default: 'send',
};

export const crmEmail: Resource = {
	operations: { send },
	description: [operationSelector, ...send.description],
};
