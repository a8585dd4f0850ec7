import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { crmModuleLocator } from '../../descriptions/crm';
import { returnAllAndLimit } from '../../descriptions/paging';
import { recordLocator } from '../../descriptions/record';
import { pagingOf } from '../../helpers/validation';
import { moduleNameOf } from '../../helpers/names';
import { CRM_DRAFT_MODULES } from '../../models/crm';
import { crmPageWalk } from '../../transport';
import { recordRefOf, resolveRecord } from '../record';
import { draftsPath } from './draftMail';

const properties: INodeProperties[] = [
	crmModuleLocator(),
	recordLocator({ description: 'The record whose drafts to get' }),
	...returnAllAndLimit(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['crmEmailDraft'], operation: ['list'] } },
	properties,
);

// Zoho's Get Email Drafts page: "up to 10 email drafts in a single API call" (the newer OAS allows
// 200): 10 per page is valid under both readings.
const PER_PAGE = 10;

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const module = moduleNameOf(this, this.getNodeParameter('module', i), CRM_DRAFT_MODULES, i);
	const ref = recordRefOf.call(this, i);
	const { limit } = pagingOf(this, i);
	const recordId = await resolveRecord.call(this, 'crm', ref, module, i);
	const drafts: IDataObject[] = [];
	const pages = crmPageWalk.call(
		this,
		{
			product: 'crm',
			method: 'GET',
			path: draftsPath(module, recordId),
			itemIndex: i,
			action: 'get the email drafts of the record',
		},
		'__email_drafts',
		PER_PAGE,
	);
	for await (const page of pages) {
		for (const draft of page.items) if (limit === undefined || drafts.length < limit) drafts.push(draft);
		if (limit !== undefined && drafts.length >= limit) break;
	}
	return drafts.map((draft) => ({ json: { ...draft, module, record_id: recordId } }));
}
