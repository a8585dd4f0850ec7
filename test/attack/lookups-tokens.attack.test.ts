/**
 * Attacks on the action node's per-execution lookups: a token expiry in the middle, tokens in the kept
 * failure, and an item that joins a lookup another item started.
 */
import type { IDataObject } from 'n8n-workflow';
import nock from 'nock';

import { runWorkflow, runZohoNode, zohoWorkflow } from '../harness/engine';
import { fakeToken, usCredential } from '../harness/fixtures';
import { acceptSends, API, FROM_PATH, parameters, QUOTE_SEND_PATH, type Sent, TEMPLATE_PATH, templateParameters, TOOL_TYPE, TPL } from './lookupsFixtures';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('attack: a token expiry in the middle of the execution', () => {
	it('the lookup that meets the expiry is renewed and read once more; every item sends, once, with the template', async () => {
		const bodies: Sent[] = [];
		const auths: string[] = [];
		let renewals = 0;
		nock('https://accounts.zoho.com')
			.post('/oauth/v2/token')
			.times(3)
			.reply(() => {
				renewals++;
				return [200, { access_token: fakeToken('renewed-access-token'), api_domain: API, token_type: 'Bearer', expires_in: 3600 }];
			});
		const scope = nock(API)
			.get(TEMPLATE_PATH)
			.reply(401, { code: 'INVALID_TOKEN', details: {}, message: 'invalid oauth token', status: 'error' })
			.get(TEMPLATE_PATH)
			.times(3)
			.reply(function () {
				auths.push(String(this.req.headers.authorization));
				return [200, { inventory_templates: [{ id: TPL, name: 'Quote PDF' }] }];
			});
		acceptSends(scope, bodies, QUOTE_SEND_PATH);
		const { items, error } = await runZohoNode({
			parameters: templateParameters(1),
			items: [{ tpl: '' }, { tpl: TPL }, { tpl: TPL }],
			credential: usCredential(),
		});
		expect(error).toBeUndefined();
		expect(renewals).toBe(1);
		expect(auths).toEqual([`Bearer ${fakeToken('renewed-access-token')}`]);
		expect(bodies).toHaveLength(3);
		expect(bodies.map((b) => (b as IDataObject).inventory_details)).toEqual([
			undefined,
			expect.objectContaining({ inventory_template: { id: TPL, name: 'Quote PDF' } }),
			expect.objectContaining({ inventory_template: { id: TPL, name: 'Quote PDF' } }),
		]);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});
});

describe('attack: no token in the kept failure', () => {
	const token = fakeToken('unit-access-token');
	const echo = { code: 'NO_PERMISSION', details: { token }, message: `permission denied for ${token}`, status: 'error' };

	it('neither the first item nor the items given its copy carry the token (Continue On Fail, as a tool too)', async () => {
		for (const type of ['n8n-nodes-zoho-email.zohoEmail', TOOL_TYPE]) {
			nock(API).get(FROM_PATH).times(5).reply(403, echo);
			const workflow = zohoWorkflow({ parameters: parameters(10), items: [{}, {}, {}], continueOnFail: true });
			workflow.nodes[1] = { ...workflow.nodes[1], type };
			const result = await runWorkflow(workflow, usCredential());
			const items = result.output['Zoho Email'] ?? [];
			expect(items).toHaveLength(3);
			expect(JSON.stringify(items)).not.toContain('unit-access-token');
			nock.cleanAll();
		}
	});

	it('the thrown error of a later item carries no token', async () => {
		nock(API).get(FROM_PATH).times(5).reply(403, echo);
		const bodies: Sent[] = [];
		acceptSends(nock(API), bodies);
		const { error } = await runZohoNode({ parameters: parameters(10), items: [{}, {}], credential: usCredential() });
		expect(error).toBeDefined();
		const e = error as unknown as IDataObject;
		expect(JSON.stringify({ m: e.message, d: e.description, c: e.context, x: e.cause })).not.toContain('unit-access-token');
		expect(bodies).toEqual([]);
	});
});

