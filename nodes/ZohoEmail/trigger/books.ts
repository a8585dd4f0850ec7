import type { IDataObject } from 'n8n-workflow';

import { BOOKS_WATCHED } from '../models/books';
import { booksPageWalk, zohoRequest } from '../transport';
import { advance, isNew, newCursor, newestFirst, parseZohoTime, serverTime, shortKey, type Cursor } from './cursor';
import { isRetryLater, logRetryLater, pollFailure } from './retry';
import type { BooksState, BooksTypeState, PollSettings, PollThis, UnitResult } from './types';

/** Unsent documents remembered per type, so that their switch to emailed can be seen. */
export const UNSENT_CAP = 300;
/** Invoices whose payment reminder count is remembered, so that a new reminder can be told from old ones. */
export const REMINDED_CAP = 300;
/** Credit-note email history entries remembered per day (the history has dates, not times). */
const HISTORY_CAP = 200;
const PAGE = 200;
const DAY_MS = 86_400_000;

interface Observed {
	doc: IDataObject;
	id: string;
	key: string;
	timeMs: number;
}

/**
 * One page-walk over a document type, newest change first (`sort_column=last_modified_time`,
 * `sort_order=D`; the default order is UNCONFIRMED, so it is always set), down to the cursor's floor.
 * No `last_modified_time` filter is sent: Zoho does not document whether it means "modified since" or
 * "modified at exactly", and a public report from a live organization found an exact match, which
 * would hide every change. The walk stops at the first page that reaches below the floor instead, so
 * an idle poll still costs one call (docs/zoho-api-decisions.md, "Books trigger").
 */
async function changedDocuments(this: PollThis, s: PollSettings, type: string, floorMs: number | undefined) {
	const cfg = BOOKS_WATCHED[type];
	const docs: IDataObject[] = [];
	let nowMs = 0;
	let floor = floorMs ?? 0;
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
	let first = true;
	let outOfOrder = false;
	for await (const { headers, body, items } of pages) {
		if (first) {
			nowMs = serverTime(headers);
			floor = floorMs ?? nowMs - s.backfillMs;
			first = false;
		}
		docs.push(...items);
		// Stopping early is safe only on a page in the order asked for: Zoho names the order it used in
		// page_context (`sort_column`), and the times must run newest first (as for CRM's emails).
		const times = items.map((d) => parseZohoTime(d.last_modified_time));
		const sortedBy = ((body.page_context ?? {}) as IDataObject).sort_column;
		if ((sortedBy === undefined || sortedBy === 'last_modified_time') && newestFirst(times)) {
			if (times.some((ms) => ms < floor)) break;
		} else {
			outOfOrder = true;
		}
	}
	if (outOfOrder) {
		this.logger.warn(`Zoho Books did not list the ${cfg.listKey} newest change first, as the trigger asked; every page was read so that no change is missed`);
	}
	return { docs, nowMs, floor };
}

async function creditNoteHistory(this: PollThis, s: PollSettings, id: string): Promise<IDataObject[]> {
	const { body } = await zohoRequest.call(this, {
		product: 'books',
		method: 'GET',
		path: `/creditnotes/${encodeURIComponent(id)}/emailhistory`,
		organizationId: s.organizationId,
		action: 'read the email history of the credit note',
	});
	return (body.email_history as IDataObject[] | undefined) ?? [];
}

function trimUnsent(u: Record<string, number>): Record<string, number> {
	const entries = Object.entries(u);
	if (entries.length <= UNSENT_CAP) return u;
	return Object.fromEntries(entries.sort((a, b) => b[1] - a[1]).slice(0, UNSENT_CAP));
}

function trimReminded(r: Record<string, [number, number]>): Record<string, [number, number]> {
	const entries = Object.entries(r);
	if (entries.length <= REMINDED_CAP) return r;
	return Object.fromEntries(entries.sort((a, b) => b[1][1] - a[1][1]).slice(0, REMINDED_CAP));
}

function remindersOf(doc: IDataObject): number {
	const n = Number(doc.reminders_sent ?? 0);
	return Number.isInteger(n) && n > 0 ? n : 0;
}

/**
 * Whether a changed invoice shows a payment reminder sent after the trigger's floor. The list gives only
 * a count (`reminders_sent`) and a date (`last_reminder_sent_date`, no time, in the organization's time
 * zone: UNCONFIRMED), so the count is remembered per invoice. For an invoice not remembered (never seen
 * with reminders since activation), a reminder counts as new when the invoice was created after the
 * floor, or its last reminder is dated no earlier than the day before the floor's UTC day: a reminder
 * after the floor is dated at least that late in any time zone (UTC−12 to UTC+14). Such an invoice
 * reminded up to a day before the floor and changed after it is therefore emitted once too: reminders
 * shortly before activation are kept out by the first poll, which remembers the counts of every invoice
 * on its page.
 */
function newReminder(doc: IDataObject, known: [number, number] | undefined, floorMs: number): boolean {
	const n = remindersOf(doc);
	if (n === 0) return false;
	if (known) return n > known[0];
	if (parseZohoTime(doc.created_time) >= floorMs) return true;
	const day = /^\d{4}-\d{2}-\d{2}/.exec(String(doc.last_reminder_sent_date ?? '').trim())?.[0];
	return day !== undefined && day >= new Date(floorMs - DAY_MS).toISOString().slice(0, 10);
}

