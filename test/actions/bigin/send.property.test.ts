import fc from 'fast-check';
import nock from 'nock';
import type { INodeParameters } from 'n8n-workflow';

import {
	ABSENT, compact, dateTime, type Field, fieldsOf, option, placement, recordZoho, RUNS, GENERATED, runAccepted, sendFields,
	useClosedNetwork, wire,
} from '../property';

const LABELS: Record<string, string> = {
	biginModule: 'Module|Bigin cannot send email from', recordId: 'Record', from: 'From', to: 'To', cc: 'CC', bcc: 'BCC', replyTo: 'Reply To',
	subject: 'Subject', content: 'Content', mailFormat: 'Mail Format', orgEmail: 'Organization Email', scheduledTime: 'Scheduled Time',
	attachmentIds: 'Attachment IDs',
};

const attachmentIds: fc.Arbitrary<Field<string[]>> = fc.oneof(
	fc.constant({ raw: ABSENT, ok: true, value: [] as string[] }),
	fc.array(fc.stringMatching(/^[a-f0-9]{8,20}$/), { minLength: 1, maxLength: 3 }).chain((ids) =>
		fc.constantFrom<Field<string[]>>(
			{ raw: ids.join(','), ok: true, value: ids },
			{ raw: ids.map((id) => ({ id })), ok: true, value: ids },
			{ raw: { id: ids[0] }, ok: true, value: ids.slice(0, 1) },
			{ raw: 12345, ok: false },
			{ raw: [ids[0], { file_id: 'x' }], ok: false },
		),
	),
);

describe('Bigin Send: generated input → the documented send_mail request, or a clear error with no request', () => {
	useClosedNetwork();

	it(`${RUNS} generated cases`, async () => {
		const counts = { sent: 0, refused: 0 };
		await fc.assert(
			fc.asyncProperty(
				fc.record({
					at: placement,
					f: fieldsOf({
						biginModule: fc.oneof(option(['Contacts', 'Pipelines', 'Accounts'] as const), fc.constantFrom('Deals', 'Products').map((raw) => ({ raw, ok: false }))),
						...sendFields(),
						// Workflow time zone UTC here: a time without offset is +00:00.
						scheduledTime: fc.oneof(fc.constant({ raw: ABSENT, ok: true, value: '' }), dateTime('UTC', [2031, 2099]), fc.constant({ raw: '2001-01-01 10:00', ok: false })),
						attachmentIds,
					}),
				}),
				async ({ at, f }) => {
					nock.cleanAll();
					const recorded = recordZoho(() => [200, { data: [{ code: 'SUCCESS', details: { message_id: 'b-1' }, message: 'Your mail has been sent successfully.', status: 'success' }] }]);
					const { json, expr } = wire(f);
					const parameters: INodeParameters = compact({
						resource: 'biginEmail',
						operation: 'send',
						biginModule: expr('biginModule'),
						recordId: { __rl: true, mode: 'id', value: expr('recordId') },
						from: { __rl: true, mode: 'address', value: expr('from') },
						to: expr('to'),
						subject: expr('subject'),
						content: expr('content'),
						mailFormat: expr('mailFormat'),
						additionalFields: compact({
							cc: expr('cc'), bcc: expr('bcc'), replyTo: expr('replyTo'), orgEmail: expr('orgEmail'), scheduledTime: expr('scheduledTime'), attachmentIds: expr('attachmentIds'),
						}),
					}) as INodeParameters;
					const accepted = await runAccepted({ parameters, json, fields: f, labels: LABELS, recorded, at, timezone: 'UTC', counts });
					if (!accepted) return;
					counts.sent++;
					const { out, v, parties } = accepted;
					const mail: Record<string, unknown> = { from: parties('from')[0], to: parties('to') };
					if ((v('cc') as unknown[]).length) mail.cc = parties('cc');
					if ((v('bcc') as unknown[]).length) mail.bcc = parties('bcc');
					if ((v('replyTo') as unknown[]).length) mail.reply_to = parties('replyTo')[0];
					if (v('orgEmail')) mail.org_email = true;
					if (v('scheduledTime')) mail.scheduled_time = v('scheduledTime');
					mail.subject = v('subject');
					if (v('content')) mail.content = v('content');
					mail.mail_format = v('mailFormat');
					if ((v('attachmentIds') as string[]).length) mail.attachments = (v('attachmentIds') as string[]).map((id) => ({ id }));
					expect(recorded).toEqual([{ method: 'POST', path: `/bigin/v2/${v('biginModule')}/${v('recordId')}/actions/send_mail`, query: {}, body: { data: [mail] } }]);
					expect(out.map((o) => o.json.message_id)).toEqual(['b-1']);
				},
			),
			GENERATED,
		);
		expect(counts.sent).toBeGreaterThan(20);
		expect(counts.refused).toBeGreaterThan(20);
	});
});
