import nock from 'nock';
import type { ICredentialDataDecryptedObject, INodeParameters } from 'n8n-workflow';

import { runZohoNode } from '../harness/engine';
import { crmSendParameters, fakeToken } from '../harness/fixtures';
import { hostileServer } from '../harness/hostile-server';

type HostileServer = Awaited<ReturnType<typeof hostileServer>>;
type ServerResponse = Parameters<HostileServer['handler']>[1];

const RECORD = '3652397000000624001';
const EMAILS_PATH = `/crm/v8/Contacts/${RECORD}/Emails`;
const SEND_PATH = `/crm/v8/Contacts/${RECORD}/actions/send_mail`;
const TOKEN = fakeToken('redirect-test-token');

const rl = (mode: string, value: string) => ({ __rl: true, mode, value });
const listParameters: INodeParameters = { resource: 'crmEmail', operation: 'list', module: rl('name', 'Contacts'), recordId: rl('id', RECORD), returnAll: false, limit: 5 };
const sendParameters: INodeParameters = crmSendParameters();

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
	res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
	res.end(JSON.stringify(body));
}

function redirect(res: ServerResponse, status: number, location: string) {
	res.writeHead(status, { Location: location, 'Content-Length': '0' });
	res.end();
}

/**
 * Two origins on loopback: `api` is the credential's Custom API URL, `other` is another host that a
 * hostile or broken answer points to. The node runs through n8n-core's real HTTP helpers.
 */
describe('redirects: the token never leaves the API host', () => {
	let api: HostileServer;
	let other: HostileServer;
	const credential = (): ICredentialDataDecryptedObject => ({
		clientId: 'client-id',
		clientSecret: 'client-secret',
		dataCenter: 'custom',
		customAccountsUrl: api.url,
		customApiUrl: api.url,
		products: ['crm'],
		oauthTokenData: { access_token: TOKEN, refresh_token: fakeToken('redirect-refresh'), api_domain: api.url, token_type: 'Bearer', expires_in: 3600 },
	});

	beforeAll(async () => {
		nock.disableNetConnect();
		nock.enableNetConnect('127.0.0.1');
		api = await hostileServer();
		other = await hostileServer();
		other.handler = (_q, res) => json(res, 200, { data: [{ code: 'SUCCESS', details: { message_id: 'other-host-id' }, message: 'sent', status: 'success' }], Emails: [] });
	});
	beforeEach(() => {
		api.received.length = 0;
		other.received.length = 0;
	});
	afterAll(async () => {
		await api.close();
		await other.close();
		nock.enableNetConnect();
	});

	it.each([301, 302, 303, 307, 308])('a read redirected (%i) to another origin fails and the other host receives nothing', async (status) => {
		api.handler = (_q, res) => redirect(res, status, `${other.url}/x`);
		const result = await runZohoNode({ parameters: listParameters, credential: credential(), continueOnFail: true });
		expect(other.received).toEqual([]);
		expect(api.received).toHaveLength(1);
		expect(api.received[0].authorization).toBe(`Bearer ${TOKEN}`);
		expect(result.items).toEqual([
			{
				json: {
					error: `Zoho CRM could not get the emails of the record: Zoho's answer redirected the request to another host (${other.url}); it was not followed, so that the access token stays with ${api.url}`,
					description: `HTTP status: ${status}\nCheck the data center and the API URL of the credential.`,
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	it('a 307 on send_mail is not re-sent to another origin: the item says the email was not sent', async () => {
		api.handler = (_q, res) => redirect(res, 307, `${other.url}/crm/v8/Contacts/${RECORD}/actions/send_mail`);
		const result = await runZohoNode({ parameters: sendParameters, credential: credential(), continueOnFail: true });
		expect(other.received).toEqual([]);
		expect(api.received.map((r) => [r.method, r.path])).toEqual([['POST', SEND_PATH]]);
		expect(result.items).toEqual([
			{
				json: {
					error: `Zoho CRM could not send the email: Zoho's answer redirected the request to another host (${other.url}); it was not followed, so that the access token stays with ${api.url}`,
					description: 'HTTP status: 307\nThe email was not sent: the answer asked for it to be sent again elsewhere, which the node does not do.',
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	it('a 302 after a send is not followed and the item says the email may or may not have gone out', async () => {
		api.handler = (_q, res) => redirect(res, 302, `${api.url}/elsewhere`);
		const result = await runZohoNode({ parameters: sendParameters, credential: credential(), continueOnFail: true });
		expect(api.received.map((r) => [r.method, r.path])).toEqual([['POST', SEND_PATH]]);
		expect(result.items[0].json).toEqual({
			error: 'Zoho CRM could not send the email: Zoho answered with a redirect (HTTP 302) that is not followed for this request',
			description: expect.stringContaining('HTTP status: 302\nThe email may or may not have gone out'),
		});
		expect(result.items[0].json.message_id).toBeUndefined();
	});

	it('a read redirected on the same API host is followed, signed, and returns the emails', async () => {
		api.handler = (req, res) => {
			if (req.url?.startsWith(EMAILS_PATH)) return redirect(res, 302, '/moved/emails?page=1');
			return json(res, 200, { Emails: [{ message_id: 'm-1', subject: 'Moved' }], info: { count: 1, next_index: null, prev_index: null, per_page: 5 } });
		};
		const result = await runZohoNode({ parameters: listParameters, credential: credential(), continueOnFail: true });
		expect(api.received.map((r) => [r.path.split('?')[0], r.authorization])).toEqual([
			[EMAILS_PATH, `Bearer ${TOKEN}`],
			['/moved/emails', `Bearer ${TOKEN}`],
		]);
		expect(api.received[1].path).toBe('/moved/emails?page=1');
		expect(result.items.map((i) => [i.json.id, i.json.subject])).toEqual([['m-1', 'Moved']]);
		expect(other.received).toEqual([]);
	});

	it('a redirect loop on the same host ends after five hops with a clear error', async () => {
		api.handler = (_q, res) => redirect(res, 302, '/again');
		const result = await runZohoNode({ parameters: listParameters, credential: credential(), continueOnFail: true });
		expect(api.received).toHaveLength(6);
		expect(result.items[0].json.error).toBe('Zoho CRM could not get the emails of the record: Zoho redirected the request more than 5 times');
	});
});
