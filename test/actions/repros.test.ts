import nock from 'nock';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { binaryWorkflow } from '../harness/binaryItems';
import { runWorkflow, runZohoNode } from '../harness/engine';
import { usCredential } from '../harness/fixtures';
import { encodeMultipart } from '../../nodes/ZohoEmail/transport/multipart';
import { useClosedNetwork } from './property';

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
	useClosedNetwork();
	beforeEach(() => {
		sent = zoho();
	});

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
	useClosedNetwork();
	beforeEach(() => {
		sent = zoho();
	});

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

const associate = (extra: INodeParameters = {}): INodeParameters => ({
	resource: 'crmEmail',
	operation: 'associate',
	module: rl('name', 'Contacts'),
	recordId: rl('id', '3652397000000624001'),
	direction: 'sent',
	from: 'user1 <test@zoho.com>',
	to: 'user2 <test1@zoho.com>',
	subject: 'Logged',
	content: 'Hi',
	dateTime: '2024-06-12T12:12:12+05:30',
	originalMessageId: '<orig-1@mail.example.com>',
	...extra,
});

describe('date-times leave the node as strict ISO 8601 with seconds and an offset', () => {
	let sent: ReturnType<typeof zoho>;
	useClosedNetwork();
	beforeEach(() => {
		sent = zoho();
	});

	const dateTimeSent = () => ((sent[0].body.Emails as IDataObject[])[0].date_time as string);

	it.each([
		['a space instead of T', '2024-06-12 12:12:12+05:30', 'UTC', '2024-06-12T12:12:12+05:30'],
		['no seconds', '2024-06-12T12:12+05:30', 'UTC', '2024-06-12T12:12:00+05:30'],
		['Z', '2024-06-12T06:42:12.345Z', 'UTC', '2024-06-12T06:42:12+00:00'],
		['no offset, workflow in Asia/Kolkata', '2024-06-12T12:12:12', 'Asia/Kolkata', '2024-06-12T12:12:12+05:30'],
		['no offset, workflow in America/New_York (summer)', '2024-06-12T12:12:12', 'America/New_York', '2024-06-12T12:12:12-04:00'],
		['no offset, workflow in Europe/Berlin (winter)', '2024-01-12 08:00', 'Europe/Berlin', '2024-01-12T08:00:00+01:00'],
	])('associate Date and Time with %s', async (_t, value, timezone, expected) => {
		const result = await runZohoNode({ parameters: associate({ dateTime: `={{ ${JSON.stringify(value)} }}` }), items: [{}], credential: usCredential(), timezone });
		expect(result.error).toBeUndefined();
		expect(dateTimeSent()).toBe(expected);
	});

	it('a Luxon DateTime from an expression ({{ $now }}) is sent with its offset', async () => {
		const result = await runZohoNode({
			parameters: associate({ dateTime: '={{ DateTime.fromISO("2024-06-12T12:12:12", { zone: "Asia/Tokyo" }) }}' }),
			items: [{}],
			credential: usCredential(),
		});
		expect(result.error).toBeUndefined();
		expect(dateTimeSent()).toBe('2024-06-12T12:12:12+09:00');
	});

	it.each([
		['30 February', '2024-02-30T10:00:00+05:30', '"Date and Time" is not a date and time: "2024-02-30T10:00:00+05:30"'],
		['trailing text', '2024-06-12T12:12:12+05:30 please', '"Date and Time" is not a date and time: "2024-06-12T12:12:12+05:30 please"'],
		['a date only', '2024-06-12', '"Date and Time" is not a date and time: "2024-06-12"'],
		['a skipped local time', '2024-03-10T02:30:00', '"Date and Time" does not exist in the time zone America/New_York: "2024-03-10T02:30:00"'],
		['a number', 1718174532, '"Date and Time" must be a date and time, not a number'],
	])('associate Date and Time refused: %s', async (_t, value, message) => {
		const result = await runZohoNode({
			parameters: associate({ dateTime: `={{ ${JSON.stringify(value)} }}` }),
			items: [{}],
			credential: usCredential(),
			timezone: 'America/New_York',
		});
		expect(errorOf(result)?.message).toBe(message);
		expect(sent).toEqual([]);
	});

	it('a scheduled time without an offset is in the workflow\'s time zone, not the server\'s', async () => {
		const result = await runZohoNode({ parameters: crmSend({ additionalFields: { scheduledTime: '2031-06-12T12:12:12' } }), items: [{}], credential: usCredential(), timezone: 'Asia/Kolkata' });
		expect(result.error).toBeUndefined();
		expect((sent[0].body.data as IDataObject[])[0].scheduled_time).toBe('2031-06-12T12:12:12+05:30');
	});

	it('Books schedule time with an offset is refused, not cut off', async () => {
		const result = await runZohoNode({
			parameters: {
				resource: 'booksEmail',
				operation: 'emailTransaction',
				organizationId: rl('id', '10234695'),
				transactionType: 'invoice',
				transactionId: rl('id', '460000000040002'),
				when: 'schedule',
				scheduledTime: '={{ "2030-06-12T12:12:12+05:30" }}',
			},
			items: [{}],
			credential: usCredential(),
		});
		expect(errorOf(result)?.message).toBe('"Schedule Time" must be a time without an offset: "2030-06-12T12:12:12+05:30"');
		expect(sent).toEqual([]);
	});
});

