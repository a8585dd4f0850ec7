import fc from 'fast-check';
import nock from 'nock';
import type { INodeParameters } from 'n8n-workflow';

import {
	ABSENT, bad, bool, compact, type Field, fieldsOf, ok, option, type Party, placement, type Recorded, recipients, recordZoho,
	requiredText, RUNS, GENERATED, runAccepted, useClosedNetwork, wire, zohoId,
} from '../property';

const LABELS: Record<string, string> = {
	organizationId: 'Organization', contactId: 'Contact', transactionId: 'Invoice|Estimate', to: 'To', cc: 'CC', subject: 'Subject',
	content: 'Body', sendCustomerStatement: 'Send Customer Statement|Attach Customer Statement', sendFromOrgEmail: 'Send From Organization Address',
	contentMode: 'Content', period: 'Start Date|End Date', when: 'When', scheduledTime: 'Schedule Time',
};
const DEFAULT_ORG = '10234695';

const organization: fc.Arbitrary<Field<string>> = fc.oneof(
	{ weight: 3, arbitrary: fc.stringMatching(/^[1-9][0-9]{5,11}$/).map((id) => ok(id, id)) },
	{ weight: 1, arbitrary: fc.constant(ok('', DEFAULT_ORG)) },
	{ weight: 2, arbitrary: fc.constantFrom<unknown>('zylker', '..', '10/20', '10234695?x', { id: '1' }, ['10234695'], true).map(bad) },
);

const pad = (n: number) => String(n).padStart(2, '0');
const day = fc.record({ y: fc.integer({ min: 2020, max: 2030 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 28 }), time: fc.boolean() }).map(({ y, m, d, time }) => ({
	raw: `${y}-${pad(m)}-${pad(d)}${time ? 'T00:00:00' : ''}`,
	date: `${y}-${pad(m)}-${pad(d)}`,
}));

/** The statement period: both dates, neither, or something wrong. */
const period: fc.Arbitrary<Field<{ start?: string; end?: string }> & { startRaw: unknown; endRaw: unknown }> = fc.oneof(
	fc.constant({ startRaw: ABSENT, endRaw: ABSENT, raw: null, ok: true, value: {} }),
	fc.tuple(day, day).map(([a, b]) => ({ startRaw: a.raw, endRaw: b.raw, raw: null, ok: a.date <= b.date, value: { start: a.date, end: b.date } })),
	day.map((a) => ({ startRaw: a.raw, endRaw: ABSENT, raw: null, ok: false })),
	fc.constantFrom<unknown>('2024-02-30', '2024-13-01', 'June', 20240601, { d: 1 }).map((x) => ({ startRaw: x, endRaw: '2030-01-01', raw: null, ok: false })),
);

const scheduleTime: fc.Arbitrary<Field<string>> = fc.oneof(
	fc.record({ y: fc.integer({ min: 2031, max: 2040 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 28 }), h: fc.integer({ min: 0, max: 23 }), mi: fc.integer({ min: 0, max: 59 }), s: fc.option(fc.integer({ min: 0, max: 59 })), sep: fc.constantFrom('T', ' ') }).map(
		({ y, m, d, h, mi, s, sep }) => ok(`${y}-${pad(m)}-${pad(d)}${sep}${pad(h)}:${pad(mi)}${s === null ? '' : `:${pad(s)}`}`, `${y}-${pad(m)}-${pad(d)} ${pad(h)}:${pad(mi)}:${pad(s ?? 0)}`),
	),
	fc.constantFrom<unknown>('2031-06-12T12:12:12+05:30', '2031-06-12T12:12:12Z', '2031-02-30 10:00:00', 'tomorrow', 1718174532, { at: 'x' }).map(bad),
);

