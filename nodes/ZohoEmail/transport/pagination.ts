import type { IDataObject } from 'n8n-workflow';

import { zohoRequest } from './request';
import type { ZohoFunctions, ZohoRequest, ZohoResponse } from './types';

/**
 * One page as Zoho answered it. `more` says whether the walk fetches another page after this one,
 * so a caller that must stop early (a time budget) can tell "done" from "cut short".
 */
export interface Page extends ZohoResponse {
	items: IDataObject[];
	more: boolean;
}

/** `undefined` limit means "all". Every list helper stops fetching as soon as the limit is met. */
export interface PageOptions {
	/** The key holding the page's items (`Emails`, `data`, `invoices`, …). */
	itemsKey: string;
	limit?: number;
}

const MAX_PER_PAGE = 200;

function itemsOf(body: IDataObject, key: string): IDataObject[] {
	const list = body[key];
	return Array.isArray(list) ? (list as IDataObject[]) : [];
}

function perPageFor(limit: number | undefined): number {
	return limit !== undefined ? Math.min(MAX_PER_PAGE, Math.max(limit, 1)) : MAX_PER_PAGE;
}

async function collect(pages: AsyncGenerator<Page>, limit: number | undefined): Promise<IDataObject[]> {
	const all: IDataObject[] = [];
	for await (const page of pages) {
		for (const item of page.items) {
			if (limit !== undefined && all.length >= limit) break;
			all.push(item);
		}
		if (limit !== undefined && all.length >= limit) break;
	}
	return all;
}

/**
 * CRM "Emails of a record": an opaque `index` cursor from `info.next_index`, a fixed 10 per page,
 * and 204 with no body when there are none (Zoho's CRM Get Emails of a Record page). The 204 page is yielded too (no items),
 * for its headers.
 */
export async function* crmCursorPageWalk(
	this: ZohoFunctions,
	req: ZohoRequest,
	itemsKey: string,
): AsyncGenerator<Page> {
	let index: string | undefined;
	for (;;) {
		const response = await zohoRequest.call(this, { ...req, qs: { ...(req.qs ?? {}), index } });
		if (response.statusCode === 204) {
			yield { ...response, items: [], more: false };
			return;
		}
		const info = (response.body.info ?? {}) as IDataObject;
		const next = info.next_index;
		const more = info.more_records === true && typeof next === 'string' && next !== '' && next !== index;
		yield { ...response, items: itemsOf(response.body, itemsKey), more };
		if (!more) return;
		index = next as string;
	}
}

/** Every item of a CRM cursor-paged list, up to `limit`. */
export async function crmCursorPages(this: ZohoFunctions, req: ZohoRequest, opts: PageOptions): Promise<IDataObject[]> {
	return await collect(crmCursorPageWalk.call(this, req, opts.itemsKey), opts.limit);
}

/** CRM/Bigin `page` + `per_page` with `info.more_records`; 204 (nothing) is yielded as an empty page. */
export async function* crmPageWalk(
	this: ZohoFunctions,
	req: ZohoRequest,
	itemsKey: string,
	perPage = MAX_PER_PAGE,
): AsyncGenerator<Page> {
	for (let page = 1; ; page++) {
		const response = await zohoRequest.call(this, { ...req, qs: { ...(req.qs ?? {}), page, per_page: perPage } });
		const items = response.statusCode === 204 ? [] : itemsOf(response.body, itemsKey);
		const more =
			response.statusCode !== 204 &&
			((response.body.info ?? {}) as IDataObject).more_records === true &&
			items.length > 0;
		yield { ...response, items, more };
		if (!more) return;
	}
}

/** Books `page` + `per_page` with `page_context.has_more_page` (Zoho's Books Organizations API). */
export async function* booksPageWalk(
	this: ZohoFunctions,
	req: ZohoRequest,
	itemsKey: string,
	perPage = MAX_PER_PAGE,
): AsyncGenerator<Page> {
	for (let page = 1; ; page++) {
		const response = await zohoRequest.call(this, { ...req, qs: { ...(req.qs ?? {}), page, per_page: perPage } });
		const items = itemsOf(response.body, itemsKey);
		const more = ((response.body.page_context ?? {}) as IDataObject).has_more_page === true && items.length > 0;
		yield { ...response, items, more };
		if (!more) return;
	}
}

/** Every item of a Books list, up to `limit`; the page size shrinks to what the limit still needs. */
export async function booksPagedList(this: ZohoFunctions, req: ZohoRequest, opts: PageOptions): Promise<IDataObject[]> {
	return await collect(booksPageWalk.call(this, req, opts.itemsKey, perPageFor(opts.limit)), opts.limit);
}
