import nock from 'nock';

import { runZohoNode } from '../harness/engine';
import { usCredential } from '../harness/fixtures';

const API = 'https://www.zohoapis.com';
const ORG = '10234695';
const CONTACT = '460000000026049';
const rl = (mode: string, value: string) => ({ __rl: true, mode, value });

describe('the organization named in a Books "not found"', () => {
	beforeAll(() => nock.disableNetConnect());
	afterEach(() => nock.cleanAll());
	afterAll(() => nock.enableNetConnect());

	it('is looked up once per execution, even when that lookup fails', async () => {
		let organizationReads = 0;
		nock(API)
			.get('/books/v3/organizations')
			.query(true)
			.times(3)
			.reply(() => {
				organizationReads++;
				return [400, { code: 6041, message: 'You are not authorized to access this organization.' }];
			})
			.post(`/books/v3/contacts/${CONTACT}/email`)
			.query({ organization_id: ORG })
			.times(2)
			.reply(400, { code: 1002, message: 'Contact does not exist.' });
		const result = await runZohoNode({
			parameters: {
				resource: 'booksEmail',
				operation: 'emailContact',
				organizationId: rl('id', ORG),
				contactId: rl('id', CONTACT),
				to: 'a@example.com',
				subject: 's',
				content: 'b',
				performance: { requestsInFlight: 1 },
			},
			items: [{ json: {} }, { json: {} }],
			credential: usCredential(),
			continueOnFail: true,
		});
		expect(result.items.map((item) => item.json.error)).toEqual([
			`Zoho Books could not email the contact: the record does not exist in the organization ${ORG}`,
			`Zoho Books could not email the contact: the record does not exist in the organization ${ORG}`,
		]);
		expect(organizationReads).toBe(1);
	});
});
