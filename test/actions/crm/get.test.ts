import nock from 'nock';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { runZohoNode } from '../../harness/engine';
import { usCredential } from '../../harness/fixtures';
import { crmParameters, crmRequests, emulatorCredential, SEED, useEmulator } from './emulator';

const emulator = useEmulator();

const EMAILS = `/crm/v8/Contacts/${SEED.sage}/Emails`;

/** The message_id of one of Sage's seeded emails. */
function sageEmail(subject: string): string {
	const email = (emulator().data.crm.emails('Contacts', SEED.sage) as IDataObject[]).find((e) => e.subject === subject);
	return String(email?.message_id);
}

function run(messageId: string, rest: INodeParameters = {}) {
	return runZohoNode({ parameters: crmParameters('get', 'Contacts', SEED.sage, { messageId, ...rest }), credential: emulatorCredential(emulator()) });
}

describe('CRM email: Get', () => {
	it('gets one email with its body and attachment list (Output "Raw")', async () => {
		const id = sageEmail('Proposal attached');
		const result = await run(id, { output: 'raw' });
		expect(result.error).toBeUndefined();
		expect(crmRequests(emulator())).toEqual([{ method: 'GET', path: `${EMAILS}/${id}`, query: {}, body: null }]);
		const response = (emulator().requests({ product: 'crm' })[0] as { response: { Emails: IDataObject[] } }).response.Emails[0];
		const stored = (emulator().data.crm.emails('Contacts', SEED.sage) as IDataObject[]).find((e) => e.message_id === id);
		expect(response.content).toBe(stored?.content);
		expect(response.attachments).toEqual([{ size: '24792', name: 'proposal.pdf', id: expect.any(String) }]);
		expect(result.items).toEqual([{ json: { ...response, message_id: id, module: 'Contacts', record_id: SEED.sage }, pairedItem: { item: 0 } }]);
	});

	it('Selected Fields keeps the chosen keys, the HTML body included when asked', async () => {
		const id = sageEmail('Proposal attached');
		const result = await run(id, { output: 'fields', fields: ['content', 'record_id'] });
		expect(result.items.map((i) => i.json)).toEqual([{ content: '<div>Hello</div>', record_id: SEED.sage }]);
	});

	it('downloads the attachments into binary properties when asked', async () => {
		const id = sageEmail('Proposal attached');
		const result = await run(id, { options: { downloadAttachments: true, attachmentsPrefix: 'file_' } });
		expect(result.error).toBeUndefined();
		const response = (emulator().requests({ product: 'crm' })[0] as { response: { Emails: Array<{ attachments: IDataObject[] }> } }).response.Emails[0];
		const attachmentId = String(response.attachments[0].id);
		expect(crmRequests(emulator())).toEqual([
			{ method: 'GET', path: `${EMAILS}/${id}`, query: {}, body: null },
			{
				method: 'GET',
				path: `${EMAILS}/actions/download_attachments`,
				query: { message_id: id, id: attachmentId, name: 'proposal.pdf', user_id: SEED.patricia },
				body: null,
			},
		]);
		const [item] = result.items;
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(Object.keys(item.binary ?? {})).toEqual(['file_0']);
		expect(item.binary?.file_0).toMatchObject({ fileName: 'proposal.pdf', mimeType: 'application/pdf', data: Buffer.alloc(24792, 37).toString('base64') });
		expect(item.json.subject).toBe('Proposal attached');
	});

	it('makes no download request for an email without attachments', async () => {
		const id = sageEmail('Re: Proposal attached');
		const result = await run(id, { options: { downloadAttachments: true } });
		expect(crmRequests(emulator())).toHaveLength(1);
		expect(result.items[0].binary).toEqual({});
	});

	it('reports an unknown message ID with Zoho\'s code', async () => {
		const result = await run('0123abcd');
		expect(result.error?.message).toBe('Zoho CRM could not get the email: Zoho rejected a value (field "Message ID": 0123abcd)');
		expect(result.error?.description).toContain('Zoho code: INVALID_DATA');
	});

	it('refuses a message ID that is not one, before any request', async () => {
		const result = await run('../Leads');
		expect(result.error?.message).toBe('"Message ID" is not a Zoho message ID: "../Leads"');
		expect(crmRequests(emulator())).toEqual([]);
	});
});

