import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchResult,
	INodePropertyOptions,
} from 'n8n-workflow';

import { CRM_EMAIL_MODULES, CRM_SEND_MODULES } from '../descriptions/crm';
import { zohoRequest } from '../transport';

function matches(filter: string | undefined, ...texts: unknown[]): boolean {
	if (!filter) return true;
	const f = filter.toLowerCase();
	return texts.some((t) => typeof t === 'string' && t.toLowerCase().includes(f));
}

function currentModule(ctx: ILoadOptionsFunctions): string {
	const value = ctx.getCurrentNodeParameter('module') as { value?: string } | string | undefined;
	return String((typeof value === 'object' ? value?.value : value) ?? '');
}

/** Modules that support the chosen operation, including custom modules (GET /settings/modules). */
export async function searchCrmModules(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const operation = this.getCurrentNodeParameter('operation') as string | undefined;
	const standard = operation === 'send' ? CRM_SEND_MODULES : CRM_EMAIL_MODULES;
	const { body } = await zohoRequest.call(this, { product: 'crm', method: 'GET', path: '/settings/modules', action: 'list the modules' });
	const modules = ((body.modules as IDataObject[] | undefined) ?? []).filter((m) => {
		const api = String(m.api_name ?? '');
		const custom = m.generated_type === 'custom' || api.endsWith('__c');
		return m.api_supported !== false && (standard.includes(api) || custom);
	});
	return {
		results: modules
			.filter((m) => matches(filter, m.api_name, m.plural_label, m.module_name))
			.map((m) => ({ name: String(m.plural_label ?? m.api_name), value: String(m.api_name) })),
	};
}

/** Addresses Zoho CRM lets the user send from (GET /settings/emails/actions/from_addresses). */
export async function searchCrmFromAddresses(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const { body } = await zohoRequest.call(this, {
		product: 'crm',
		method: 'GET',
		path: '/settings/emails/actions/from_addresses',
		action: 'list the sender addresses',
	});
	const addresses = (body.from_addresses as IDataObject[] | undefined) ?? [];
	return {
		results: addresses
			.filter((a) => matches(filter, a.email, a.user_name))
			.map((a) => ({
				name: `${a.user_name ? `${a.user_name} <${a.email}>` : a.email}${a.type ? ` (${a.type})` : ''}`,
				value: a.user_name ? `${a.user_name} <${a.email}>` : String(a.email),
			})),
	};
}

/** Email templates of the chosen module (GET /settings/email_templates?module=; 204 when none). */
export async function getCrmEmailTemplates(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const module = currentModule(this);
	if (!module) return [];
	const { body } = await zohoRequest.call(this, {
		product: 'crm',
		method: 'GET',
		path: '/settings/email_templates',
		qs: { module },
		action: 'list the email templates',
	});
	return ((body.email_templates as IDataObject[] | undefined) ?? []).map((t) => ({
		name: String(t.name),
		value: String(t.id),
		description: t.subject ? `Subject: ${t.subject}` : undefined,
	}));
}

/** Inventory (PDF) templates of the chosen module (GET /settings/inventory_templates?module=). */
export async function getCrmInventoryTemplates(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const module = currentModule(this);
	if (!module) return [];
	const { body } = await zohoRequest.call(this, {
		product: 'crm',
		method: 'GET',
		path: '/settings/inventory_templates',
		qs: { module },
		action: 'list the inventory templates',
	});
	return ((body.inventory_templates as IDataObject[] | undefined) ?? []).map((t) => ({ name: String(t.name), value: String(t.id) }));
}
