import type { IDataObject } from 'n8n-workflow';

import { BOOKS_WATCHED } from '../models/books';
import { HISTORY_PREREAD_CAP, historyReader } from './booksHistory';
import { newReminder, remindersOf, trimReminded } from './booksReminders';
import { changedDocuments, PAGE } from './booksWalk';
import { customerViews, VIEWABLE_TYPES } from './booksViewed';
import { dayMs, offsetOfTime, orgCalendar, organizationTimeZone, type OrgCalendar } from './booksZone';
import { advance, isNew, newCursor, parseZohoTime, shortKey, type Cursor } from './cursor';
import { isRetryLater, logRetryLater, pollFailure } from './retry';
import type { BooksState, BooksTypeState, PollSettings, PollThis, UnitResult } from './types';

/** Unsent documents remembered per type, so that their switch to emailed can be seen. */
export const UNSENT_CAP = 300;

interface Observed {
	doc: IDataObject;
	id: string;
	key: string;
	timeMs: number;
}

function trimUnsent(u: Record<string, number>): Record<string, number> {
	const entries = Object.entries(u);
	if (entries.length <= UNSENT_CAP) return u;
	return Object.fromEntries(entries.sort((a, b) => b[1] - a[1]).slice(0, UNSENT_CAP));
}

/**
 * The state a document was read in: its ID, its modification time and the fields its events are read
 * from. Books' times stop at the second, so a document emailed or reminded in the second it was read
 * shows the same time with other fields, and counts as changed. A read made while Zoho's clock is still
 * in the document's second may miss a change that shows nowhere in the list (a second credit-note
 * email): such a read is not settled, and the document is read once more after that second.
 */
function observedKey(id: string, doc: IDataObject, timeMs: number, nowSec: number): string {
	const settled = Math.floor(timeMs / 1000) < nowSec;
	return shortKey(`${id}@${timeMs}:${doc.is_emailed === true ? 1 : 0}:${remindersOf(doc)}:${settled ? 1 : 0}`);
}

/**
 * A document read in a new state: its "emailed" event when it is emailed and the trigger can tell the
 * mailing came after its cursor (it was seen unsent, or created after the floor). Keeps the unsent
 * documents (`u`) and, for a document created after the floor, its creation among the read's keys.
 */
function emailedEvent(
	o: Observed,
	c: Cursor,
	u: Record<string, number>,
	seen: Array<{ key: string; timeMs: number }>,
	nowSec: number,
	documentType: string,
): UnitResult<BooksTypeState>['items'][number] | undefined {
	if (o.doc.is_emailed !== true) {
		u[o.id] = nowSec;
		return undefined;
	}
	const createdMs = parseZohoTime(o.doc.created_time);
	const createdKey = shortKey(`created:${o.id}`);
	const wasUnsent = o.id in u;
	const bornAfterFloor = createdMs >= c.f && !(createdKey in c.s);
	delete u[o.id];
	if (createdMs >= c.f) seen.push({ key: createdKey, timeMs: createdMs });
	if (!wasUnsent && !bornAfterFloor) return undefined;
	return { json: { event: 'emailed', documentType, documentId: o.id, document: o.doc }, sortMs: o.timeMs };
}

/**
 * "Document emailed" for one type. `is_emailed` only says a document was mailed at some time, so an
 * event is emitted only when the trigger can tell the mailing happened after its cursor: the document
 * was seen unsent before, or it was created after the floor. Activation reads the 200 most recently
 * changed documents (more pages when Zoho pages smaller) to learn which are unsent.
 * UNCONFIRMED: that emailing a document moves its last_modified_time.
 */
