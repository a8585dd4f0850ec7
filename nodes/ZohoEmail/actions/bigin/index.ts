import type { INodeProperties } from 'n8n-workflow';

import type { Resource } from '../types';
import * as send from './send.operation';

// Bigin documents sending only: no API lists a record's emails or associates one (Zoho's Bigin API pages),
// so this resource has a single operation and says so in a notice.
const operationSelector: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['biginEmail'] } },
	options: [
		{
			name: 'Send',
			value: 'send',
			action: 'Send an email from a record',
			description: 'Send an email from a Bigin contact, pipeline or company; Bigin logs it on the record',
		},
	],
	default: 'send',
};

export const biginEmail: Resource = {
	operations: { send },
	description: [operationSelector, ...send.description],
};
