import { NodeOperationError } from 'n8n-workflow';

import { RECORD_URL_ID } from '../descriptions/record';
import { BOOKS_TRANSACTIONS, defaultOrganizationId } from '../models/books';
import { VIEWABLE_TYPES } from './booksViewed';
import { engagementSettings } from './engagementSettings';
import { ziaSettings } from './zia';
import { pollIntervalMs } from './schedule';
import type { PollSettings, PollThis, TriggerSource } from './types';

/** The most records "chosen records" watches: each costs one credit per poll. */
export const MAX_CHOSEN_RECORDS = 100;
/** n8n 2.x gives each poll a time budget; 1.x has none and lets a poll run this long. */
const DEFAULT_BUDGET_MS = 5 * 60_000;

/** A resource locator's value (a record page URL gives its ID), or a plain value as older workflows saved it. */
function locatorValue(value: unknown): string {
	if (typeof value !== 'object' || value === null || !('value' in value)) return String(value ?? '').trim();
	const { mode, value: raw } = value as { mode?: unknown; value: unknown };
	const text = String(raw ?? '').trim();
	return mode === 'url' ? (RECORD_URL_ID.exec(text)?.[1] ?? text) : text;
}

/**
 * The watched records: one picker per row of "Records". A row's ID may also come from an expression
 * that yields a list or a comma-separated string of IDs.
 */
function recordIdsOf(ctx: PollThis, value: unknown): string[] {
	const rows = (value as { record?: unknown } | null)?.record;
	const list = (Array.isArray(rows) ? rows : []).flatMap((row) => {
		const picked = (row as { recordId?: unknown } | null)?.recordId;
		const raw =
			typeof picked === 'object' && picked !== null && !Array.isArray(picked) && 'value' in picked
				? picked
				: { value: picked };
		const inner = (raw as { value: unknown }).value;
		if (Array.isArray(inner)) return inner as unknown[];
		if (typeof inner === 'number') return [inner];
		return locatorValue(raw).split(/[\s,;]+/);
	});
	const ids: string[] = [];
	for (const entry of list) {
		if (typeof entry === 'number' && !Number.isSafeInteger(entry)) {
			throw new NodeOperationError(ctx.getNode(), '"Records" lost digits: an ID arrived as a number', {
				description: 'Zoho IDs are longer than JavaScript numbers can hold. Pass them as strings.',
			});
		}
		const id = locatorValue(entry);
		if (!id) continue;
		if (!/^\d{5,25}$/.test(id)) {
			throw new NodeOperationError(ctx.getNode(), `"Records" holds something that is not a Zoho ID: "${id}"`, {
				description: 'Zoho IDs are long numbers such as 3652397000000624001.',
			});
		}
		if (!ids.includes(id)) ids.push(id);
	}
	if (ids.length === 0)
		throw new NodeOperationError(ctx.getNode(), '"Records" is empty', { description: 'Add at least one record.' });
	if (ids.length > MAX_CHOSEN_RECORDS) {
		throw new NodeOperationError(
			ctx.getNode(),
			`"Records" lists ${ids.length} records; the trigger watches at most ${MAX_CHOSEN_RECORDS}`,
			{
				description:
					'Each record costs one Zoho API credit per poll. Watch a whole module instead, or split the records over several triggers.',
			},
		);
	}
	return ids;
}

/**
 * The poll's time budget: n8n 2.x's (its durable scheduler abandons a poll after its poll timeout;
 * feature-detected for n8n 1.x), and never more than the interval to the next poll.
 */
function budgetMs(ctx: PollThis): number {
	const fn = (ctx as { getPollBudgetMs?: () => number }).getPollBudgetMs;
	const value = typeof fn === 'function' ? Number(fn.call(ctx)) : NaN;
	// A budget of 0 or less leaves time for the first unit of work only.
	const given = Number.isFinite(value) ? Math.max(0, value) : DEFAULT_BUDGET_MS;
	return Math.min(given, pollIntervalMs(ctx));
}

