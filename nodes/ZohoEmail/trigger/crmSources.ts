import { crmPageWalk } from '../transport';
import { parseZohoTime, serverTime } from './cursor';
import { readRecordEmails, type RecordCursor } from './crmEmails';
import { isRetryLater, logRetryLater, pollFailure } from './retry';
import type { CrmState, PollSettings, PollThis, UnitResult } from './types';

/** Records a module scan keeps a cursor for; the least recently active one goes first. */
export const MAX_TRACKED_RECORDS = 100;
/**
 * Records modified this long before the previous scan are read again: an email may reach the Emails
 * list (a search index, Zoho's CRM Get Emails of a Record page) a little after the record's Modified_Time moved.
 */
export const ACTIVITY_OVERLAP_MS = 2 * 60_000;
const LIST_PAGE = 200;

type Items = UnitResult<unknown>['items'];

export interface SourceResult {
	items: Items;
	state: CrmState;
}

interface ListedRecord {
	id: string;
	modifiedMs: number;
}

/**
 * Records of the module modified at or after `since`, newest first (GET /{module} sorted by
 * Modified_Time, the sort field Zoho documents). Pages only while the page's last record is still
 * recent enough, so an idle poll costs one call.
 */
async function recentRecords(
	this: PollThis,
	s: PollSettings,
	since: number | undefined,
): Promise<{ records: ListedRecord[]; nowMs: number }> {
	const records: ListedRecord[] = [];
	let nowMs = 0;
	let floor = 0;
	const pages = crmPageWalk.call(
		this,
		{
			product: 'crm',
			method: 'GET',
			path: `/${encodeURIComponent(s.module)}`,
			qs: { fields: 'Modified_Time,Last_Activity_Time', sort_by: 'Modified_Time', sort_order: 'desc' },
			action: 'list the records of the module',
		},
		'data',
		LIST_PAGE,
	);
	let first = true;
	for await (const { headers, items } of pages) {
		if (first) {
			nowMs = serverTime(headers);
			floor = since ?? nowMs - s.backfillMs;
			first = false;
		}
		let older = false;
		for (const r of items) {
			const modifiedMs = Math.max(parseZohoTime(r.Modified_Time) || 0, parseZohoTime(r.Last_Activity_Time) || 0);
			if (modifiedMs >= floor) records.push({ id: String(r.id), modifiedMs });
			if ((parseZohoTime(r.Modified_Time) || 0) < floor) older = true;
		}
		if (older) break;
	}
	return { records, nowMs };
}

/**
 * Keeps at most MAX_TRACKED_RECORDS cursors; a dropped record's edge raises the default floor. Keys
 * dated ahead of Zoho's clock do not count: a floor in the future would hide every new record's emails.
 */
function trim(state: CrmState, nowMs: number): void {
	const entries = Object.entries(state.r);
	if (entries.length <= MAX_TRACKED_RECORDS) return;
	entries.sort((a, b) => a[1].u - b[1].u);
	for (const [id, cursor] of entries.slice(0, entries.length - MAX_TRACKED_RECORDS)) {
		const past = Object.values(cursor.s).filter((sec) => sec * 1000 <= nowMs);
		const newestSeen = Math.max(cursor.f, ...past.map((sec) => (sec + 1) * 1000));
		// Emails this record already emitted must not come back if it shows up again without a cursor.
		state.d = Math.max(state.d ?? 0, newestSeen);
		delete state.r[id];
	}
}

/**
 * Whole module: list records modified since the last scan, then read their Emails lists, oldest
 * change first, so that when time runs out the scan resumes exactly where it stopped.
 * UNCONFIRMED whether an incoming email moves a record's Modified_Time (Zoho documents no such rule).
 */
export async function pollModule(this: PollThis, s: PollSettings, prev: CrmState | undefined): Promise<SourceResult> {
	const { records, nowMs } = await recentRecords.call(this, s, prev?.a);
	const state: CrmState = { r: { ...(prev?.r ?? {}) }, d: prev?.d ?? nowMs - s.backfillMs, a: prev?.a };
	const defaultFloor = state.d as number;
	const items: Items = [];
	records.sort((x, y) => x.modifiedMs - y.modifiedMs || (x.id < y.id ? -1 : 1));
	let resumeAt: number | undefined;
	for (let n = 0; n < records.length; n++) {
		const record = records[n];
		if (n > 0 && Date.now() > s.deadline) {
			resumeAt = record.modifiedMs;
			break;
		}
		const what = `the emails of ${s.module} record ${record.id}`;
		let result: UnitResult<RecordCursor> | undefined;
		try {
			result = await readRecordEmails.call(this, s, record.id, state.r[record.id], () => defaultFloor);
		} catch (error) {
			if (!isRetryLater(error)) throw pollFailure(this, what, error);
			logRetryLater(this, what, error);
		}
		if (!result) {
			// Skipped (ask again later) or out of time: the scan resumes at this record next poll.
			resumeAt = record.modifiedMs;
			break;
		}
		items.push(...result.items);
		const cursor: RecordCursor = result.state;
		if (state.r[record.id] || cursor.f !== defaultFloor || Object.keys(cursor.s).length > 0)
			state.r[record.id] = cursor;
		if (result.carriedOver) {
			// Out of time within this record: the scan resumes at it, for the emails it still has.
			resumeAt = record.modifiedMs;
			break;
		}
	}
	state.a = resumeAt ?? Math.max(state.a ?? -Infinity, nowMs - ACTIVITY_OVERLAP_MS);
	trim(state, nowMs);
	return { items, state };
}
