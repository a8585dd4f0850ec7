import fc from 'fast-check';
import nock from 'nock';
import type { INodeParameters } from 'n8n-workflow';

import {
	bool, compact, dateTime, type Field, fieldsOf, option, placement, recipients, recordZoho, requiredText, RUNS, GENERATED,
	runAccepted, someText, useClosedNetwork, wire, zohoId, ZONES, type Zone,
} from '../property';

const LABELS: Record<string, string> = {
	module: 'Module|the module', recordId: 'Record', direction: 'Direction', from: 'From', to: 'To', cc: 'CC', bcc: 'BCC',
	subject: 'Subject', content: 'Content', mailFormat: 'Mail Format', dateTime: 'Date and Time', originalMessageId: 'Original Message ID',
	ownerId: 'Owner ID', duplicateAsSuccess: 'Treat Duplicate as Success',
};

const messageId: fc.Arbitrary<Field<string>> = fc.oneof(
	{ weight: 4, arbitrary: fc.stringMatching(/^<[A-Za-z0-9=._-]{1,20}@[a-z]{1,8}\.example\.com>$/).map((id) => ({ raw: id, ok: true, value: id })) },
	{ weight: 1, arbitrary: fc.constantFrom<unknown>('', '  ', null, undefined, 42, { id: 'x' }, ['<a@b>'], '<a@b>\r\nBcc: x@example.com').map((raw) => ({ raw, ok: false })) },
);

describe('CRM Associate: generated input → the documented associate_email request, or a clear error with no request', () => {
	useClosedNetwork();

	it(`${RUNS} generated cases`, async () => {
		const counts = { sent: 0, refused: 0 };
		const zoneArb = fc.constantFrom(...(Object.keys(ZONES) as Zone[]));
		await fc.assert(
			fc.asyncProperty(
				zoneArb.chain((zone) =>
					fc.record({
						zone: fc.constant(zone),
						at: placement,
						f: fieldsOf({
							module: option(['Contacts', 'Leads', 'Deals', 'Invoices', 'Projects__c'] as const),
							recordId: zohoId(),
							direction: option(['sent', 'received'] as const, 'sent'),
							from: recipients({ required: true, max: 1 }),
							to: recipients({ required: true }),
							cc: recipients({ required: false }),
							bcc: recipients({ required: false }),
							subject: fc.oneof(requiredText(250), someText.map((s) => ({ raw: s, ok: true, value: s }))),
							content: requiredText(),
							mailFormat: option(['html', 'text'] as const, 'html'),
							dateTime: dateTime(zone, [2000, 2030]),
							originalMessageId: messageId,
							ownerId: zohoId(false),
							duplicateAsSuccess: bool(),
						}),
					}),
				),
				async ({ zone, at, f }) => {
					nock.cleanAll();
					const recorded = recordZoho(() => [201, { Emails: [{ code: 'SUCCESS', details: { message_id: 'z-1' }, message: 'Your mail has been added successfully', status: 'success' }] }]);
					const { json, expr } = wire(f);
					const parameters: INodeParameters = compact({
						resource: 'crmEmail',
						operation: 'associate',
						module: { __rl: true, mode: 'name', value: expr('module') },
						recordId: { __rl: true, mode: 'id', value: expr('recordId') },
						direction: expr('direction'),
						from: expr('from'),
						to: expr('to'),
						subject: expr('subject'),
						content: expr('content'),
						mailFormat: expr('mailFormat'),
						dateTime: expr('dateTime'),
						originalMessageId: expr('originalMessageId'),
						additionalFields: compact({ cc: expr('cc'), bcc: expr('bcc'), ownerId: expr('ownerId') }),
						options: compact({ duplicateAsSuccess: expr('duplicateAsSuccess') }),
					}) as INodeParameters;
					const accepted = await runAccepted({ parameters, json, fields: f, labels: LABELS, recorded, at, timezone: zone, counts });
					if (!accepted) return;
					counts.sent++;
					const { out, v, parties } = accepted;
					const email: Record<string, unknown> = { from: parties('from')[0], to: parties('to') };
					if ((v('cc') as unknown[]).length) email.cc = parties('cc');
					if ((v('bcc') as unknown[]).length) email.bcc = parties('bcc');
					if (v('ownerId')) email.owner = { id: v('ownerId') };
					Object.assign(email, {
						subject: v('subject'),
						content: v('content'),
						mail_format: v('mailFormat'),
						date_time: v('dateTime'),
						sent: v('direction') === 'sent',
						original_message_id: v('originalMessageId'),
					});
					expect(recorded).toEqual([{ method: 'POST', path: `/crm/v8/${v('module')}/${v('recordId')}/actions/associate_email`, query: {}, body: { Emails: [email] } }]);
					// Zoho's format: seconds and an offset, always.
					expect(email.date_time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);
					expect(out.map((o) => [o.json.message_id, o.json.duplicate])).toEqual([['z-1', false]]);
				},
			),
			GENERATED,
		);
		expect(counts.sent).toBeGreaterThan(20);
		expect(counts.refused).toBeGreaterThan(20);
	});
});
