import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { calendarDate } from '../../helpers/dateTime';
import { given, refusal } from '../../helpers/validation';

/** `yyyy-mm-dd` from a date or date-time parameter, taken as written (no time-zone shift). */
function booksDate(ctx: IExecuteFunctions, value: unknown, field: string, i: number): string {
	return calendarDate(ctx, value, field, i);
}

/**
 * The statement period as `start_date` / `end_date` query parameters (Zoho's Books Contacts API, Email statement). Both or neither:
 * without dates Zoho uses the current month.
 */
export function statementPeriod(ctx: IExecuteFunctions, i: number, fields: IDataObject): IDataObject {
	const hasStart = given(typeof fields.startDate === 'string' ? fields.startDate.trim() : fields.startDate);
	const hasEnd = given(typeof fields.endDate === 'string' ? fields.endDate.trim() : fields.endDate);
	if (!hasStart && !hasEnd) return {};
	if (hasStart !== hasEnd) {
		throw refusal(
			ctx,
			i,
			`"${hasStart ? 'End Date' : 'Start Date'}" is missing`,
			'Give both a start and an end date, or neither for the current month',
		);
	}
	const start = booksDate(ctx, fields.startDate, 'Start Date', i);
	const end = booksDate(ctx, fields.endDate, 'End Date', i);
	if (start > end) {
		throw refusal(ctx, i, `"Start Date" (${start}) is after "End Date" (${end})`, 'Swap the dates');
	}
	return { start_date: start, end_date: end };
}
