import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readDraft } from './draftMail';
import { draftTarget, draftTargetProperties } from './target';

const properties: INodeProperties[] = draftTargetProperties();

export const description = updateDisplayOptions(
	{ show: { resource: ['crmEmailDraft'], operation: ['get'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const { module, recordId, draftId } = await draftTarget.call(this, i);
	const draft = await readDraft.call(this, module, recordId, draftId, i);
	return [{ json: { ...draft, module, record_id: recordId } }];
}
