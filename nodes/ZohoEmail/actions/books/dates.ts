import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { calendarDate } from '../../helpers/dateTime';
import { given } from '../../helpers/validation';

/** `yyyy-mm-dd` from a date or date-time parameter, taken as written (no time-zone shift). */
function booksDate(ctx: IExecuteFunctions, value: unknown, field: string, i: number): string {
	return calendarDate(ctx, value, field, i);
}

/**
 * The statement period as `start_date` / `end_date` query parameters (reference §5.2). Both or neither:
 * without dates Zoho uses the current month.
 */
export function statementPeriod(ctx: IExecuteFunctions, i: number, fields: IDataObject): IDataObject {
	const hasStart = given(typeof fields.startDate === 'string' ? fields.startDate.trim() : fields.startDate);
	const hasEnd = given(typeof fields.endDate === 'string' ? fields.endDate.trim() : fields.endDate);
	if (!hasStart && !hasEnd) return {};
	if (hasStart !== hasEnd) {
		throw new NodeOperationError(ctx.getNode(), `"${hasStart ? 'End Date' : 'Start Date'}" is missing`, {
			itemIndex: i,
			description: `Give both a start and an end date, or neither for the current month (item ${i}).`,
		});
	}
	const start = booksDate(ctx, fields.startDate, 'Start Date', i);
	const end = booksDate(ctx, fields.endDate, 'End Date', i);
	if (start > end) {
		throw new NodeOperationError(ctx.getNode(), `"Start Date" (${start}) is after "End Date" (${end})`, {
			itemIndex: i,
			description: `Swap the dates (item ${i}).`,
		});
	}
	return { start_date: start, end_date: end };
}
