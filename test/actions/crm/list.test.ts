import nock from 'nock';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { simplifyEmail } from '../../../nodes/ZohoEmail/actions/crm/list.operation';
import { runZohoNode } from '../../harness/engine';
import { usCredential } from '../../harness/fixtures';
import { crmParameters, crmRequests, emulatorCredential, rl, SEED, useEmulator } from './emulator';

const emulator = useEmulator();

const EMAILS = `/crm/v8/Contacts/${SEED.maclead}/Emails`;

function run(parameters: INodeParameters, items: IDataObject[] = [{}]) {
	return runZohoNode({ parameters: { ...crmParameters('list', 'Contacts', SEED.maclead), ...parameters }, items, credential: emulatorCredential(emulator()) });
}

/** What the emulator holds for a record, newest first, as Get Many's simplified items. */
function simplified(module: string, recordId: string): IDataObject[] {
	return (emulator().data.crm.emails(module, recordId) as IDataObject[]).map(simplifyEmail);
}

describe('CRM email: Get Many', () => {
	it('with Limit 15 on a record with 37 emails makes exactly 2 requests and returns 15 items', async () => {
		const result = await run({ returnAll: false, limit: 15 });
		expect(result.error).toBeUndefined();
		const requests = crmRequests(emulator());
		expect(requests).toHaveLength(2);
		const first = emulator().requests({ product: 'crm' })[0] as { response: { info: { next_index: string } } };
		expect(requests).toEqual([
			{ method: 'GET', path: EMAILS, query: {}, body: null },
			{ method: 'GET', path: EMAILS, query: { index: first.response.info.next_index }, body: null },
		]);
		expect(result.items).toEqual(simplified('Contacts', SEED.maclead).slice(0, 15).map((json) => ({ json, pairedItem: { item: 0 } })));
	});

	it('with Return All follows the cursor: exactly 4 requests for 37 emails', async () => {
		const result = await run({ returnAll: true });
		expect(crmRequests(emulator()).map((r) => [r.method, r.path, Object.keys(r.query)])).toEqual([
			['GET', EMAILS, []],
			['GET', EMAILS, ['index']],
			['GET', EMAILS, ['index']],
			['GET', EMAILS, ['index']],
		]);
		expect(result.items).toHaveLength(37);
		expect(result.items.map((i) => i.json)).toEqual(simplified('Contacts', SEED.maclead));
		expect(result.items.every((i) => (i.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it('returns no items and no error for a record without emails (204)', async () => {
		const result = await run({ recordId: rl('id', SEED.leota), returnAll: true });
		expect(result.status).toBe('success');
		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([]);
		expect(crmRequests(emulator())).toEqual([{ method: 'GET', path: `/crm/v8/Contacts/${SEED.leota}/Emails`, query: {}, body: null }]);
	});

	it('sends the type and owner filters and returns Zoho\'s emails as they are with Output "Raw"', async () => {
		const result = await run({
			recordId: rl('id', SEED.sage),
			returnAll: true,
			output: 'raw',
			filters: { emailType: 'user_emails', ownerId: SEED.patricia },
		});
		const log = emulator().requests({ product: 'crm' }) as Array<{ response: { Emails: IDataObject[] } }>;
		expect(crmRequests(emulator())).toEqual([
			{ method: 'GET', path: `/crm/v8/Contacts/${SEED.sage}/Emails`, query: { type: 'user_emails', owner_id: SEED.patricia }, body: null },
		]);
		expect(log[0].response.Emails.map((e) => e.subject)).toEqual(['Re: Proposal attached']);
		expect(result.items).toEqual([{ json: log[0].response.Emails[0], pairedItem: { item: 0 } }]);
	});

	it('Simplified (the default): ID as text, parties as "Name <address>", time ISO 8601 in UTC, statuses as one text', async () => {
		const result = await run({ recordId: rl('id', SEED.sage), limit: 1 });
		expect(result.items).toEqual([
			{
				json: {
					id: '2da7d2fbca41f18526b7d4a0dc032e59b5e84091925631ebc86dfeb9a8a5de64',
					subject: 'Re: Proposal attached',
					from: 'Sage Wieser <sage.wieser@truhlar.example>',
					to: ['Patricia Boyle <patricia.boyle@zylker.com>'],
					time: '2025-03-03T06:00:00Z',
					sent: false,
					status: 'sent',
				},
				pairedItem: { item: 0 },
			},
		]);
		const log = emulator().requests({ product: 'crm' }) as Array<{ response: { Emails: IDataObject[] } }>;
		expect(log[0].response.Emails[0].time).toBe('2025-03-03T11:30:00+05:30');
	});

	it('Selected Fields keeps only the chosen keys of Zoho\'s answer', async () => {
		const result = await run({ recordId: rl('id', SEED.sage), limit: 2, output: 'fields', fields: ['message_id', 'status', 'not_in_answer'] });
		const log = emulator().requests({ product: 'crm' }) as Array<{ response: { Emails: IDataObject[] } }>;
		expect(result.items.map((i) => i.json)).toEqual(log[0].response.Emails.slice(0, 2).map((e) => ({ message_id: e.message_id, status: e.status })));
	});

	it('refuses Selected Fields without a field, before any request', async () => {
		const result = await run({ output: 'fields', fields: [] });
		expect(result.error?.message).toBe('"Fields" must name at least one field when Output is "Selected Fields"');
		expect(crmRequests(emulator())).toEqual([]);
	});

	it('lists the emails of the records of several items, each paired with its item', async () => {
		const result = await run({ recordId: rl('id', '={{ $json.record }}'), returnAll: true, filters: { emailType: 'drafts' } }, [
			{ record: SEED.maclead },
			{ record: SEED.sage },
		]);
		expect(result.error).toBeUndefined();
		// Items run concurrently: compare the set of requests, not their order in the log.
		expect(crmRequests(emulator()).sort((a, b) => a.path.localeCompare(b.path))).toEqual(
			[SEED.maclead, SEED.sage].sort().map((id) => ({ method: 'GET', path: `/crm/v8/Contacts/${id}/Emails`, query: { type: 'drafts' }, body: null })),
		);
		expect(result.items.map((i) => [i.json.subject, i.pairedItem])).toEqual([['Draft: pricing', { item: 1 }]]);
	});

	it('resolves "By Email Address" with the search API, then lists', async () => {
		const result = await run({ recordId: rl('email', 'sage.wieser@truhlar.example'), returnAll: false, limit: 1 });
		expect(crmRequests(emulator())).toEqual([
			{ method: 'GET', path: '/crm/v8/Contacts/search', query: { email: 'sage.wieser@truhlar.example' }, body: null },
			{ method: 'GET', path: `/crm/v8/Contacts/${SEED.sage}/Emails`, query: {}, body: null },
		]);
		const log = emulator().requests({ product: 'crm' }) as Array<{ response: { Emails: IDataObject[] } }>;
		expect(result.items).toEqual([{ json: simplifyEmail(log[1].response.Emails[0]), pairedItem: { item: 0 } }]);
		expect(result.items[0].json.subject).toBe('Re: Proposal attached');
	});

	it('says clearly when no record or several records have the address', async () => {
		const none = await run({ recordId: rl('email', 'nobody@example.com') });
		expect(none.error?.message).toBe('No Contacts record has the email address nobody@example.com');
		expect(crmRequests(emulator()).map((r) => r.path)).toEqual(['/crm/v8/Contacts/search']);

		const contacts = emulator().data.crm.records('Contacts') as IDataObject[];
		contacts.push({ ...contacts[1], id: '5725767000000502999' });
		const several = await run({ recordId: rl('email', 'sage.wieser@truhlar.example') });
		expect(several.error?.message).toBe('2 Contacts records have the email address sage.wieser@truhlar.example');
		expect(several.error?.description).toContain(`${SEED.sage}, 5725767000000502999`);
	});

	it('takes the record ID out of a record page URL', async () => {
		const result = await run({ recordId: rl('url', `https://crm.zoho.com/crm/org123/tab/Contacts/${SEED.sage}`), limit: 2 });
		expect(result.items).toHaveLength(2);
		expect(crmRequests(emulator()).map((r) => r.path)).toEqual([`/crm/v8/Contacts/${SEED.sage}/Emails`]);
	});

	it.each([
		[{ filters: { emailType: 'all_contacts_sent_crm_emails' } }, 'Type "all_contacts_sent_crm_emails" is only available for Accounts'],
		[{ filters: { ownerId: SEED.patricia } }, '"Owner ID" needs Type "User Emails"'],
		[{ recordId: rl('id', '={{ "12ab" }}') }, '"Record" is not a Zoho ID: "12ab"'],
		[{ recordId: rl('email', '={{ "not-an-address" }}') }, '"Record" is not an email address: "not-an-address"'],
		[{ module: rl('name', 'Cases') }, 'This operation does not support the module "Cases"'],
	])('refuses bad parameters before any request (%j)', async (parameters, message) => {
		const result = await run(parameters);
		expect(result.error?.message).toBe(message);
		expect(crmRequests(emulator())).toEqual([]);
	});

	it('lists the contacts\' emails of an account with an Accounts-only type', async () => {
		const result = await run({ module: rl('name', 'Accounts'), recordId: rl('id', SEED.rangoni), limit: 5, filters: { emailType: 'all_contacts_sent_crm_emails' } });
		expect(crmRequests(emulator())).toEqual([
			{ method: 'GET', path: `/crm/v8/Accounts/${SEED.rangoni}/Emails`, query: { type: 'all_contacts_sent_crm_emails' }, body: null },
		]);
		expect(result.items).toHaveLength(5);
		expect(result.items.every((i) => i.json.sent === true)).toBe(true);
	});
});

describe('CRM email: Get Many errors (seed 004)', () => {
	const API = 'https://www.zohoapis.com';
	const PATH = `/crm/v8/Leads/${SEED.kris}/Emails`;
	afterEach(() => nock.cleanAll());

	it.each([
		[400, 'CANNOT_PROCESS', { reason: 'IMAP sync in progress' }, "Zoho CRM could not get the emails of the record: Zoho cannot read this mailbox right now"],
		[400, 'INVALID_DATA', { param_name: 'type' }, 'Zoho CRM could not get the emails of the record: Zoho rejected a value (field "type")'],
		// Zoho names a value of the URL by its position: 1 is the record, 0 the module (reference §3.10).
		[400, 'INVALID_DATA', { resource_path_index: 1 }, `Zoho CRM could not get the emails of the record: Zoho rejected a value (field "Record": ${SEED.kris})`],
		[400, 'INVALID_MODULE', { resource_path_index: 0 }, 'Zoho CRM could not get the emails of the record: the module does not exist or does not support this operation (field "Module": Leads)'],
		[403, 'NO_PERMISSION', { permissions: ['Crm_Implied_View_Emails'] }, 'Zoho CRM could not get the emails of the record: permission denied'],
	])('maps HTTP %i %s', async (status, code, details, message) => {
		const scope = nock(API).get(PATH).reply(status, { code, details, message: 'zoho text', status: 'error' });
		const result = await runZohoNode({ parameters: crmParameters('list', 'Leads', SEED.kris), credential: usCredential() });
		expect(result.error?.message).toBe(message);
		expect(result.error?.description).toContain(`Zoho code: ${code}`);
		expect(result.error?.description).toContain('Zoho message: zoho text');
		expect((result.error as unknown as { context: { itemIndex: number } }).context.itemIndex).toBe(0);
		expect(scope.isDone()).toBe(true);
	});
});

describe('CRM email: Get Many, Selected Fields', () => {
	it('keeps only keys the email has: names every object inherits give nothing', async () => {
		const result = await run({ returnAll: false, limit: 2, output: 'fields', fields: ['constructor', 'toString', 'subject', 'message_id'] });
		expect(result.error).toBeUndefined();
		const emails = emulator().data.crm.emails('Contacts', SEED.maclead) as IDataObject[];
		expect(result.items).toEqual(emails.slice(0, 2).map((e) => ({ json: { subject: e.subject, message_id: e.message_id }, pairedItem: { item: 0 } })));
	});
});
