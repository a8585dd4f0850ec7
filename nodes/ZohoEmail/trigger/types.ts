import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import type { Cursor } from './cursor';

/** What the trigger watches. Values are saved in workflows: never rename them. */
export type TriggerSource = 'crmRecords' | 'crmModule' | 'booksEmailed';

/** A record's sent emails tracked for opens and bounces (engagement.ts). */
export interface TrackState {
	/** Emails sent before this (epoch ms) are not tracked. */
	f: number;
	/**
	 * Per email (short key of its message_id): [sent, epoch seconds; opens seen; flags (bounce seen,
	 * replied, no-reply emitted); short key of its thread_id once read].
	 */
	e: Record<string, [number, number, number, string?]>;
	/** Received emails (short keys) still to be checked for replies: the last poll ran out of time. */
	p?: string[];
}

/** The record cursors of the CRM sources. */
export interface CrmState {
	/** Per record ID: its email cursor. */
	r: Record<string, Cursor & { u: number }>;
	/** Module scan: the floor for records without a cursor of their own (epoch ms). */
	d?: number;
	/** Module scan: records modified at or after this time (epoch ms) are read next. */
	a?: number;
	/** Chosen records: where the next poll starts in the list (rotation when the time budget runs out). */
	o?: number;
	/** Chosen records with engagement events: the sent emails tracked, per record ID. */
	t?: Record<string, TrackState>;
}

/** One Books document type's cursor. */
export interface BooksTypeState {
	/**
	 * Document states seen: key `<id>@<last_modified_time>` with `is_emailed`, `reminders_sent` and
	 * whether Zoho's clock had left that second (at most 50 keys).
	 */
	c: Cursor;
	/** Documents seen not emailed: ID → epoch seconds last seen (capped, oldest dropped first). */
	u: Record<string, number>;
	/**
	 * Credit notes: email history entries seen (mailhistory IDs); times are the entries' dates in the
	 * organization's time zone, as epoch ms of that date's UTC midnight (at most 200 keys).
	 */
	h?: Cursor;
	/** Invoices with payment reminders: ID → [reminders_sent last seen, epoch seconds last seen] (capped). */
	r?: Record<string, [number, number]>;
	/** Viewed by the customer: documents whose view was seen, by key (at most 100; booksViewed.ts). */
	w?: Cursor;
	/** The newest document the last poll listed: [ID, last_modified_time in epoch seconds]. */
	n?: [string, number];
}

export interface BooksState {
	t: Record<string, BooksTypeState>;
	/** The organization's `time_zone`, read once per activation (only with credit-note history or payment reminders). */
	z?: string;
}

/** Everything kept in the node's workflow static data. JSON only; written once, at the end of a successful poll. */
export interface TriggerState {
	v: 1;
	/** What the state was built for (source, module or organization); another value starts afresh. */
	k: string;
	crm?: CrmState;
	books?: BooksState;
}

/** The user's choices for one poll, read and checked before any request. */
export interface PollSettings {
	source: TriggerSource;
	manual: boolean;
	/** Books: Organization was left empty; `organizationId` is the account's default. */
	organizationIsDefault?: boolean;
	module: string;
	recordIds: string[];
	emailType: string;
	direction: 'any' | 'sent' | 'received';
	includeBody: boolean;
	organizationId: string;
	documentTypes: string[];
	creditNoteHistory: boolean;
	/** Invoices: also emit each new payment reminder. */
	paymentReminders: boolean;
	/** CRM: new received emails only with one of these Zia intents / sentiments (empty: any). */
	intents: string[];
	sentiments: string[];
	/** Chosen records: what to emit about sent emails (`opened`, `bounced`); empty for none. */
	engagement: string[];
	/** Opened: every new open with its count, not only the first. */
	everyOpen: boolean;
	/** How long after it was sent an email is tracked. */
	trackingWindowMs: number;
	/** No Reply Within: how long after it was sent a reply is awaited (at most the tracking window). */
	noReplyMs: number;
	/** Invoices, estimates, retainer invoices: also emit when the customer viewed the document. */
	customerViews: boolean;
	backfillMs: number;
	lateWindowMs: number;
	/** n8n's clock when the poll started (epoch ms). */
	startedAt: number;
	/** Epoch ms by which the poll must be done (its budget): no request waits past it. */
	endsAt: number;
	/** Epoch ms after which no new record or document type is started. */
	deadline: number;
	/** Epoch ms after which a record's paging is abandoned (its cursor stays for the next poll). */
	hardDeadline: number;
}

/** The outcome of reading one unit of work (a record, a document type). */
export interface UnitResult<S> {
	items: Array<{ json: IDataObject; sortMs: number }>;
	state: S;
	/** Zoho's clock at the read. */
	nowMs: number;
	/** New emails left for the next poll because the time budget ran out (Fetch Full Email). */
	carriedOver?: number;
}

export type PollThis = IPollFunctions;
