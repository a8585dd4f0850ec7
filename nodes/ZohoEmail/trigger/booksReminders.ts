import type { IDataObject } from 'n8n-workflow';

import { parseZohoTime } from './cursor';

/**
 * Payment reminders of invoices, as the Books trigger reads them from the invoice list: a count
 * (`reminders_sent`) and a date without a time (`last_reminder_sent_date`).
 */

/** Invoices whose payment reminder count is remembered, so that a new reminder can be told from old ones. */
export const REMINDED_CAP = 300;

export function remindersOf(doc: IDataObject): number {
	const n = Number(doc.reminders_sent ?? 0);
	return Number.isInteger(n) && n > 0 ? n : 0;
}

/** The `yyyy-mm-dd` a Books date starts with; empty when it has none. */
export function dateOf(value: unknown): string {
	return /^\d{4}-\d{2}-\d{2}/.exec(String(value ?? '').trim())?.[0] ?? '';
}

/**
 * Whether a changed invoice shows a payment reminder sent after the trigger's floor. The list gives only
 * a count (`reminders_sent`) and a date (`last_reminder_sent_date`, no time, in the organization's time
 * zone), so the count is remembered per invoice. For an invoice not remembered, a reminder counts as new
 * when the invoice was created after the floor, or its last reminder is dated no earlier than the
 * floor's day in the organization. The read that starts the reminders goes back to the start of that
 * day and remembers the counts of every invoice changed since, so an invoice reminded earlier that day
 * is remembered, not emitted.
 */
export function newReminder(
	doc: IDataObject,
	known: [number, number] | undefined,
	floorMs: number,
	floorDay: string,
): boolean {
	const n = remindersOf(doc);
	if (n === 0) return false;
	if (known) return n > known[0];
	if (parseZohoTime(doc.created_time) >= floorMs) return true;
	const day = dateOf(doc.last_reminder_sent_date);
	return day !== '' && day >= floorDay;
}

export function trimReminded(r: Record<string, [number, number]>): Record<string, [number, number]> {
	const entries = Object.entries(r);
	if (entries.length <= REMINDED_CAP) return r;
	return Object.fromEntries(entries.sort((a, b) => b[1][1] - a[1][1]).slice(0, REMINDED_CAP));
}
