import type { IDataObject } from 'n8n-workflow';

import { BOOKS_WATCHED } from '../models/books';
import { booksPageWalk } from '../transport';
import { parseZohoTime, serverTime } from './cursor';
import type { PollSettings, PollThis } from './types';

/** Documents per listing page: Books' maximum. */
export const PAGE = 200;

/** The newest document a walk saw: its ID and its `last_modified_time` in epoch seconds. */
export type Head = [string, number];

export interface WalkPlan {
	/** The cursor's floor (epoch ms); none on activation, which starts at Zoho's clock less the backfill. */
	floorMs?: number;
	/** The newest document the last poll saw. */
	head?: Head;
	/** Read at least this many documents before stopping (activation learns what is unsent). */
	minDocs: number;
	/** Read back to this time, when earlier than the floor (the start of the floor's day in the organization). */
	readBackTo?: (floorMs: number, firstPage: IDataObject[]) => number;
}

export interface Walk {
	docs: IDataObject[];
	/** Zoho's clock at the first page. */
	nowMs: number;
	floor: number;
	head?: Head;
}

/** Whether a page says it is sorted as asked: by `last_modified_time`, descending. */
function sortedAsAsked(pageContext: unknown): boolean {
	const pc = (pageContext ?? {}) as IDataObject;
	const order = String(pc.sort_order ?? '').toLowerCase();
	return pc.sort_column === 'last_modified_time' && (order === 'd' || order === 'descending');
}

/**
 * One page-walk over a document type, asked newest change first (`sort_column=last_modified_time`,
 * `sort_order=D`; the default order is UNCONFIRMED, so it is always set), with no `last_modified_time`
 * filter: Zoho does not document whether it means "modified since" or "modified at exactly", and a
 * public report from a live organization found an exact match, which would hide every change
 * (docs/zoho-api-decisions.md, "Books trigger: listing changed documents").
 *
 * The walk stops at the first page that reaches below the floor only when the order is proven newest
 * first for the whole walk so far: every page's `page_context` names `last_modified_time` and a
 * descending order, the times never rise (within a page or from one page to the next), and the newest
 * document the last poll saw was listed before that page. Otherwise it reads every page, and a warning
 * says why. An idle poll in the order asked costs one call.
 */
export async function changedDocuments(this: PollThis, s: PollSettings, type: string, plan: WalkPlan): Promise<Walk> {
	const cfg = BOOKS_WATCHED[type];
	const docs: IDataObject[] = [];
	let nowMs = 0;
	let floor = plan.floorMs ?? 0;
	let stopBelow = floor;
	let proven = true;
	let lastMs = Number.POSITIVE_INFINITY;
	let sawHead = plan.head === undefined;
	let headMissed = false;
	let head: Head | undefined;
	let first = true;
	const pages = booksPageWalk.call(
		this,
		{
			product: 'books',
			method: 'GET',
			path: `/${type}`,
			organizationId: s.organizationId,
			qs: { sort_column: 'last_modified_time', sort_order: 'D' },
			action: `list the ${cfg.listKey}`,
		},
		cfg.listKey,
		PAGE,
	);
	for await (const { headers, body, items } of pages) {
		if (first) {
			first = false;
			nowMs = serverTime(headers);
			floor = plan.floorMs ?? nowMs - s.backfillMs;
			stopBelow = Math.min(floor, plan.readBackTo?.(floor, items) ?? floor);
		}
		docs.push(...items);
		if (!sortedAsAsked(body.page_context)) proven = false;
		for (const doc of items) {
			const ms = parseZohoTime(doc.last_modified_time);
			// NaN proves nothing, so it fails the check as a rise does.
			if (!(ms <= lastMs)) proven = false;
			lastMs = ms;
			if (plan.head && ms >= plan.head[1] * 1000) sawHead = true;
			if (Number.isFinite(ms) && (!head || ms > head[1] * 1000))
				head = [String(doc[cfg.idField] ?? ''), Math.floor(ms / 1000)];
		}
		if (!proven || docs.length < plan.minDocs || !(lastMs < stopBelow)) continue;
		// Newest first, the last poll's newest document comes before any older one. When it does not (the
		// order is not what was asked, or the document is gone, which the pages read so far cannot tell
		// apart from pages that run oldest block first), every page is read: a deletion costs one full walk.
		if (sawHead) break;
		headMissed = true;
	}
	if (!proven || headMissed) {
		this.logger.warn(
			`Zoho Books did not list the ${cfg.listKey} newest change first, as the trigger asked, or the one changed last was deleted; every page was read so that no change is missed`,
		);
	}
	return { docs, nowMs, floor, head };
}