describe('multipart part headers cannot be injected', () => {
	let sent: ReturnType<typeof zoho>;
	useClosedNetwork();
	beforeEach(() => {
		sent = zoho();
	});

	const books: INodeParameters = {
		resource: 'booksEmail',
		operation: 'emailContact',
		organizationId: rl('id', '10234695'),
		contactId: rl('id', '460000000026049'),
		to: 'will@example.com',
		subject: 'Statement',
		content: 'Hello',
		additionalFields: { binaryPropertyNames: 'data' },
	};

	it('a MIME type with a line break is refused before any request', async () => {
		const workflow = binaryWorkflow([{ files: [{ property: 'data', fileName: 'a.txt', mimeType: 'text/plain\r\nX-Injected: 1', content: 'x' }] }], books);
		const result = await runWorkflow(workflow, usCredential());
		expect(errorOf(result)?.message).toBe('The file in binary property "data" has an invalid MIME type');
		expect(errorOf(result)?.context.itemIndex).toBe(0);
		expect(sent).toEqual([]);
	});

	it('a file name with quotes is percent-encoded in its part header', async () => {
		const workflow = binaryWorkflow([{ files: [{ property: 'data', fileName: 'a"; name="x.txt', mimeType: 'text/plain', content: 'x' }] }], books);
		let raw = '';
		nock.cleanAll();
		nock(API)
			.post(/\/books\/v3\/contacts\/460000000026049\/email/)
			.query(true)
			.reply((_p, body) => {
				raw = typeof body === 'string' ? body : JSON.stringify(body);
				return [200, { code: 0, message: 'Email has been sent.' }];
			});
		const result = await runWorkflow(workflow, usCredential());
		expect(result.error).toBeUndefined();
		expect(raw).toContain('Content-Disposition: form-data; name="attachments"; filename="a%22; name=%22x.txt"\r\nContent-Type: text/plain\r\n');
	});
});

describe('encodeMultipart, the last line of defence for part headers', () => {
	const file = (filename: string, contentType: string) => ({ fields: {}, files: [{ field: 'file', filename, contentType, data: Buffer.from('x') }] });

	it('refuses a Content-Type that would add a header line', () => {
		expect(() => encodeMultipart(file('a.txt', 'text/plain\r\nX-Injected: 1'), 'b')).toThrow('cannot be written as a multipart header');
		expect(() => encodeMultipart(file('a.txt', 'text/plain;\r\n charset=utf-8'), 'b')).toThrow('cannot be written as a multipart header');
	});

	it('percent-encodes quotes, backslashes and control characters in names, keeping other text', () => {
		const text = encodeMultipart(file('a"b\\c\r\nd\u0000é.txt', 'text/plain; charset=utf-8'), 'b').toString('utf8');
		expect(text).toBe('--b\r\nContent-Disposition: form-data; name="file"; filename="a%22b%5Cc%0D%0Ad%00é.txt"\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nx\r\n--b--\r\n');
	});
});
