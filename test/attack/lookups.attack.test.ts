/**
 * Attacks on the lookups an execution of the action node keeps, failures included
 * (transport/perExecution.ts): each failed item's error names its item, items that did not need the
 * lookup still send, Zoho is asked once per execution and again in the next one, and no token leaks.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import nock from 'nock';

import { ZohoEmail } from '../../nodes/ZohoEmail/ZohoEmail.node';
import { runWorkflow, runZohoNode, sharedCredentials, zohoWorkflow } from '../harness/engine';
import { crmSendParameters, fakeToken, usCredential } from '../harness/fixtures';
import { registerNodeType } from '../harness/nodeTypes';

const API = 'https://www.zohoapis.com';
const CONTACT = '3652397000000624001';
const SEND_PATH = `/crm/v8/Contacts/${CONTACT}/actions/send_mail`;
const QUOTE_SEND_PATH = `/crm/v8/Quotes/${CONTACT}/actions/send_mail`;
const TEMPLATE_PATH = '/crm/v8/settings/inventory_templates/4000000000001';
const FROM_PATH = '/crm/v8/settings/emails/actions/from_addresses';
const GIVEN = 'Patricia Boyle <p.boyle@example.com>';
const TOOL_TYPE = 'n8n-nodes-zoho-email.zohoEmailTool';
registerNodeType(TOOL_TYPE, new ZohoEmail());

const sent = { data: [{ code: 'SUCCESS', details: { message_id: 'm1' }, message: 'Your mail has been sent successfully.', status: 'success' }] };
const refusedSenders = { code: 'NO_PERMISSION', details: {}, message: 'permission denied', status: 'error' };
const senders = { from_addresses: [{ user_name: 'Primary Sender', type: 'primary', email: 'primary@example.com', default: true }] };

/** CRM Send with From left empty: every item needs the primary sender, looked up. */
function parameters(requestsInFlight: number): INodeParameters {
	return crmSendParameters({ from: { __rl: true, mode: 'address', value: '' }, performance: { requestsInFlight } });
}

/** CRM Send of a Quote, From given, with each item's inventory template (`tpl`; empty: none, no lookup). */
function templateParameters(requestsInFlight: number): INodeParameters {
	return crmSendParameters({
		module: { __rl: true, mode: 'name', value: 'Quotes' },
		additionalFields: { inventoryTemplateId: '={{ $json.tpl }}' },
		performance: { requestsInFlight },
	});
}

type Sent = { from?: IDataObject };

