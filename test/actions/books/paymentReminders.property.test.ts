import fc from 'fast-check';
import nock from 'nock';
import type { INodeParameters } from 'n8n-workflow';

import {
	bad, bool, compact, type Field, fieldsOf, ok, option, type Party, placement, type Recorded, recipients, recordZoho, requiredText,
	RUNS, GENERATED, runAccepted, useClosedNetwork, wire, zohoId,
} from '../property';

const LABELS: Record<string, string> = {
	organizationId: 'Organization', recordId: 'Invoice', to: 'To', cc: 'CC', subject: 'Subject', content: 'Body',
	sendCustomerStatement: 'Send Customer Statement', sendFromOrgEmail: 'Send From Organization Address', contentMode: 'Content',
	automatedReminders: 'Automated Reminders',
};
const DEFAULT_ORG = '10234695';
const DEFAULT_CONTENT = { subject: 'Payment reminder for INV-00001', body: '<p>Please pay</p>' };

const organization: fc.Arbitrary<Field<string>> = fc.oneof(
	{ weight: 3, arbitrary: fc.stringMatching(/^[1-9][0-9]{5,11}$/).map((id) => ok(id, id)) },
	{ weight: 1, arbitrary: fc.constant(ok('', DEFAULT_ORG)) },
	{ weight: 2, arbitrary: fc.constantFrom<unknown>('zylker', '..', '10/20', '10234695?x', { id: '1' }, ['10234695'], true).map(bad) },
);

describe('Books payment reminders: generated input → the documented request, or a clear error with no request', () => {
	useClosedNetwork();

	it(`${RUNS} generated cases`, async () => {
		const counts = { sent: 0, refused: 0 };
		await fc.assert(
			fc.asyncProperty(
				fc.record({
					operation: fc.constantFrom('sendPaymentReminder', 'sendPaymentReminder', 'getPaymentReminderContent', 'setPaymentReminders'),
					at: placement,
					f: fieldsOf({
						organizationId: organization,
						recordId: zohoId(),
						to: recipients({ required: true }),
						cc: recipients({ required: false }),
						subject: requiredText(),
						content: requiredText(),
						sendCustomerStatement: bool(),
						sendFromOrgEmail: bool(),
						contentMode: option(['default', 'custom'] as const, 'default'),
						automatedReminders: option(['enable', 'disable'] as const, 'disable'),
					}),
				}),
				async ({ operation, at, f: all }) => {
					nock.cleanAll();
					const custom = all.contentMode.ok && all.contentMode.value === 'custom';
					const keys: string[] = ['organizationId', 'recordId'];
					if (operation === 'sendPaymentReminder') keys.push('to', 'cc', 'contentMode', 'sendFromOrgEmail', 'sendCustomerStatement', ...(custom ? ['subject', 'content'] : []));
					if (operation === 'setPaymentReminders') keys.push('automatedReminders');
					const f = Object.fromEntries(keys.map((k) => [k, all[k as keyof typeof all]])) as Record<string, Field>;
					const recorded = recordZoho((req: Recorded): [number, unknown] => {
						if (req.path.endsWith('/organizations')) return [200, { code: 0, organizations: [{ organization_id: DEFAULT_ORG, is_default_org: true }] }];
						if (req.method === 'GET') return [200, { code: 0, message: 'success', data: DEFAULT_CONTENT }];
						return [200, { code: 0, message: 'done' }];
					});
					const { json, expr } = wire({ ...all, ...f });
					const parameters: INodeParameters = compact({
						resource: 'booksEmail',
						operation,
						organizationId: { __rl: true, mode: 'id', value: expr('organizationId') },
						transactionId: { __rl: true, mode: 'id', value: expr('recordId') },
						to: expr('to'),
						subject: expr('subject'),
						content: expr('content'),
						contentMode: expr('contentMode'),
						automatedReminders: expr('automatedReminders'),
						additionalFields: compact({ cc: expr('cc'), sendCustomerStatement: expr('sendCustomerStatement'), sendFromOrgEmail: expr('sendFromOrgEmail') }),
					}) as INodeParameters;
					const accepted = await runAccepted({ parameters, json, fields: f, labels: LABELS, recorded, at, counts });
					if (!accepted) return;
					counts.sent++;
					const { v } = accepted;
					const org = v('organizationId') as string;
					const lookup = f.organizationId.raw === '' ? [{ method: 'GET', path: '/books/v3/organizations', query: {}, body: '' }] : [];
					const ids = (key: string) => ((v(key) ?? []) as Party[]).map((x) => x.email);
					const path = `/books/v3/invoices/${v('recordId')}/paymentreminder`;
					const query: Record<string, string> = { organization_id: org };
					if (operation === 'getPaymentReminderContent') {
						expect(recorded).toEqual([...lookup, { method: 'GET', path, query, body: '' }]);
						return;
					}
					if (operation === 'setPaymentReminders') {
						expect(recorded).toEqual([...lookup, { method: 'POST', path: `${path}/${v('automatedReminders')}`, query, body: '' }]);
						return;
					}
					const read = custom ? [] : [{ method: 'GET', path, query, body: '' }];
					const body = {
						...(v('sendFromOrgEmail') ? { send_from_org_email_id: true } : {}),
						to_mail_ids: ids('to'),
						cc_mail_ids: ids('cc'),
						...(custom ? { subject: v('subject'), body: v('content') } : DEFAULT_CONTENT),
					};
					expect(recorded).toEqual([...lookup, ...read, { method: 'POST', path, query: v('sendCustomerStatement') ? { send_customer_statement: 'true', ...query } : query, body }]);
				},
			),
			GENERATED,
		);
		expect(counts.sent).toBeGreaterThan(20);
		expect(counts.refused).toBeGreaterThan(20);
	});
});
