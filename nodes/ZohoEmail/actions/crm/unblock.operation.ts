import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { crmModuleLocator } from '../../descriptions/crm';
import { recordLocator } from '../../descriptions/record';
import { optionOf, refusal } from '../../helpers/validation';
import { moduleNameOf } from '../../helpers/names';
import { CRM_SEND_MODULES } from '../../models/crm';
import { zohoRequest } from '../../transport';
import { recordRefOf, resolveRecord } from '../record';

/** The record fields Zoho can unblock (Unblock Email Address API: Email and Secondary_Email only). */
const UNBLOCK_FIELDS = ['Email', 'Secondary_Email'] as const;

const properties: INodeProperties[] = [
	crmModuleLocator(),
	recordLocator({ description: 'The record whose bounced address to unblock' }),
	{
		displayName: 'Fields to Unblock',
		name: 'unblockFields',
		type: 'multiOptions',
		options: [
			{ name: 'Email', value: 'Email' },
			{ name: 'Secondary Email', value: 'Secondary_Email' },
		],
		default: ['Email'],
		required: true,
		description:
			"The record's email fields whose blocked address Zoho should accept again. Custom email fields cannot be unblocked.",
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['crmEmail'], operation: ['unblock'] } },
	properties,
);

function fieldsOf(ctx: IExecuteFunctions, i: number): string[] {
	const raw = ctx.getNodeParameter('unblockFields', i, ['Email']) as unknown;
	const list =
		typeof raw === 'string'
			? raw
					.split(',')
					.map((s) => s.trim())
					.filter(Boolean)
			: Array.isArray(raw)
				? raw
				: [raw];
	const fields = [...new Set(list.map((f) => optionOf(ctx, f, 'Fields to Unblock', UNBLOCK_FIELDS, i)))];
	if (fields.length === 0) {
		throw refusal(ctx, i, '"Fields to Unblock" is empty', 'Choose Email, Secondary Email or both');
	}
	return fields;
}

/**
 * `POST /{module}/{id}/actions/unblock_email` with `{"unblock_fields": [...]}` (Zoho's Unblock Email
 * Address API). The record-level form, one call per item, so each item gets its own result and error;
 * Zoho unblocks soft bounces only, at most 5 times per address.
 */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const module = moduleNameOf(this, this.getNodeParameter('module', i), CRM_SEND_MODULES, i);
	const ref = recordRefOf.call(this, i);
	const fields = fieldsOf(this, i);
	const recordId = await resolveRecord.call(this, 'crm', ref, module, i);
	const { body } = await zohoRequest.call(this, {
		product: 'crm',
		method: 'POST',
		path: `/${module}/${recordId}/actions/unblock_email`,
		body: { unblock_fields: fields },
		itemIndex: i,
		action: 'unblock the email address',
		kind: 'unblock',
	});
	// The doc page and the first v8 OAS wrap the answer in `data[]`; the newer OAS answers a bare
	// object for the record-level form: both are read.
	const result = (Array.isArray(body.data) ? ((body.data as IDataObject[])[0] ?? {}) : body) as IDataObject;
	return [
		{
			json: {
				status: result.status,
				code: result.code,
				message: result.message,
				unblocked_fields: fields,
				module,
				record_id: recordId,
			},
		},
	];
}
