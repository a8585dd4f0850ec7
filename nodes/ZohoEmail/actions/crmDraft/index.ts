import type { INodeProperties } from 'n8n-workflow';

import type { Resource } from '../types';
import * as create from './create.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as list from './list.operation';
import * as update from './update.operation';

// Drafts are their own resource, as in n8n's Gmail and Outlook nodes: they have their own ID and
// their own create/update/delete life, unlike the record's sent and logged emails.
const operationSelector: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['crmEmailDraft'] } },
	options: [
		{
			name: 'Create',
			value: 'create',
			action: 'Create an email draft on a record',
			description:
				'Save an email as a draft on a record for a person to review and send; nothing is sent unless a scheduled time is given',
		},
		{
			name: 'Delete',
			value: 'delete',
			action: 'Delete an email draft of a record',
			description: 'Delete a draft of a record',
		},
		{
			name: 'Get',
			value: 'get',
			action: 'Get an email draft of a record',
			description: 'Get one draft of a record with its content and attachments',
		},
		{
			name: 'Get Many',
			value: 'list',
			action: 'Get many email drafts of a record',
			description: 'List the drafts saved on a record',
		},
		{
			name: 'Update',
			value: 'update',
			action: 'Update an email draft of a record',
			description: 'Change some fields of a draft; the other fields keep their values',
		},
	],
	default: 'create',
};

export const crmEmailDraft: Resource = {
	operations: { create, delete: del, get, list, update },
	description: [
		operationSelector,
		...create.description,
		...del.description,
		...get.description,
		...list.description,
		...update.description,
	],
};
