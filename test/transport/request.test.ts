import nock from 'nock';

import { zohoRequest } from '../../nodes/ZohoEmail/transport/request';
import { RATE_LIMIT_BUDGET_MS } from '../../nodes/ZohoEmail/transport/waits';
import { RequestGate } from '../../nodes/ZohoEmail/transport/gate';
import { ExecutionScope, withScope } from '../../nodes/ZohoEmail/transport/scope';
import { loadOptions, runZohoNode } from '../harness/engine';
import { crmSendParameters, fakeToken, usCredential } from '../harness/fixtures';

const API = 'https://www.zohoapis.com';
const SEND_PATH = '/crm/v8/Contacts/3652397000000624001/actions/send_mail';
const FROM_PATH = '/crm/v8/settings/emails/actions/from_addresses';
const TOKEN = fakeToken('unit-access-token');

const sendParameters = crmSendParameters();

const sent = { data: [{ code: 'SUCCESS', details: { message_id: 'm1' }, message: 'Your mail has been sent successfully.', status: 'success' }] };

async function send(items = [{}]) {
	return await runZohoNode({ parameters: sendParameters, items, credential: usCredential() });
}

describe('transport', () => {
	beforeAll(() => nock.disableNetConnect());
	afterEach(() => nock.cleanAll());
	afterAll(() => nock.enableNetConnect());

	it('signs with the stored token and sends JSON', async () => {
		const scope = nock(API, { reqheaders: { authorization: `Bearer ${TOKEN}`, 'content-type': /application\/json/ } })
			.post(SEND_PATH)
			.reply(200, sent);
		const result = await send();
		expect(result.error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
	});

	it('retries a 429 after the Retry-After delay and sends once', async () => {
		const scope = nock(API)
			.post(SEND_PATH)
			.reply(429, { code: 'TOO_MANY_REQUESTS', details: {}, message: 'concurrency limit exceeded', status: 'error' }, { 'Retry-After': '0' })
			.post(SEND_PATH)
			.reply(200, sent);
		const result = await send();
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json.message_id)).toEqual(['m1']);
		expect(scope.isDone()).toBe(true);
	});

	it('gives up on 429 after fifteen retries with a clear message', async () => {
		nock(API)
			.post(SEND_PATH)
			.times(16)
			.reply(429, { code: 'TOO_MANY_REQUESTS', details: {}, message: 'concurrency limit exceeded', status: 'error' }, { 'Retry-After': '0' });
		const result = await send();
		expect(result.error?.message).toBe("Zoho CRM could not send the email: Zoho's API limit was reached (daily credits or concurrent requests)");
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('never retries a send on 500', async () => {
		const scope = nock(API).post(SEND_PATH).once().reply(500, { code: 'INTERNAL_ERROR', details: {}, message: 'Internal Server Error', status: 'error' });
		const result = await send();
		expect(scope.isDone()).toBe(true);
		expect(result.error?.message).toBe('Zoho CRM could not send the email: Zoho had an internal error');
		expect(result.error?.description).toContain('The email may or may not have gone out. It was not retried');
		expect((result.error as unknown as { httpCode: string }).httpCode).toBe('500');
	});

	it('never retries a send that timed out, and says the mail may have gone out', async () => {
		nock(API).post(SEND_PATH).replyWithError({ code: 'ECONNRESET', message: 'socket hang up' });
		const result = await send();
		expect(result.error?.message).toBe('Zoho CRM could not send the email: the connection to Zoho was lost before an answer came');
		expect(result.error?.description).toContain('Network error: ECONNRESET');
		expect(result.error?.description).toContain('may or may not have gone out');
	});

	it('retries a read after a 500', async () => {
		const scope = nock(API)
			.get(FROM_PATH)
			.reply(500, { code: 'INTERNAL_ERROR', details: {}, message: 'x', status: 'error' })
			.get(FROM_PATH)
			.reply(200, { from_addresses: [{ user_name: 'Pat', email: 'pat@example.com', type: 'primary', id: null }] });
		const result = await loadOptions('listSearch', 'searchCrmFromAddresses', {}, usCredential());
		expect(result).toEqual({ results: [{ name: 'Pat <pat@example.com> (primary)', value: 'Pat <pat@example.com>' }] });
		expect(scope.isDone()).toBe(true);
	});

	it('surfaces an error inside an HTTP 200 with its code, field and item', async () => {
		nock(API)
			.post(SEND_PATH)
			.reply(200, sent)
			.post(SEND_PATH)
			.reply(200, { data: [{ code: 'INVALID_DATA', details: { api_name: 'from', json_path: '$.data[0].from' }, message: 'invalid data', status: 'error' }] });
		const result = await send([{}, {}]);
		expect(result.error?.message).toBe('Zoho CRM could not send the email: Zoho rejected a value (field "from")');
		expect(result.error?.description).toContain('Zoho code: INVALID_DATA');
		expect(result.error?.description).toContain('Field: from');
		expect((result.error as unknown as { context: { itemIndex: number } }).context.itemIndex).toBe(1);
	});

	it.each([
		[400, 'MANDATORY_NOT_FOUND', 'a required field is missing'],
		[400, 'LIMIT_EXCEEDED', 'the daily email limit of your Zoho edition has been reached'],
		[400, 'NOT_ALLOWED', 'Zoho does not allow this email'],
		[400, 'FILE_SIZE_EXCEEDS', "the attachments exceed Zoho's 10 MB limit per email"],
		[400, 'CUSTOM_ERROR', "Zoho could not connect to the sender's mail server (SMTP)"],
		[400, 'FEATURE_NOT_SUPPORTED', 'your Zoho edition does not support this'],
		[400, 'RECORD_LOCKED', 'the record is locked'],
		[403, 'NO_PERMISSION', 'permission denied'],
		[401, 'OAUTH_SCOPE_MISMATCH', 'the credential lacks the Zoho permission (OAuth scope) for this request'],
		[404, 'INVALID_URL_PATTERN', 'Zoho does not know this URL'],
	])('maps HTTP %i %s to plain words', async (status, code, words) => {
		nock(API).post(SEND_PATH).reply(status, { data: [{ code, details: {}, message: 'zoho text', status: 'error' }] });
		if (status === 401) nock('https://accounts.zoho.com').post('/oauth/v2/token').reply(200, { access_token: fakeToken('new'), api_domain: API, token_type: 'Bearer', expires_in: 3600 });
		if (status === 401) nock(API).post(SEND_PATH).reply(status, { code, details: {}, message: 'zoho text', status: 'error' });
		const result = await send();
		expect(result.error?.message).toBe(`Zoho CRM could not send the email: ${words}`);
		expect(result.error?.description).toContain(`Zoho code: ${code}`);
	});

	it('never puts a token into an error', async () => {
		nock('https://accounts.zoho.com').post('/oauth/v2/token').reply(200, { access_token: fakeToken('refreshed-secret'), api_domain: API, token_type: 'Bearer', expires_in: 3600 });
		nock(API).post(SEND_PATH).twice().reply(401, { code: 'INVALID_TOKEN', details: {}, message: 'invalid oauth token', status: 'error' });
		const result = await send();
		const text = JSON.stringify(result.run.data.resultData);
		expect(result.error?.message).toBe('Zoho CRM could not send the email: Zoho rejected the access token');
		for (const secret of [TOKEN, fakeToken('refreshed-secret'), fakeToken('unit-refresh-token'), 'client-secret']) expect(text).not.toContain(secret);
	});

	it('refreshes an expired token once through the data center accounts server and stores it', async () => {
		let tokenBody = '';
		nock(API).post(SEND_PATH).reply(401, { code: 'INVALID_TOKEN', details: {}, message: 'invalid oauth token', status: 'error' });
		nock('https://accounts.zoho.com')
			.post('/oauth/v2/token', (b) => {
				tokenBody = new URLSearchParams(b as unknown as string).toString() || JSON.stringify(b);
				return true;
			})
			.reply(200, { access_token: fakeToken('fresh'), api_domain: API, token_type: 'Bearer', expires_in: 3600 });
		nock(API, { reqheaders: { authorization: `Bearer ${fakeToken('fresh')}` } }).post(SEND_PATH).reply(200, sent);
		const result = await send();
		expect(result.error).toBeUndefined();
		expect(tokenBody).toContain('grant_type');
		expect(result.credentials.tokenUpdates).toHaveLength(1);
		expect(result.credentials.tokenUpdates[0]).toMatchObject({ access_token: fakeToken('fresh'), refresh_token: fakeToken('unit-refresh-token') });
	});

	it('requires a Books organization before any request', async () => {
		const { zohoRequest } = await import('../../nodes/ZohoEmail/transport/request');
		const ctx = {
			getCredentials: async () => usCredential(),
			getNode: () => ({ name: 'Zoho Email', type: 'x', typeVersion: 1, position: [0, 0], parameters: {} }),
			helpers: { httpRequestWithAuthentication: jest.fn() },
			logger: { debug: jest.fn() },
		};
		await expect(zohoRequest.call(ctx as never, { product: 'books', method: 'GET', path: '/invoices', action: 'list the invoices', itemIndex: 3 })).rejects.toThrow('No Zoho Books organization chosen');
		expect(ctx.helpers.httpRequestWithAuthentication).not.toHaveBeenCalled();
	});
});

describe('what n8n throws', () => {
	it('reads the status and Zoho body from an n8n 1.x NodeApiError (no cause, body in context.data)', async () => {
		const { httpFailureOf } = await import('../../nodes/ZohoEmail/transport/failures');
		const body = { Emails: [{ code: 'DUPLICATE_DATA', details: { api_name: 'original_message_id' }, message: 'duplicate data', status: 'error' }] };
		const n8n1Error = { message: 'Bad request - please check your parameters', httpCode: '400', context: { data: body } };
		expect(httpFailureOf(n8n1Error)).toEqual({ status: 400, body, headers: {} });
	});

	it('reads the status, body and headers from an n8n 2.x NodeApiError (HTTP client error as cause)', async () => {
		const { httpFailureOf } = await import('../../nodes/ZohoEmail/transport/failures');
		const cause = { response: { status: 429, data: { code: 'TOO_MANY_REQUESTS' }, headers: { 'retry-after': '2' } } };
		expect(httpFailureOf({ httpCode: '429', context: {}, cause })).toEqual({ status: 429, body: { code: 'TOO_MANY_REQUESTS' }, headers: { 'retry-after': '2' } });
	});

	it('recognises a network failure by its code', async () => {
		const { httpFailureOf } = await import('../../nodes/ZohoEmail/transport/failures');
		expect(httpFailureOf({ httpCode: 'ECONNRESET', context: {} })).toEqual({ networkCode: 'ECONNRESET' });
	});
});

describe('429 retry budget', () => {
	function contextWith(gate: RequestGate, answers: jest.Mock) {
		return withScope(
			{
				getCredentials: async () => usCredential(),
				getNode: () => ({ id: 'n', name: 'Zoho Email', type: 'x', typeVersion: 1, position: [0, 0], parameters: {} }),
				helpers: { httpRequestWithAuthentication: answers },
				logger: { debug: jest.fn() },
			},
			new ExecutionScope({ gate }),
		);
	}
	const tooMany = () => {
		const error = { response: { status: 429, data: { code: 'TOO_MANY_REQUESTS', details: {}, message: 'limit', status: 'error' }, headers: { 'retry-after': '0' } } };
		return Promise.reject(error);
	};

	it('fails at once when nothing in the execution has succeeded for a whole budget', async () => {
		const gate = new RequestGate(4);
		gate.lastSuccessAt = Date.now() - RATE_LIMIT_BUDGET_MS - 1000;
		const answers = jest.fn(tooMany);
		await expect(
			zohoRequest.call(contextWith(gate, answers) as never, { product: 'crm', method: 'POST', path: '/Leads/1/actions/send_mail', action: 'send the email', kind: 'send' }),
		).rejects.toThrow("Zoho CRM could not send the email: Zoho's API limit was reached");
		expect(answers).toHaveBeenCalledTimes(1);
	});

	it('keeps retrying while the execution makes progress', async () => {
		const gate = new RequestGate(4);
		let calls = 0;
		const answers = jest.fn(async () => {
			calls++;
			if (calls <= 7) return await tooMany();
			return { statusCode: 200, headers: {}, body: { modules: [] } };
		});
		const response = await zohoRequest.call(contextWith(gate, answers) as never, { product: 'crm', method: 'GET', path: '/settings/modules', action: 'list the modules' });
		expect(response.statusCode).toBe(200);
		expect(answers).toHaveBeenCalledTimes(8);
		expect(gate.stats.rateLimited).toBe(7);
	});
});