/** Item 0 reads its inventory template first, so item 1 starts the sender lookup and item 0 joins it. */
async function joinFailingLookup(answer: (scope: nock.Interceptor) => nock.Scope): Promise<IDataObject | undefined> {
	nock(API).get(TEMPLATE_PATH).delay(100).reply(200, { inventory_templates: [{ id: TPL, name: 'Quote PDF' }] });
	answer(nock(API).get(FROM_PATH).delay(400).times(3));
	const bodies: Sent[] = [];
	acceptSends(nock(API), bodies, QUOTE_SEND_PATH);
	const { error } = await runZohoNode({
		parameters: { ...templateParameters(10), from: { __rl: true, mode: 'address', value: '' } },
		items: [{ tpl: TPL }, { tpl: '' }],
		credential: usCredential(),
	});
	expect(bodies).toEqual([]);
	return error as IDataObject | undefined;
}

describe('attack: an item that joins a lookup under way, which fails without an answer from Zoho', () => {
	it("item 0's error names item 0, not the item that started the lookup", async () => {
		const error = await joinFailingLookup((i) => i.replyWithError({ message: 'socket went odd', code: 'odd' }));
		expect(error?.message).toBe('socket went odd');
		expect((error?.context as IDataObject | undefined)?.itemIndex).toBe(0);
	});
});

describe('attack: an item that joins a lookup under way, which Zoho refuses', () => {
	it("item 0's error names item 0 (the Zoho failure is each item's own copy)", async () => {
		const error = await joinFailingLookup((i) => i.reply(403, { code: 'NO_PERMISSION', details: {}, message: 'permission denied', status: 'error' }));
		expect(error?.message).toBe('Zoho CRM could not read your sender addresses: permission denied');
		expect((error?.context as IDataObject | undefined)?.itemIndex).toBe(0);
	});
});

describe('attack: several items wait on a sender lookup that meets a token expiry', () => {
	it('Requests in Flight 10: one renewal, the lookup read once more, every item sends once from the primary sender', async () => {
		let renewals = 0;
		const lookups: string[] = [];
		nock('https://accounts.zoho.com')
			.post('/oauth/v2/token')
			.times(3)
			.reply(() => {
				renewals++;
				return [200, { access_token: fakeToken('renewed-access-token'), api_domain: API, token_type: 'Bearer', expires_in: 3600 }];
			});
		const bodies: Sent[] = [];
		const scope = nock(API)
			.get(FROM_PATH)
			.delay(50)
			.reply(function () {
				lookups.push(String(this.req.headers.authorization));
				return [401, { code: 'INVALID_TOKEN', details: {}, message: 'invalid oauth token', status: 'error' }];
			})
			.get(FROM_PATH)
			.times(4)
			.reply(function () {
				lookups.push(String(this.req.headers.authorization));
				return [200, { from_addresses: [{ user_name: 'Primary Sender', type: 'primary', email: 'primary@example.com', default: true }] }];
			});
		acceptSends(scope, bodies);
		const { items, error } = await runZohoNode({ parameters: parameters(10), items: [{}, {}, {}], credential: usCredential() });
		expect(error).toBeUndefined();
		expect(renewals).toBe(1);
		expect(lookups).toEqual([`Bearer ${fakeToken('unit-access-token')}`, `Bearer ${fakeToken('renewed-access-token')}`]);
		expect(bodies.map((b) => b.from)).toEqual(new Array(3).fill({ user_name: 'Primary Sender', email: 'primary@example.com' }));
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});
});

describe('attack: a token renewal that fails in the middle of the execution', () => {
	it('the lookup fails, the next item does not send with the dead token, Zoho accounts is asked once, and no token is shown', async () => {
		let renewals = 0;
		nock('https://accounts.zoho.com')
			.post('/oauth/v2/token')
			.times(3)
			.reply(() => {
				renewals++;
				return [400, { error: 'invalid_code' }];
			});
		let lookups = 0;
		const bodies: Sent[] = [];
		const scope = nock(API)
			.get(TEMPLATE_PATH)
			.times(3)
			.reply(() => {
				lookups++;
				return [401, { code: 'INVALID_TOKEN', details: {}, message: 'invalid oauth token', status: 'error' }];
			});
		acceptSends(scope, bodies, QUOTE_SEND_PATH);
		const { items } = await runZohoNode({
			parameters: templateParameters(1),
			items: [{ tpl: TPL }, { tpl: '' }, { tpl: TPL }],
			credential: usCredential(),
			continueOnFail: true,
		});
		expect(renewals).toBe(1);
		expect(lookups).toBe(1);
		expect(bodies).toEqual([]);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items.map((item) => typeof item.json.error)).toEqual(['string', 'string', 'string']);
		expect(JSON.stringify(items)).not.toMatch(/unit-(access|refresh)-token|client-secret/);
	});
});
