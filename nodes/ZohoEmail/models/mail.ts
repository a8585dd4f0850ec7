import type { IDataObject } from 'n8n-workflow';

import { type ZohoFunctions, zohoRequest } from '../transport';

/** Email facts shared by Zoho CRM and Bigin. */

/** Zoho's `mail_format` values (the options of "Mail Format", descriptions/mail.ts). */
export const MAIL_FORMATS = ['html', 'text'] as const;

/**
 * The addresses Zoho lets the user send from (GET /settings/emails/actions/from_addresses, Zoho's CRM
 * and Bigin From Addresses pages): for the From pickers (methods/) and the primary sender (actions/parties.ts).
 */
export async function fromAddresses(
	ctx: ZohoFunctions,
	product: 'crm' | 'bigin',
	action: string,
	itemIndex?: number,
): Promise<IDataObject[]> {
	const { body } = await zohoRequest.call(ctx, {
		product,
		method: 'GET',
		path: '/settings/emails/actions/from_addresses',
		itemIndex,
		action,
	});
	return (body.from_addresses as IDataObject[] | undefined) ?? [];
}