/** Answers every send_mail with success and records each body's sender. */
function acceptSends(scope: nock.Scope, bodies: Sent[], path = SEND_PATH): nock.Scope {
	return scope
		.post(path, (body: { data: Sent[] }) => {
			bodies.push(body.data[0]);
			return true;
		})
		.times(10)
		.reply(200, sent);
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

/** Answers the inventory template read with Zoho's refusal, counting the reads. */
function refuseTemplate(counter: { lookups: number }): nock.Scope {
	return nock(API)
		.get(TEMPLATE_PATH)
		.times(5)
		.reply(() => {
			counter.lookups++;
			return [403, refusedSenders];
		});
}

const TPL = '4000000000001';

describe.each([1, 10])('attack: a failed template lookup, Requests in Flight %i, Continue On Fail', (inFlight) => {
	it('asks Zoho once; the items that need it fail, each on its own; the item without a template still sends', async () => {
		const counter = { lookups: 0 };
		const bodies: Sent[] = [];
		acceptSends(refuseTemplate(counter), bodies, QUOTE_SEND_PATH);
		const { items } = await runZohoNode({
			parameters: templateParameters(inFlight),
			items: [{ tpl: TPL }, { tpl: '' }, { tpl: TPL }, { tpl: TPL }],
			credential: usCredential(),
			continueOnFail: true,
		});
		expect(counter.lookups).toBe(1);
		expect(bodies).toEqual([expect.objectContaining({ from: { user_name: 'Patricia Boyle', email: 'p.boyle@example.com' } })]);
		expect(bodies[0]).not.toHaveProperty('inventory_details');
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
		expect(items[1].json).toMatchObject({ code: 'SUCCESS' });
		const first = items[0].json;
		expect(first.error).toEqual(expect.stringContaining('inventory template'));
		// Every failed item reports the same failure in the same words.
		expect(items[2].json).toEqual(first);
		expect(items[3].json).toEqual(first);
	});
});

describe('attack: the thrown error names the first failed item (no Continue On Fail)', () => {
	it.each([1, 10])('Requests in Flight %i: item 1 fails, item 0 sent once', async (inFlight) => {
		const counter = { lookups: 0 };
		const bodies: Sent[] = [];
		acceptSends(refuseTemplate(counter), bodies, QUOTE_SEND_PATH);
		const { error, items } = await runZohoNode({
			parameters: templateParameters(inFlight),
			items: [{ tpl: '' }, { tpl: TPL }, { tpl: TPL }],
			credential: usCredential(),
		});
		expect(items).toEqual([]);
		expect(counter.lookups).toBe(1);
		expect(bodies).toHaveLength(1);
		expect((error as { context?: IDataObject } | undefined)?.context?.itemIndex).toBe(1);
	});

	it('Requests in Flight 10: items 0 and 1 need the failed sender lookup; the thrown error names item 0', async () => {
		nock(API).get(FROM_PATH).times(5).reply(403, refusedSenders);
		const { error } = await runZohoNode({ parameters: parameters(10), items: [{}, {}], credential: usCredential() });
		expect((error as { context?: IDataObject } | undefined)?.context?.itemIndex).toBe(0);
		expect(error?.message).toEqual(expect.stringContaining('sender addresses'));
	});
});

describe('attack: as an AI agent tool, every failed item gets the same advice', () => {
	it('the later items are told what to change, as the first one is', async () => {
		nock(API).get(FROM_PATH).times(5).reply(403, refusedSenders);
		const workflow = zohoWorkflow({
			parameters: parameters(10),
			items: [{ from: '' }, { from: '' }, { from: '' }],
			continueOnFail: true,
		});
		workflow.nodes[1] = { ...workflow.nodes[1], type: TOOL_TYPE };
		const result = await runWorkflow(workflow, usCredential());
		const items = result.output['Zoho Email'] ?? [];
		expect(items).toHaveLength(3);
		const first = items[0].json.error as string;
		expect(first).toMatch(/; do not retry/);
		expect(items.map((item) => item.json.error)).toEqual([first, first, first]);
	});
});

describe('attack: a new execution asks Zoho again', () => {
	it('a lookup refused in one execution is read again in the next, whose send uses the primary sender', async () => {
		const credentials = sharedCredentials();
		const counter = { lookups: 0 };
		nock(API)
			.get(FROM_PATH)
			.times(5)
			.reply(() => {
				counter.lookups++;
				return [403, refusedSenders];
			});
		const failed = await runZohoNode({ parameters: parameters(10), items: [{}, {}], credential: usCredential(), credentials, continueOnFail: true });
		expect(failed.items.map((item) => typeof item.json.error)).toEqual(['string', 'string']);
		expect(counter.lookups).toBe(1);
		nock.cleanAll();
		const bodies: Sent[] = [];
		acceptSends(
			nock(API)
				.get(FROM_PATH)
				.times(5)
				.reply(() => {
					counter.lookups++;
					return [200, senders];
				}),
			bodies,
		);
		const next = await runZohoNode({ parameters: parameters(10), items: [{}, {}], credential: usCredential(), credentials });
		expect(next.error).toBeUndefined();
		expect(counter.lookups).toBe(2);
		expect(bodies.map((b) => b.from)).toEqual([
			{ user_name: 'Primary Sender', email: 'primary@example.com' },
			{ user_name: 'Primary Sender', email: 'primary@example.com' },
		]);
	});
});

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
