import nock from 'nock';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { binaryWorkflow } from '../harness/binaryItems';
import { runWorkflow, runZohoNode } from '../harness/engine';
import { crmSendParameters, usCredential } from '../harness/fixtures';
import { PollHarness } from '../harness/poll';

const API = 'https://www.zohoapis.com';

const crmSend = crmSendParameters();

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
	// An empty From sends from the primary address (test/actions/crm/sendInThreeInputs.test.ts).
	['two From addresses', { ...crmSend, from: { __rl: true, mode: 'address', value: '={{ ["a@example.com", "b@example.com"] }}' } }, '"From" takes at most 1 address'],
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
	['template ID that is not an ID', withFields({ emailTemplateId: 'welcome' }), '"Email Template" is not a Zoho ID: "welcome"'],
	['data subject request ID that is not an ID', withFields({ dataSubjectRequestId: 'dsr-1' }), '"GDPR: Data Subject Request ID" is not a Zoho ID: "dsr-1"'],
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

const rl = (mode: string, value: string) => ({ __rl: true, mode, value });
const long = (n: number) => '={{ "x".repeat(' + n + ') }}';

const booksContact: INodeParameters = {
	resource: 'booksEmail',
	operation: 'emailContact',
	organizationId: rl('id', '10234695'),
	contactId: rl('id', '460000000026049'),
	to: 'will@example.com',
	subject: 'Statement',
	content: 'Hello',
};
const booksInvoice: INodeParameters = {
	resource: 'booksEmail',
	operation: 'emailTransaction',
	organizationId: rl('id', '10234695'),
	transactionType: 'invoice',
	transactionId: rl('id', '460000000040002'),
	to: 'will@example.com',
};
const booksStatement: INodeParameters = {
	resource: 'booksEmail',
	operation: 'emailStatement',
	organizationId: rl('id', '10234695'),
	contactId: rl('id', '460000000026049'),
	to: 'will@example.com',
};
const biginSend: INodeParameters = {
	resource: 'biginEmail',
	operation: 'send',
	biginModule: 'Contacts',
	recordId: rl('id', '6120845000000601001'),
	from: rl('list', 'Amelia Burrows <amelia.burrows@zylker.com>'),
	to: 'jason@example.com',
	subject: 'Offer',
	content: 'Hello',
};
const crmOp = (operation: string, rest: INodeParameters): INodeParameters => ({
	resource: 'crmEmail',
	operation,
	module: rl('name', 'Contacts'),
	recordId: rl('id', '3652397000000624001'),
	...rest,
});
const associate = (rest: INodeParameters = {}) =>
	crmOp('associate', {
		from: 'user1 <test@zoho.com>',
		to: 'user2 <test1@zoho.com>',
		subject: 'Logged',
		content: 'Hi',
		dateTime: '2024-06-12T12:12:12+05:30',
		direction: 'sent',
		originalMessageId: 'orig-1',
		...rest,
	});

/** Bad input in the other operations: the same promise, a clear error naming field and item, no request. */
const otherCases: Case[] = [
	['Books: subject over 1,000 characters', { ...booksContact, subject: long(1001) }, '"Subject" is longer than 1000 characters'],
	['Books: body over 5,000 characters', { ...booksContact, content: long(5001) }, '"Body" is longer than 5000 characters'],
	['Books: empty subject', { ...booksContact, subject: '={{ " " }}' }, '"Subject" is empty'],
	['Books: invalid To', { ...booksContact, to: 'will(at)example.com' }, '"To" has an invalid email address: will(at)example.com'],
	['Books: empty To', { ...booksContact, to: '={{ "" }}' }, '"To" is empty'],
	['Books: organization that is not an ID', { ...booksContact, organizationId: rl('id', '={{ "zylker" }}') }, '"Organization" is not a Books organization ID: "zylker"'],
	['Books: wrong contact ID', { ...booksContact, contactId: rl('id', '={{ "C-1001" }}') }, '"Contact" is not a Zoho ID: "C-1001"'],
	['Books: invoice schedule time that is not a time', { ...booksInvoice, when: 'schedule', scheduledTime: 'tomorrow' }, '"Schedule Time" is not a date and time: "tomorrow"'],
	['Books: statement start date after end date', { ...booksStatement, additionalFields: { startDate: '2024-06-30', endDate: '2024-06-01' } }, '"Start Date" (2024-06-30) is after "End Date" (2024-06-01)'],
	['Books: statement with only a start date', { ...booksStatement, additionalFields: { startDate: '2024-06-01' } }, '"End Date" is missing'],
	['Bigin: module that cannot send email', { ...biginSend, biginModule: '={{ "Products" }}' }, 'Bigin cannot send email from "Products" records'],
	['Bigin: invalid To', { ...biginSend, to: 'jason@' }, '"To" has an invalid email address: jason@'],
	['Bigin: wrong record ID', { ...biginSend, recordId: rl('id', '={{ "JS-1" }}') }, '"Record" is not a Zoho ID: "JS-1"'],
	['CRM associate: subject over 250 characters', associate({ subject: long(251) }), '"Subject" is longer than 250 characters'],
	['CRM associate: date that is not a date', associate({ dateTime: 'yesterday' }), '"Date and Time" is not a date and time: "yesterday"'],
	['CRM list: an Accounts-only type on Contacts', crmOp('list', { filters: { emailType: 'all_contacts_sent_crm_emails' } }), 'Type "all_contacts_sent_crm_emails" is only available for Accounts'],
	['CRM list: owner without type User Emails', crmOp('list', { filters: { ownerId: '3652397000000186017', emailType: 'sent_from_crm' } }), '"Owner ID" needs Type "User Emails"'],
	['CRM get: message ID that is not one', crmOp('get', { messageId: '={{ "not a message id!" }}' }), '"Message ID" is not a Zoho message ID: "not a message id!"'],
	['CRM send: unknown module', { ...crmSend, module: rl('name', '={{ "Widgets!" }}') }, '"Module" is not a module API name: "Widgets!"'],
];

