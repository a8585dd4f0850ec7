/**
 * Attacks on the lookups an execution of the action node keeps, failures included
 * (transport/perExecution.ts): each failed item's error names its item, items that did not need the
 * lookup still send, Zoho is asked once per execution and again in the next one.
 */
import type { IDataObject } from 'n8n-workflow';
import nock from 'nock';

import { runWorkflow, runZohoNode, sharedCredentials, zohoWorkflow } from '../harness/engine';
import { usCredential } from '../harness/fixtures';
import { acceptSends, API, FROM_PATH, parameters, QUOTE_SEND_PATH, refusedSenders, senders, type Sent, TEMPLATE_PATH, templateParameters, TOOL_TYPE, TPL } from './lookupsFixtures';

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


describe.each([1, 10])('attack: a failed Books organizations list, Requests in Flight %i, Continue On Fail', (inFlight) => {
	it('is asked once; the items with an empty Organization fail on their own; the item with one sends there', async () => {
		const calls: string[] = [];
		nock(API)
			.get('/books/v3/organizations')
			.times(5)
			.reply(() => {
				calls.push('GET /organizations');
				return [400, { code: 2, message: 'Invalid URL Passed' }];
			})
			.post('/books/v3/contacts/460000000026049/email')
			.query(true)
			.times(5)
			.reply(function () {
				calls.push(`POST ${this.req.path}`);
				return [200, { code: 0, message: 'Your email has been sent.' }];
			});
		const { items } = await runZohoNode({
			parameters: {
				resource: 'booksEmail',
				operation: 'emailContact',
				organizationId: { __rl: true, mode: 'id', value: '={{ $json.org }}' },
				contactId: { __rl: true, mode: 'id', value: '460000000026049' },
				to: 'ana@example.com',
				subject: 'Statement',
				content: 'Hello',
				performance: { requestsInFlight: inFlight },
			},
			items: [{ org: '' }, { org: '10234695' }, { org: '' }, { org: '' }],
			credential: usCredential(),
			continueOnFail: true,
		});
		expect(calls).toEqual(['GET /organizations', 'POST /books/v3/contacts/460000000026049/email?organization_id=10234695']);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
		expect(items[1].json).toMatchObject({ organization_id: '10234695', contact_id: '460000000026049' });
		expect(items[0].json.error).toEqual(expect.stringContaining('organizations'));
		expect(items[2].json).toEqual(items[0].json);
		expect(items[3].json).toEqual(items[0].json);
	});
});

describe('attack: an answer without a primary sender is a refusal of each item, not a kept failure', () => {
	it('Zoho is asked once, and each item is refused naming its own item', async () => {
		let lookups = 0;
		nock(API)
			.get(FROM_PATH)
			.times(5)
			.reply(() => {
				lookups++;
				return [200, { from_addresses: [{ user_name: 'P', type: 'imap', email: 'p@example.com', default: false }] }];
			});
		const { items } = await runZohoNode({ parameters: parameters(10), items: [{}, {}, {}], credential: usCredential(), continueOnFail: true });
		expect(lookups).toBe(1);
		expect(items.map((item) => item.json)).toEqual(
			[0, 1, 2].map((i) => ({ error: '"From" is empty and Zoho CRM names no primary sender', description: `Pick a sender in "From" (item ${i}).` })),
		);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});
});
