import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { zohoRequest } from '../../transport';
import { draftResult, draftsPath } from './draftMail';
import { draftTarget, draftTargetProperties } from './target';

const properties: INodeProperties[] = draftTargetProperties();

export const description = updateDisplayOptions(
	{ show: { resource: ['crmEmailDraft'], operation: ['delete'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const { module, recordId, draftId } = await draftTarget.call(this, i);
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
