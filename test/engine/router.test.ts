import nock from 'nock';
import type { INodeParameters } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { runZohoNode } from '../harness/engine';
import { crmSendParameters, usCredential } from '../harness/fixtures';

const API = 'https://www.zohoapis.com';
const SEND = /\/crm\/v8\/Contacts\/\d+\/actions\/send_mail/;

function parameters(requestsInFlight?: number): INodeParameters {
	return crmSendParameters({
		recordId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
		to: '={{ $json.to }}',
		...(requestsInFlight ? { performance: { requestsInFlight } } : {}),
	});
}

const items = (n: number) => Array.from({ length: n }, (_, k) => ({ id: `36523970000006240${String(k).padStart(2, '0')}`, to: `c${k}@example.com` }));

/**
 * A fake Zoho that counts requests in flight and, above `limit`, answers 429. With `holdUntil`, an answer
 * also waits (up to 5 s) until that many requests were open at once, so a loaded machine that answers
 * the first requests before the router opens the others cannot hide the router's concurrency.
 */
function fakeZoho(limit: number, latencyMs: number, holdUntil = 0) {
	const state = { inFlight: 0, peak: 0, sent: [] as string[], rejected: 0 };
	nock(API)
		.persist()
		.post(SEND)
		.reply(function (_uri, body, callback) {
			if (state.inFlight >= limit) {
				state.rejected++;
				callback(null, [429, { code: 'TOO_MANY_REQUESTS', details: {}, message: 'concurrency limit', status: 'error' }, { 'Retry-After': '0' }]);
				return;
			}
			state.inFlight++;
			state.peak = Math.max(state.peak, state.inFlight);
			const to = ((body as { data: Array<{ to: Array<{ email: string }> }> }).data[0].to[0].email);
			const held = async () => {
				for (let waited = 0; state.peak < holdUntil && waited < 5000; waited += 10) await sleep(10);
				await sleep(latencyMs);
			};
			void held().then(() => {
				state.inFlight--;
				state.sent.push(to);
				callback(null, [200, { data: [{ code: 'SUCCESS', details: { message_id: `m-${to}` }, message: 'Your mail has been sent successfully.', status: 'success' }] }]);
			});
		});
	return state;
}

describe('router: items in flight', () => {
	beforeAll(() => nock.disableNetConnect());
	afterEach(() => nock.cleanAll());
	afterAll(() => nock.enableNetConnect());

	it('keeps at most "Requests in Flight" requests open and outputs items in input order', async () => {
		// Answers take long enough for every start (spaced a few event-loop turns apart) to be in flight.
		const zoho = fakeZoho(100, 150, 4);
		const result = await runZohoNode({ parameters: parameters(4), items: items(12), credential: usCredential() });
		expect(result.error).toBeUndefined();
		expect(zoho.peak).toBe(4);
		expect(result.items.map((i) => [i.json.message_id, i.pairedItem])).toEqual(items(12).map((it, k) => [`m-${it.to}`, { item: k }]));
	});

	it('defaults to 10 in flight', async () => {
		const zoho = fakeZoho(100, 150, 10);
		await runZohoNode({ parameters: parameters(), items: items(14), credential: usCredential() });
		expect(zoho.peak).toBe(10);
	});

	it('backs off when Zoho says too many requests, and sends every email exactly once', async () => {
		const zoho = fakeZoho(2, 15);
		const result = await runZohoNode({ parameters: parameters(8), items: items(16), credential: usCredential() });
		expect(result.error).toBeUndefined();
		expect(zoho.rejected).toBeGreaterThan(0);
		expect([...zoho.sent].sort()).toEqual(items(16).map((i) => i.to).sort());
		expect(result.items).toHaveLength(16);
	});

	it('stops starting items after a failure and reports the failing item', async () => {
		let calls = 0;
		nock(API)
			.persist()
			.post(SEND)
			.reply(() => {
				calls++;
				return calls === 2
					? [400, { data: [{ code: 'INVALID_DATA', details: { api_name: 'to' }, message: 'invalid data', status: 'error' }] }]
					: [200, { data: [{ code: 'SUCCESS', details: { message_id: 'm' }, message: 'ok', status: 'success' }] }];
			});
		const result = await runZohoNode({ parameters: parameters(1), items: items(6), credential: usCredential() });
		expect(result.error?.message).toBe('Zoho CRM could not send the email: Zoho rejected a value (field "to")');
		expect((result.error as unknown as { context: { itemIndex: number } }).context.itemIndex).toBe(1);
		expect(calls).toBe(2);
	});

	it('with Continue On Fail, reports the bad item and sends the others', async () => {
		const zoho = fakeZoho(100, 5);
		const input = items(3);
		input[1].to = 'not-an-address';
		const result = await runZohoNode({ parameters: parameters(), items: input, credential: usCredential(), continueOnFail: true });
		expect(result.error).toBeUndefined();
		expect(zoho.sent.sort()).toEqual(['c0@example.com', 'c2@example.com']);
		expect(result.items[1]).toEqual({
			json: {
				error: '"To" has an invalid email address: not-an-address',
				description: 'Use "name@example.com" or "Name <name@example.com>", separated by commas (item 1).',
			},
			pairedItem: { item: 1 },
		});
		expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});
});

describe('router: a resource or operation is one of the node\'s own, never a name every object inherits', () => {
	it.each([
		['crmEmail', 'toString', 'The operation "toString" is not supported for "crmEmail"'],
		['crmEmail', 'constructor', 'The operation "constructor" is not supported for "crmEmail"'],
		['booksEmail', 'hasOwnProperty', 'The operation "hasOwnProperty" is not supported for "booksEmail"'],
	])('%s / %s is refused in words, before any request', async (resource, operation, message) => {
		const result = await runZohoNode({ parameters: { resource, operation }, credential: usCredential(), continueOnFail: true });
		expect(result.items).toEqual([{ json: { error: message }, pairedItem: { item: 0 } }]);
	});
});
