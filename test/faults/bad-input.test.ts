import nock from 'nock';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { runZohoNode } from '../harness/engine';
import { usCredential } from '../harness/fixtures';

const API = 'https://www.zohoapis.com';

const crmSend: INodeParameters = {
	resource: 'crmEmail',
	operation: 'send',
	module: { __rl: true, mode: 'name', value: 'Contacts' },
	recordId: { __rl: true, mode: 'id', value: '3652397000000624001' },
	from: { __rl: true, mode: 'address', value: 'Patricia Boyle <p.boyle@example.com>' },
	to: 'j.smith@example.com',
	subject: 'Hello',
	content: 'Hi',
};

type Case = [title: string, parameters: INodeParameters, message: string];

const withFields = (fields: IDataObject): INodeParameters => ({ ...crmSend, additionalFields: fields as INodeParameters });

/** Bad input: each case fails on item 1 with an error naming the field, and no request is made. */
const cases: Case[] = [
	['empty To', { ...crmSend, to: '={{ "" }}' }, '"To" is empty'],
	['invalid To', { ...crmSend, to: 'smith.example.com' }, '"To" has an invalid email address: smith.example.com'],
	['one bad address among several', { ...crmSend, to: 'a@example.com, b@example' }, '"To" has an invalid email address: b@example'],
	['To with a space', { ...crmSend, to: 'a b@example.com' }, '"To" has an invalid email address: a b@example.com'],
	['invalid CC', withFields({ cc: 'x@' }), '"CC" has an invalid email address: x@'],
	['invalid BCC', withFields({ bcc: '@example.com' }), '"BCC" has an invalid email address: @example.com'],
	['invalid Reply To', withFields({ replyTo: 'reply' }), '"Reply To" has an invalid email address: reply'],
	['two Reply To addresses', withFields({ replyTo: 'a@example.com, b@example.com' }), '"Reply To" takes at most 1 address'],
	['empty From', { ...crmSend, from: { __rl: true, mode: 'address', value: '={{ "" }}' } }, '"From" is empty'],
	['invalid From', { ...crmSend, from: { __rl: true, mode: 'address', value: 'Pat <pat>' } }, '"From" has an invalid email address: Pat <pat>'],
	['empty subject without template', { ...crmSend, subject: '  ' }, '"Subject" is empty'],
	['record ID with letters', { ...crmSend, recordId: { __rl: true, mode: 'id', value: '={{ "36523970000abc" }}' } }, '"Record" is not a Zoho ID: "36523970000abc"'],
	['empty record ID', { ...crmSend, recordId: { __rl: true, mode: 'id', value: '={{ "" }}' } }, '"Record" is not a Zoho ID: ""'],
	['record ID that lost digits as a number', { ...crmSend, recordId: { __rl: true, mode: 'id', value: '={{ 3652397000000624001 }}' } }, '"Record" lost digits: it arrived as a number'],
	['module name with spaces', { ...crmSend, module: { __rl: true, mode: 'name', value: '={{ "Sales Orders" }}' } }, '"Module" is not a module API name: "Sales Orders"'],
	['module that cannot send mail', { ...crmSend, module: { __rl: true, mode: 'name', value: 'Products' } }, 'This operation does not support the module "Products"'],
	['scheduled time in the past', withFields({ scheduledTime: '2020-01-01T10:00:00+05:30' }), '"Scheduled Time" is in the past: 2020-01-01T10:00:00+05:30'],
	['scheduled time that is not a time', withFields({ scheduledTime: 'next tuesday' }), '"Scheduled Time" is not a date and time: "next tuesday"'],
	['consent email without the consent link', withFields({ consentEmail: true }), '"Content" lacks the consent form link'],
	['inventory template on a non-inventory module', withFields({ inventoryTemplateId: '3652397000000187009' }), 'Inventory templates only apply to Quotes, Sales_Orders, Purchase_Orders, Invoices'],
	['template ID that is not an ID', withFields({ templateId: 'welcome' }), '"Email Template" is not a Zoho ID: "welcome"'],
	['data subject request ID that is not an ID', withFields({ dataSubjectRequestId: 'dsr-1' }), '"Data Subject Request ID" is not a Zoho ID: "dsr-1"'],
];

describe('bad input is refused before any request, naming the field and the item', () => {
	let requests = 0;
	beforeAll(() => nock.disableNetConnect());
	beforeEach(() => {
		requests = 0;
		nock(API)
			.persist()
			.post(/.*/)
			.reply(() => {
				requests++;
				return [200, { data: [{ code: 'SUCCESS', details: { message_id: 'm' }, message: 'ok', status: 'success' }] }];
			});
	});
	afterEach(() => nock.cleanAll());
	afterAll(() => nock.enableNetConnect());

	it.each(cases)('%s', async (_title, parameters, message) => {
		// Item 0 is valid only when the bad value comes from the item itself; here every item shares the
		// parameters, so the first item fails and nothing is sent.
		const result = await runZohoNode({ parameters, items: [{}, {}], credential: usCredential() });
		expect(result.error?.message).toBe(message);
		expect((result.error as unknown as { context: { itemIndex: number } }).context.itemIndex).toBe(0);
		expect(requests).toBe(0);
	});

	it.each([
		['a missing required parameter', { ...crmSend, to: '' }, 'Parameter "To" is required.'],
		['a record ID typed with letters', { ...crmSend, recordId: { __rl: true, mode: 'id', value: '36523970000abc' } }, 'Record IDs are long numbers'],
		['a module typed with spaces', { ...crmSend, module: { __rl: true, mode: 'name', value: 'Sales Orders' } }, 'Use the module API name, e.g. Sales_Orders'],
	])('n8n itself refuses %s typed into the node, before running it', async (_title, parameters, issue) => {
		const result = await runZohoNode({ parameters: parameters as INodeParameters, items: [{}], credential: usCredential() });
		expect(result.error?.message).toContain(issue);
		expect(requests).toBe(0);
	});

	it('names the item when only a later item is bad', async () => {
		const result = await runZohoNode({
			parameters: { ...crmSend, to: '={{ $json.to }}', performance: { requestsInFlight: 1 } },
			items: [{ to: 'a@example.com' }, { to: 'broken' }],
			credential: usCredential(),
		});
		expect(result.error?.message).toBe('"To" has an invalid email address: broken');
		expect((result.error as unknown as { context: { itemIndex: number } }).context.itemIndex).toBe(1);
		expect(requests).toBe(1);
	});
});
