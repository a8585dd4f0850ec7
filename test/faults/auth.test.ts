import nock from 'nock';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { refusedConnection } from '../../nodes/ZohoEmail/transport/auth';
import { runZohoNode } from '../harness/engine';
import { crmSendParameters, fakeToken, usCredential } from '../harness/fixtures';

const API = 'https://www.zohoapis.com';
const ACCOUNTS = 'https://accounts.zoho.com';
const RECORD = '3652397000000624001';
const SEND_PATH = `/crm/v8/Contacts/${RECORD}/actions/send_mail`;
const EMAILS_PATH = `/crm/v8/Contacts/${RECORD}/Emails`;
const EXPIRED = { code: 'INVALID_TOKEN', details: {}, message: 'invalid oauth token', status: 'error' };
const NOTHING_SENT = 'Nothing was sent: Zoho had answered 401 (the access token has expired) and the request was not repeated.';

const rl = (mode: string, value: string) => ({ __rl: true, mode, value });
const send: INodeParameters = crmSendParameters();
const list: INodeParameters = { resource: 'crmEmail', operation: 'list', module: rl('name', 'Contacts'), recordId: rl('id', RECORD), returnAll: false, limit: 5 };

/** Every token-endpoint request, counted. */
function tokenEndpoint() {
	const calls: string[] = [];
	const scope = nock(ACCOUNTS).post('/oauth/v2/token', (body) => {
		calls.push(JSON.stringify(body));
		return true;
	});
	return { scope, calls };
}

