import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult, INodePropertyOptions } from 'n8n-workflow';

import { RECORD_URL_ID } from '../descriptions/record';
import { isoDateTime } from '../helpers/output';
import { CRM_EMAIL_FIELD_MODULES, CRM_EMAIL_MODULES, CRM_NAME_FIELDS, CRM_SEND_MODULES } from '../models/crm';
import { zohoRequest } from '../transport';
import { fromAddressResults } from './senders';

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
	const { body } = await zohoRequest.call(this, {
		product: 'crm',
		method: 'GET',
		path: '/settings/modules',
		action: 'list the modules',
	});
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

const RECORD_PAGE_SIZE = 50;

/**
 * Records of the chosen module, 50 a page: the most recently modified first, or Zoho's word search
 * when the user types (GET /{module} needs `fields` in v8; both answer 204 when empty, Zoho's CRM Search Records page).
 */
export async function searchCrmRecords(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const module = currentModule(this);
	if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(module)) return { results: [] };
	const nameField = CRM_NAME_FIELDS[module] ?? 'Name';
	const fields = CRM_EMAIL_FIELD_MODULES.includes(module) ? `${nameField},Email` : nameField;
	const page = Number(paginationToken ?? 1) || 1;
	// Zoho's word search needs at least two characters.
	const search = (filter ?? '').trim().length >= 2;
	const { body } = await zohoRequest.call(this, {
		product: 'crm',
		method: 'GET',
		path: search ? `/${module}/search` : `/${module}`,
		qs: search
			? { word: filter?.trim(), fields, page, per_page: RECORD_PAGE_SIZE }
			: { fields, sort_by: 'Modified_Time', sort_order: 'desc', page, per_page: RECORD_PAGE_SIZE },
		action: 'list the records',
	});
	const records = (body.data as IDataObject[] | undefined) ?? [];
	const more = ((body.info ?? {}) as IDataObject).more_records === true;
	return {
		results: records.map((r) => {
			const label = r[nameField] ?? r.Name ?? r.id;
			const name = typeof label === 'object' && label !== null ? (label as IDataObject).name : label;
			return { name: `${String(name)}${r.Email ? ` <${String(r.Email)}>` : ''}`, value: String(r.id) };
		}),
		paginationToken: more ? String(page + 1) : undefined,
	};
}

/** Addresses Zoho CRM lets the user send from (GET /settings/emails/actions/from_addresses). */
export async function searchCrmFromAddresses(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	return await fromAddressResults(this, 'crm', filter);
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
	return ((body.inventory_templates as IDataObject[] | undefined) ?? []).map((t) => ({
		name: String(t.name),
		value: String(t.id),
	}));
}

/** The record picked above as an ID: From List, By ID or By URL (By Email Address would need a search). */
function currentRecordId(ctx: ILoadOptionsFunctions): string {
	const value = ctx.getCurrentNodeParameter('recordId') as { mode?: string; value?: unknown } | string | undefined;
	const raw = String((typeof value === 'object' ? value?.value : value) ?? '').trim();
	if (/^\d{5,25}$/.test(raw)) return raw;
	return RECORD_URL_ID.exec(raw)?.[1] ?? '';
}

/**
 * The record's emails for CRM Email → Get's Message ID picker, named by subject and date (GET
 * /{module}/{id}/Emails, 10 a page in Zoho's order, `index` cursor as the next page, Zoho's CRM Get Emails of a Record page).
 * A typed filter keeps the emails whose subject or sender contains it.
 */
export async function searchCrmRecordEmails(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const module = currentModule(this);
	const recordId = currentRecordId(this);
	if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(module) || !recordId) return { results: [] };
	const { statusCode, body } = await zohoRequest.call(this, {
		product: 'crm',
		method: 'GET',
		path: `/${module}/${recordId}/Emails`,
		qs: { index: paginationToken },
		action: 'list the emails of the record',
	});
	const emails = statusCode === 204 ? [] : ((body.Emails as IDataObject[] | undefined) ?? []);
	const info = (body.info ?? {}) as IDataObject;
	const next =
		info.more_records === true && typeof info.next_index === 'string' && info.next_index !== paginationToken
			? info.next_index
			: undefined;
	return {
		results: emails
			.filter(
				(e) =>
					typeof e.message_id === 'string' && matches(filter, e.subject, (e.from as IDataObject | undefined)?.email),
			)
			.map((e) => ({
				name: `${typeof e.subject === 'string' && e.subject ? e.subject : '(no subject)'} — ${String(isoDateTime(e.time ?? e.sent_time) ?? '')}`,
				value: String(e.message_id),
			})),
		paginationToken: next,
	};
}