/**
 * "Document emailed" for one type. `is_emailed` only says a document was mailed at some time, so an
 * event is emitted only when the trigger can tell the mailing happened after its cursor: the document
 * was seen unsent before, or it was created after the floor. A document that was already unsent
 * before activation and never changed since is known only if it was on the first poll's first page.
 * UNCONFIRMED: that emailing a document moves its last_modified_time.
 */
async function readType(this: PollThis, s: PollSettings, type: string, prev: BooksTypeState | undefined): Promise<UnitResult<BooksTypeState>> {
	const cfg = BOOKS_WATCHED[type];
	const { docs, nowMs, floor } = await changedDocuments.call(this, s, type, prev?.c.f);
	const c: Cursor = prev?.c ?? newCursor(floor);
	const u = { ...(prev?.u ?? {}) };
	const reminders = type === 'invoices' && s.paymentReminders;
	const r = { ...(prev?.r ?? {}) };
	const nowSec = Math.floor(nowMs / 1000);
	const observed: Observed[] = [];
	for (const doc of docs) {
		const id = String(doc[cfg.idField] ?? '');
		const timeMs = parseZohoTime(doc.last_modified_time);
		if (timeMs >= c.f) {
			observed.push({ doc, id, key: shortKey(`${id}@${timeMs}`), timeMs });
			continue;
		}
		if (!prev && doc.is_emailed === false) u[id] = nowSec;
		// UNCONFIRMED: that sending a reminder moves last_modified_time (as for emailing, above).
		if (!prev && reminders && remindersOf(doc) > 0) r[id] = [remindersOf(doc), nowSec];
	}
	observed.sort((a, b) => a.timeMs - b.timeMs);
	const items: UnitResult<BooksTypeState>['items'] = [];
	const seen: Array<{ key: string; timeMs: number }> = [];
	let h = prev?.h ?? newCursor(startOfDay(floor));
	const hSeen: Array<{ key: string; timeMs: number }> = [];
	for (const o of observed) {
		seen.push({ key: o.key, timeMs: o.timeMs });
		const fresh = isNew(c, o.key, o.timeMs);
		if (fresh) {
			const createdMs = parseZohoTime(o.doc.created_time);
			const createdKey = shortKey(`created:${o.id}`);
			if (o.doc.is_emailed === true) {
				const wasUnsent = o.id in u;
				const bornAfterFloor = createdMs >= c.f && !(createdKey in c.s);
				if (wasUnsent || bornAfterFloor) {
					items.push({ json: { event: 'emailed', documentType: cfg.documentType, documentId: o.id, document: o.doc }, sortMs: o.timeMs });
				}
				delete u[o.id];
				if (createdMs >= c.f) seen.push({ key: createdKey, timeMs: createdMs });
			} else {
				u[o.id] = nowSec;
			}
		}
		// Checked on every read of the invoice, not only on a new modification time: a reminder in the same
		// second as an earlier change shows only in the count, and the remembered count emits it once.
		if (reminders && newReminder(o.doc, r[o.id], c.f)) {
			items.push({
				json: { event: 'paymentReminder', documentType: cfg.documentType, documentId: o.id, remindersSent: remindersOf(o.doc), lastReminderSentDate: o.doc.last_reminder_sent_date ?? '', document: o.doc },
				sortMs: o.timeMs,
			});
		}
		if (reminders && remindersOf(o.doc) > 0) r[o.id] = [remindersOf(o.doc), nowSec];
		if (!fresh) continue;
		if (type === 'creditnotes' && s.creditNoteHistory) {
			for (const entry of await creditNoteHistory.call(this, s, o.id)) {
				const key = shortKey(String(entry.mailhistory_id ?? ''));
				const dayMs = Date.parse(String(entry.date ?? ''));
				if (!isNew(h, key, dayMs) || hSeen.some((x) => x.key === key)) continue;
				hSeen.push({ key, timeMs: dayMs });
				items.push({ json: { event: 'creditNoteEmail', documentType: 'creditnote', documentId: o.id, email: entry, document: o.doc }, sortMs: o.timeMs });
			}
		}
	}
	if (hSeen.length) h = advance(h, hSeen, 0, nowMs, HISTORY_CAP);
	const state: BooksTypeState = { c: advance(c, seen, s.lateWindowMs, nowMs), u: trimUnsent(u) };
	if (type === 'creditnotes' && s.creditNoteHistory) state.h = h;
	if (reminders) state.r = trimReminded(r);
	return { items, state, nowMs };
}

function startOfDay(ms: number): number {
	return Math.floor(ms / 86_400_000) * 86_400_000;
}

/** Every chosen document type; one listing call per type on an idle poll. */
export async function pollBooks(this: PollThis, s: PollSettings, prev: BooksState | undefined) {
	const state: BooksState = { t: {} };
	for (const type of s.documentTypes) if (prev?.t[type]) state.t[type] = prev.t[type];
	const items: UnitResult<unknown>['items'] = [];
	for (let n = 0; n < s.documentTypes.length; n++) {
		const type = s.documentTypes[n];
		if (n > 0 && Date.now() > s.deadline) break;
		let result: UnitResult<BooksTypeState>;
		try {
			result = await readType.call(this, s, type, state.t[type]);
		} catch (error) {
			if (!isRetryLater(error)) throw pollFailure(this, `the Zoho Books ${type}`, error);
			logRetryLater(this, `the Zoho Books ${type}`, error);
			continue;
		}
		items.push(...result.items);
		state.t[type] = result.state;
	}
	return { items, state };
}
