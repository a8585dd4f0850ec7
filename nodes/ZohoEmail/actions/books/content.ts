import type { IDataObject } from 'n8n-workflow';

import { zohoRequest, type ZohoFunctions } from '../../transport';

/**
 * The email Zoho Books would send by default (GET …/email). Invoices, credit notes and statements wrap
 * it in `data`; the estimate spec puts it at the top level (Zoho's Books API pages), so both are read.
 * Read for an item, or for a picker (`i` undefined: the sender picker, methods/books.ts).
 */
export async function fetchEmailContent(
	this: ZohoFunctions,
	i: number | undefined,
	req: { path: string; organizationId: string; qs?: IDataObject; action: string },
): Promise<IDataObject> {
	const { body } = await zohoRequest.call(this, {
		product: 'books',
		method: 'GET',
		path: req.path,
		qs: req.qs,
		organizationId: req.organizationId,
		itemIndex: i,
		action: req.action,
	});
	if (body.data && typeof body.data === 'object' && !Array.isArray(body.data)) return body.data as IDataObject;
	const content: IDataObject = {};
	for (const [key, value] of Object.entries(body)) if (key !== 'code' && key !== 'message') content[key] = value;
	return content;
}
