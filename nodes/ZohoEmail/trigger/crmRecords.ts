import { RequestGate, scopeOf, withScope } from '../transport';
import { readRecordEmails, type RecordCursor } from './crmEmails';
import { readBackTo, trimTracking } from './engagement';
import { engageRecord } from './engagementRecord';
import { isRetryLater, logRetryLater, pollFailure } from './retry';
import type { CrmState, PollSettings, PollThis, TrackState, UnitResult } from './types';

/**
 * Emails calls one poll keeps in flight: Zoho's mail sub-concurrency (about 10 per organization). The
 * gate halves it on a 429 as in the action node, and the 429 is retried.
 */
export const RECORD_READS_IN_FLIGHT = 10;

type Items = UnitResult<unknown>['items'];

interface Read {
	result?: UnitResult<RecordCursor> & { track?: TrackState };
	error?: unknown;
}

/** One record's read: its new emails and, with engagement events, its tracking; a failure is its `error`. */
async function readRecord(
	this: PollThis,
	s: PollSettings,
	id: string,
	cursor: RecordCursor | undefined,
	track: TrackState | undefined,
	floorForNew: (now: number) => number,
): Promise<Read> {
	try {
		const result = await readRecordEmails.call(this, s, id, cursor, floorForNew, s.lateWindowMs, readBackTo(track));
		if (!result || !s.engagement.length) return { result };
		// A record read for the first time tracks from activation; one read before, from now.
		const since = cursor ? result.nowMs : floorForNew(result.nowMs);
		const engaged = await engageRecord.call(this, s, id, track, since, result);
		return { result: engaged && { ...result, items: [...result.items, ...engaged.items], track: engaged.state } };
	} catch (error) {
		return { error };
	}
}

/**
 * The reads' outcomes in list order: their items, and each record's cursor and tracking in `state`. A
 * failure other than "come back later" fails the poll; a record asked to come back later keeps its state.
 */
function collect(
	this: PollThis,
	s: PollSettings,
	order: number[],
	reads: Array<Read | undefined>,
	state: CrmState,
): Items {
	const items: Items = [];
	for (let k = 0; k < order.length; k++) {
		const outcome = reads[k];
		if (!outcome) continue;
		const id = s.recordIds[order[k]];
		const what = `the emails of ${s.module} record ${id}`;
		if (outcome.error !== undefined) {
			if (!isRetryLater(outcome.error)) throw pollFailure(this, what, outcome.error);
			logRetryLater(this, what, outcome.error);
			continue;
		}
		if (!outcome.result) continue;
		items.push(...outcome.result.items);
		state.r[id] = outcome.result.state;
		if (outcome.result.track) (state.t ??= {})[id] = outcome.result.track;
	}
	return items;
}

/**
 * Chosen records: one Emails call per record per idle poll; each record has its own cursor. Records
 * are read concurrently (up to RECORD_READS_IN_FLIGHT, started in list order, one per event-loop turn
 * as in the action node) and their outcomes are then taken in list order, so the emitted items, the
 * stored state and the error reported do not depend on which answer came first.
 */
export async function pollChosenRecords(
	this: PollThis,
	s: PollSettings,
	prev: CrmState | undefined,
): Promise<{ items: Items; state: CrmState }> {
	const ids = s.recordIds;
	const state: CrmState = { r: {} };
	for (const id of ids) if (prev?.r[id]) state.r[id] = prev.r[id];
	// Records the activation poll could not reach in time start from the activation, not from when
	// they are first read; a record added to the list later starts from its first read.
	let activation = prev ? prev.d : undefined;
	const floorForNew = (now: number) => (activation ??= now - s.backfillMs);
	const start = (prev?.o ?? 0) % ids.length;
	const order = ids.map((_, n) => (start + n) % ids.length);
	const gate = new RequestGate(RECORD_READS_IN_FLIGHT);
	const ctx = withScope(this, scopeOf(this).with({ gate }));
	const reads: Array<Read | undefined> = new Array(ids.length);
	const read = async (n: number): Promise<void> => {
		const id = ids[order[n]];
		const track = s.engagement.length ? prev?.t?.[id] : undefined;
		reads[n] = await readRecord.call(ctx, s, id, state.r[id], track, floorForNew);
	};

	const fatal = (n: number) => reads[n]?.error !== undefined && !isRetryLater(reads[n]?.error);
	const started: boolean[] = new Array(order.length).fill(false);
	let count = 0;
	let stopped = false;
	const begin = async (n: number) => {
		started[n] = true;
		count++;
		await read(n);
		if (fatal(n)) stopped = true;
	};

	// The activation time comes from the first record without a cursor, in list order, as if the
	// records were read one after another: until it is known, such a record is read alone.
	for (let n = 0; n < order.length && activation === undefined && !stopped; n++) {
		if (state.r[ids[order[n]]]) continue;
		if (count > 0 && Date.now() > s.deadline) break;
		await begin(n);
	}
	// Out of time: the first record not started goes first next time.
	let resumeAt: number | undefined;
	let next = 0;
	const worker = async () => {
		for (;;) {
			await gate.turn();
			while (next < order.length && started[next]) next++;
			if (stopped || next >= order.length || resumeAt !== undefined) return;
			if (count > 0 && Date.now() > s.deadline) {
				resumeAt = next;
				return;
			}
			await begin(next++);
		}
	};
	await Promise.all(Array.from({ length: Math.min(RECORD_READS_IN_FLIGHT, order.length) }, worker));

	const items = collect.call(this, s, order, reads, state);
	if (s.engagement.length) {
		// Records not read this time keep their tracking as it was.
		for (const id of ids) if (prev?.t?.[id] && !state.t?.[id]) (state.t ??= {})[id] = prev.t[id];
		if (state.t) state.t = trimTracking(state.t, ids);
	}
	if (resumeAt !== undefined) state.o = order[resumeAt];
	// No record could be read at activation (Zoho asked to come back later): the trigger still starts now,
	// by n8n's clock since Zoho's is unknown, so the emails that arrive meanwhile are not lost.
	if (activation === undefined && !prev) activation = s.startedAt - s.backfillMs;
	if (activation !== undefined && ids.some((id) => !state.r[id])) state.d = activation;
	return { items, state };
}