describe('CRM email: Get errors (seed 004)', () => {
	const API = 'https://www.zohoapis.com';
	const PATH = `/crm/v8/Leads/${SEED.kris}/Emails/abc123`;
	afterEach(() => nock.cleanAll());

	const runUnit = (options: INodeParameters = {}) =>
		runZohoNode({ parameters: crmParameters('get', 'Leads', SEED.kris, { messageId: 'abc123', options }), credential: usCredential() });

	it.each([
		[400, 'CANNOT_PROCESS', 'Zoho cannot read this mailbox right now'],
		[400, 'INVALID_DATA', 'Zoho rejected a value'],
		[403, 'NO_PERMISSION', 'permission denied'],
	])('maps HTTP %i %s', async (status, code, words) => {
		const scope = nock(API).get(PATH).reply(status, { code, details: {}, message: 'zoho text', status: 'error' });
		const result = await runUnit();
		expect(result.error?.message).toBe(`Zoho CRM could not get the email: ${words}`);
		expect(scope.isDone()).toBe(true);
	});

	it('names the attachment whose download failed', async () => {
		const email = { Emails: [{ subject: 's', owner: { id: '111111' }, attachments: [{ size: '3', name: 'a.txt', id: 'f1' }] }] };
		const scope = nock(API)
			.get(PATH)
			.reply(200, email)
			.get(`/crm/v8/Leads/${SEED.kris}/Emails/actions/download_attachments`)
			.query({ message_id: 'abc123', id: 'f1', name: 'a.txt', user_id: '111111' })
			.reply(400, { code: 'INVALID_DATA', details: { param_name: 'id' }, message: 'invalid data', status: 'error' });
		const result = await runUnit({ downloadAttachments: true });
		expect(result.error?.message).toBe('Zoho CRM could not download the attachment "a.txt": Zoho rejected a value (field "id")');
		expect(scope.isDone()).toBe(true);
	});
});

describe('CRM email: Get output (Zoho\'s single-email answer, seed 004)', () => {
	const API = 'https://www.zohoapis.com';
	const PATH = `/crm/v8/Leads/${SEED.kris}/Emails/f1605986931c500d`;
	afterEach(() => nock.cleanAll());
	const answer = {
		Emails: [
			{
				cc: [{ user_name: null, email: 'cc@example.com' }],
				bcc: null,
				owner: { name: 'Patricia Boyle', id: '2313985000000470001' },
				subject: 'test with attachment',
				has_attachment: true,
				sent: true,
				from: { user_name: 'Patricia Boyle', email: 'p.boyle@abc.com' },
				to: [{ user_name: 'John Smith', email: 'smith.j@gmail.com' }],
				reply_to: { user_name: 'Sales', email: 'sales@abc.com' },
				sent_time: '2023-10-30T11:19:42+05:30',
				content:
					'<html><head><style>p{color:red}</style></head><body><p>Dear John,</p><p>the proposal is attached &amp; valid until <b>Friday</b>.<br>Regards</p></body></html>',
				mail_format: 'html',
				attachments: [{ size: '24792', name: 'proposal.pdf', id: 714001 }],
				status: [{ type: 'sent' }, { type: 'opened', first_open: '2023-10-30T12:00:00+05:30', count: '1' }],
			},
		],
	};

	it('Simplified (the default): the body as plain text, no HTML; IDs as text, sizes as numbers, time ISO 8601 in UTC', async () => {
		const scope = nock(API).get(PATH).reply(200, answer);
		const result = await runZohoNode({ parameters: crmParameters('get', 'Leads', SEED.kris, { messageId: 'f1605986931c500d' }), credential: usCredential() });
		expect(scope.isDone()).toBe(true);
		expect(result.items).toEqual([
			{
				json: {
					id: 'f1605986931c500d',
					subject: 'test with attachment',
					from: 'Patricia Boyle <p.boyle@abc.com>',
					to: ['John Smith <smith.j@gmail.com>'],
					time: '2023-10-30T05:49:42Z',
					sent: true,
					status: 'sent, opened',
					cc: ['cc@example.com'],
					bcc: [],
					reply_to: 'Sales <sales@abc.com>',
					text: 'Dear John,\nthe proposal is attached & valid until Friday.\nRegards',
					attachments: [{ id: '714001', name: 'proposal.pdf', size: 24792 }],
					module: 'Leads',
					record_id: SEED.kris,
				},
				pairedItem: { item: 0 },
			},
		]);
	});
});
