import type { IDataObject } from 'n8n-workflow';

import { parseZohoTime, shortKey } from './cursor';
import { item, NO_REPLY_SENT, REPLIED } from './engagement';
import type { PollSettings, TrackState, UnitResult } from './types';

type Items = UnitResult<unknown>['items'];

/** The thread an email belongs to: `thread_id`, documented on the single-email answer only (seed 004). */
export type ThreadOf = (email: IDataObject) => Promise<string>;

/**
 * Reply Received and No Reply Within for one record's tracked emails. A reply is a new received email
 * in the thread of a tracked sent email, dated no earlier than it: the tracked emails of that thread sent
 * before it count as replied, and one item names the latest of them. Threads come from `thread_id`,
 * which Zoho documents only on the single-email call: read once per tracked sent email (when a received
 * email could answer it) and once per new received email while the record has emails awaiting a reply.
 * Then each tracked email whose deadline has passed without a reply gets one No Reply item.
 * Returns undefined when the poll's time ran out: nothing of the record is kept, it is read again.
 */
export async function replies(
	s: PollSettings,
	recordId: string,
	state: TrackState,
	listed: IDataObject[],
	arrived: IDataObject[],
	nowMs: number,
	threadOf: ThreadOf,
): Promise<Items | undefined> {
	const items: Items = [];
	if (!s.engagement.includes('replied') && !s.engagement.includes('noReply')) return items;
	const byKey = new Map(listed.filter((e) => e.sent === true).map((e) => [shortKey(String(e.message_id ?? '')), e]));
	const awaiting = () => Object.entries(state.e).filter(([, entry]) => !(entry[2] & REPLIED));
	const received = arrived.filter((e) => e.sent === false).sort((a, b) => parseZohoTime(a.time) - parseZohoTime(b.time));
	const thread = async (email: IDataObject): Promise<string | undefined> => {
		// Each read costs a request: checked before it, so replies cannot outlast the poll.
		if (Date.now() > s.hardDeadline) return undefined;
		const id = await threadOf(email);
		return shortKey(id || `none:${String(email.message_id ?? '')}`);
	};
	for (const reply of received) {
		const replyMs = parseZohoTime(reply.time);
		const candidates = awaiting().filter(([, entry]) => entry[0] * 1000 <= replyMs);
		if (candidates.length === 0) continue;
		const replyThread = await thread(reply);
		if (replyThread === undefined) return undefined;
		for (const [key, entry] of candidates) {
			const sent = byKey.get(key);
			if (entry[3] !== undefined || !sent) continue;
			const known = await thread(sent);
			if (known === undefined) return undefined;
			entry[3] = known;
		}
		const answered = candidates.filter(([, entry]) => entry[3] === replyThread).sort((a, b) => a[1][0] - b[1][0]);
		if (answered.length === 0) continue;
		for (const [, entry] of answered) entry[2] |= REPLIED;
		const [lastKey] = answered[answered.length - 1];
		const sent = byKey.get(lastKey);
		if (s.engagement.includes('replied') && sent) {
			items.push({ json: item(s, recordId, 'replied', sent, { replyTime: reply.time ?? null, reply }), sortMs: replyMs });
		}
	}
	if (!s.engagement.includes('noReply')) return items;
	for (const [key, entry] of awaiting()) {
		const deadline = entry[0] * 1000 + s.noReplyMs;
		if (entry[2] & NO_REPLY_SENT || deadline > nowMs) continue;
		entry[2] |= NO_REPLY_SENT;
		const sent = byKey.get(key);
		// An email no longer listed (deleted in Zoho) gets no item.
		if (sent) items.push({ json: item(s, recordId, 'noReply', sent, { deadline: new Date(deadline).toISOString() }), sortMs: deadline });
	}
	return items;
}
