import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { crmModuleLocator } from '../../descriptions/crm';
import { recordLocator } from '../../descriptions/record';
import { moduleNameOf } from '../../helpers/names';
import { CRM_DRAFT_MODULES } from '../../models/crm';
import { zohoRequest } from '../../transport';
import { recordRefOf, resolveRecord } from '../record';
import { draftIdField, draftIdOf, draftResult, draftsPath } from './draftMail';

const properties: INodeProperties[] = [
	crmModuleLocator(),
	recordLocator({ description: 'The record the draft is saved on' }),
	draftIdField,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['crmEmailDraft'], operation: ['delete'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const module = moduleNameOf(this, this.getNodeParameter('module', i), CRM_DRAFT_MODULES, i);
	const ref = recordRefOf.call(this, i);
	const draftId = draftIdOf(this, i);
	const recordId = await resolveRecord.call(this, 'crm', ref, module, i);
	const { body } = await zohoRequest.call(this, {
		product: 'crm',
		method: 'DELETE',
		path: draftsPath(module, recordId, draftId),
		itemIndex: i,
		action: 'delete the email draft',
		kind: 'draft',
	});
	return [{ json: { ...draftResult(this, body, i), deleted: true, module, record_id: recordId } }];
}
