import type { IDataObject } from 'n8n-workflow';

import { fullEmail, type Listing } from './crmEmails';
import { endTracking, engagementOf } from './engagement';
import { replies } from './engagementReplies';
import type { PollSettings, PollThis, TrackState, UnitResult } from './types';

/**
 * Every engagement event of one record from what its read listed: opens and bounces, then replies and
 * deadlines, then the end of the emails whose window has passed.
 */
export async function engageRecord(
	this: PollThis,
	s: PollSettings,
	recordId: string,
	prev: TrackState | undefined,
	startMs: number,
	read: Listing & { nowMs: number },
): Promise<{ items: UnitResult<unknown>['items']; state: TrackState }> {
	const listed = read.listed.map((e) => e.email);
	const seen = engagementOf(s, recordId, prev, startMs, listed);
	// A thread_id in the list (not documented there) saves the single-email read.
	const threadOf = async (email: IDataObject) =>
		typeof email.thread_id === 'string' && email.thread_id
			? email.thread_id
			: String((await fullEmail.call(this, s, recordId, email)).thread_id ?? '');
	const answered = await replies(
		s,
		recordId,
		seen.state,
		listed,
		read.arrived.map((e) => e.email),
		read.nowMs,
		threadOf,
	);
	return { items: [...seen.items, ...answered], state: endTracking(s, seen.state, read.nowMs) };
}
