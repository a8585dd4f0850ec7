import fc from 'fast-check';
import nock from 'nock';
import type { INodeParameters } from 'n8n-workflow';

import {
	ABSENT, compact, dateTime, type Field, fieldsOf, ok, bad, option, optionalText, placement, recipients, recordZoho, RUNS, GENERATED,
	runAccepted, useClosedNetwork, wire, zohoId, ZONES, type Zone,
} from '../property';

const LABELS: Record<string, string> = {
	module: 'Module|the module', recordId: 'Record', from: 'From', to: 'To', cc: 'CC', bcc: 'BCC', replyTo: 'Reply To', subject: 'Subject',
	content: 'Content', mailFormat: 'Mail Format', scheduledTime: 'Scheduled Time', draftId: 'Draft ID', unblockFields: 'Fields to Unblock',
};
const MODULES = ['Contacts', 'Leads', 'Deals', 'Invoices', 'Projects__c'] as const;

const draftId: fc.Arbitrary<Field<string>> = fc.oneof(
	{ weight: 4, arbitrary: fc.stringMatching(/^[a-f0-9]{64}$/).map((id) => ok(id, id)) },
	{ weight: 2, arbitrary: fc.constantFrom<unknown>('.', '..', '', ' ', 'a/b', '../../Leads', 'abc?x=1', 'abc#x', '%2e%2e', 'a b', 'x'.repeat(257), 42, { id: 'abc' }, ['abc'], true, null).map(bad) },
);

const unblockFields: fc.Arbitrary<Field<string[]>> = fc.oneof(
	{ weight: 4, arbitrary: fc.constantFrom<[unknown, string[]]>([['Email'], ['Email']], [['Secondary_Email'], ['Secondary_Email']], [['Email', 'Secondary_Email'], ['Email', 'Secondary_Email']], [['Email', 'Email'], ['Email']], ['Email', ['Email']], ['Email, Secondary_Email', ['Email', 'Secondary_Email']]).map(([raw, value]) => ok(raw, value)) },
	{ weight: 1, arbitrary: fc.constant(ok(ABSENT, ['Email'])) },
	{ weight: 2, arbitrary: fc.constantFrom<unknown>([], 'Mobile', ['Email', 'Phone'], 42, {}, null, [['Email']], 'email').map(bad) },
);

/** An optional date-time in the future (2031–2035), or none. */
const scheduled = (zone: Zone): fc.Arbitrary<Field<string | undefined>> =>
	fc.oneof({ weight: 3, arbitrary: dateTime(zone, [2031, 2035]) }, { weight: 2, arbitrary: fc.constantFrom<unknown>(ABSENT, '').map((raw) => ok(raw, undefined)) });

