import type { IDataObject } from 'n8n-workflow';

import { zohoRequest } from './request';
import type { ZohoFunctions, ZohoRequest } from './types';

/** `undefined` limit means "all". Every helper stops fetching as soon as the limit is met. */
export interface PageOptions {
	/** The key holding the page's items (`Emails`, `data`, `invoices`, …). */
	itemsKey: string;
	limit?: number;
	/** Called after each page; returning false stops (e.g. the trigger reached emails it has seen). */
	onPage?: (items: IDataObject[]) => boolean;
}

function itemsOf(body: IDataObject, key: string): IDataObject[] {
	const list = body[key];
	return Array.isArray(list) ? (list as IDataObject[]) : [];
}

function take(all: IDataObject[], page: IDataObject[], limit?: number): boolean {
	for (const item of page) {
		if (limit !== undefined && all.length >= limit) return true;
		all.push(item);
	}
	return limit !== undefined && all.length >= limit;
}

/**
 * CRM "Emails of a record": an opaque `index` cursor from `info.next_index`, a fixed 10 per page,
 * and 204 with no body when there are none (reference §3.3).
 */
export async function crmCursorPages(this: ZohoFunctions, req: ZohoRequest, opts: PageOptions): Promise<IDataObject[]> {
	const all: IDataObject[] = [];
	let index: string | undefined;
	for (;;) {
		const { statusCode, body } = await zohoRequest.call(this, { ...req, qs: { ...(req.qs ?? {}), index } });
		if (statusCode === 204) break;
		const page = itemsOf(body, opts.itemsKey);
		const full = take(all, page, opts.limit);
		if (full || (opts.onPage && !opts.onPage(page))) break;
		const info = (body.info ?? {}) as IDataObject;
		const next = info.next_index;
		if (info.more_records !== true || typeof next !== 'string' || !next || next === index) break;
		index = next;
	}
	return all;
}

/**
 * CRM/Bigin `page` + `per_page` with `info.more_records`. The page size shrinks to what the limit
 * still needs, so no record is fetched only to be thrown away.
 */
export async function crmPagedList(
	this: ZohoFunctions,
	req: ZohoRequest,
	opts: PageOptions & { maxPerPage?: number },
): Promise<IDataObject[]> {
	const all: IDataObject[] = [];
	const maxPerPage = opts.maxPerPage ?? 200;
	for (let page = 1; ; page++) {
		const perPage = opts.limit !== undefined ? Math.min(maxPerPage, Math.max(opts.limit, 1)) : maxPerPage;
		const { statusCode, body } = await zohoRequest.call(this, {
			...req,
			qs: { ...(req.qs ?? {}), page, per_page: perPage },
		});
		if (statusCode === 204) break;
		const items = itemsOf(body, opts.itemsKey);
		if (take(all, items, opts.limit) || (opts.onPage && !opts.onPage(items))) break;
		if (((body.info ?? {}) as IDataObject).more_records !== true || items.length === 0) break;
	}
	return all;
}

/** Books `page` + `per_page` with `page_context.has_more_page` (reference §5). */
export async function booksPagedList(
	this: ZohoFunctions,
	req: ZohoRequest,
	opts: PageOptions & { maxPerPage?: number },
): Promise<IDataObject[]> {
	const all: IDataObject[] = [];
	const maxPerPage = opts.maxPerPage ?? 200;
	for (let page = 1; ; page++) {
		const perPage = opts.limit !== undefined ? Math.min(maxPerPage, Math.max(opts.limit, 1)) : maxPerPage;
		const { body } = await zohoRequest.call(this, { ...req, qs: { ...(req.qs ?? {}), page, per_page: perPage } });
		const items = itemsOf(body, opts.itemsKey);
		if (take(all, items, opts.limit) || (opts.onPage && !opts.onPage(items))) break;
		if (((body.page_context ?? {}) as IDataObject).has_more_page !== true || items.length === 0) break;
	}
	return all;
}