describe('Books email family: generated input → the documented request, or a clear error with no request', () => {
	useClosedNetwork();

	it(`${RUNS} generated cases`, async () => {
		const counts = { sent: 0, refused: 0 };
		await fc.assert(
			fc.asyncProperty(
				fc.record({
					operation: fc.constantFrom('emailContact', 'emailStatement', 'emailTransaction'),
					transactionType: fc.constantFrom('invoice', 'estimate'),
					period,
					at: placement,
					f: fieldsOf({
						organizationId: organization,
						recordId: zohoId(),
						to: recipients({ required: true }),
						cc: recipients({ required: false }),
						subject: requiredText(1000),
						content: requiredText(5000),
						sendCustomerStatement: bool(),
						sendFromOrgEmail: bool(),
						contentMode: option(['default', 'custom'] as const, 'default'),
						when: option(['now', 'schedule'] as const, 'now'),
						scheduledTime: scheduleTime,
					}),
				}),
				async ({ operation, transactionType, period: p, at, f: all }) => {
					nock.cleanAll();
					const schedule = operation === 'emailTransaction' && transactionType === 'invoice' && all.when.ok && all.when.value === 'schedule';
					const custom = all.contentMode.ok && all.contentMode.value === 'custom';
					const keys: string[] = ['organizationId', 'recordId'];
					if (operation === 'emailContact') keys.push('to', 'subject', 'content', 'sendCustomerStatement');
					if (operation === 'emailStatement') keys.push('to', 'cc', 'contentMode', 'sendFromOrgEmail', ...(custom ? ['subject', 'content'] : []));
					if (operation === 'emailTransaction') {
						if (transactionType === 'invoice') keys.push('when');
						if (schedule) keys.push('scheduledTime');
						else keys.push('to', 'cc', 'contentMode', 'sendFromOrgEmail', 'sendCustomerStatement', ...(custom ? ['subject', 'content'] : []));
					}
					const f = Object.fromEntries(keys.map((k) => [k, all[k as keyof typeof all]])) as Record<string, Field>;
					if (operation === 'emailStatement') f.period = p;
					// An estimate email takes no customer statement: the option given at all is refused.
					const statementRaw = f.sendCustomerStatement?.raw;
					if (operation === 'emailTransaction' && transactionType === 'estimate' && f.sendCustomerStatement && statementRaw !== ABSENT && statementRaw !== null && statementRaw !== undefined && !(typeof statementRaw === 'string' && !statementRaw.trim())) {
						f.sendCustomerStatement = { ...f.sendCustomerStatement, ok: false };
					}
					// Subject and body limits are documented for contacts and credit notes; statements check them too.
					if (operation === 'emailTransaction' && custom && !schedule) {
						for (const k of ['subject', 'content']) if (!f[k].ok && typeof f[k].raw === 'string' && (f[k].raw as string).trim()) f[k] = ok(f[k].raw, f[k].raw as string);
					}
					const recorded = recordZoho((req: Recorded): [number, unknown] =>
						req.path.endsWith('/organizations') ? [200, { code: 0, organizations: [{ organization_id: DEFAULT_ORG, is_default_org: true }] }] : [200, { code: 0, message: 'Email has been sent.' }],
					);
					// Every parameter goes in (n8n checks required ones whose visibility an expression decides); only those of `f` count.
					const { json, expr } = wire({ ...all, ...f, startDate: { raw: p.startRaw, ok: true }, endDate: { raw: p.endRaw, ok: true }, period: { raw: ABSENT, ok: true } });
					const idParam = operation === 'emailTransaction' ? 'transactionId' : 'contactId';
					const parameters: INodeParameters = compact({
						resource: 'booksEmail',
						operation,
						organizationId: { __rl: true, mode: 'id', value: expr('organizationId') },
						[idParam]: { __rl: true, mode: 'id', value: expr('recordId') },
						...(operation === 'emailTransaction' ? { transactionType } : {}),
						to: expr('to'),
						subject: expr('subject'),
						content: expr('content'),
						contentMode: expr('contentMode'),
						when: expr('when'),
						scheduledTime: expr('scheduledTime'),
						additionalFields: compact({
							cc: expr('cc'),
							sendCustomerStatement: expr('sendCustomerStatement'),
							sendFromOrgEmail: expr('sendFromOrgEmail'),
							...(operation === 'emailStatement' ? { startDate: expr('startDate'), endDate: expr('endDate') } : {}),
						}),
					}) as INodeParameters;
					const labels = { ...LABELS, recordId: operation === 'emailTransaction' ? LABELS.transactionId : 'Contact' };
					const accepted = await runAccepted({ parameters, json, fields: f, labels, recorded, at, counts });
					if (!accepted) return;
					counts.sent++;
					const { v } = accepted;
					const org = v('organizationId') as string;
					const lookup = f.organizationId.raw === '' ? [{ method: 'GET', path: '/books/v3/organizations', query: {}, body: '' }] : [];
					const ids = (key: string) => ((v(key) ?? []) as Party[]).map((x) => x.email);
					const query: Record<string, string> = { organization_id: org };
					let path: string;
					let body: Record<string, unknown>;
					if (operation === 'emailContact') {
						path = `/books/v3/contacts/${v('recordId')}/email`;
						if (v('sendCustomerStatement')) query.send_customer_statement = 'true';
						body = { to_mail_ids: ids('to'), subject: v('subject'), body: v('content') };
					} else if (operation === 'emailStatement') {
						path = `/books/v3/contacts/${v('recordId')}/statements/email`;
						const period = v('period') as { start?: string; end?: string };
						if (period.start) Object.assign(query, { start_date: period.start, end_date: period.end });
						body = {
							...(v('sendFromOrgEmail') ? { send_from_org_email_id: true } : {}),
							to_mail_ids: ids('to'),
							...(ids('cc').length ? { cc_mail_ids: ids('cc') } : {}),
							subject: custom ? v('subject') : '',
							body: custom ? v('content') : '',
						};
					} else if (schedule) {
						path = `/books/v3/invoices/${v('recordId')}/email/schedule`;
						body = { schedule_time: v('scheduledTime') };
					} else {
						path = `/books/v3/${transactionType}s/${v('recordId')}/email`;
						if (v('sendCustomerStatement')) query.send_customer_statement = 'true';
						body = {
							...(v('sendFromOrgEmail') ? { send_from_org_email_id: true } : {}),
							to_mail_ids: ids('to'),
							...(ids('cc').length ? { cc_mail_ids: ids('cc') } : {}),
							...(custom ? { subject: v('subject'), body: v('content') } : {}),
						};
					}
					expect(recorded).toEqual([...lookup, { method: 'POST', path, query, body }]);
				},
			),
			GENERATED,
		);
		expect(counts.sent).toBeGreaterThan(20);
		expect(counts.refused).toBeGreaterThan(20);
	});
});
