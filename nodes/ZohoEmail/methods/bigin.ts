import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { BIGIN_MODULES } from '../models/bigin';
import { zohoRequest } from '../transport';
import { fromAddressResults } from './senders';

const PAGE_SIZE = 50;

function recordLabel(module: string, record: IDataObject): string {
	if (module === 'Contacts') {
		const name = String(record.Full_Name ?? [record.First_Name, record.Last_Name].filter(Boolean).join(' '));
		return record.Email ? `${name} <${record.Email}>` : name;
	}
	if (module === 'Pipelines') return `${record.Deal_Name ?? record.id}${record.Stage ? ` (${record.Stage})` : ''}`;
	return String(record.Account_Name ?? record.id);
}

/**
 * Records of the chosen module: a page of records (GET /{module}?fields=…), or Bigin's word search
 * when the user types (GET /{module}/search?word=…; 204 when nothing matches).
 */
export async function searchBiginRecords(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const module = String(this.getCurrentNodeParameter('biginModule') ?? 'Contacts');
	const model = BIGIN_MODULES.find((m) => m.apiName === module);
	if (!model) return { results: [] };
	const page = Number(paginationToken ?? 1);
	const search = filter?.trim();
	const { statusCode, body } = await zohoRequest.call(this, {
		product: 'bigin',
		method: 'GET',
		path: search ? `/${module}/search` : `/${module}`,
		qs: {
			...(search ? { word: search } : {}),
			fields: model.pickerFields.join(','),
			page,
			per_page: PAGE_SIZE,
		},
		action: 'list the records',
	});
	if (statusCode === 204) return { results: [] };
	const records = (body.data as IDataObject[] | undefined) ?? [];
	const more = ((body.info ?? {}) as IDataObject).more_records === true;
	return {
		results: records.map((r) => ({ name: recordLabel(module, r), value: String(r.id) })),
		paginationToken: more ? String(page + 1) : undefined,
	};
}

/** Addresses Bigin lets the user send from (GET /settings/emails/actions/from_addresses, Zoho's Bigin From Addresses page). */
export async function searchBiginFromAddresses(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	return await fromAddressResults(this, 'bigin', filter);
}
