import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { crmModuleLocator } from '../../descriptions/crm';
import { recordLocator } from '../../descriptions/record';
import { moduleNameOf } from '../../helpers/names';
import { CRM_DRAFT_MODULES } from '../../models/crm';
import { recordRefOf, resolveRecord } from '../record';
import { draftIdField, draftIdOf } from './draftMail';

/** Module, Record and Draft ID: where Get, Update and Delete find their draft. */
export const draftTargetProperties = (): INodeProperties[] => [
	crmModuleLocator(),
	recordLocator({ description: 'The record the draft is saved on' }),
	draftIdField,
];

/**
 * The draft an item names: its module, record and draft ID, each checked before any request, then the
 * record resolved (a search when it is given by other than its ID).
 */
export async function draftTarget(
	this: IExecuteFunctions,
	i: number,
): Promise<{ module: string; recordId: string; draftId: string }> {
	const module = moduleNameOf(this, this.getNodeParameter('module', i), CRM_DRAFT_MODULES, i);
	const ref = recordRefOf.call(this, i);
	const draftId = draftIdOf(this, i);
	const recordId = await resolveRecord.call(this, 'crm', ref, module, i);
	return { module, recordId, draftId };
}
