import type { INodeParameters } from 'n8n-workflow';
import nock from 'nock';

import { runZohoNode } from '../../harness/engine';
import { usCredential } from '../../harness/fixtures';
import example from '../../../examples/books-emailStatement.json';
import { emulatorCredential, type ExampleJson, requestsTo, runExample, useEmulator } from './emulator';

const ORG = '10234695';
const CONTACT = '460000000026049';
const WILL = 'willsmith@bowmanfurniture.example';

function params(overrides: INodeParameters = {}): INodeParameters {
	return {
		resource: 'booksEmail',
		operation: 'emailStatement',
		organizationId: { __rl: true, mode: 'id', value: ORG },
		contactId: { __rl: true, mode: 'list', value: CONTACT, cachedResultName: 'Bowman and Co' },
		to: WILL,
		...overrides,
	};
}

describe('Books Email: Email a Statement (emulator)', () => {
	const emulator = useEmulator();

	it('sends the statement for a period on the default template (subject and body present but empty)', async () => {
		const emu = emulator();
		const result = await runZohoNode({
			parameters: params({
				additionalFields: { startDate: '2025-04-01T00:00:00', endDate: '2025-04-30', cc: 'books@zylker.com', sendFromOrgEmail: true },
			}),
			credential: emulatorCredential(emu),
		});
		expect(result.error).toBeUndefined();
		expect(requestsTo(emu, 'books')).toEqual([
			{
				method: 'POST',
				path: `/books/v3/contacts/${CONTACT}/statements/email`,
				query: { start_date: '2025-04-01', end_date: '2025-04-30', organization_id: ORG },
				body: { send_from_org_email_id: true, to_mail_ids: [WILL], cc_mail_ids: ['books@zylker.com'], subject: '', body: '' },
			},
		]);
		expect(result.items).toEqual([
			{
				json: {
					code: 0,
					message: 'Statement has been sent to the Customer.',
					organization_id: ORG,
					contact_id: CONTACT,
					to_mail_ids: [WILL],
					start_date: '2025-04-01',
					end_date: '2025-04-30',
					default_template: true,
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	it('sends a custom subject and body for the current month (no dates)', async () => {
		const emu = emulator();
		const result = await runZohoNode({
			parameters: params({ contentMode: 'custom', subject: 'Your statement', content: '<p>Attached.</p>' }),
			credential: emulatorCredential(emu),
		});
		expect(result.error).toBeUndefined();
		expect(requestsTo(emu, 'books')).toEqual([
			{
				method: 'POST',
				path: `/books/v3/contacts/${CONTACT}/statements/email`,
				query: { organization_id: ORG },
				body: { to_mail_ids: [WILL], subject: 'Your statement', body: '<p>Attached.</p>' },
			},
		]);
		expect(result.items.map((i) => [i.json.default_template, i.pairedItem])).toEqual([[false, { item: 0 }]]);
	});

	it.each([
		['a start date without an end date', { additionalFields: { startDate: '2025-04-01' } }, '"End Date" is missing'],
		['a start after the end', { additionalFields: { startDate: '2025-05-01', endDate: '2025-04-01' } }, '"Start Date" (2025-05-01) is after "End Date" (2025-04-01)'],
		['a subject over 1000 characters', { contentMode: 'custom', subject: 's'.repeat(1001), content: 'b' }, '"Subject" is longer than 1000 characters'],
		['a To with no address in it', { to: ' , ' }, '"To" is empty'],
	])('rejects %s before any request', async (_case, overrides, message) => {
		const emu = emulator();
		const result = await runZohoNode({ parameters: params(overrides as INodeParameters), credential: emulatorCredential(emu), continueOnFail: true });
		expect(result.items).toEqual([{ json: expect.objectContaining({ error: message }), pairedItem: { item: 0 } }]);
		expect(requestsTo(emu, 'books')).toEqual([]);
	});


	it('runs the example workflow books-emailStatement.json', async () => {
		const emu = emulator();
		const result = await runExample(example as unknown as ExampleJson, emu);
		expect(result.error).toBeUndefined();
		expect(requestsTo(emu, 'books').map((r) => [r.method, r.path, r.query])).toEqual([
			['POST', `/books/v3/contacts/${CONTACT}/statements/email`, { start_date: '2025-04-01', end_date: '2025-04-30', organization_id: ORG }],
		]);
		expect(result.items.map((i) => [i.json.message, i.pairedItem])).toEqual([['Statement has been sent to the Customer.', { item: 0 }]]);
	});
});

describe('Books Email: Email a Statement errors (nock)', () => {
	const API = 'https://www.zohoapis.com';
	beforeAll(() => nock.disableNetConnect());
	afterEach(() => nock.cleanAll());
	afterAll(() => nock.enableNetConnect());

	it('maps code 1002 for an unknown contact, naming the organization after one read of the organizations', async () => {
		nock(API)
			.post(`/books/v3/contacts/${CONTACT}/statements/email`)
			.query({ organization_id: ORG })
			.once()
			.reply(404, { code: 1002, message: 'Contact does not exist.' })
			.get('/books/v3/organizations')
			.once()
			.reply(200, { code: 0, message: 'success', organizations: [{ organization_id: '99', name: 'Other' }, { organization_id: ORG, name: 'Zylker Inc' }] });
		const result = await runZohoNode({ parameters: params(), credential: usCredential() });
		expect(nock.pendingMocks()).toEqual([]);
		expect(result.error?.message).toBe(`Zoho Books could not email the statement: the record does not exist in the organization Zylker Inc (${ORG})`);
		expect(result.error?.description).toBe('Zoho code: 1002<br>Zoho message: Contact does not exist.<br>HTTP status: 404<br>Check the ID and the organization.');
	});

	it('shows Zoho\'s own words for an unmapped code', async () => {
		nock(API).post(`/books/v3/contacts/${CONTACT}/statements/email`).query(true).reply(400, { code: 2, message: 'Invalid value passed for to_mail_ids' });
		const result = await runZohoNode({ parameters: params(), credential: usCredential() });
		expect(result.error?.message).toBe('Zoho Books could not email the statement: Invalid value passed for to_mail_ids');
	});
});
