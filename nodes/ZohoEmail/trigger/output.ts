import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { simplifyFullEmail } from '../actions/crm/get.operation';
import { simplifyEmail } from '../actions/crm/list.operation';
import { simplifyHistoryEntry } from '../actions/books/output';
import { idText, isoDateTime } from '../helpers/output';
import type { PollThis } from './types';

/**
 * The trigger's Output option. Version 1 emitted Zoho's raw items and keeps doing so unless changed
 * (workflows built on it read those keys); from version 1.1 new triggers start Simplified, the shape
 * CRM Email → Get and Get Many return by default, so one expression works after either.
 */
const choices = [
	{
		name: 'Simplified',
		value: 'simple',
		description:
			'The fields most workflows use, as CRM Email → Get returns them: IDs as text, date-times ISO 8601 in UTC',
	},
	{ name: 'Raw', value: 'raw', description: "Zoho's items as listed, with the record or document they belong to" },
];

export const outputProperties: INodeProperties[] = [
	{
		displayName: 'Output',
		name: 'output',
		type: 'options',
		options: choices,
		default: 'raw',
		displayOptions: { show: { '@version': [1] } },
	},
	{
		displayName: 'Output',
		name: 'output',
		type: 'options',
		options: choices,
		default: 'simple',
		displayOptions: { show: { '@version': [{ _cnd: { gte: 1.1 } }] } },
	},
];

/** The item's output: the node's own choice, else its version's default. */
export function outputChoiceOf(ctx: PollThis): 'simple' | 'raw' {
	const fallback = ctx.getNode().typeVersion >= 1.1 ? 'simple' : 'raw';
	return ctx.getNodeParameter('output', fallback) === 'raw' ? 'raw' : 'simple';
}

/** A CRM email item (`{…email, record: {module, id}}`) as Get (with the full email) or Get Many returns it. */
function simpleCrmItem(item: IDataObject, full: boolean): IDataObject {
	const record = (item.record ?? {}) as IDataObject;
	const email = { ...item, module: record.module, record_id: record.id };
	return full
		? simplifyFullEmail(email)
		: { ...simplifyEmail(email), module: record.module, record_id: idText(record.id) };
}

/** snake_case of an event field's name (`openCount` → `open_count`), as the simplified items name keys. */
const snake = (key: string): string => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
/** The event fields that hold a Zoho date-time (bouncedTime, replyTime, firstOpen, lastOpen, deadline). */
const EVENT_TIME = /Time$|^(firstOpen|lastOpen|deadline)$/;

/**
 * A CRM engagement event (opened, bounced, replied, noReply): what happened to which email, the
 * event's own fields (times in ISO 8601), and the email (and a reply) as Get Many returns it.
 */
function simpleEngagementItem(item: IDataObject): IDataObject {
	const { event, record, messageId, subject, to, sentTime, email, reply, ...extra } = item;
	const where = { record } as IDataObject;
	const fields: IDataObject = {};
	for (const [key, value] of Object.entries(extra))
		fields[snake(key)] = EVENT_TIME.test(key) ? isoDateTime(value) : value;
	return {
		event,
		module: (record as IDataObject | undefined)?.module ?? null,
		record_id: idText((record as IDataObject | undefined)?.id),
		message_id: idText(messageId),
		subject: subject ?? null,
		to: to ?? null,
		sent_time: isoDateTime(sentTime),
		...fields,
		email: simpleCrmItem({ ...(email as IDataObject), ...where }, false),
		...(reply ? { reply: simpleCrmItem({ ...(reply as IDataObject), ...where }, false) } : {}),
	};
}

const text = (value: unknown): string | null => (typeof value === 'string' && value ? value : null);

/** A Books event: what happened to which document, its number, customer and amount. */
function simpleBooksItem(item: IDataObject): IDataObject {
	const doc = (item.document ?? {}) as IDataObject;
	const type = String(item.documentType ?? '');
	const entry = item.email as IDataObject | undefined;
	return {
		event: item.event,
		document_type: type,
		document_id: idText(item.documentId),
		document_number: text(doc[`${type}_number`]) ?? text(doc.number),
		customer_name: text(doc.customer_name) ?? text(doc.vendor_name),
		status: text(doc.status),
		total: typeof doc.total === 'number' ? doc.total : null,
		date: text(doc.date),
		modified_time: isoDateTime(doc.last_modified_time),
		...(item.event === 'paymentReminder'
			? { reminders_sent: item.remindersSent, last_reminder_sent_date: text(item.lastReminderSentDate) }
			: {}),
		// A credit note's new email history entry, as List Email History returns it.
		...(entry ? { email: simplifyHistoryEntry(entry) } : {}),
	};
}

/** The items as the user chose: Zoho's raw items, or the simplified ones. */
export function shapeTriggerItems(
	ctx: PollThis,
	items: IDataObject[],
	s: { source: string; includeBody: boolean },
): IDataObject[] {
	if (outputChoiceOf(ctx) === 'raw') return items;
	return items.map((item) => {
		if (s.source === 'booksEmailed') return simpleBooksItem(item);
		// New emails carry no `event`; the engagement events do (trigger/engagement.ts).
		return typeof item.event === 'string' ? simpleEngagementItem(item) : simpleCrmItem(item, s.includeBody);
	});
}
