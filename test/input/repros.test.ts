import nock from 'nock';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { runZohoNode } from '../harness/engine';
import { usCredential } from '../harness/fixtures';

const API = 'https://www.zohoapis.com';
const rl = (mode: string, value: string) => ({ __rl: true as const, mode, value });

const crmSend = (extra: INodeParameters = {}): INodeParameters => ({
	resource: 'crmEmail',
	operation: 'send',
	module: rl('name', 'Contacts'),
	recordId: rl('id', '3652397000000624001'),
	from: rl('address', 'Patricia Boyle <p.boyle@example.com>'),
	to: 'j.smith@example.com',
	subject: 'Hello',
	content: 'Hi',
	...extra,
});

/** Records every request; answers sends with success. */
function zoho() {
	const sent: Array<{ method: string; path: string; body: IDataObject }> = [];
	for (const method of ['GET', 'POST']) {
		nock(API)
			.persist()
			.intercept(/.*/, method)
			.reply((path, body) => {
				sent.push({ method, path, body: body as IDataObject });
				return [200, { data: [{ code: 'SUCCESS', details: { message_id: 'm-1' }, message: 'Your mail has been sent successfully.', status: 'success' }] }];
			});
	}
	return sent;
}

const errorOf = (result: { error?: unknown }) => result.error as { message: string; description?: string; context: { itemIndex?: number } } | undefined;

describe('no silent drops', () => {
	let sent: ReturnType<typeof zoho>;
	beforeAll(() => nock.disableNetConnect());
	beforeEach(() => {
		sent = zoho();
	});
	afterEach(() => nock.cleanAll());
	afterAll(() => nock.enableNetConnect());

	it.each([[-3], [0.5], [0], [26], ['many']])('"Requests in Flight" %p from an expression is refused, naming the setting, before any request', async (value) => {
		const result = await runZohoNode({
			parameters: crmSend({ performance: { requestsInFlight: `={{ ${JSON.stringify(value)} }}` } }),
			items: [{}, {}],
			credential: usCredential(),
		});
		expect(errorOf(result)?.message).toBe('"Requests in Flight" must be a whole number from 1 to 25');
		expect(errorOf(result)?.context.itemIndex).toBe(0);
		expect(sent).toEqual([]);
	});

	it('"Requests in Flight" -3 with Continue On Fail: every item yields an error item, nothing is sent', async () => {
		const result = await runZohoNode({
			parameters: crmSend({ performance: { requestsInFlight: '={{ -3 }}' } }),
			items: [{}, {}, {}],
			credential: usCredential(),
			continueOnFail: true,
		});
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => [i.json.error, i.pairedItem])).toEqual([0, 1, 2].map((item) => ['"Requests in Flight" must be a whole number from 1 to 25', { item }]));
		expect(sent).toEqual([]);
	});

	it('"Requests in Flight" given as the text "3" is taken as 3', async () => {
		const result = await runZohoNode({ parameters: crmSend({ performance: { requestsInFlight: '={{ "3" }}' } }), items: [{}], credential: usCredential() });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
		expect(sent).toHaveLength(1);
	});

	it('CC given by an expression as [{ email }] is sent', async () => {
		const result = await runZohoNode({ parameters: crmSend({ additionalFields: { cc: '={{ [{ email: "c@x.com" }] }}' } }), items: [{}], credential: usCredential() });
		expect(result.error).toBeUndefined();
		expect(sent).toHaveLength(1);
		expect((sent[0].body.data as IDataObject[])[0].cc).toEqual([{ user_name: 'c@x.com', email: 'c@x.com' }]);
	});

	it('a To list mixing strings and {email, name} objects sends every recipient, in order', async () => {
		const result = await runZohoNode({
			parameters: crmSend({ to: '={{ $json.to }}' }),
			items: [{ to: ['a@x.com, B <b@x.com>', { email: 'c@x.com', name: 'Cee' }, { email: 'd@x.com', user_name: 'Dee' }] }],
			credential: usCredential(),
		});
		expect(result.error).toBeUndefined();
		expect((sent[0].body.data as IDataObject[])[0].to).toEqual([
			{ user_name: 'a@x.com', email: 'a@x.com' },
			{ user_name: 'B', email: 'b@x.com' },
			{ user_name: 'Cee', email: 'c@x.com' },
			{ user_name: 'Dee', email: 'd@x.com' },
		]);
	});

	it.each([
		['a number', 42, '"CC" must be email addresses, not a number'],
		['true', true, '"CC" must be email addresses, not true/false'],
		['an object without email', { address: 'c@x.com' }, '"CC" holds an object without an "email" text'],
		['an object whose email is a list', { email: ['c@x.com'] }, '"CC" holds an object without an "email" text'],
	])('CC given as %s is refused, naming the field and item, before any request', async (_t, cc, message) => {
		const result = await runZohoNode({
			parameters: crmSend({ additionalFields: { cc: '={{ $json.cc }}' } }),
			items: [{ cc: 'ok@x.com' }, { cc }],
			credential: usCredential(),
			continueOnFail: true,
		});
		expect(result.items[1].json.error).toBe(message);
		expect(String(result.items[1].json.description)).toContain('item 1');
		expect(sent).toHaveLength(1);
	});
});

describe('wrong types are refused before any request', () => {
	let sent: ReturnType<typeof zoho>;
	beforeAll(() => nock.disableNetConnect());
	beforeEach(() => {
		sent = zoho();
	});
	afterEach(() => nock.cleanAll());
	afterAll(() => nock.enableNetConnect());

	it.each([
		['Subject as a number', { subject: '={{ 42 }}' }, '"Subject" must be text, not a number'],
		['Subject as an object', { subject: '={{ { a: 1 } }}' }, '"Subject" must be text, not an object'],
		['Content as a list', { content: '={{ ["Hi"] }}' }, '"Content" must be text, not a list'],
		['In Reply To as an object', { additionalFields: { inReplyTo: '={{ { id: "x" } }}' } }, '"In Reply To (Message ID)" must be text, not an object'],
		['Record ID as a one-element list', { recordId: rl('id', '={{ ["3652397000000624001"] }}') }, '"Record" must be a Zoho ID, not a list'],
		['Organization Email as the text "false"', { additionalFields: { orgEmail: '={{ "no" }}' } }, '"Organization Email" must be true or false'],
		['Mail Format unknown', { mailFormat: '={{ "rtf" }}' }, '"Mail Format" must be one of: html, text'],
	])('CRM send: %s', async (_t, extra, message) => {
		const result = await runZohoNode({ parameters: crmSend(extra as INodeParameters), items: [{}], credential: usCredential() });
		expect(errorOf(result)?.message).toBe(message);
		expect(errorOf(result)?.context.itemIndex).toBe(0);
		expect(errorOf(result)?.message).not.toMatch(/is not a function|\[object Object\]/);
		expect(sent).toEqual([]);
	});

	it('CRM get: a message ID of ".." is refused (it would climb the path)', async () => {
		const result = await runZohoNode({
			parameters: { resource: 'crmEmail', operation: 'get', module: rl('name', 'Contacts'), recordId: rl('id', '3652397000000624001'), messageId: '={{ ".." }}' },
			items: [{}],
			credential: usCredential(),
		});
		expect(errorOf(result)?.message).toBe('"Message ID" is not a Zoho message ID: ".."');
		expect(sent).toEqual([]);
	});
});