describe('bad input in every operation is refused before any request, naming the field and the item', () => {
	let requests = 0;
	beforeAll(() => nock.disableNetConnect());
	beforeEach(() => {
		requests = 0;
		for (const method of ['GET', 'POST', 'PUT', 'DELETE']) {
			nock(API)
				.persist()
				.intercept(/.*/, method)
				.reply(() => {
					requests++;
					return [500, {}];
				});
		}
	});
	afterEach(() => nock.cleanAll());
	afterAll(() => nock.enableNetConnect());

	it.each(otherCases)('%s', async (_title, parameters, message) => {
		const result = await runZohoNode({ parameters, items: [{}, {}], credential: usCredential() });
		expect(result.error?.message).toBe(message);
		expect((result.error as unknown as { context: { itemIndex: number } }).context.itemIndex).toBe(0);
		expect(requests).toBe(0);
	});

	it.each([
		['Books', { ...booksContact, additionalFields: { binaryPropertyNames: 'data' } }, 'The file in binary property "data" is larger than 10 MB'],
		['CRM', { ...crmSend, additionalFields: { binaryPropertyNames: 'data' } }, 'The attachments of item 0 exceed 10 MB in total'],
	])('%s: an oversize attachment', async (_product, parameters, message) => {
		const big = 'x'.repeat(10 * 1024 * 1024 + 1);
		const workflow = binaryWorkflow([{ files: [{ property: 'data', fileName: 'big.txt', mimeType: 'text/plain', content: big }] }], parameters as INodeParameters);
		const result = await runWorkflow(workflow, usCredential());
		expect(result.error?.message).toBe(message);
		expect((result.error as unknown as { context: { itemIndex: number } }).context.itemIndex).toBe(0);
		expect(requests).toBe(0);
	});

	it.each([
		// An empty Organization watches the default organization (test/trigger/output.test.ts).
		['Books: organization that is not an ID', { source: 'booksEmailed', organizationId: 'Zylker', transactionTypes: ['invoice'] }, '"Organization" is not a Zoho Books organization ID: "Zylker"'],
		['Books: no document type', { source: 'booksEmailed', organizationId: '10234695', transactionTypes: [] }, 'Choose at least one document type in "Document Types"'],
		['CRM: no record IDs', { source: 'crmRecords', module: rl('name', 'Contacts'), records: { record: [{ recordId: rl('id', '={{ "" }}') }] } }, '"Records" is empty'],
		['CRM: a record ID that is not one', { source: 'crmRecords', module: rl('name', 'Contacts'), records: { record: [{ recordId: rl('id', '123456789012') }, { recordId: rl('id', 'abc') }] } }, '"Records" holds something that is not a Zoho ID: "abc"'],
		['CRM: more than 100 records', { source: 'crmRecords', module: rl('name', 'Contacts'), records: { record: Array.from({ length: 101 }, (_, i) => ({ recordId: rl('id', String(3652397000000624001n + BigInt(i))) })) } }, '"Records" lists 101 records; the trigger watches at most 100'],
		['CRM: module that is not an API name', { source: 'crmModule', module: rl('name', '={{ "Sales Orders" }}') }, '"Module" is not a module API name: "Sales Orders"'],
	])('trigger, %s', async (_title, parameters, message) => {
		const outcome = await new PollHarness({ parameters: parameters as INodeParameters, credential: usCredential() }).poll();
		expect(outcome.error?.message).toBe(message);
		expect(outcome.items).toEqual([]);
		expect(requests).toBe(0);
	});
});
