import type { ZohoProduct } from './dataCenters';

/** What each kind of request to Zoho does, and what is at stake when its outcome is unknown (policy.ts). */

export interface Stakes {
	/** Doing it twice mails nobody and ends the same: it is sent again after an unknown outcome. */
	repeatable: boolean;
	/** For a person: what may have happened when the outcome is unknown (a sentence without its period). */
	unsure: string;
	/** For a person: why it was not repeated (non-repeatable), or why repeating is safe (repeatable). */
	why: string;
	/** For a person: where to look before running the item again (kinds that are not repeatable). */
	check?: string;
	/** For an AI agent, when the outcome is unknown: whether and how to try again. */
	agent: string;
	/** For a person, after a 307/308 that was not followed. */
	notDone?: string;
}

export const SEND_CHECK: Record<ZohoProduct, string> = {
	crm: "the record's emails",
	bigin: 'the record in Zoho Bigin',
	books: 'the history in Zoho Books (List Email History)',
};

/**
 * What each kind of request does and what is at stake when its outcome is unknown. Every request that
 * changes something names its kind (transport/types.ts). `{check}` is the product's place to look.
 */
export const KINDS = {
	/** Lists, gets, pickers, the trigger. */
	read: {
		repeatable: true,
		unsure: 'Nothing was changed',
		why: 'a read changes nothing',
		agent: 'safe to try again in a minute: this only reads and nothing was changed',
	},
	/** Mails someone now: CRM/Bigin Send, Books Email a Contact, a Statement, a Transaction. */
	send: {
		repeatable: false,
		unsure: 'The email may or may not have gone out',
		why: 'nobody is mailed twice',
		check: 'the record in Zoho',
		agent: 'do not retry: the email may already have been sent; check {check} first',
		notDone: 'The email was not sent',
	},
	/** Books Send Payment Reminder. */
	reminder: {
		repeatable: false,
		unsure: 'The payment reminder may or may not have gone out',
		why: 'nobody is mailed twice',
		check: "the invoice's history in Zoho Books",
		agent:
			"do not retry: the payment reminder may already have been sent; check the invoice's history (List Email History) first",
		notDone: 'The payment reminder was not sent',
	},
	/** One Books call for up to 10 documents: Email Transactions in Bulk, Send Payment Reminders in Bulk. */
	bulk: {
		repeatable: false,
		unsure: 'The emails of this call may or may not have gone out',
		why: 'nobody is mailed twice',
		check: "the documents' history in Zoho Books (List Email History)",
		agent:
			"do not retry: the emails of this call may already have been sent; check each document's history (List Email History) first",
		notDone: 'The emails of this call were not sent',
	},
	/** Logs an email on a CRM record (Associate). */
	associate: {
		repeatable: false,
		unsure: 'The email may or may not have been logged on the record',
		why: 'it is not done twice',
		check: 'the record in Zoho',
		agent:
			"do not retry unless Treat Duplicate as Success is on: the email may already be logged on the record; check the record's emails first",
	},
	/** Saves a CRM email draft with a schedule: Zoho sends it at that time. */
	scheduledDraft: {
		repeatable: false,
		unsure: 'The scheduled draft may or may not have been saved',
		why: 'it is not done twice',
		check: 'the record in Zoho',
		agent:
			"do not retry: the draft may already be saved and scheduled to go out; check the record's email drafts first",
	},
	/** Schedules a Books invoice email. */
	scheduledEmail: {
		repeatable: false,
		unsure: 'The invoice email may or may not have been scheduled',
		why: 'nobody is mailed twice',
		check: 'the invoice in Zoho Books',
		agent: 'do not retry: the invoice email may already be scheduled to go out; check the invoice in Zoho Books first',
	},
	/** Creates, updates or deletes a CRM email draft without a schedule: a person sends it. */
	draft: {
		repeatable: true,
		unsure: 'The draft may or may not have been changed',
		why: 'a draft mails nobody (a second copy of a new draft may be saved)',
		agent: 'safe to try again: a draft mails nobody (a second copy of a new draft may be saved)',
	},
	/** Cancels a scheduled Books invoice email. */
	cancel: {
		repeatable: true,
		unsure: 'The scheduled invoice email may or may not have been cancelled',
		why: 'cancelling twice mails nobody (until a cancel succeeds, the email may still go out at its scheduled time)',
		agent:
			'safe to try again, and soon: cancelling twice mails nobody, and the invoice email may still go out at its scheduled time',
	},
	/** Enables or disables a Books invoice's automated payment reminders. */
	toggle: {
		repeatable: true,
		unsure: "The invoice's automated reminders may or may not have been changed",
		why: 'it sets the same state again',
		agent: 'safe to try again: it sets the same state again',
	},
	/** Lifts a CRM soft-bounce block (Unblock Email Address). */
	unblock: {
		repeatable: true,
		unsure: 'The address may or may not have been unblocked',
		why: 'unblocking mails nobody',
		agent: 'safe to try again: unblocking mails nobody',
	},
	/** Uploads attachments to the CRM/Bigin file store before a send, an associate or a draft. */
	upload: {
		repeatable: true,
		unsure: 'The attachments may or may not have been uploaded, and nothing else was done (no email was sent or saved)',
		why: 'an upload mails nobody',
		agent: 'safe to try again: nothing was sent or saved yet, only the upload of the attachments failed',
	},
} satisfies Record<string, Stakes>;

export type RequestKind = keyof typeof KINDS;
/** A request that changes something in Zoho. */
export type WriteKind = Exclude<RequestKind, 'read'>;

export const KIND_NAMES = Object.keys(KINDS) as RequestKind[];

export const isRepeatable = (kind: RequestKind): boolean => KINDS[kind].repeatable;
