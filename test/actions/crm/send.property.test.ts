import fc from 'fast-check';
import nock from 'nock';
import type { INodeParameters } from 'n8n-workflow';

import {
	ABSENT, fieldsOf, compact, dateTime, type Field, option, optionalText, placement, recordZoho, RUNS, GENERATED, runAccepted,
	sendFields, useClosedNetwork, wire, zohoId, ZONES, type Zone,
} from '../property';

const LABELS: Record<string, string> = {
	module: 'Module|the module', recordId: 'Record', from: 'From', to: 'To', cc: 'CC', bcc: 'BCC', replyTo: 'Reply To', subject: 'Subject',
	content: 'Content', mailFormat: 'Mail Format', orgEmail: 'Organization Email', inReplyTo: 'In Reply To (Message ID)',
	scheduledTime: 'Scheduled Time', attachmentIds: 'Attachment IDs', emailTemplateId: 'Email Template',
};

const attachmentIds: fc.Arbitrary<Field<string[]>> = fc.oneof(
	fc.constant({ raw: ABSENT, ok: true, value: [] as string[] }),
	fc.array(fc.stringMatching(/^[a-f0-9]{8,20}$/), { minLength: 1, maxLength: 3 }).chain((ids) =>
		fc.constantFrom<Field<string[]>>(
			{ raw: ids.join(', '), ok: true, value: ids },
			{ raw: ids, ok: true, value: ids },
			{ raw: ids.map((id) => ({ id, name: `${id}.pdf` })), ok: true, value: ids },
			{ raw: [...ids, 7], ok: false },
			{ raw: [{ name: 'x.pdf' }], ok: false },
		),
	),
);

const caseArb = fc.record({
	zone: fc.constantFrom(...(Object.keys(ZONES) as Zone[])),
	at: placement,
	f: fieldsOf({
		module: option(['Contacts', 'Leads', 'Deals', 'Sales_Orders', 'Projects__c'] as const),
		...sendFields(),
		inReplyTo: optionalText(),
		scheduledTime: fc.oneof(fc.constant({ raw: ABSENT, ok: true, value: '' }), dateTime('UTC', [2031, 2099]), fc.constant({ raw: '2020-01-01T10:00:00+05:30', ok: false })),
		attachmentIds,
		emailTemplateId: zohoId(false),
	}),
});

describe('CRM Send: generated input → the documented send_mail request, or a clear error with no request', () => {
	useClosedNetwork();

	it(`${RUNS} generated cases`, async () => {
		const counts = { sent: 0, refused: 0 };
		await fc.assert(
			fc.asyncProperty(caseArb, async ({ zone, at, f: generated }) => {
				const raw = generated as Record<string, Field<never>>;
				nock.cleanAll();
				// The scheduled time is typed in the case's workflow time zone when it has no offset.
				const f = { ...raw } as Record<string, Field>;
				const scheduled = raw.scheduledTime as Field<string>;
				if (typeof scheduled.raw === 'string' && scheduled.ok && scheduled.value && !/(Z|[+-]\d{2}:\d{2})$/.test(scheduled.raw)) {
					f.scheduledTime = { ...scheduled, value: scheduled.value.replace(/[+-]\d{2}:\d{2}$/, offsetOf(zone)) };
				}
				// The subject may be empty when a template is chosen.
				if (!raw.subject.ok && [undefined, null, ''].includes(raw.subject.raw as never) || (typeof raw.subject.raw === 'string' && !raw.subject.raw.trim())) {
					if (raw.emailTemplateId.ok && raw.emailTemplateId.value) f.subject = { raw: raw.subject.raw, ok: true, value: '' };
				}
				const recorded = recordZoho(() => [200, { data: [{ code: 'SUCCESS', details: { message_id: 'm-1' }, message: 'Your mail has been sent successfully.', status: 'success' }] }]);
				const { json, expr } = wire(f);
				const parameters: INodeParameters = compact({
					resource: 'crmEmail',
					operation: 'send',
					module: { __rl: true, mode: 'name', value: expr('module') },
					recordId: { __rl: true, mode: 'id', value: expr('recordId') },
					from: { __rl: true, mode: 'address', value: expr('from') },
					to: expr('to'),
					subject: expr('subject'),
					content: expr('content'),
					mailFormat: expr('mailFormat'),
					additionalFields: compact({
						cc: expr('cc'), bcc: expr('bcc'), replyTo: expr('replyTo'), orgEmail: expr('orgEmail'), inReplyTo: expr('inReplyTo'),
						scheduledTime: expr('scheduledTime'), attachmentIds: expr('attachmentIds'), emailTemplateId: expr('emailTemplateId'),
					}),
				}) as INodeParameters;
				const accepted = await runAccepted({ parameters, json, fields: f, labels: LABELS, recorded, at, timezone: zone, counts });
				if (!accepted) return;
				counts.sent++;
				const { out, v, parties } = accepted;
				const mail: Record<string, unknown> = { from: parties('from')[0], to: parties('to') };
				if ((v('cc') as unknown[]).length) mail.cc = parties('cc');
				if ((v('bcc') as unknown[]).length) mail.bcc = parties('bcc');
				if ((v('replyTo') as unknown[]).length) mail.reply_to = parties('replyTo')[0];
				if (v('orgEmail')) mail.org_email = true;
				if ((v('inReplyTo') as string).trim()) mail.in_reply_to = (v('inReplyTo') as string).trim();
				if (v('scheduledTime')) mail.scheduled_time = v('scheduledTime');
				if ((v('subject') as string).trim()) mail.subject = v('subject');
				if (v('content')) mail.content = v('content');
				mail.mail_format = v('mailFormat');
				if ((v('attachmentIds') as string[]).length) mail.attachments = (v('attachmentIds') as string[]).map((id) => ({ id }));
				if (v('emailTemplateId')) mail.template = { id: v('emailTemplateId') };
				expect(recorded).toEqual([{ method: 'POST', path: `/crm/v8/${v('module')}/${v('recordId')}/actions/send_mail`, query: {}, body: { data: [mail] } }]);
				expect(out.map((o) => o.json.message_id)).toEqual(['m-1']);
			}),
			GENERATED,
		);
		// Both outcomes are exercised, not only one.
		expect(counts.sent).toBeGreaterThan(20);
		expect(counts.refused).toBeGreaterThan(20);
	});
});

function offsetOf(zone: Zone): string {
	const m = ZONES[zone];
	return `${m < 0 ? '-' : '+'}${String(Math.trunc(Math.abs(m) / 60)).padStart(2, '0')}:${String(Math.abs(m) % 60).padStart(2, '0')}`;
}
