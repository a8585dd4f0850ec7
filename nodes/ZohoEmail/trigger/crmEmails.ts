import type { IDataObject } from 'n8n-workflow';

import { crmCursorPageWalk, zohoRequest } from '../transport';
import {
	advance,
	EDGE_ID_CAP,
	isNew,
	newCursor,
	newestFirst,
	parseZohoTime,
	serverTime,
	shortKey,
	type Cursor,
} from './cursor';
import type { PollSettings, PollThis, UnitResult } from './types';
import { passesZia } from './zia';

export type RecordCursor = Cursor & { u: number };

export interface ListedEmail {
	email: IDataObject;
	key: string;
	timeMs: number;
}

/** What a record's read saw: every email listed, and the new ones whatever the filters. */
export interface Listing {
	listed: ListedEmail[];
	arrived: ListedEmail[];
}

function path(module: string, recordId: string): string {
	return `/${encodeURIComponent(module)}/${encodeURIComponent(recordId)}/Emails`;
}

function wanted(s: PollSettings, email: IDataObject): boolean {
	if (!passesZia(s, email)) return false;
	if (s.direction === 'sent') return email.sent === true;
	if (s.direction === 'received') return email.sent === false;
	return true;
}

/**
 * Reads the first page of a record's Emails related list (Zoho's CRM Get Emails of a Record page): the newest emails, for samples.
 */
export async function firstEmailsPage(this: PollThis, s: PollSettings, recordId: string): Promise<IDataObject[]> {
	const { statusCode, body } = await zohoRequest.call(this, {
		product: 'crm',
		method: 'GET',
		path: path(s.module, recordId),
		qs: { type: s.emailType || undefined },
		action: 'list the emails of the record',
	});
	if (statusCode === 204) return [];
	return ((body.Emails as IDataObject[] | undefined) ?? []).filter((e) => wanted(s, e));
}

/** The full email (body, attachments list) from the single-email call; only that call has `content`. */
export async function fullEmail(
	this: PollThis,
	s: PollSettings,
	recordId: string,
	email: IDataObject,
): Promise<IDataObject> {
	const { body } = await zohoRequest.call(this, {
		product: 'crm',
		method: 'GET',
		path: `${path(s.module, recordId)}/${encodeURIComponent(String(email.message_id))}`,
		qs: { type: s.emailType || undefined },
		action: 'read the email',
	});
	const full = ((body.Emails as IDataObject[] | undefined) ?? [])[0] ?? {};
	return { ...email, ...full };
}

export function emailItem(s: PollSettings, recordId: string, email: IDataObject): IDataObject {
	return { ...email, record: { module: s.module, id: recordId } };
}

/**
 * Reads a record's emails newer than its cursor. Pages until a newest-first page reaches below the
 * floor (everything after it is older); a page that is not newest-first proves nothing about the
 * next one, so then it reads on to the end. Returns undefined when the time budget ran out first:
 * nothing of this record is emitted and its cursor stays, so the next poll reads it again.
 *
 * A record read for the first time emits from `floorForNew`; with `quietMs` its cursor starts that much
 * lower, so the emails already there are remembered without being emitted and one that shows up later
 * with a date in that span (a mailbox sync that lags) is still new. With `readBackTo` (the oldest sent
 * email tracked for opens and bounces) it pages down to that time too; `listed` is every email read.
 */
export async function readRecordEmails(
	this: PollThis,
	s: PollSettings,
	recordId: string,
	cursor: RecordCursor | undefined,
	floorForNew: (nowMs: number) => number,
	quietMs = 0,
	readBackTo = Number.POSITIVE_INFINITY,
): Promise<(UnitResult<RecordCursor> & Listing) | undefined> {
	let current: Cursor | undefined = cursor;
	let nowMs = 0;
	let emitFrom = -Infinity;
	const start = (): Cursor => {
		emitFrom = floorForNew(nowMs);
		return newCursor(emitFrom - quietMs);
	};
	// Every email read, once each; those at or above the floor are the ones the cursor has seen. The
	// engagement events of sent emails use the rest (read back to `readBackTo`).
	const listed: ListedEmail[] = [];
	const keys = new Set<string>();
	const pages = crmCursorPageWalk.call(
		this,
		{
			product: 'crm',
			method: 'GET',
			path: path(s.module, recordId),
			qs: { type: s.emailType || undefined },
			action: 'list the emails of the record',
		},
		'Emails',
	);
	let first = true;
	for await (const response of pages) {
		if (first) nowMs = serverTime(response.headers);
		first = false;
		current ??= start();
		const page: ListedEmail[] = response.items.map((email) => ({
			email,
			key: shortKey(String(email.message_id ?? '')),
			timeMs: parseZohoTime(email.time),
		}));
		const floor = current.f;
		// An email without a readable time cannot be placed against the floor: it is skipped, not guessed.
		for (const e of page) {
			// A list that shifts while it is paged may repeat an email: each counts once.
			if (!keys.has(e.key)) listed.push(e);
			keys.add(e.key);
		}
		// Zoho's sample runs newest first, but the order is not documented: checked on every page.
		if (page.some((e) => e.timeMs < Math.min(floor, readBackTo)) && newestFirst(page.map((e) => e.timeMs))) break;
		// Out of time before the next page: nothing of this record is emitted, its cursor stays.
		if (response.more && Date.now() > s.hardDeadline) return undefined;
	}
	const from = current ?? start();
	const seen = listed.filter((e) => e.timeMs >= from.f);
	const arrived = seen.filter((e) => e.timeMs >= emitFrom && isNew(from, e.key, e.timeMs));
	const fresh = arrived.filter((e) => wanted(s, e.email));
	// Oldest first: when the time runs out, the emails not yet read in full are the newest ones.
	fresh.sort((a, b) => a.timeMs - b.timeMs);
	const items: UnitResult<RecordCursor>['items'] = [];
	let done = fresh.length;
	for (let n = 0; n < fresh.length; n++) {
		// Each full read costs a request: checked between them, so a burst cannot outlast the poll.
		if (s.includeBody && n > 0 && Date.now() > s.hardDeadline) {
			done = n;
			break;
		}
		const e = fresh[n];
		const email = s.includeBody ? await fullEmail.call(this, s, recordId, e.email) : e.email;
		items.push({ json: emailItem(s, recordId, email), sortMs: e.timeMs });
	}
	const left = fresh.slice(done);
	// The emails left for the next poll stay new: the cursor forgets them and its floor stays below them.
	const next =
		left.length === 0
			? advance(from, seen, s.lateWindowMs, nowMs)
			: // Every email emitted at or after the floor is kept by key, however many share a second, over
				// as many polls as the carry-over takes: the cap would otherwise set a ceiling there and hide
				// the emails left over. Their number is bounded by what was listed; once nothing is left the
				// cursor moves past them and the usual cap applies again.
				advance(
					from,
					seen.filter((e) => !left.includes(e)),
					s.lateWindowMs,
					Math.min(nowMs, left[0].timeMs - 1),
					EDGE_ID_CAP + seen.length,
				);
	const touched = fresh.length > 0 || !cursor ? nowMs : cursor.u;
	const result: UnitResult<RecordCursor> & Listing = { items, state: { ...next, u: touched }, nowMs, listed, arrived };
	if (left.length > 0) result.carriedOver = left.length;
	return result;
}