describe('fault injection: auth failures are reported as auth failures', () => {
	beforeAll(() => nock.disableNetConnect());
	afterEach(() => nock.cleanAll());
	afterAll(() => nock.enableNetConnect());

	it.each([
		[
			'refuses the renewal (400 invalid_client)',
			(t: ReturnType<typeof tokenEndpoint>) => t.scope.reply(400, { error: 'invalid_client' }),
			'Zoho refused to renew the access token (invalid_client)',
			`${NOTHING_SENT} Reconnect the credential (check the client secret and the data center).`,
			1,
		],
		[
			'answers the throttle inside HTTP 200 (Access Denied)',
			(t: ReturnType<typeof tokenEndpoint>) =>
				t.scope.reply(200, { error_description: 'Token creation throttle limit reached. Please reuse the valid tokens you currently have.', error: 'Access Denied' }),
			'Zoho refused to renew the access token (Access Denied)',
			`${NOTHING_SENT} Zoho allows 10 token requests per 10 minutes per connection and that limit was reached: wait 10 minutes, then run again.`,
			2,
		],
		[
			'resets the connection',
			(t: ReturnType<typeof tokenEndpoint>) => t.scope.replyWithError({ code: 'ECONNRESET', message: 'socket hang up' }),
			"the access token could not be renewed (Zoho's accounts server did not give a token)",
			`Network error: ECONNRESET. ${NOTHING_SENT} Try again later; if this persists, reconnect the credential.`,
			1,
		],
		[
			'answers 503',
			(t: ReturnType<typeof tokenEndpoint>) => t.scope.reply(503, 'unavailable'),
			"the access token could not be renewed (Zoho's accounts server did not give a token)",
			`HTTP status of the accounts server: 503. ${NOTHING_SENT} Try again later; if this persists, reconnect the credential.`,
			1,
		],
	])('expired token on a send, the token endpoint %s: the item says so and that nothing was sent', async (_title, tokenAnswer, words, description, sends) => {
		// In the throttle case n8n keeps the old token and repeats the request once; Zoho refuses it again.
		let apiCalls = 0;
		nock(API)
			.post(SEND_PATH)
			.times(3)
			.reply(() => {
				apiCalls++;
				return [401, EXPIRED];
			});
		const token = tokenEndpoint();
		tokenAnswer(token);
		const result = await runZohoNode({ parameters: send, credential: usCredential(), continueOnFail: true });
		expect(result.items).toEqual([{ json: { error: `Zoho CRM could not send the email: ${words}`, description }, pairedItem: { item: 0 } }]);
		expect(token.calls).toHaveLength(1);
		expect(apiCalls).toBe(sends);
	});

	it('a read whose renewal failed is not retried, and later items do not renew again', async () => {
		nock(API).get(EMAILS_PATH).query(true).once().reply(401, EXPIRED);
		const token = tokenEndpoint();
		token.scope.replyWithError({ code: 'ECONNRESET', message: 'socket hang up' });
		const items: IDataObject[] = [{}, {}, {}];
		const result = await runZohoNode({ parameters: { ...list, performance: { requestsInFlight: 1 } }, items, credential: usCredential(), continueOnFail: true });
		expect(token.calls).toHaveLength(1);
		expect(nock.pendingMocks()).toEqual([]);
		expect(result.items.map((i) => [i.pairedItem, i.json.error])).toEqual(
			[0, 1, 2].map((item) => [{ item }, "Zoho CRM could not get the emails of the record: the access token could not be renewed (Zoho's accounts server did not give a token)"]),
		);
		for (const item of result.items) expect(item.json.description).toContain(NOTHING_SENT);
	});

	it('a scope mismatch (401) stays a scope error when the renewal n8n tries for it is throttled', async () => {
		nock(API).post(SEND_PATH).times(2).reply(401, { code: 'OAUTH_SCOPE_MISMATCH', details: {}, message: 'invalid oauth scope to access this URL', status: 'error' });
		tokenEndpoint().scope.reply(200, { error_description: 'Token creation throttle limit reached.', error: 'Access Denied' });
		const result = await runZohoNode({ parameters: send, credential: usCredential(), continueOnFail: true });
		expect(result.items[0].json.error).toBe('Zoho CRM could not send the email: the credential lacks the Zoho permission (OAuth scope) for this request');
	});

	it('a revoked refresh token (invalid_grant) says reconnect and nothing was sent, for every item, with one renewal', async () => {
		let sends = 0;
		nock(API)
			.post(SEND_PATH)
			.times(3)
			.reply(() => {
				sends++;
				return [401, EXPIRED];
			});
		const token = tokenEndpoint();
		token.scope.times(3).reply(400, { error: 'invalid_grant' });
		const result = await runZohoNode({ parameters: { ...send, performance: { requestsInFlight: 1 } }, items: [{}, {}], credential: usCredential(), continueOnFail: true });
		expect(result.items).toEqual(
			[0, 1].map((item) => ({
				json: { error: 'Zoho CRM could not send the email: Zoho refused to renew the access token (invalid_grant)', description: `${NOTHING_SENT} Reconnect the credential.` },
				pairedItem: { item },
			})),
		);
		expect(token.calls).toHaveLength(1);
		expect(sends).toBe(1);
	});

	it.each([
		['invalid_client', 'Zoho refused the connection (invalid_client): check the client secret and the data center, then reconnect'],
		['access_denied', "Zoho refused the connection (access_denied): the access was not granted on Zoho's consent page; reconnect and accept the access the credential asks for"],
		['<script>', 'Zoho refused the connection (error): reconnect the credential'],
	])('token data that is Zoho\'s refusal (%s) fails before any request, in exact words', async (error, message) => {
		const result = await runZohoNode({ parameters: send, credential: usCredential({ oauthTokenData: { error } }), continueOnFail: true });
		expect(result.items).toEqual([
			{
				json: { error: message, description: "The credential holds Zoho's refusal instead of a token, so nothing was sent. Open the credential and click Connect again." },
				pairedItem: { item: 0 },
			},
		]);
	});

	it('recognises refusals only where there is no access token', () => {
		expect(refusedConnection({ oauthTokenData: { error: 'invalid_client' } })).toBe('Zoho refused the connection (invalid_client): check the client secret and the data center, then reconnect');
		expect(refusedConnection({ oauthTokenData: { access_token: fakeToken('ok'), error: 'Access Denied' } })).toBeUndefined();
		expect(refusedConnection({ oauthTokenData: { access_token: fakeToken('ok') } })).toBeUndefined();
		expect(refusedConnection(undefined)).toBeUndefined();
		expect(refusedConnection({ oauthTokenData: { access_token: '', error: 'invalid_code' } })).toBe('Zoho refused the connection (invalid_code): the authorization code was already used or has expired; reconnect');
	});
});
