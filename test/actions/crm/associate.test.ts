import nock from 'nock';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { binaryWorkflow } from '../../harness/binaryItems';
import { runWorkflow, runZohoNode } from '../../harness/engine';
import { fakeToken, usCredential } from '../../harness/fixtures';
import { crmParameters, crmRequests, emulatorCredential, SEED, useEmulator } from './emulator';

const emulator = useEmulator();

const CONTENT = '<h3>Mail is of rich text format</h3><div>REGARDS,</div>';
const base = {
	from: 'user1 <test@zoho.com>',
	to: 'user2 <test1@zoho.com>',
	subject: 'Mail subject',
	content: CONTENT,
	mailFormat: 'html',
	dateTime: '2018-06-12T12:12:12+05:30',
	direction: 'sent',
	originalMessageId: '1234534dead-asds3322w243',
};

function params(rest: INodeParameters = {}, module = 'Deals', recordId = SEED.deal) {
	return crmParameters('associate', module, recordId, { ...base, ...rest });
}

function run(rest: INodeParameters = {}, items: IDataObject[] = [{}]) {
	return runZohoNode({ parameters: params(rest), items, credential: emulatorCredential(emulator()) });
}

const ASSOCIATE = `/crm/v8/Deals/${SEED.deal}/actions/associate_email`;
// The Contacts module's ID in the emulator's modules list (GET /settings/modules).
const CONTACTS_MODULE_ID = '5725767000000002179';

function messageIdOf(index = 0): string {
	const log = emulator().requests({ product: 'crm', method: 'POST' }) as Array<{ path: string; response: { Emails: Array<{ details: { message_id: string } }> } }>;
	return log.filter((r) => r.path.endsWith('/associate_email'))[index].response.Emails[0].details.message_id;
}