/** Reads and checks every parameter before the first request. */
export function readSettings(ctx: PollThis, startedAt: number): PollSettings {
	const source = ctx.getNodeParameter('source') as TriggerSource;
	const options = ctx.getNodeParameter('options', {}) as { backfillMinutes?: number; lateWindowMinutes?: number };
	const budget = budgetMs(ctx);
	const settings: PollSettings = {
		source,
		manual: ctx.getMode() === 'manual',
		startedAt,
		module: '',
		recordIds: [],
		emailType: '',
		direction: 'any',
		includeBody: false,
		organizationId: '',
		documentTypes: [],
		creditNoteHistory: false,
		paymentReminders: false,
		customerViews: false,
		intents: [],
		sentiments: [],
		engagement: [],
		everyOpen: false,
		trackingWindowMs: 0,
		noReplyMs: 0,
		backfillMs: Math.max(0, Number(options.backfillMinutes ?? 0)) * 60_000,
		lateWindowMs: Math.max(0, Number(options.lateWindowMinutes ?? 0)) * 60_000,
		// New records start only in the first half of the budget; paging stops at 80 %, leaving time to hand over.
		endsAt: startedAt + budget,
		deadline: startedAt + budget * 0.5,
		hardDeadline: startedAt + budget * 0.8,
	};
	if (source === 'booksEmailed') {
		settings.organizationId = locatorValue(ctx.getNodeParameter('organizationId', '')).trim();
		// Empty: the account's default organization, looked up by the poll (defaultOrganizationOf).
		if (settings.organizationId && !/^\d{1,25}$/.test(settings.organizationId)) {
			throw new NodeOperationError(
				ctx.getNode(),
				`"Organization" is not a Zoho Books organization ID: "${settings.organizationId}"`,
			);
		}
		// Saved as the node's transaction type values (invoice, salesOrder, …); polled by list path.
		settings.documentTypes = (ctx.getNodeParameter('transactionTypes', []) as string[]).flatMap((t) =>
			BOOKS_TRANSACTIONS[t]?.watch ? [BOOKS_TRANSACTIONS[t].path] : [],
		);
		if (settings.documentTypes.length === 0)
			throw new NodeOperationError(ctx.getNode(), 'Choose at least one document type in "Document Types"');
		settings.creditNoteHistory =
			settings.documentTypes.includes('creditnotes') && (ctx.getNodeParameter('creditNoteHistory', false) as boolean);
		settings.paymentReminders =
			settings.documentTypes.includes('invoices') && (ctx.getNodeParameter('paymentReminders', false) as boolean);
		settings.customerViews =
			settings.documentTypes.some((t) => VIEWABLE_TYPES.includes(t)) &&
			(ctx.getNodeParameter('customerViews', false) as boolean);
		return settings;
	}
	settings.module = locatorValue(ctx.getNodeParameter('module'));
	if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(settings.module)) {
		throw new NodeOperationError(ctx.getNode(), `"Module" is not a module API name: "${settings.module}"`);
	}
	if (source === 'crmRecords') settings.recordIds = recordIdsOf(ctx, ctx.getNodeParameter('records', {}));
	settings.emailType = String(ctx.getNodeParameter('emailType', ''));
	settings.direction = ctx.getNodeParameter('direction', 'any') as PollSettings['direction'];
	settings.includeBody = ctx.getNodeParameter('fetchFullEmail', false) as boolean;
	if (source === 'crmRecords') Object.assign(settings, engagementSettings(ctx));
	Object.assign(settings, ziaSettings(ctx));
	return settings;
}

/** What the stored state belongs to: changing it starts the trigger afresh from "now". */
export function stateKey(s: PollSettings): string {
	if (s.source === 'booksEmailed') return `${s.source}:${s.organizationIsDefault ? 'default:' : ''}${s.organizationId}`;
	return `${s.source}:${s.module}:${s.emailType}`;
}

/**
 * The organization of a trigger whose Organization is empty: the account's default. An active trigger
 * looks it up once, on its first poll, and keeps it in its state key (`booksEmailed:default:<id>`), so later
 * polls cost no extra call; a test fetch looks it up each time.
 */
export async function defaultOrganizationOf(
	ctx: PollThis,
	storedKey: string | undefined,
	manual: boolean,
): Promise<string> {
	const kept = /^booksEmailed:default:(\d{1,25})$/.exec(storedKey ?? '');
	if (kept && !manual) return kept[1];
	return await defaultOrganizationId(ctx);
}
