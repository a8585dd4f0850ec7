import type { IDataObject } from 'n8n-workflow';

import { parseZohoTime, shortKey } from './cursor';
import { item, NO_REPLY_SENT, REPLIED } from './engagement';
import type { PollSettings, TrackState, UnitResult } from './types';

type Items = UnitResult<unknown>['items'];

/** Received emails left to check for replies when a poll ran out of time, per record. */
const PENDING_CAP = 50;

/** The thread an email belongs to: `thread_id`, documented on the single-email answer only (Zoho's CRM Get Emails of a Record page). */
export type ThreadOf = (email: IDataObject) => Promise<string>;

/**
 * Reply Received and No Reply Within for one record's tracked emails. A reply is a new received email
 * in the thread of a tracked sent email, dated no earlier than it: the tracked emails of that thread sent
 * before it count as replied, and one item names the latest of them. Threads come from `thread_id`,
 * which Zoho documents only on the single-email call: read once per tracked sent email (when a received
 * email could answer it) and once per new received email while the record has emails awaiting a reply.
 * Then each tracked email whose deadline has passed without a reply gets one No Reply item.
 * When the poll's time runs out, the received emails not yet checked wait in the state (`p`) for the
 * next poll, with the threads already read; the deadlines wait with them.
 */
export async function replies(
	s: PollSettings,
	recordId: string,
	state: TrackState,
	listed: IDataObject[],
	arrived: IDataObject[],
	nowMs: number,
	threadOf: ThreadOf,
): Promise<Items> {
	const items: Items = [];
	if (!s.engagement.includes('replied') && !s.engagement.includes('noReply')) return items;
	const keyOf = (e: IDataObject) => shortKey(String(e.message_id ?? ''));
	const byKey = new Map(listed.filter((e) => e.sent === true).map((e) => [keyOf(e), e]));
	const awaiting = () => Object.entries(state.e).filter(([, entry]) => !(entry[2] & REPLIED));
	// New received emails, and those a poll that ran out of time left to check.
	const pending = new Set(state.p ?? []);
	const received = new Map<string, IDataObject>();
	for (const e of [...arrived, ...listed.filter((x) => pending.has(keyOf(x)))])
		if (e.sent === false) received.set(keyOf(e), e);
	const queue = [...received.values()].sort((a, b) => parseZohoTime(a.time) - parseZohoTime(b.time));
	let reads = 0;
	const thread = async (email: IDataObject): Promise<string | undefined> => {
		// Each read costs a request: past the poll's time only the first one of the record goes out, so
		// every poll gets further and a burst cannot outlast the poll.
		if (reads > 0 && Date.now() > s.hardDeadline) return undefined;
		reads++;
		const id = await threadOf(email);
		return shortKey(id || `none:${String(email.message_id ?? '')}`);
	};
	const noReply = (key: string, entry: TrackState['e'][string], deadline: number) => {
		if (entry[2] & NO_REPLY_SENT) return;
		entry[2] |= NO_REPLY_SENT;
		const sent = byKey.get(key);
		// An email no longer listed (deleted in Zoho) gets no item.
		if (sent)
			items.push({
				json: item(s, recordId, 'noReply', sent, { deadline: new Date(deadline).toISOString() }),
				sortMs: deadline,
			});
	};
	let left: string[] = [];
	for (let n = 0; n < queue.length; n++) {
		const reply = queue[n];
		const replyMs = parseZohoTime(reply.time);
		const candidates = awaiting().filter(([, entry]) => entry[0] * 1000 <= replyMs);
		if (candidates.length === 0) continue;
		// The sent emails' threads first: each is kept as soon as it is read, even when the reply has to
		// wait, so the first read of every poll gets further.
		let known: string | undefined = '';
		for (const [key, entry] of candidates) {
			const sent = byKey.get(key);
			if (known === undefined || entry[3] !== undefined || !sent) continue;
			known = await thread(sent);
			if (known !== undefined) entry[3] = known;
		}
		const replyThread = known === undefined ? undefined : await thread(reply);
		if (replyThread === undefined) {
			left = queue.slice(n).map(keyOf);
			break;
		}
		const answered = candidates.filter(([, entry]) => entry[3] === replyThread).sort((a, b) => a[1][0] - b[1][0]);
		if (answered.length === 0) continue;
		for (const [key, entry] of answered) {
			// A reply dated at or after a deadline that has passed came too late: the No Reply item is due
			// first, whichever poll lists the reply.
			const deadline = entry[0] * 1000 + s.noReplyMs;
			if (s.engagement.includes('noReply') && deadline <= replyMs && deadline <= nowMs) noReply(key, entry, deadline);
			entry[2] |= REPLIED;
		}
		const [lastKey] = answered[answered.length - 1];
		const sent = byKey.get(lastKey);
		if (s.engagement.includes('replied') && sent) {
			items.push({
				json: item(s, recordId, 'replied', sent, { replyTime: reply.time ?? null, reply }),
				sortMs: replyMs,
			});
		}
	}
	if (left.length) state.p = left.slice(0, PENDING_CAP);
	else delete state.p;
	// A reply still to be checked may answer an email: its deadline waits for the next poll.
	if (!s.engagement.includes('noReply') || left.length) return items;
	for (const [key, entry] of awaiting()) {
		const deadline = entry[0] * 1000 + s.noReplyMs;
		if (deadline <= nowMs) noReply(key, entry, deadline);
	}
	return items;
}
