import nock from 'nock';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { binaryWorkflow } from '../../harness/binaryItems';
import { runWorkflow, runZohoNode } from '../../harness/engine';
import { usCredential } from '../../harness/fixtures';
import { crmParameters, crmRequests, emulatorCredential, rl, SEED, useEmulator } from './emulator';

const emulator = useEmulator();

const FROM = 'Patricia Boyle <patricia.boyle@zylker.com>';
const SEND = (module: string, id: string) => `/crm/v8/${module}/${id}/actions/send_mail`;
const CONTENT =
	'<h3><span style="background-color: rgb(254, 255, 102)">Mail is of rich text format</span></h3><a href="${ConsentForm.en_US}" id="ConsentForm">Consent form link</a>';

function params(rest: INodeParameters = {}, module = 'Contacts', recordId = SEED.maclead) {
	return crmParameters('send', module, recordId, { from: rl('address', FROM), to: 'Jason Smith <j.smith@example.com>', subject: 'Hello', content: 'Hi', ...rest });
}

function run(rest: INodeParameters = {}, items: IDataObject[] = [{}], continueOnFail = false) {
	return runZohoNode({ parameters: params(rest), items, credential: emulatorCredential(emulator()), continueOnFail });
}

interface RawRequest {
	method: string;
	path: string;
	rawBody: string;
	response: { data: Array<{ details: { message_id: string } }> } | null;
}
const raw = () => emulator().requests({ product: 'crm' }) as RawRequest[];
const sendMails = () => emulator().mails().filter((m: IDataObject) => m.product === 'crm');

