import fc from 'fast-check';
import type { INodeParameters } from 'n8n-workflow';

import type { Host } from '../harness/poll';
import { crmRecordsParameters, KAYLEIGH, MACLEAD, second, type Emulator } from './helpers';
import { type CommonStep, ModelRun } from './modelSupport';

/** What the generated scenarios of the CRM engagement events (opens, bounces, replies) share. */

/** The chosen records of the scenarios. */
export const RECORDS = [MACLEAD, KAYLEIGH];
export const CANNOT_PROCESS = { code: 'CANNOT_PROCESS', details: {}, message: 'sync in progress', status: 'error' };
export const SCOPE = { code: 'OAUTH_SCOPE_MISMATCH', details: {}, message: 'invalid oauth scope to access this URL', status: 'error' };

/** The steps of a CRM scenario, but for its events' own: an email sent or received, a poll. */
export type CrmStep<F> = CommonStep | { kind: 'send'; record: number; received: boolean } | { kind: 'poll'; fault: F; record: number };

/** An email sent (or, at the odds given, received) on one of RECORDS, at weight 4. */
export function sendStep(received: fc.Arbitrary<boolean>) {
	return { weight: 4, arbitrary: fc.record({ kind: fc.constant('send' as const), record: fc.nat(RECORDS.length - 1), received }) };
}

/** A poll, a fault set up on one of RECORDS first, at weight 4. */
export function pollStep<F>(fault: fc.Arbitrary<F>) {
	return { weight: 4, arbitrary: fc.record({ kind: fc.constant('poll' as const), fault, record: fc.nat(RECORDS.length - 1) }) };
}

/** A sent email as the model knows it: live when it was sent while the trigger was active. */
export interface SentEmail {
	id: string;
	record: string;
	sentMs: number;
	live: boolean;
}

/**
 * A scenario's start: the emulator reset, pages of `pageSize` emails, Zoho's clock ten days back, the
 * trigger on RECORDS with `events`; the activating poll emits no event.
 */
export function crmEngagementRun(emu: Emulator, sc: { host: Host; pageSize: number }, events: INodeParameters): ModelRun {
	emu.reset();
	emu.setLimits({ emailsPerPage: sc.pageSize });
	const parameters = crmRecordsParameters(RECORDS, events);
	const onActivate: ConstructorParameters<typeof ModelRun>[0]['onActivate'] = (items) => expect(items.filter((i) => i.json.event)).toEqual([]);
	return new ModelRun({ emu, parameters, host: sc.host, clock: second(Date.now()) - 10 * 86_400_000, onActivate, pageLimit: 'emailsPerPage' });
}

/** A `send` step: an email sent (or received) on one of RECORDS at Zoho's clock; a sent one as the model knows it. */
export function sendEmail(m: ModelRun, s: { record: number; received: boolean }, messageId: string): SentEmail | undefined {
	const record = RECORDS[s.record];
	const [email] = m.emu.data.crm.addEmails('Contacts', record, [{ time: new Date(m.clock).toISOString(), message_id: messageId, sent: !s.received }]);
	return s.received ? undefined : { id: String(email.message_id), record, sentMs: m.clock, live: m.live };
}

/**
 * Sets up the next poll's fault on a record's email list: Zoho busy with the record (skipped this time)
 * or a scope error (the poll fails). Returns the list's path.
 */
export function listFault(emu: Emulator, fault: string, record: string): string {
	const path = `/crm/v8/Contacts/${record}/Emails`;
	if (fault === 'busy') emu.addFault({ method: 'GET', path, status: 400, body: CANNOT_PROCESS, times: 0 });
	if (fault === 'authError') emu.addFault({ method: 'GET', path, status: 401, body: SCOPE, times: 0 });
	return path;
}
