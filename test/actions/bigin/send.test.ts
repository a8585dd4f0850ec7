import type { INodeParameters } from 'n8n-workflow';
import nock from 'nock';

import { binaryWorkflow } from '../../harness/binaryItems';
import { loadOptions, runWorkflow, runZohoNode } from '../../harness/engine';
import { usCredential } from '../../harness/fixtures';
import example from '../../../examples/bigin-send.json';
import { emulatorCredential, type ExampleJson, requestsTo, runExample, useEmulator } from '../books/emulator';

const CONTACT = '6120845000000601001';
const PIPELINE = '6120845000000602001';
const JASON = 'jason.smith@acmelandscaping.example';
const FROM = { user_name: 'Amelia Burrows', email: 'amelia.burrows@zylker.com' };

function params(overrides: INodeParameters = {}): INodeParameters {
	return {
		resource: 'biginEmail',
		operation: 'send',
		biginModule: 'Contacts',
		recordId: { __rl: true, mode: 'id', value: CONTACT },
		from: { __rl: true, mode: 'list', value: 'Amelia Burrows <amelia.burrows@zylker.com>' },
		to: `Jason Smith <${JASON}>`,
		subject: 'Spring offer',
		content: '<p>Hello Jason</p>',
		...overrides,
	};
}

describe('Bigin Email: Send (emulator)', () => {
	const emulator = useEmulator();

	it('sends every documented field in one send_mail request and returns the message ID', async () => {
		const emu = emulator();
		const fileId = emu.data.bigin.addFile({ name: 'offer.pdf', contentType: 'application/pdf', data: 'pdf' }) as string;
		const result = await runZohoNode({
			parameters: params({
				additionalFields: {
					attachmentIds: fileId,
					bcc: 'audit@zylker.com',
					cc: 'Tom Becker <tom.becker@acmelandscaping.example>',
					orgEmail: true,
					replyTo: 'Sales <sales@zylker.com>',
					scheduledTime: '2030-01-15T10:00:00+05:30',
				},
			}),
			credential: emulatorCredential(emu),
		});
		expect(result.error).toBeUndefined();
		expect(requestsTo(emu, 'bigin')).toEqual([
			{
				method: 'POST',
				path: `/bigin/v2/Contacts/${CONTACT}/actions/send_mail`,
				query: {},
				body: {
					data: [
						{
							from: FROM,
							to: [{ user_name: 'Jason Smith', email: JASON }],
							cc: [{ user_name: 'Tom Becker', email: 'tom.becker@acmelandscaping.example' }],
							bcc: [{ user_name: 'audit@zylker.com', email: 'audit@zylker.com' }],
							reply_to: { user_name: 'Sales', email: 'sales@zylker.com' },
							org_email: true,
							scheduled_time: '2030-01-15T10:00:00+05:30',
							subject: 'Spring offer',
							content: '<p>Hello Jason</p>',
							mail_format: 'html',
							attachments: [{ id: fileId }],
						},
					],
				},
			},
		]);
		const [mail] = emu.mails();
		const json = { message_id: mail.messageId, status: 'success', code: 'SUCCESS', message: 'Your mail has been scheduled successfully.' };
		expect(result.items).toEqual([
			{ json: { ...json, scheduled: true, module: 'Contacts', record_id: CONTACT, attachment_ids: [fileId] }, pairedItem: { item: 0 } },
		]);
	});

	it('reads parameters per item and takes the record from its URL', async () => {
		const emu = emulator();
		const result = await runZohoNode({
			parameters: params({
				biginModule: 'Pipelines',
				recordId: { __rl: true, mode: 'url', value: `https://bigin.zoho.com/bigin/org1/Home#/deals/${PIPELINE}` },
				subject: '={{ $json.subject }}',
				mailFormat: 'text',
				content: 'Plain',
			}),
			items: [{ subject: 'First' }, { subject: 'Second' }],
			credential: emulatorCredential(emu),
		});
		expect(result.error).toBeUndefined();
		const sent = requestsTo(emu, 'bigin');
		expect(sent.map((r) => [r.method, r.path])).toEqual([
			['POST', `/bigin/v2/Pipelines/${PIPELINE}/actions/send_mail`],
			['POST', `/bigin/v2/Pipelines/${PIPELINE}/actions/send_mail`],
		]);
		expect(sent.map((r) => (r.body as { data: Array<{ subject: string; mail_format: string }> }).data[0])).toEqual([
			{ from: FROM, to: [{ user_name: 'Jason Smith', email: JASON }], subject: 'First', content: 'Plain', mail_format: 'text' },
			{ from: FROM, to: [{ user_name: 'Jason Smith', email: JASON }], subject: 'Second', content: 'Plain', mail_format: 'text' },
		]);
		const ids = emu.mails().map((m: { messageId: string }) => m.messageId);
		expect(result.items).toEqual(
			[0, 1].map((item) => ({
				json: { message_id: ids[item], status: 'success', code: 'SUCCESS', message: 'Your mail has been sent successfully.', scheduled: false, module: 'Pipelines', record_id: PIPELINE },
				pairedItem: { item },
			})),
		);
	});

	it('finds the record by email address with Bigin search, then sends from it', async () => {
		const emu = emulator();
		const result = await runZohoNode({
			parameters: params({ recordId: { __rl: true, mode: 'email', value: JASON } }),
			credential: emulatorCredential(emu),
		});
		expect(result.error).toBeUndefined();
		const sent = requestsTo(emu, 'bigin');
		expect(sent.map((r) => [r.method, r.path, r.query])).toEqual([
			['GET', '/bigin/v2/Contacts/search', { email: JASON }],
			['POST', `/bigin/v2/Contacts/${CONTACT}/actions/send_mail`, {}],
		]);
		expect(result.items.map((i) => i.json.record_id)).toEqual([CONTACT]);
	});

	it('stops when no record has the address, without sending', async () => {
		const emu = emulator();
		const result = await runZohoNode({
			parameters: params({ recordId: { __rl: true, mode: 'email', value: 'nobody@example.com' } }),
			credential: emulatorCredential(emu),
		});
		expect(result.error?.message).toBe('No Contacts record has the email address nobody@example.com');
		expect(requestsTo(emu, 'bigin').map((r) => r.method)).toEqual(['GET']);
		expect(emu.mails()).toEqual([]);
	});

	it('uploads two binary files in one /files request and attaches their IDs', async () => {
		const emu = emulator();
		const workflow = binaryWorkflow(
			[{ files: [
				{ property: 'data', fileName: 'offer.txt', mimeType: 'text/plain', content: 'offer text' },
				{ property: 'terms', fileName: 'terms.csv', mimeType: 'text/csv', content: 'a,b\n1,2\n' },
			] }],
			params({ additionalFields: { binaryPropertyNames: 'data, terms' } }),
		);
		const result = await runWorkflow(workflow, emulatorCredential(emu));
		expect(result.error).toBeUndefined();
		const [upload, send] = requestsTo(emu, 'bigin');
		expect(upload).toEqual({
			method: 'POST',
			path: '/bigin/v2/files',
			query: {},
			body: {
				fields: {},
				files: [
					{ field: 'file', filename: 'offer.txt', contentType: 'text/plain', size: 10 },
					{ field: 'file', filename: 'terms.csv', contentType: 'text/csv', size: 8 },
				],
			},
		});
		const stored = emu.data.bigin.files().map((f: { id: string }) => f.id);
		expect(stored).toHaveLength(2);
		expect(send.path).toBe(`/bigin/v2/Contacts/${CONTACT}/actions/send_mail`);
		expect((send.body as { data: Array<{ attachments: unknown }> }).data[0].attachments).toEqual(stored.map((id: string) => ({ id })));
		expect(result.output['Zoho Email']).toEqual([{ json: expect.objectContaining({ attachment_ids: stored, record_id: CONTACT }), pairedItem: { item: 0 } }]);
	});

	it('checks addresses before any request and names the field and the item', async () => {
		const emu = emulator();
		const result = await runZohoNode({
			parameters: params({ to: '={{ $json.to }}' }),
			items: [{ to: JASON }, { to: 'not-an-address' }],
			credential: emulatorCredential(emu),
			continueOnFail: true,
		});
		expect(result.items.map((i) => [i.json.error ?? i.json.status, i.pairedItem])).toEqual([
			['success', { item: 0 }],
			['"To" has an invalid email address: not-an-address', { item: 1 }],
		]);
		expect(requestsTo(emu, 'bigin')).toHaveLength(1);
	});

	it('lists sender addresses and records for the pickers', async () => {
		const emu = emulator();
		const from = await loadOptions('listSearch', 'searchBiginFromAddresses', params(), emulatorCredential(emu));
		expect((from as { results: unknown[] }).results).toEqual([
			{ name: 'Amelia Burrows <amelia.burrows@zylker.com> (primary)', value: 'Amelia Burrows <amelia.burrows@zylker.com>' },
			{ name: 'Zylker Support <support@zylker.com> (org_email)', value: 'Zylker Support <support@zylker.com>' },
		]);
		const records = await loadOptions('listSearch', 'searchBiginRecords', params(), emulatorCredential(emu), 'becker');
		expect(records).toEqual({
			results: [{ name: 'Tom Becker <tom.becker@acmelandscaping.example>', value: '6120845000000601005' }],
			paginationToken: undefined,
		});
		expect(requestsTo(emu, 'bigin').map((r) => [r.path, r.query])).toEqual([
			['/bigin/v2/settings/emails/actions/from_addresses', {}],
			['/bigin/v2/Contacts/search', { word: 'becker', fields: 'Full_Name,First_Name,Last_Name,Email', page: '1', per_page: '50' }],
		]);
	});


	it('runs the example workflow bigin-send.json', async () => {
		const emu = emulator();
		const result = await runExample(example as unknown as ExampleJson, emu);
		expect(result.error).toBeUndefined();
		expect(requestsTo(emu, 'bigin').map((r) => [r.method, r.path])).toEqual([['POST', `/bigin/v2/Contacts/${CONTACT}/actions/send_mail`]]);
		expect(result.items.map((i) => [i.json.message, i.json.record_id, i.pairedItem])).toEqual([['Your mail has been sent successfully.', CONTACT, { item: 0 }]]);
	});
});