describe('CRM email: Send', () => {
	it('sends a body byte-identical to Zoho\'s documented one, with every field of §3.1 set', async () => {
		const attachment = emulator().data.crm.addFile({ name: 'notes.txt', data: 'notes' });
		const result = await run({
			subject: 'Testing Send Mail API',
			content: CONTENT,
			mailFormat: 'html',
			additionalFields: {
				cc: 'user3 <user3email@example.com>',
				bcc: 'user4 <user4email@example.com>',
				replyTo: 'user5 <user5email@example.com>',
				orgEmail: true,
				inReplyTo: '2cceafa194d037b63f2000181dd8186486f1eb0360aee76d802b6d376dea97e7',
				scheduledTime: '2031-06-12T12:12:12+05:30',
				attachmentIds: attachment,
				emailTemplateId: SEED.contactsTemplate,
				consentEmail: true,
				dataSubjectRequestId: '482134000000568909',
				dataSubjectRequestType: 'access',
			},
		});
		expect(result.error).toBeUndefined();
		const documented = {
			data: [
				{
					from: { user_name: 'Patricia Boyle', email: 'patricia.boyle@zylker.com' },
					to: [{ user_name: 'Jason Smith', email: 'j.smith@example.com' }],
					cc: [{ user_name: 'user3', email: 'user3email@example.com' }],
					bcc: [{ user_name: 'user4', email: 'user4email@example.com' }],
					reply_to: { user_name: 'user5', email: 'user5email@example.com' },
					org_email: true,
					in_reply_to: '2cceafa194d037b63f2000181dd8186486f1eb0360aee76d802b6d376dea97e7',
					scheduled_time: '2031-06-12T12:12:12+05:30',
					subject: 'Testing Send Mail API',
					content: CONTENT,
					mail_format: 'html',
					attachments: [{ id: attachment }],
					template: { id: SEED.contactsTemplate },
					consent_email: true,
					data_subject_request: { id: '482134000000568909', type: 'access' },
				},
			],
		};
		expect(raw().map((r) => [r.method, r.path])).toEqual([['POST', SEND('Contacts', SEED.maclead)]]);
		expect(raw()[0].rawBody).toBe(JSON.stringify(documented));
		expect(result.items).toEqual([
			{
				json: {
					message_id: raw()[0].response?.data[0].details.message_id,
					status: 'success',
					code: 'SUCCESS',
					message: 'Your mail has been scheduled successfully.',
					scheduled: true,
					module: 'Contacts',
					record_id: SEED.maclead,
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	it('sends the inventory PDF body of seed 001, with the template\'s ID and name', async () => {
		const result = await runZohoNode({
			parameters: params(
				{ to: 'user1 <user1@example.com>', subject: '={{ "" }}', content: '', additionalFields: { inventoryTemplateId: SEED.quoteInventoryTemplate, emailTemplateId: '' } },
				'Quotes',
				SEED.quote,
			),
			credential: emulatorCredential(emulator()),
		});
		// An inventory send without subject needs a template or a subject; the inventory PDF alone is not enough.
		expect(result.error?.message).toBe('"Subject" is empty');
		expect(raw()).toEqual([]);

		const sent = await runZohoNode({
			parameters: params({ to: 'user1 <user1@example.com>', subject: 'Your quote', content: '', additionalFields: { inventoryTemplateId: SEED.quoteInventoryTemplate, paperType: 'A4', viewType: 'portrait' } }, 'Quotes', SEED.quote),
			credential: emulatorCredential(emulator()),
		});
		expect(sent.error).toBeUndefined();
		expect(raw().map((r) => [r.method, r.path])).toEqual([
			['GET', `/crm/v8/settings/inventory_templates/${SEED.quoteInventoryTemplate}`],
			['POST', SEND('Quotes', SEED.quote)],
		]);
		expect(raw()[1].rawBody).toBe(
			JSON.stringify({
				data: [
					{
						from: { user_name: 'Patricia Boyle', email: 'patricia.boyle@zylker.com' },
						to: [{ user_name: 'user1', email: 'user1@example.com' }],
						subject: 'Your quote',
						mail_format: 'html',
						inventory_details: { inventory_template: { id: SEED.quoteInventoryTemplate, name: 'Standard Quote' }, paper_type: 'A4', view_type: 'portrait' },
					},
				],
			}),
		);
	});

	it('reads an inventory template once for all items of an execution', async () => {
		const result = await runZohoNode({
			parameters: params({ to: 'user1 <user1@example.com>', subject: 'Your quote', content: '', additionalFields: { inventoryTemplateId: SEED.quoteInventoryTemplate } }, 'Quotes', SEED.quote),
			items: [{}, {}, {}],
			credential: emulatorCredential(emulator()),
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(3);
		expect(raw().filter((r) => r.method === 'GET').map((r) => r.path)).toEqual([`/crm/v8/settings/inventory_templates/${SEED.quoteInventoryTemplate}`]);
		expect(raw().filter((r) => r.method === 'POST')).toHaveLength(3);
	});

	it('refreshes an expired token exactly once and completes the send', async () => {
		const credential = emulatorCredential(emulator());
		emulator().expireTokens();
		const result = await runZohoNode({ parameters: params(), credential });
		expect(result.error).toBeUndefined();
		expect(emulator().requests({ method: 'POST', pathPrefix: '/oauth/v2/token' })).toHaveLength(1);
		expect(sendMails()).toHaveLength(1);
		expect(result.credentials.tokenUpdates).toHaveLength(1);
		expect(result.items[0].json.status).toBe('success');
	});

	it('retries a 429 and sends exactly one mail', async () => {
		emulator().addFault({
			path: '/crm/v8/',
			status: 429,
			body: { code: 'TOO_MANY_REQUESTS', details: {}, message: 'API requests for the 24-hour period exceeded', status: 'error' },
			times: 1,
		});
		const result = await run();
		expect(result.error).toBeUndefined();
		expect(raw().map((r) => r.path)).toEqual([SEND('Contacts', SEED.maclead), SEND('Contacts', SEED.maclead)]);
		expect(sendMails()).toHaveLength(1);
	});

	it('reports a 500 on send without retrying it, so nobody is mailed twice', async () => {
		emulator().addFault({ path: '/crm/v8/', status: 500, body: { code: 'INTERNAL_ERROR', details: {}, message: 'Internal Server Error', status: 'error' }, times: 1 });
		const result = await run();
		expect(result.error?.message).toBe('Zoho CRM could not send the email: Zoho had an internal error');
		expect(raw()).toHaveLength(1);
		expect(sendMails()).toHaveLength(0);
	});

	it('surfaces a Zoho error inside an HTTP 200 with its code and the item index', async () => {
		emulator().addFault({
			path: SEND('Contacts', SEED.sage),
			status: 200,
			body: { data: [{ code: 'INVALID_DATA', details: { api_name: 'from', json_path: '$.data[0].from' }, message: 'invalid data', status: 'error' }] },
			times: 1,
		});
		const result = await run({ recordId: rl('id', '={{ $json.record }}') }, [{ record: SEED.maclead }, { record: SEED.sage }]);
		expect(result.error?.message).toBe('Zoho CRM could not send the email: Zoho rejected a value (field "from")');
		expect(result.error?.description).toContain('Zoho code: INVALID_DATA');
		expect((result.error as unknown as { context: { itemIndex: number } }).context.itemIndex).toBe(1);
	});

	it('with Continue On Fail reports the bad item and sends the others', async () => {
		const result = await run({ to: '={{ $json.to }}' }, [{ to: 'a@example.com' }, { to: 'not-an-address' }, { to: 'Ana <ana@example.com>' }], true);
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => [i.pairedItem, i.json.status ?? i.json.error])).toEqual([
			[{ item: 0 }, 'success'],
			[{ item: 1 }, '"To" has an invalid email address: not-an-address'],
			[{ item: 2 }, 'success'],
		]);
		expect(sendMails().map((m: IDataObject) => (m.payload as { to: IDataObject[] }).to[0].email).sort()).toEqual(['a@example.com', 'ana@example.com']);
	});

	it('never puts a token into an error message or description', async () => {
		const credential = emulatorCredential(emulator());
		const tokens = credential.oauthTokenData as { access_token: string; refresh_token: string };
		const body = { code: 'INVALID_TOKEN', details: {}, message: 'invalid oauth token', status: 'error' };
		emulator().addFault({ path: '/crm/v8/', status: 401, body, times: 2 });
		const unauthorized = await runZohoNode({ parameters: params(), credential });
		emulator().addFault({ path: '/crm/v8/', status: 500, body: { code: 'INTERNAL_ERROR', details: {}, message: 'x', status: 'error' }, times: 1 });
		const failed = await runZohoNode({ parameters: params(), credential });
		for (const result of [unauthorized, failed]) {
			expect(result.error).toBeDefined();
			const text = `${result.error?.message} ${result.error?.description} ${JSON.stringify(result.error)}`;
			expect(text).not.toContain(tokens.access_token);
			expect(text).not.toContain(tokens.refresh_token);
			expect(text).not.toContain(emulator().clientSecret);
		}
		expect(unauthorized.error?.message).toBe('Zoho CRM could not send the email: Zoho rejected the access token');
	});

	it('uploads two binary files in one call and sends their IDs as attachments', async () => {
		const files = [
			{ property: 'data', fileName: 'report.csv', mimeType: 'text/csv', content: 'a,b\n1,2' },
			{ property: 'invoice', fileName: 'invoice.txt', mimeType: 'text/plain', content: 'invoice 42' },
		];
		const result = await runWorkflow(binaryWorkflow([{ files }], params({ additionalFields: { binaryPropertyNames: 'data,invoice' } })), emulatorCredential(emulator()));
		expect(result.error).toBeUndefined();
		expect(raw().map((r) => [r.method, r.path])).toEqual([
			['POST', '/crm/v8/files'],
			['POST', SEND('Contacts', SEED.maclead)],
		]);
		const stored = emulator().data.crm.files() as Array<{ id: string; name: string; size: number }>;
		expect(stored.map((f) => [f.name, f.size])).toEqual([
			['report.csv', 7],
			['invoice.txt', 10],
		]);
		const mail = (crmRequests(emulator())[1].body as { data: IDataObject[] }).data[0];
		expect(mail.attachments).toEqual(stored.map((f) => ({ id: f.id })));
		expect(result.output['Zoho Email']).toEqual([
			{
				json: {
					message_id: raw()[1].response?.data[0].details.message_id,
					status: 'success',
					code: 'SUCCESS',
					message: 'Your mail has been sent successfully.',
					scheduled: false,
					module: 'Contacts',
					record_id: SEED.maclead,
					attachments: stored.map((f) => ({ id: f.id })),
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	it('refuses 11 MB of attachments before any request, naming the item and property', async () => {
		const sixMb = 'x'.repeat(6 * 1024 * 1024);
		const files = [
			{ property: 'data', fileName: 'a.bin', mimeType: 'application/octet-stream', content: sixMb },
			{ property: 'more', fileName: 'b.bin', mimeType: 'application/octet-stream', content: sixMb.slice(0, 5 * 1024 * 1024) },
		];
		const result = await runWorkflow(binaryWorkflow([{ files }], params({ additionalFields: { binaryPropertyNames: 'data, more' } })), emulatorCredential(emulator()));
		expect(result.error?.message).toBe('The attachments of item 0 exceed 10 MB in total');
		expect(result.error?.description).toContain('binary property "more"');
		expect(emulator().requests()).toEqual([]);
	});

	it('embeds inline images with Zoho\'s send_mail image link', async () => {
		const files = [{ property: 'logo', fileName: 'logo.png', mimeType: 'image/png', content: 'png' }];
		const parameters = params({ content: '<p><img alt="logo" src="cid:logo"></p>', additionalFields: { inlineImages: 'logo' } });
		const result = await runWorkflow(binaryWorkflow([{ files }], parameters), emulatorCredential(emulator()));
		expect(result.error).toBeUndefined();
		expect(crmRequests(emulator()).map((r) => [r.path, r.query])).toEqual([
			['/crm/v8/files', { type: 'inline' }],
			[SEND('Contacts', SEED.maclead), {}],
		]);
		const id = (emulator().data.crm.files() as Array<{ id: string }>)[0].id;
		const mail = (crmRequests(emulator())[1].body as { data: IDataObject[] }).data[0];
		expect(mail.content).toBe(`<p><img alt="logo" src="${emulator().url}/crm/viewInLineImage?fileContent=${id}"></p>`);
		expect(mail.attachments).toBeUndefined();
	});

	it('refuses an Opted-Out record with Zoho\'s NO_PERMISSION', async () => {
		const result = await run({ recordId: rl('id', SEED.leota) });
		expect(result.error?.message).toBe('Zoho CRM could not send the email: permission denied');
		expect(result.error?.description).toContain('Email Opt Out');
	});
});

describe('CRM email: Send errors (seed 001)', () => {
	const API = 'https://www.zohoapis.com';
	const PATH = SEND('Leads', SEED.kris);
	afterEach(() => nock.cleanAll());

	it.each([
		[400, 'MANDATORY_NOT_FOUND', 'a required field is missing'],
		[400, 'LIMIT_EXCEEDED', 'the daily email limit of your Zoho edition has been reached'],
		[400, 'NOT_ALLOWED', 'Zoho does not allow this email'],
		[400, 'INVALID_DATA', 'Zoho rejected a value'],
		[400, 'FILE_SIZE_EXCEEDS', "the attachments exceed Zoho's 10 MB limit per email"],
		[400, 'CUSTOM_ERROR', "Zoho could not connect to the sender's mail server (SMTP)"],
		[400, 'FEATURE_NOT_SUPPORTED', 'your Zoho edition does not support this'],
		[400, 'RECORD_LOCKED', 'the record is locked'],
		[403, 'NO_PERMISSION', 'permission denied'],
	])('maps HTTP %i %s', async (status, code, words) => {
		const scope = nock(API).post(PATH).once().reply(status, { data: [{ code, details: {}, message: 'zoho text', status: 'error' }] });
		const result = await runZohoNode({ parameters: params({}, 'Leads', SEED.kris), credential: usCredential() });
		expect(result.error?.message).toBe(`Zoho CRM could not send the email: ${words}`);
		expect(result.error?.description).toContain('Zoho message: zoho text');
		expect(scope.isDone()).toBe(true);
	});

	it.each([
		['VIRUS_DETECTED', 'Zoho found a virus in the attachment'],
		['failure_in_attachment_handling', 'Zoho could not process the attachment'],
		['FILE_SIZE_MORE_THAN_ALLOWED_SIZE', "a file exceeds Zoho's 20 MB upload limit"],
		['AUTHORIZATION_FAILED', 'Zoho refused to store the file'],
	])('maps the upload error %s and sends nothing', async (code, words) => {
		const scope = nock(API).post('/crm/v8/files').reply(400, { data: [{ code, details: {}, message: 'zoho text', status: 'error' }] });
		const files = [{ property: 'data', fileName: 'a.txt', mimeType: 'text/plain', content: 'a' }];
		const result = await runWorkflow(binaryWorkflow([{ files }], params({ additionalFields: { binaryPropertyNames: 'data' } }, 'Leads', SEED.kris)), usCredential());
		expect(result.error?.message).toBe(`Zoho CRM could not upload the attachments: ${words}`);
		expect(scope.isDone()).toBe(true);
	});
});