describe('CRM email: Associate', () => {
	it('sends Zoho\'s documented body with every field (seed 003) and returns the new message ID', async () => {
		const fileId = emulator().data.crm.addFile({ name: 'Test File', data: 'hello' });
		const result = await run({
			additionalFields: {
				cc: 'user3 <test2@zoho.com>',
				bcc: 'user4 <test3@zoho.com>',
				attachmentIds: fileId,
				linkedRecordId: SEED.maclead,
				linkedRecordModule: 'Contacts',
				linkedRecordName: 'Christopher Maclead',
			},
		});
		expect(result.error).toBeUndefined();
		// Seed 003's sample input: the same keys in the same order, the linked module with its API name and ID.
		const documented = {
			Emails: [
				{
					from: { user_name: 'user1', email: 'test@zoho.com' },
					to: [{ user_name: 'user2', email: 'test1@zoho.com' }],
					cc: [{ user_name: 'user3', email: 'test2@zoho.com' }],
					bcc: [{ user_name: 'user4', email: 'test3@zoho.com' }],
					subject: 'Mail subject',
					content: CONTENT,
					mail_format: 'html',
					date_time: '2018-06-12T12:12:12+05:30',
					sent: true,
					attachments: [{ id: fileId }],
					linked_record: { id: SEED.maclead, name: 'Christopher Maclead', module: { api_name: 'Contacts', id: CONTACTS_MODULE_ID } },
					original_message_id: '1234534dead-asds3322w243',
				},
			],
		};
		expect(crmRequests(emulator())).toEqual([
			{ method: 'GET', path: '/crm/v8/settings/modules', query: {}, body: null },
			{ method: 'POST', path: ASSOCIATE, query: {}, body: documented },
		]);
		expect((emulator().requests({ product: 'crm' })[1] as { rawBody: string }).rawBody).toBe(JSON.stringify(documented));
		expect(emulator().requests({ product: 'crm' })[1]).toMatchObject({ status: 201 });
		expect(result.items).toEqual([
			{
				json: {
					message_id: messageIdOf(),
					status: 'success',
					code: 'SUCCESS',
					message: 'Your mail has been added successfully',
					duplicate: false,
					module: 'Deals',
					record_id: SEED.deal,
					original_message_id: '1234534dead-asds3322w243',
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	it('logs a received email of another user when an admin gives the owner', async () => {
		const result = await run({ direction: 'received', mailFormat: 'text', content: 'Plain', additionalFields: { ownerId: SEED.rajesh } });
		expect(result.error).toBeUndefined();
		expect(crmRequests(emulator())[0].body).toEqual({
			Emails: [
				{
					from: { user_name: 'user1', email: 'test@zoho.com' },
					to: [{ user_name: 'user2', email: 'test1@zoho.com' }],
					owner: { id: SEED.rajesh },
					subject: 'Mail subject',
					content: 'Plain',
					mail_format: 'text',
					date_time: '2018-06-12T12:12:12+05:30',
					sent: false,
					original_message_id: '1234534dead-asds3322w243',
				},
			],
		});
		const stored = (emulator().data.crm.emails('Deals', SEED.deal) as IDataObject[]).find((e) => e.message_id === messageIdOf());
		expect(stored).toMatchObject({ sent: false, owner: { id: SEED.rajesh, name: 'Rajesh Kumar' }, content: 'Plain', mail_format: 'text' });
	});

	it('reports a repeated original message ID clearly, or counts it as done when asked', async () => {
		await run();
		const again = await run();
		expect(again.error?.message).toBe(
			'Zoho CRM could not associate the email: this email is already associated with the record (same original message ID) (field "original_message_id")',
		);
		expect(again.error?.description).toContain('Turn on "Treat Duplicate as Success"');

		const idempotent = await run({ options: { duplicateAsSuccess: true } });
		expect(idempotent.error).toBeUndefined();
		expect(idempotent.items).toEqual([
			{
				json: {
					message_id: null,
					status: 'duplicate',
					code: 'DUPLICATE_DATA',
					message: 'duplicate data',
					duplicate: true,
					module: 'Deals',
					record_id: SEED.deal,
					original_message_id: '1234534dead-asds3322w243',
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(emulator().mails().filter((m: IDataObject) => m.kind === 'associate')).toHaveLength(1);
		expect(crmRequests(emulator()).map((r) => r.path)).toEqual([ASSOCIATE, ASSOCIATE, ASSOCIATE]);
	});

	it('uploads binary attachments in one call and inline images in another, then associates', async () => {
		const parameters = params({
			content: '<p>Logo: <img src="cid:logo"></p>',
			additionalFields: { binaryPropertyNames: 'data, notes', inlineImages: 'logo' },
		});
		const files = [
			{ property: 'data', fileName: 'a.txt', mimeType: 'text/plain', content: 'first file' },
			{ property: 'notes', fileName: 'b.txt', mimeType: 'text/plain', content: 'second file' },
			{ property: 'logo', fileName: 'logo.png', mimeType: 'image/png', content: 'png bytes' },
		];
		const result = await runWorkflow(binaryWorkflow([{ files }], parameters), emulatorCredential(emulator()));
		expect(result.error).toBeUndefined();
		const requests = crmRequests(emulator());
		expect(requests.map((r) => [r.method, r.path, r.query])).toEqual([
			['POST', '/crm/v8/files', {}],
			['POST', '/crm/v8/files', { type: 'inline' }],
			['POST', ASSOCIATE, {}],
		]);
		const stored = emulator().data.crm.files() as Array<{ id: string; name: string; type?: string }>;
		const id = (name: string) => stored.find((f) => f.name === name)?.id;
		const email = (requests[2].body as { Emails: IDataObject[] }).Emails[0];
		expect(email.attachments).toEqual([
			{ id: id('a.txt'), name: 'a.txt' },
			{ id: id('b.txt'), name: 'b.txt' },
		]);
		expect(email.content).toBe(`<p>Logo: <img class="ZCrmImage" src="crm/img_id:${id('logo.png')}"></p>`);
		expect(stored.find((f) => f.name === 'logo.png')?.type).toBe('inline');
		expect(result.output['Zoho Email']).toEqual([
			expect.objectContaining({ json: expect.objectContaining({ status: 'success', message_id: messageIdOf() }), pairedItem: { item: 0 } }),
		]);
	});

	it('reads the modules list once per execution for the linked records of every item, and not at all without one', async () => {
		const linked = { linkedRecordId: '={{ $json.contact }}', linkedRecordModule: '={{ $json.module }}' };
		const items = [
			{ contact: SEED.maclead, module: 'Contacts', id: 'a' },
			{ contact: SEED.sage, module: 'Contacts', id: 'b' },
			{ contact: SEED.kris, module: 'Leads', id: 'c' },
		];
		const result = await run({ originalMessageId: '={{ "<" + $json.id + "@example.com>" }}', additionalFields: linked }, items);
		expect(result.error).toBeUndefined();
		const requests = crmRequests(emulator());
		expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /crm/v8/settings/modules', `POST ${ASSOCIATE}`, `POST ${ASSOCIATE}`, `POST ${ASSOCIATE}`]);
		expect(requests.slice(1).map((r) => (r.body as { Emails: IDataObject[] }).Emails[0].linked_record)).toEqual([
			{ id: SEED.maclead, module: { api_name: 'Contacts', id: CONTACTS_MODULE_ID } },
			{ id: SEED.sage, module: { api_name: 'Contacts', id: CONTACTS_MODULE_ID } },
			{ id: SEED.kris, module: { api_name: 'Leads', id: '5725767000000002175' } },
		]);
		expect(result.items.map((item) => item.json.status)).toEqual(['success', 'success', 'success']);

		emulator().clearRequests();
		await run({ originalMessageId: '<unlinked@example.com>' });
		expect(crmRequests(emulator()).map((r) => `${r.method} ${r.path}`)).toEqual([`POST ${ASSOCIATE}`]);
	});

	it('refuses a linked record module the account does not have, before associating', async () => {
		const result = await run({ additionalFields: { linkedRecordId: SEED.maclead, linkedRecordModule: 'contacts' } });
		expect(result.error?.message).toBe('"Linked Record Module" is not a module of this Zoho CRM account: "contacts"');
		expect(crmRequests(emulator()).map((r) => `${r.method} ${r.path}`)).toEqual(['GET /crm/v8/settings/modules']);
	});

	it('reports NO_PERMISSION when a non-admin gives another owner', async () => {
		emulator().data.crm.setAdmin(false);
		const result = await run({ additionalFields: { ownerId: SEED.rajesh } });
		expect(result.error?.message).toBe('Zoho CRM could not associate the email: permission denied');
	});

	it.each([
		[{ subject: '={{ "" }}' }, '"Subject" is empty'],
		[{ content: '={{ "" }}' }, '"Content" is empty'],
		[{ subject: '={{ "x".repeat(251) }}' }, '"Subject" is longer than 250 characters'],
		[{ originalMessageId: ' ' }, '"Original Message ID" is empty'],
		[{ from: 'not an address' }, '"From" has an invalid email address: not an address'],
		[{ dateTime: 'yesterday' }, '"Date and Time" is not a date and time: "yesterday"'],
		[{ additionalFields: { cc: 'a@b' } }, '"CC" has an invalid email address: a@b'],
		[{ content: '<p>no image</p>', additionalFields: { inlineImages: 'logo' } }, 'Inline image "logo" is not used in "Content"'],
	])('refuses bad input before any request (%j)', async (rest, message) => {
		const result = await run(rest);
		expect(result.error?.message).toBe(message);
		expect(crmRequests(emulator())).toEqual([]);
	});
});

describe('CRM email: Associate when the answer is lost', () => {
	it('is not posted again, and the error says the email may or may not have been logged', async () => {
		emulator().addFault({ path: ASSOCIATE, kind: 'reset', times: 1 });
		const result = await runZohoNode({ parameters: params(), credential: emulatorCredential(emulator()), continueOnFail: true });
		expect(result.items).toEqual([
			{
				json: {
					error: 'Zoho CRM could not associate the email: the connection to Zoho was lost before an answer came',
					description: expect.stringMatching(/^Network error: E[A-Z]+\. The email may or may not have been logged on the record\. It was not retried, so that it is not done twice/),
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(crmRequests(emulator())).toHaveLength(1);
	});
});

describe('CRM email: Associate errors (seed 003)', () => {
	const API = 'https://www.zohoapis.com';
	const PATH = `/crm/v8/Deals/${SEED.deal}/actions/associate_email`;
	afterEach(() => nock.cleanAll());

	const runUnit = () => runZohoNode({ parameters: params(), credential: usCredential() });

	it.each([
		[400, 'INVALID_REQUEST_METHOD', 'Zoho does not accept this request method here'],
		[400, 'FILE_SIZE_EXCEEDS', "the attachments exceed Zoho's 10 MB limit per email"],
		[400, 'DUPLICATE_DATA', 'this email is already associated with the record (same original message ID)'],
		[400, 'INVALID_DATA', 'Zoho rejected a value'],
		[400, 'MANDATORY_NOT_FOUND', 'a required field is missing'],
		[400, 'INVALID_MODULE', 'the module does not exist or does not support this operation'],
		[400, 'STORAGE_ SPACE_EXCEEDS', 'your Zoho storage space is full'],
		[400, 'STORAGE_SPACE_EXCEEDS', 'your Zoho storage space is full'],
		[403, 'NO_PERMISSION', 'permission denied'],
		[404, 'INVALID_URL_PATTERN', 'Zoho does not know this URL'],
		[500, 'INTERNAL_ERROR', 'Zoho had an internal error'],
	])('maps HTTP %i %s, without retrying', async (status, code, words) => {
		const scope = nock(API).post(PATH).once().reply(status, { Emails: [{ code, details: {}, message: 'zoho text', status: 'error' }] });
		const result = await runUnit();
		expect(result.error?.message).toBe(`Zoho CRM could not associate the email: ${words}`);
		expect(result.error?.description).toContain(`Zoho code: ${code}`);
		expect((result.error as unknown as { context: { itemIndex: number } }).context.itemIndex).toBe(0);
		expect(scope.isDone()).toBe(true);
	});

	it('maps 401 OAUTH_SCOPE_MISMATCH without asking for a new token (it would have the same scopes)', async () => {
		const body = { code: 'OAUTH_SCOPE_MISMATCH', details: {}, message: 'invalid oauth scope to access this URL', status: 'error' };
		const api = nock(API).post(PATH).once().reply(401, body);
		let tokens = 0;
		nock('https://accounts.zoho.com')
			.post('/oauth/v2/token')
			.reply(() => {
				tokens++;
				return [200, { access_token: fakeToken('refreshed'), api_domain: API, token_type: 'Bearer', expires_in: 3600 }];
			});
		const result = await runUnit();
		expect(result.error?.message).toBe('Zoho CRM could not associate the email: the credential lacks the Zoho permission (OAuth scope) for this request');
		expect(api.isDone()).toBe(true);
		expect(tokens).toBe(0);
	});
});
