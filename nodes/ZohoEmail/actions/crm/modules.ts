import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { oncePerExecution, zohoRequest } from '../../transport';
import { refusal } from '../../helpers/validation';

export interface CrmModuleRef {
	api_name: string;
	id: string;
}

/**
 * `{api_name, id}` of a CRM module, as associate_email's `linked_record.module` carries it (Zoho's
 * sample in the Associate Email doc page and `ModuleMap` in the v8 OpenAPI file both give the ID;
 * docs/zoho-api-decisions.md). The ID comes from `GET /settings/modules`, read once per execution and
 * shared by every item.
 */
export async function crmModuleRef(
	this: IExecuteFunctions,
	i: number,
	apiName: string,
	field: string,
): Promise<CrmModuleRef> {
	const modules = await oncePerExecution(this, 'crmModules', async () => {
		const { body } = await zohoRequest.call(this, {
			product: 'crm',
			method: 'GET',
			path: '/settings/modules',
			itemIndex: i,
			action: 'list the modules',
		});
		return ((body.modules as IDataObject[] | undefined) ?? []).map((m) => ({
			api_name: String(m.api_name ?? ''),
			id: String(m.id ?? ''),
		}));
	});
	const found = modules.find((m) => m.api_name === apiName && m.id !== '');
	if (!found) {
		throw refusal(
			this,
			i,
			`"${field}" is not a module of this Zoho CRM account: "${apiName}"`,
			`Zoho CRM's module list has no module with the API name "${apiName}"`,
			{ then: '. API names are case-sensitive, e.g. Contacts, Deals, Sales_Orders.' },
		);
	}
	return { api_name: found.api_name, id: found.id };
}