describe('CRM drafts and Unblock: generated input → the documented request, or a clear error with no request', () => {
	useClosedNetwork();

	it(`${RUNS} generated Create Draft cases`, async () => {
		const counts = { created: 0, refused: 0 };
		const zoneArb = fc.constantFrom(...(Object.keys(ZONES) as Zone[]));
		await fc.assert(
			fc.asyncProperty(
				zoneArb.chain((zone) =>
					fc.record({
						zone: fc.constant(zone),
						at: placement,
						f: fieldsOf({
							module: option(MODULES),
							recordId: zohoId(),
							from: recipients({ required: true, max: 1 }),
							to: recipients({ required: false }),
							cc: recipients({ required: false }),
							bcc: recipients({ required: false }),
							replyTo: recipients({ required: false, max: 1 }),
							subject: optionalText(),
							content: optionalText(),
							mailFormat: option(['html', 'text'] as const, 'html'),
							scheduledTime: scheduled(zone),
						}),
					}),
				),
				async ({ zone, at, f }) => {
					nock.cleanAll();
					const recorded = recordZoho(() => [201, { __email_drafts: [{ code: 'SUCCESS', message: 'Draft created Successfully', status: 'success', details: { id: 'd'.repeat(64) } }] }]);
					const { json, expr } = wire(f);
					const parameters: INodeParameters = compact({
						resource: 'crmEmailDraft',
						operation: 'create',
						module: { __rl: true, mode: 'name', value: expr('module') },
						recordId: { __rl: true, mode: 'id', value: expr('recordId') },
						from: { __rl: true, mode: 'address', value: expr('from') },
						to: expr('to'),
						subject: expr('subject'),
						content: expr('content'),
						mailFormat: expr('mailFormat'),
						additionalFields: compact({ cc: expr('cc'), bcc: expr('bcc'), replyTo: expr('replyTo'), scheduledTime: expr('scheduledTime') }),
					}) as INodeParameters;
					const accepted = await runAccepted({ parameters, json, fields: f, labels: LABELS, recorded, at, timezone: zone, counts });
					if (!accepted) return;
					counts.created++;
					const { out, v, parties } = accepted;
					const draft: Record<string, unknown> = { from: (v('from') as Array<{ email: string }>)[0].email, to: parties('to') };
					if ((v('replyTo') as unknown[]).length) draft.reply_to = (v('replyTo') as Array<{ email: string }>)[0].email;
					if ((v('cc') as unknown[]).length) draft.cc = parties('cc');
					if ((v('bcc') as unknown[]).length) draft.bcc = parties('bcc');
					if (v('scheduledTime')) draft.schedule_details = { time: v('scheduledTime') };
					draft.rich_text = v('mailFormat') === 'html';
					if (v('subject')) draft.subject = v('subject');
					if (v('content')) {
						draft.content = v('content');
						if (v('mailFormat') === 'text') draft.plainTextContent = v('content');
					}
					expect(recorded).toEqual([{ method: 'POST', path: `/crm/v8/${v('module')}/${v('recordId')}/__email_drafts`, query: {}, body: { __email_drafts: [draft] } }]);
					expect(out.map((o) => [o.json.id, o.json.record_id, o.json.scheduled])).toEqual([['d'.repeat(64), v('recordId'), !!v('scheduledTime')]]);
				},
			),
			GENERATED,
		);
		expect(counts.created).toBeGreaterThan(20);
		expect(counts.refused).toBeGreaterThan(20);
	});

	it(`${RUNS} generated Get / Delete Draft and Unblock cases`, async () => {
		const counts = { get: 0, delete: 0, unblock: 0, refused: 0 };
		await fc.assert(
			fc.asyncProperty(
				fc.record({
					operation: fc.constantFrom('get', 'delete', 'unblock'),
					at: placement,
					f: fieldsOf({ module: option(MODULES), recordId: zohoId(), draftId, unblockFields }),
				}),
				async ({ operation, at, f: all }) => {
					nock.cleanAll();
					const keys = operation === 'unblock' ? ['module', 'recordId', 'unblockFields'] : ['module', 'recordId', 'draftId'];
					const f = Object.fromEntries(keys.map((k) => [k, all[k as keyof typeof all]])) as Record<string, Field>;
					const recorded = recordZoho((req) => {
						if (req.path.endsWith('/unblock_email')) return [200, { data: [{ code: 'SUCCESS', details: { id: req.path.split('/')[4] }, message: 'Email unblocked successfully', status: 'success' }] }];
						if (req.method === 'DELETE') return [200, { __email_drafts: [{ code: 'SUCCESS', message: 'Draft deleted Successfully', status: 'success', details: { id: req.path.split('/').pop() } }] }];
						return [200, { __email_drafts: [{ id: req.path.split('/').pop(), subject: 'S', from: 'a@example.com', to: null, cc: null, bcc: null, reply_to: null, rich_text: true, content: 'c', summary: 'c', owner: { id: '1', name: 'P' } }] }];
					});
					const { json, expr } = wire(f);
					const parameters: INodeParameters = compact({
						resource: operation === 'unblock' ? 'crmEmail' : 'crmEmailDraft',
						operation,
						module: { __rl: true, mode: 'name', value: expr('module') },
						recordId: { __rl: true, mode: 'id', value: expr('recordId') },
						draftId: expr('draftId'),
						unblockFields: expr('unblockFields'),
					}) as INodeParameters;
					const accepted = await runAccepted({ parameters, json, fields: f, labels: LABELS, recorded, at, counts });
					if (!accepted) return;
					counts[operation as 'get' | 'delete' | 'unblock']++;
					const { out, v } = accepted;
					const base = `/crm/v8/${v('module')}/${v('recordId')}`;
					if (operation === 'unblock') {
						expect(recorded).toEqual([{ method: 'POST', path: `${base}/actions/unblock_email`, query: {}, body: { unblock_fields: v('unblockFields') } }]);
						expect(out.map((o) => o.json.unblocked_fields)).toEqual([v('unblockFields')]);
						return;
					}
					expect(recorded.map(({ method, path, query }) => ({ method, path, query }))).toEqual([{ method: operation === 'get' ? 'GET' : 'DELETE', path: `${base}/__email_drafts/${v('draftId')}`, query: {} }]);
					expect(out.map((o) => o.json.id)).toEqual([v('draftId')]);
				},
			),
			GENERATED,
		);
		expect(counts.get).toBeGreaterThan(10);
		expect(counts.delete).toBeGreaterThan(10);
		expect(counts.unblock).toBeGreaterThan(10);
		expect(counts.refused).toBeGreaterThan(20);
	});
});
