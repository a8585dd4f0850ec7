import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { fromAddresses } from '../models/mail';

/** The From picker of CRM and Bigin: the sender addresses whose address or name contains the typed filter. */
export async function fromAddressResults(
	ctx: ILoadOptionsFunctions,
	product: 'crm' | 'bigin',
	filter?: string,
): Promise<INodeListSearchResult> {
	const f = filter?.toLowerCase();
	const addresses = (await fromAddresses(ctx, product, 'list the sender addresses')).filter(
		(a) => !f || [a.email, a.user_name].some((t) => typeof t === 'string' && t.toLowerCase().includes(f)),
	);
	return {
		results: addresses.map((a) => ({
			name: `${a.user_name ? `${a.user_name} <${a.email}>` : a.email}${a.type ? ` (${a.type})` : ''}`,
			value: a.user_name ? `${a.user_name} <${a.email}>` : String(a.email),
		})),
	};
}