describe('Bigin Email: Send errors (nock)', () => {
	const API = 'https://www.zohoapis.com';
	const PATH = `/bigin/v2/Contacts/${CONTACT}/actions/send_mail`;
	beforeAll(() => nock.disableNetConnect());
	afterEach(() => nock.cleanAll());
	afterAll(() => nock.enableNetConnect());

	it('names the Record and its ID when Zoho refuses the record of the URL (resource_path_index 1)', async () => {
		nock(API).post(PATH).reply(400, { code: 'INVALID_DATA', details: { resource_path_index: 1 }, message: 'the related id given seems to be invalid', status: 'error' });
		const result = await runZohoNode({ parameters: params(), credential: usCredential() });
		expect(result.error?.message).toBe(`Zoho Bigin could not send the email: Zoho rejected a value (field "Record": ${CONTACT})`);
		expect(result.error?.description).toContain(`<br>Field: Record = ${CONTACT}<br>`);
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('maps INVALID_DATA on the sender to a message naming the field', async () => {
		nock(API)
			.post(PATH)
			.reply(400, { data: [{ code: 'INVALID_DATA', details: { api_name: 'from', json_path: '$.data[0].from' }, message: 'invalid data', status: 'error' }] });
		const result = await runZohoNode({ parameters: params(), credential: usCredential() });
		expect(result.error?.message).toBe('Zoho Bigin could not send the email: Zoho rejected a value (field "from")');
		expect(result.error?.description).toContain('Zoho code: INVALID_DATA');
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('maps NO_PERMISSION and never resends a mail', async () => {
		nock(API).post(PATH).once().reply(403, { code: 'NO_PERMISSION', details: {}, message: 'permission denied', status: 'error' });
		const result = await runZohoNode({ parameters: params(), credential: usCredential() });
		expect(result.error?.message).toBe('Zoho Bigin could not send the email: permission denied');
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('reports an upload refused for size before sending anything', async () => {
		nock(API)
			.post('/bigin/v2/files')
			.reply(400, { data: [{ code: 'FILE_SIZE_MORE_THAN_ALLOWED_SIZE', details: { name: 'a.txt' }, message: 'file size is more than allowed size', status: 'error' }] });
		const workflow = binaryWorkflow(
			[{ files: [{ property: 'data', fileName: 'a.txt', mimeType: 'text/plain', content: 'a' }] }],
			params({ additionalFields: { binaryPropertyNames: 'data' } }),
		);
		const result = await runWorkflow(workflow, usCredential());
		expect(result.error?.message).toBe("Zoho Bigin could not upload the attachments: a file exceeds Zoho's 20 MB upload limit");
		expect(nock.pendingMocks()).toEqual([]);
	});
});
