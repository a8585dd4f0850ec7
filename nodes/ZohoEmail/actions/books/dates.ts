import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** `yyyy-mm-dd` from a date or date-time parameter, taken as written (no time-zone shift). */
export function booksDate(ctx: IExecuteFunctions, value: unknown, field: string, i: number): string {
	const text = String(value ?? '').trim();
	const match = /^(\d{4}-\d{2}-\d{2})(?:$|[T ])/.exec(text);
	if (!match || Number.isNaN(Date.parse(match[1]))) {
		throw new NodeOperationError(ctx.getNode(), `"${field}" is not a date: "${text}"`, {
			itemIndex: i,
			description: `Use a date such as 2025-04-01 (item ${i}).`,
		});
	}
	return match[1];
}

/**
 * The statement period as `start_date` / `end_date` query parameters (reference §5.2). Both or neither:
 * without dates Zoho uses the current month.
 */
export function statementPeriod(ctx: IExecuteFunctions, i: number, fields: IDataObject): IDataObject {
	const hasStart = !!String(fields.startDate ?? '').trim();
	const hasEnd = !!String(fields.endDate ?? '').trim();
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
		throw new NodeOperationError(ctx.getNode(), `"Start Date" (${start}) is after "End Date" (${end})`, { itemIndex: i });
	}
	return { start_date: start, end_date: end };
}
