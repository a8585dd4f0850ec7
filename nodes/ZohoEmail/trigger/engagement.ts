import type { IDataObject } from 'n8n-workflow';

import { parseZohoTime, shortKey } from './cursor';
import type { PollSettings, TrackState, UnitResult } from './types';

/**
 * What happened to an email sent from a watched record: opened, bounced. Zoho has no push for these;
 * each email of the Emails list carries `status`, a list of `{type: "sent"}`, `{type: "opened", count,
 * first_open, last_open}` and `{type: "bounced", bounced_time, bounced_reason, category, sub_category}`
 * (Zoho's CRM Get Emails of a Record page, CRM OAS `email_related_records.json`). A sent email is tracked from when the trigger first
 * lists it until the tracking window has passed since it was sent; while tracked, its record's list is
 * read back far enough to show it (docs/zoho-api-decisions.md, "CRM trigger: opens and bounces").
 */

/** Flags of a tracked email (its third field). */
const BOUNCED = 1;
export const REPLIED = 2;
export const NO_REPLY_SENT = 4;

/** Sent emails tracked at once, over all records: about 35 bytes of state each (50 once its thread is known). */
export const MAX_TRACKED_EMAILS = 500;

type Items = UnitResult<unknown>['items'];

/** The oldest tracked email of a record (epoch ms): its list is read back to it. */
export function readBackTo(t: TrackState | undefined): number {
	let oldest = Number.POSITIVE_INFINITY;
	for (const [sec] of Object.values(t?.e ?? {})) oldest = Math.min(oldest, sec * 1000);
	return oldest;
}

function statusOf(email: IDataObject, type: string): IDataObject | undefined {
	const list = Array.isArray(email.status) ? (email.status as unknown[]) : [];
	return list.find((x): x is IDataObject => typeof x === 'object' && x !== null && (x as IDataObject).type === type);
}

/** Zoho's open count is a string ("1"); an `opened` entry without a readable count is one open. */
function opensOf(opened: IDataObject | undefined): number {
	if (!opened) return 0;
	const n = Number(opened.count);
	return Number.isInteger(n) && n > 0 ? n : 1;
}

export function item(
	s: PollSettings,
	recordId: string,
	event: string,
	email: IDataObject,
	extra: IDataObject,
): IDataObject {
	return {
		event,
		record: { module: s.module, id: recordId },
		messageId: email.message_id,
		subject: email.subject ?? null,
		to: email.to ?? null,
		sentTime: email.time ?? null,
		...extra,
		email,
	};
}

/**
 * The engagement events of one record's listed emails, and its tracking state after them.
 * @param startMs where tracking starts for a record without state: activation for a new record,
 *   Zoho's clock when the events are turned on later
 */
export function engagementOf(
	s: PollSettings,
	recordId: string,
	prev: TrackState | undefined,
	startMs: number,
	listed: IDataObject[],
): { items: Items; state: TrackState } {
	const state: TrackState = { f: prev?.f ?? startMs, e: {} };
	if (prev?.p) state.p = [...prev.p];
	for (const [key, entry] of Object.entries(prev?.e ?? {})) state.e[key] = [...entry];
	const items: Items = [];
	const done = new Set<string>();
	for (const email of listed) {
		if (email.sent !== true) continue;
		const key = shortKey(String(email.message_id ?? ''));
		const timeMs = parseZohoTime(email.time);
		if (done.has(key)) continue;
		done.add(key);
		let entry = state.e[key];
		if (!entry) {
			if (!(timeMs >= state.f)) continue;
			entry = [Math.floor(timeMs / 1000), 0, 0];
			state.e[key] = entry;
		}
		const opened = statusOf(email, 'opened');
		const opens = opensOf(opened);
		if (s.engagement.includes('opened') && opens > entry[1] && opened) {
			if (entry[1] === 0 || s.everyOpen) {
				const extra = {
					openCount: opens,
					newOpens: opens - entry[1],
					firstOpen: opened.first_open ?? null,
					lastOpen: opened.last_open ?? null,
				};
				items.push({
					json: item(s, recordId, 'opened', email, extra),
					sortMs: parseZohoTime(opened.last_open) || timeMs,
				});
			}
		}
		entry[1] = Math.max(entry[1], opens);
		const bounced = statusOf(email, 'bounced');
		if (s.engagement.includes('bounced') && bounced && !(entry[2] & BOUNCED)) {
			const extra = {
				bouncedTime: bounced.bounced_time ?? null,
				bouncedReason: bounced.bounced_reason ?? null,
				category: bounced.category ?? null,
				subCategory: bounced.sub_category ?? null,
			};
			items.push({
				json: item(s, recordId, 'bounced', email, extra),
				sortMs: parseZohoTime(bounced.bounced_time) || timeMs,
			});
		}
		if (bounced) entry[2] |= BOUNCED;
	}
	return { items, state };
}

/**
 * Ends the tracking of emails whose window has passed: they were read once more after it (what happened
 * within it shows now) and are forgotten; the floor rises past the window, so an email forgotten never
 * starts tracking again.
 */
export function endTracking(s: PollSettings, state: TrackState, nowMs: number): TrackState {
	const windowStart = nowMs - s.trackingWindowMs;
	for (const [key, entry] of Object.entries(state.e)) if (entry[0] * 1000 < windowStart) delete state.e[key];
	state.f = Math.max(state.f, windowStart);
	return state;
}

/**
 * Keeps at most MAX_TRACKED_EMAILS over all records, the most recently sent; a dropped email's record
 * floor rises past it so it is never tracked again. Records no longer watched are forgotten.
 */
export function trimTracking(
	t: Record<string, TrackState>,
	ids: string[],
	cap = MAX_TRACKED_EMAILS,
): Record<string, TrackState> {
	const out: Record<string, TrackState> = {};
	for (const id of ids) if (t[id]) out[id] = t[id];
	const all = Object.entries(out).flatMap(([id, st]) =>
		Object.entries(st.e).map(([key, entry]) => ({ id, key, sec: entry[0] })),
	);
	if (all.length <= cap) return out;
	all.sort((a, b) => a.sec - b.sec);
	for (const x of all.slice(0, all.length - cap)) {
		delete out[x.id].e[x.key];
		out[x.id].f = Math.max(out[x.id].f, (x.sec + 1) * 1000);
	}
	return out;
}
