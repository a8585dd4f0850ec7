import type { IDataObject } from 'n8n-workflow';

import { BOOKS_NOT_FOUND } from './errors';
import { oncePerExecution } from './scope';
import { zohoRequest } from './request';
import type { ZohoFunctions, ZohoRequest } from './types';

/**
 * The account's Books organizations (GET /organizations, Zoho's Books Organizations page), read once per execution: the
 * default organization's lookup (models/books.ts) and the name of an organization in an error share
 * the one answer.
 */
export async function booksOrganizations(ctx: ZohoFunctions, itemIndex?: number): Promise<IDataObject[]> {
	return await oncePerExecution(ctx, 'booksOrganizations', async () => {
		const { body } = await zohoRequest.call(ctx, {
			product: 'books',
			method: 'GET',
			path: '/organizations',
			itemIndex,
			action: 'list the organizations',
		});
		return (body.organizations as IDataObject[] | undefined) ?? [];
	});
}

const MAX_NAME = 100;

/**
 * The organization as a person knows it, `Zylker Inc (10234695)`, or its ID alone when its name
 * cannot be read. Only on a failure path: when the execution looked up the default organization the
 * name is already known; otherwise it costs one read per execution, and a read that fails names the
 * ID only, for every later failure of the execution too (the execution keeps Zoho's refusal).
 */
export async function organizationLabel(
	ctx: ZohoFunctions,
	organizationId: string,
	itemIndex?: number,
): Promise<string> {
	try {
		const org = (await booksOrganizations(ctx, itemIndex)).find((o) => String(o.organization_id) === organizationId);
		const name = typeof org?.name === 'string' ? org.name.replace(/\s+/g, ' ').trim().slice(0, MAX_NAME) : '';
		return name ? `${name} (${organizationId})` : organizationId;
	} catch {
		return organizationId;
	}
}

/** For the transport's error of a Books request that Zoho answered "not found": its organization, named. */
export async function organizationOfFailure(
	ctx: ZohoFunctions,
	req: ZohoRequest,
	code: string | undefined,
): Promise<string | undefined> {
	if (req.product !== 'books' || code !== BOOKS_NOT_FOUND || !req.organizationId || req.path === '/organizations')
		return undefined;
	return await organizationLabel(ctx, req.organizationId, req.itemIndex);
}
