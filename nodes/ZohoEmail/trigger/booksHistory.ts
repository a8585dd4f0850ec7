import type { IDataObject } from 'n8n-workflow';

import { zohoRequest } from '../transport';
import { dateOf } from './booksReminders';
import { dayMs } from './booksZone';
import { advance, isNew, newCursor, shortKey, type Cursor } from './cursor';
import type { PollSettings, PollThis } from './types';

/**
 * Credit-note email history, as the Books trigger reads it: one call per changed credit note, entries
 * dated in the organization's time zone, without a time, so they are remembered by their IDs per day.
 */

/** Credit-note email history entries remembered per day (the history has dates, not times). */
const HISTORY_CAP = 200;
/** Credit notes changed earlier on the activation's day whose email history activation reads (one call each). */
export const HISTORY_PREREAD_CAP = 50;

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

/**
 * The history's entries not seen before, for the credit notes of one read (`newEntries`, in the read's
 * order), and the history cursor after that read (`cursorAt`, with the organization's today as "now").
 */
export function historyReader(this: PollThis, s: PollSettings, prev: Cursor | undefined, floorDay: string) {
	const h = prev ?? newCursor(dayMs(floorDay));
	const hSeen: Array<{ key: string; timeMs: number }> = [];
	const newEntries = async (id: string): Promise<IDataObject[]> => {
		const entries: IDataObject[] = [];
		for (const entry of await creditNoteHistory.call(this, s, id)) {
			const key = shortKey(String(entry.mailhistory_id ?? ''));
			const day = dayMs(dateOf(entry.date));
			if (!isNew(h, key, day) || hSeen.some((x) => x.key === key)) continue;
			hSeen.push({ key, timeMs: day });
			entries.push(entry);
		}
		return entries;
	};
	// Entries dated today stay remembered by their IDs.
	const cursorAt = (todayMs: number): Cursor => (hSeen.length ? advance(h, hSeen, 0, todayMs, HISTORY_CAP) : h);
	return { newEntries, cursorAt };
}
