import fc from 'fast-check';
import nock from 'nock';
import type { INodeParameters } from 'n8n-workflow';

import {
	ABSENT, bool, caseOutput, compact, type Field, fieldsOf, optionalText, option, placement, type Recorded, recordZoho, RUNS, GENERATED,
	runUnlessRefused, useClosedNetwork, valueOf, wholeNumber, wire, zohoId,
} from '../property';

const LABELS: Record<string, string> = {
	module: 'Module|the module', recordId: 'Record', returnAll: 'Return All', limit: 'Limit', output: 'Output',
	type: 'Type|only available for Accounts', ownerId: 'Owner ID', messageId: 'Message ID', downloadAttachments: 'Download Attachments',
	attachmentsPrefix: 'Attachment Prefix',
};
const TYPES = ['sent_from_crm', 'scheduled_in_crm', 'drafts', 'user_emails', 'all_contacts_sent_crm_emails', 'all_contacts_scheduled_crm_emails', 'all_contacts_draft_crm_emails'] as const;

const messageId: fc.Arbitrary<Field<string>> = fc.oneof(
	{ weight: 4, arbitrary: fc.stringMatching(/^[a-f0-9]{16,64}$/).map((id) => ({ raw: id, ok: true, value: id })) },
	{ weight: 2, arbitrary: fc.constantFrom<unknown>('.', '..', '', ' ', 'a/b', '../../Leads', 'abc?x=1', 'abc#x', '%2e%2e', 'a b', 42, { id: 'abc' }, ['abc'], true, null).map((raw) => ({ raw, ok: false })) },
);

/** The record as a search by email address finds it: Zoho's answer, valid or not an ID at all. */
const foundId = fc.oneof(
	{ weight: 3, arbitrary: fc.stringMatching(/^[1-9][0-9]{17,18}$/).map((id) => ({ raw: id as unknown, ok: true, value: id })) },
	{ weight: 2, arbitrary: fc.constantFrom<unknown>('..', '.', '../Leads/1', '123/456', '', null, { id: '1' }, Number('3652397000000624001')).map((raw) => ({ raw, ok: false, value: '' })) },
);

