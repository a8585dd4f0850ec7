import type { INodeParameters } from 'n8n-workflow';
import nock from 'nock';

import { binaryWorkflow } from '../../harness/binaryItems';
import { loadOptions, runWorkflow, runZohoNode } from '../../harness/engine';
import { usCredential } from '../../harness/fixtures';
import example from '../../../examples/books-emailContact.json';
import { emulatorCredential, type ExampleJson, requestsTo, runExample, useEmulator } from './emulator';

const ORG = '10234695';
const CONTACT = '460000000026049';
const WILL = 'willsmith@bowmanfurniture.example';

function params(overrides: INodeParameters = {}): INodeParameters {
	return {
		resource: 'booksEmail',
		operation: 'emailContact',
		contactId: { __rl: true, mode: 'id', value: CONTACT },
		to: `Will Smith <${WILL}>, accounts@bowmanfurniture.example`,
		subject: 'Your account is verified',
		content: '<p>Hello Will</p>',
		...overrides,
	};
}

describe('Books Email: Email a Contact (emulator)', () => {
	const emulator = useEmulator();

	it('sends plain JSON to the default organization when there are no files', async () => {
		const emu = emulator();
		const result = await runZohoNode({ parameters: params(), credential: emulatorCredential(emu) });
		expect(result.error).toBeUndefined();
		expect(requestsTo(emu, 'books')).toEqual([
			{ method: 'GET', path: '/books/v3/organizations', query: {}, body: null },
			{
				method: 'POST',
				path: `/books/v3/contacts/${CONTACT}/email`,
				query: { organization_id: ORG },
				body: { to_mail_ids: [WILL, 'accounts@bowmanfurniture.example'], subject: 'Your account is verified', body: '<p>Hello Will</p>' },
			},
		]);
		expect(emu.requests({ product: 'books', method: 'POST' })[0].headers['content-type']).toMatch(/^application\/json/);
		expect(result.items).toEqual([
			{
				json: {
					code: 0,
					message: 'Email has been sent.',
					organization_id: ORG,
					contact_id: CONTACT,
					to_mail_ids: [WILL, 'accounts@bowmanfurniture.example'],
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	it('sends two binary attachments as one multipart request: JSONString plus two attachments parts', async () => {
		const emu = emulator();
		const workflow = binaryWorkflow(
			[
				{
					files: [
						{ property: 'data', fileName: 'report.txt', mimeType: 'text/plain', content: 'quarterly report' },
						{ property: 'invoice', fileName: 'inv.csv', mimeType: 'text/csv', content: 'id,total\n1,10\n' },
					],
				},
			],
			params({
				organizationId: { __rl: true, mode: 'list', value: ORG, cachedResultName: 'Zylker Inc (default)' },
				additionalFields: { binaryPropertyNames: 'data,invoice', sendCustomerStatement: true },
			}),
		);
		const result = await runWorkflow(workflow, emulatorCredential(emu));
		expect(result.error).toBeUndefined();
		expect(requestsTo(emu, 'books')).toEqual([
			{
				method: 'POST',
				path: `/books/v3/contacts/${CONTACT}/email`,
				query: { send_customer_statement: 'true', organization_id: ORG },
				body: {
					fields: {
						JSONString: JSON.stringify({ to_mail_ids: [WILL, 'accounts@bowmanfurniture.example'], subject: 'Your account is verified', body: '<p>Hello Will</p>' }),
					},
					files: [
						{ field: 'attachments', filename: 'report.txt', contentType: 'text/plain', size: 16 },
						{ field: 'attachments', filename: 'inv.csv', contentType: 'text/csv', size: 14 },
					],
				},
			},
		]);
		expect(emu.requests({ product: 'books' })[0].headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
		expect(result.output['Zoho Email']).toEqual([
			{
				json: {
					code: 0,
					message: 'Email has been sent.',
					organization_id: ORG,
					contact_id: CONTACT,
					to_mail_ids: [WILL, 'accounts@bowmanfurniture.example'],
					attachments: ['report.txt', 'inv.csv'],
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(emu.data.books.comments(ORG, CONTACT).some((c: { operation_type: string }) => c.operation_type === 'emailed')).toBe(true);
	});

	it('looks the default organization up once for all items', async () => {
		const emu = emulator();
		const result = await runZohoNode({ parameters: params(), items: [{}, {}], credential: emulatorCredential(emu) });
		expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(requestsTo(emu, 'books').map((r) => [r.method, r.path])).toEqual([
			['GET', '/books/v3/organizations'],
			['POST', `/books/v3/contacts/${CONTACT}/email`],
			['POST', `/books/v3/contacts/${CONTACT}/email`],
		]);
	});

	it.each([
		['a subject over 1000 characters', { subject: 'x'.repeat(1001) }, '"Subject" is longer than 1000 characters'],
		['a body over 5000 characters', { content: 'x'.repeat(5001) }, '"Body" is longer than 5000 characters'],
		['an invalid address', { to: 'will@' }, '"To" has an invalid email address: will@'],
		['an empty subject', { subject: ' ' }, '"Subject" is empty'],
	])('rejects %s before any request, naming the item', async (_case, overrides, message) => {
		const emu = emulator();
		const result = await runZohoNode({ parameters: params(overrides as INodeParameters), credential: emulatorCredential(emu), continueOnFail: true });
		expect(result.items).toEqual([{ json: expect.objectContaining({ error: message }), pairedItem: { item: 0 } }]);
		expect(requestsTo(emu, 'books')).toEqual([]);
	});

	it('lists organizations (default first) and contacts for the pickers', async () => {
		const emu = emulator();
		const orgs = await loadOptions('listSearch', 'searchBooksOrganizations', params(), emulatorCredential(emu));
		expect(orgs).toEqual({
			results: [
				{ name: 'Zylker Inc (default)', value: ORG },
				{ name: 'Zylker Traders India', value: '60019077540' },
			],
		});
		const contacts = await loadOptions('listSearch', 'searchBooksContacts', params(), emulatorCredential(emu), 'bowman');
		expect(contacts).toEqual({ results: [{ name: `Bowman and Co <${WILL}> (customer)`, value: CONTACT }], paginationToken: undefined });
		expect(requestsTo(emu, 'books').map((r) => [r.path, r.query])).toEqual([
			['/books/v3/organizations', {}],
			['/books/v3/organizations', {}],
			['/books/v3/contacts', { search_text: 'bowman', page: '1', per_page: '50', organization_id: ORG }],
		]);
	});


	it('runs the example workflow books-emailContact.json', async () => {
		const emu = emulator();
		const result = await runExample(example as unknown as ExampleJson, emu);
		expect(result.error).toBeUndefined();
		expect(requestsTo(emu, 'books').map((r) => [r.method, r.path, r.query])).toEqual([
			['POST', `/books/v3/contacts/${CONTACT}/email`, { send_customer_statement: 'true', organization_id: ORG }],
		]);
		expect(result.items).toEqual([
			{ json: { code: 0, message: 'Email has been sent.', organization_id: ORG, contact_id: CONTACT, to_mail_ids: [WILL] }, pairedItem: { item: 0 } },
		]);
	});
});

describe('Books Email: Email a Contact errors (nock)', () => {
	const API = 'https://www.zohoapis.com';
	const PATH = `/books/v3/contacts/${CONTACT}/email`;
	const run = async () =>
		await runZohoNode({ parameters: params({ organizationId: { __rl: true, mode: 'id', value: ORG } }), credential: usCredential() });
	beforeAll(() => nock.disableNetConnect());
	afterEach(() => nock.cleanAll());
	afterAll(() => nock.enableNetConnect());

	it('maps code 1002 (contact does not exist); names the organization by its ID when its name cannot be read', async () => {
		nock(API)
			.post(PATH)
			.query({ organization_id: ORG })
			.once()
			.reply(404, { code: 1002, message: 'Contact does not exist.' })
			.get('/books/v3/organizations')
			.once()
			.reply(400, { code: 1038, message: 'JSON is not well formed' });
		const result = await run();
		expect(nock.pendingMocks()).toEqual([]);
		expect(result.error?.message).toBe(`Zoho Books could not email the contact: the record does not exist in the organization ${ORG}`);
		expect(result.error?.description).toContain('Zoho message: Contact does not exist.');
	});

	it('maps code 1038 (JSON is not well formed)', async () => {
		nock(API).post(PATH).query(true).reply(400, { code: 1038, message: 'JSON is not well formed' });
		const result = await run();
		expect(result.error?.message).toBe('Zoho Books could not email the contact: Zoho Books could not read the request (JSON is not well formed)');
	});

	it('maps an error code inside an HTTP 200 answer', async () => {
		nock(API).post(PATH).query(true).reply(200, { code: 1005, message: 'Missing Emails' });
		const result = await run();
		expect(result.error?.message).toBe('Zoho Books could not email the contact: no recipient address was accepted');
	});

	it('maps code 14 (not authenticated) after n8n refreshed the token once', async () => {
		nock(API).post(PATH).query(true).twice().reply(401, { code: 14, message: 'The request could not be authenticated' });
		nock('https://accounts.zoho.com')
			.post('/oauth/v2/token')
			.reply(200, { access_token: '1000.refreshed', api_domain: API, token_type: 'Bearer', expires_in: 3600 });
		const result = await run();
		expect(result.error?.message).toBe('Zoho Books could not email the contact: Zoho Books could not authenticate the request');
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('maps code 57 (token or scope refused)', async () => {
		nock(API).post(PATH).query(true).twice().reply(401, { code: 57, message: 'You are not authorized to perform this operation' });
		nock('https://accounts.zoho.com')
			.post('/oauth/v2/token')
			.reply(200, { access_token: '1000.refreshed', api_domain: API, token_type: 'Bearer', expires_in: 3600 });
		const result = await run();
		expect(result.error?.message).toBe(
			'Zoho Books could not email the contact: Zoho Books refused the request: the token expired, or the credential lacks the permission (scope)',
		);
	});
});