async function readType(
	this: PollThis,
	s: PollSettings,
	type: string,
	prev: BooksTypeState | undefined,
	zone: string,
): Promise<UnitResult<BooksTypeState>> {
	const cfg = BOOKS_WATCHED[type];
	const reminders = type === 'invoices' && s.paymentReminders;
	const history = type === 'creditnotes' && s.creditNoteHistory;
	const startsReminders = reminders && !prev?.r;
	const startsHistory = history && !prev?.h;
	let cal: OrgCalendar | undefined;
	const calendarOf = (docs: IDataObject[]) => (cal ??= orgCalendar(zone, offsetOfTime(docs[0]?.last_modified_time)));
	const { docs, nowMs, floor, head } = await changedDocuments.call(this, s, type, {
		floorMs: prev?.c.f,
		head: prev?.n,
		minDocs: prev ? 0 : PAGE,
		// UNCONFIRMED, as for emailing: that a reminder or a credit-note email moves last_modified_time.
		readBackTo: startsReminders || startsHistory ? (f, firstPage) => calendarOf(firstPage).dayStartBound(f) : undefined,
	});
	const calendar = calendarOf(docs);
	const c: Cursor = prev?.c ?? newCursor(floor);
	const floorDay = calendar.day(c.f);
	const u = { ...(prev?.u ?? {}) };
	const r = { ...(prev?.r ?? {}) };
	const nowSec = Math.floor(nowMs / 1000);
	const observed: Observed[] = [];
	const earlierToday: string[] = [];
	for (const doc of docs) {
		const id = String(doc[cfg.idField] ?? '');
		const timeMs = parseZohoTime(doc.last_modified_time);
		if (timeMs >= c.f) {
			observed.push({ doc, id, key: observedKey(id, doc, timeMs, nowSec), timeMs });
			continue;
		}
		if (!prev && doc.is_emailed === false) u[id] = nowSec;
		if (startsReminders && remindersOf(doc) > 0) r[id] = [remindersOf(doc), nowSec];
		// Only an emailed credit note has an email history.
		if (
			startsHistory &&
			doc.is_emailed === true &&
			calendar.day(timeMs) >= floorDay &&
			earlierToday.length < HISTORY_PREREAD_CAP
		)
			earlierToday.push(id);
	}
	observed.sort((a, b) => a.timeMs - b.timeMs);

	const { newEntries, cursorAt } = historyReader.call(this, s, prev?.h, floorDay);
	// Emails sent earlier on the floor's day, before it: known from now on, never emitted.
	for (const id of earlierToday) await newEntries(id);

	const items: UnitResult<BooksTypeState>['items'] = [];
	const seen: Array<{ key: string; timeMs: number }> = [];
	for (const o of observed) {
		seen.push({ key: o.key, timeMs: o.timeMs });
		const fresh = isNew(c, o.key, o.timeMs);
		if (fresh) {
			const emailed = emailedEvent(o, c, u, seen, nowSec, cfg.documentType);
			if (emailed) items.push(emailed);
		}
		// Checked on every read of the invoice, not only on a new state: the remembered count emits it once.
		if (reminders && newReminder(o.doc, r[o.id], c.f, floorDay)) {
			items.push({
				json: {
					event: 'paymentReminder',
					documentType: cfg.documentType,
					documentId: o.id,
					remindersSent: remindersOf(o.doc),
					lastReminderSentDate: o.doc.last_reminder_sent_date ?? '',
					document: o.doc,
				},
				sortMs: o.timeMs,
			});
		}
		if (reminders && remindersOf(o.doc) > 0) r[o.id] = [remindersOf(o.doc), nowSec];
		if (!fresh || !history) continue;
		for (const entry of await newEntries(o.id)) {
			items.push({
				json: { event: 'creditNoteEmail', documentType: 'creditnote', documentId: o.id, email: entry, document: o.doc },
				sortMs: o.timeMs,
			});
		}
	}
	const state: BooksTypeState = { c: advance(c, seen, s.lateWindowMs, nowMs), u: trimUnsent(u) };
	if (head) state.n = head;
	if (s.customerViews && VIEWABLE_TYPES.includes(type)) {
		const views = customerViews(prev?.w, prev ? nowMs : floor, cfg.documentType, observed, nowMs);
		items.push(...views.items);
		state.w = views.cursor;
	}
	// The organization's today is "now" for dates.
	if (history) state.h = cursorAt(dayMs(calendar.day(nowMs)));
	if (reminders) state.r = trimReminded(r);
	return { items, state, nowMs };
}

/**
 * Every chosen document type; one listing call per type on an idle poll. Credit-note email history and
 * payment reminders compare dates in the organization's time zone, read once per activation.
 */
export async function pollBooks(this: PollThis, s: PollSettings, prev: BooksState | undefined) {
	const state: BooksState = { t: {} };
	for (const type of s.documentTypes) if (prev?.t[type]) state.t[type] = prev.t[type];
	if (prev?.z !== undefined) state.z = prev.z;
	const items: UnitResult<unknown>['items'] = [];
	if (state.z === undefined && (s.creditNoteHistory || s.paymentReminders)) {
		try {
			state.z = await organizationTimeZone.call(this, s);
		} catch (error) {
			if (!isRetryLater(error)) throw pollFailure(this, 'the Zoho Books organization', error);
			logRetryLater(this, 'the Zoho Books organization', error);
			return { items, state };
		}
	}
	for (let n = 0; n < s.documentTypes.length; n++) {
		const type = s.documentTypes[n];
		if (n > 0 && Date.now() > s.deadline) break;
		let result: UnitResult<BooksTypeState>;
		try {
			result = await readType.call(this, s, type, state.t[type], state.z ?? '');
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
