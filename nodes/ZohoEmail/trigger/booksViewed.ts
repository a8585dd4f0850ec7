import type { IDataObject } from 'n8n-workflow';

import { advance, isNew, newCursor, parseZohoTime, shortKey, type Cursor } from './cursor';
import type { UnitResult } from './types';

/** The document types whose lists carry `is_viewed_by_client` and `client_viewed_time` (Books OAS). */
export const VIEWABLE_TYPES = ['invoices', 'estimates', 'retainerinvoices'];

/**
 * Documents whose view the trigger remembers per type. The view floor stays at activation and rises only
 * past the oldest view forgotten when more are remembered, so a view that shows in the list later than
 * it happened (a document whose `last_modified_time` moved later) is still emitted once.
 */
const VIEWED_CAP = 100;

interface ObservedDocument {
	doc: IDataObject;
	id: string;
	/** The document's `last_modified_time`, epoch ms. */
	timeMs: number;
}

/**
 * The time a document's view is filed under: its `client_viewed_time`. The retainer invoices' OAS types
 * that field as a boolean; where it is not a readable time, the document's `created_time` stands in: it
 * never changes, so a document whose key the cap dropped stays below the raised floor and is never
 * emitted again (a `last_modified_time` would move with each change and bring it back). The cost: such a
 * document is emitted only when it was created at or after the view floor; without a readable
 * `created_time` either, never (docs/zoho-api-decisions.md, "Books trigger: viewed by the customer").
 */
function viewedAt(o: ObservedDocument): number {
	const ms = parseZohoTime(o.doc.client_viewed_time);
	return Number.isFinite(ms) ? ms : parseZohoTime(o.doc.created_time);
}

/**
 * "Viewed by the Customer" for one type, from the documents the poll listed as changed (no extra call):
 * one item per document the first time it shows `is_viewed_by_client` with a view at or after the view
 * floor (activation, less the backfill). Checked on every read of a document, as the reminder count is:
 * the remembered key makes each document's view emit once.
 * @param prev the view cursor; none when the event starts now
 * @param startMs where a new view cursor starts (activation, or Zoho's clock when the event is turned on later)
 */
export function customerViews(
	prev: Cursor | undefined,
	startMs: number,
	documentType: string,
	observed: ObservedDocument[],
	nowMs: number,
): { items: UnitResult<unknown>['items']; cursor: Cursor } {
	const cursor = prev ?? newCursor(startMs);
	const items: UnitResult<unknown>['items'] = [];
	const seen: Array<{ key: string; timeMs: number }> = [];
	const keys = new Set<string>();
	for (const o of observed) {
		if (o.doc.is_viewed_by_client !== true) continue;
		const key = shortKey(`viewed:${o.id}`);
		const timeMs = viewedAt(o);
		if (keys.has(key) || !Number.isFinite(timeMs)) continue;
		keys.add(key);
		seen.push({ key, timeMs });
		if (!isNew(cursor, key, timeMs)) continue;
		items.push({
			json: {
				event: 'viewed',
				documentType,
				documentId: o.id,
				viewedTime: o.doc.client_viewed_time ?? '',
				document: o.doc,
			},
			sortMs: timeMs,
		});
	}
	// An infinite late window: the floor never follows the views, only the cap raises it.
	return { items, cursor: advance(cursor, seen, Number.POSITIVE_INFINITY, nowMs, VIEWED_CAP) };
}