describe('CRM Get Many and Get: generated input → the documented request, or a clear error with no request', () => {
	useClosedNetwork();

	it(`${RUNS} generated cases`, async () => {
		const counts = { listed: 0, got: 0, refused: 0, foundRefused: 0 };
		await fc.assert(
			fc.asyncProperty(
				fc.record({
					operation: fc.constantFrom('list', 'get'),
					byEmail: fc.boolean(),
					found: foundId,
					emails: fc.integer({ min: 1, max: 10 }),
					at: placement,
					f: fieldsOf({
						module: option(['Contacts', 'Leads', 'Accounts', 'Deals', 'Projects__c'] as const),
						recordId: zohoId(),
						returnAll: bool(),
						limit: wholeNumber(1, 100),
						output: option(['simple', 'raw'] as const, 'simple'),
						type: fc.oneof(option(TYPES), fc.constant({ raw: ABSENT, ok: true, value: '' })),
						ownerId: zohoId(false),
						messageId,
						downloadAttachments: bool(),
						attachmentsPrefix: optionalText(),
					}),
				}),
				async ({ operation, byEmail, found, emails, at, f: all }) => {
					nock.cleanAll();
					// Only the fields of the operation count.
					const keys = operation === 'list' ? ['module', 'recordId', 'returnAll', 'limit', 'output', 'type', 'ownerId'] : ['module', 'recordId', 'messageId', 'output', 'downloadAttachments', 'attachmentsPrefix'];
					const f = Object.fromEntries(keys.map((k) => [k, all[k as keyof typeof all]])) as Record<string, Field>;
					const v = valueOf(f);
					if (operation === 'list' && f.returnAll.ok && v('returnAll')) f.limit = { raw: ABSENT, ok: true };
					if (operation === 'list' && f.type.ok && f.module.ok) {
						if (String(v('type')).startsWith('all_contacts') && v('module') !== 'Accounts') f.type = { ...f.type, ok: false };
						if (f.ownerId.ok && v('ownerId') && v('type') !== 'user_emails') f.ownerId = { ...f.ownerId, ok: false };
					}
					const searchEmail = 'ana@example.com';
					if (byEmail) f.recordId = { raw: searchEmail, ok: true, value: found.value };
					const recorded = recordZoho((req: Recorded): [number, unknown] => {
						if (req.path.endsWith('/search')) return [200, { data: [{ id: found.raw, Email: searchEmail }], info: { count: 1, more_records: false } }];
						if (req.path.endsWith('/Emails')) {
							return [200, { Emails: Array.from({ length: emails }, (_, k) => ({ message_id: `m${k}`, subject: `s${k}`, from: { user_name: 'A', email: 'a@example.com' }, to: [], sent: true, status: [] })), info: { per_page: 10, count: emails, more_records: false } }];
						}
						return [200, { Emails: [{ subject: 'One', content: '<p>Hi</p>', attachments: [], owner: { id: '2313985000000470001', name: 'P' } }] }];
					});
					const { json, expr } = wire(f);
					const parameters: INodeParameters = compact({
						resource: 'crmEmail',
						operation,
						module: { __rl: true, mode: 'name', value: expr('module') },
						recordId: { __rl: true, mode: byEmail ? 'email' : 'id', value: expr('recordId') },
						...(operation === 'list'
							? { returnAll: expr('returnAll'), limit: expr('limit'), output: expr('output'), filters: compact({ emailType: expr('type'), ownerId: expr('ownerId') }) }
							: { messageId: expr('messageId'), output: expr('output'), options: compact({ downloadAttachments: expr('downloadAttachments'), attachmentsPrefix: expr('attachmentsPrefix') }) }),
					}) as INodeParameters;
					const run = await runUnlessRefused({ parameters, json, fields: f, labels: LABELS, recorded, at, counts });
					if (!run) return;
					const search = byEmail ? [{ method: 'GET', path: `/crm/v8/${v('module')}/search`, query: { email: searchEmail }, body: undefined }] : [];
					if (byEmail && !found.ok) {
						// Zoho's own answer held no record ID: nothing is built from it, the item fails naming it.
						counts.foundRefused++;
						expect(recorded.map(({ method, path, query }) => ({ method, path, query, body: undefined }))).toEqual(search);
						const message = at.continueOnFail ? String(run.items.find((i) => (i.pairedItem as { item: number }).item === at.position)?.json.error) : run.error?.message;
						expect(message).toContain('record found by email address');
						return;
					}
					const out = caseOutput(run, at);
					const base = `/crm/v8/${v('module')}/${v('recordId')}/Emails`;
					const strip = recorded.map(({ method, path, query }) => ({ method, path, query, body: undefined }));
					if (operation === 'list') {
						counts.listed++;
						const query: Record<string, string> = {};
						if (v('type')) query.type = v('type');
						if (v('ownerId')) query.owner_id = v('ownerId');
						expect(strip).toEqual([...search, { method: 'GET', path: base, query, body: undefined }]);
						const expected = v('returnAll') ? emails : Math.min(v('limit'), emails);
						expect(out.map((o) => (v('output') === 'simple' ? o.json.id : o.json.message_id))).toEqual(Array.from({ length: expected }, (_, k) => `m${k}`));
					} else {
						counts.got++;
						expect(strip).toEqual([...search, { method: 'GET', path: `${base}/${v('messageId')}`, query: {}, body: undefined }]);
						expect(out.map((o) => [v('output') === 'simple' ? o.json.id : o.json.message_id, o.json.record_id])).toEqual([[v('messageId'), v('recordId')]]);
					}
				},
			),
			GENERATED,
		);
		expect(counts.listed).toBeGreaterThan(10);
		expect(counts.got).toBeGreaterThan(10);
		expect(counts.refused).toBeGreaterThan(20);
		expect(counts.foundRefused).toBeGreaterThan(5);
	});
});
