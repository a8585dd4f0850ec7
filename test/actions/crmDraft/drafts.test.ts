import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { binaryWorkflow } from '../../harness/binaryItems';
import { runWorkflow, runZohoNode } from '../../harness/engine';
import { crmRequests, emulatorCredential, rl, SEED, useEmulator } from '../crm/emulator';

const emulator = useEmulator();

const DRAFTS = (module: string, id: string) => `/crm/v8/${module}/${id}/__email_drafts`;
const FROM = 'Patricia Boyle <patricia.boyle@zylker.com>';
/** Sage's seeded draft ("Draft: pricing"). */
const seededDraft = () => (emulator().data.crm.drafts('Contacts', SEED.sage) as IDataObject[])[0];

function draftParameters(operation: string, rest: INodeParameters = {}, recordId = SEED.sage): INodeParameters {
	return { resource: 'crmEmailDraft', operation, module: rl('name', 'Contacts'), recordId: rl('id', recordId), ...rest };
}

function run(operation: string, rest: INodeParameters = {}, items: IDataObject[] = [{}], continueOnFail = false) {
	return runZohoNode({ parameters: draftParameters(operation, rest), items, credential: emulatorCredential(emulator()), continueOnFail });
}

describe('CRM email draft: Create', () => {
	it('posts the draft in Zoho\'s documented shape and returns its ID; the draft shows on the record', async () => {
		const result = await run('create', {
			from: rl('address', FROM),
			to: 'Sage Wieser <sage.wieser@truhlar.example>',
			subject: 'Follow-up',
			content: '<p>Hello Sage</p>',
			additionalFields: { cc: 'ana@example.com', bcc: 'Bo Li <bo@example.com>', replyTo: 'sales@zylker.com' },
		});
		expect(result.error).toBeUndefined();
		expect(crmRequests(emulator())).toEqual([
			{
				method: 'POST',
				path: DRAFTS('Contacts', SEED.sage),
				query: {},
				body: {
					__email_drafts: [
						{
							from: 'patricia.boyle@zylker.com',
							to: [{ user_name: 'Sage Wieser', email: 'sage.wieser@truhlar.example' }],
							reply_to: 'sales@zylker.com',
							cc: [{ user_name: 'ana@example.com', email: 'ana@example.com' }],
							bcc: [{ user_name: 'Bo Li', email: 'bo@example.com' }],
							rich_text: true,
							subject: 'Follow-up',
							content: '<p>Hello Sage</p>',
						},
					],
				},
			},
		]);
		const drafts = emulator().data.crm.drafts('Contacts', SEED.sage) as IDataObject[];
		expect(drafts).toHaveLength(2);
		expect(result.items).toEqual([
			{
				json: { id: drafts[1].id, status: 'success', code: 'SUCCESS', message: 'Draft created Successfully', scheduled: false, module: 'Contacts', record_id: SEED.sage },
				pairedItem: { item: 0 },
			},
		]);
		expect(drafts[1]).toMatchObject({ subject: 'Follow-up', content: '<p>Hello Sage</p>', reply_to: 'sales@zylker.com', schedule_details: null });
		// Zoho keeps drafts in the record's Emails related list: Get Many with Type "Drafts" shows it.
		const listed = await runZohoNode({
			parameters: { resource: 'crmEmail', operation: 'list', module: rl('name', 'Contacts'), recordId: rl('id', SEED.sage), returnAll: true, filters: { emailType: 'drafts' } },
			credential: emulatorCredential(emulator()),
		});
		expect(listed.items.map((i) => i.json.subject)).toEqual(['Follow-up', 'Draft: pricing']);
	});

	it('sends a plain-text draft with rich_text false and the text in content and plainTextContent', async () => {
		const result = await run('create', { from: rl('address', FROM), to: '', subject: '', content: 'Line 1\nLine 2', mailFormat: 'text' });
		expect(result.error).toBeUndefined();
		expect(crmRequests(emulator())[0].body).toEqual({
			__email_drafts: [{ from: 'patricia.boyle@zylker.com', to: [], rich_text: false, content: 'Line 1\nLine 2', plainTextContent: 'Line 1\nLine 2' }],
		});
		expect((emulator().data.crm.drafts('Contacts', SEED.sage) as IDataObject[])[1]).toMatchObject({ rich_text: false, content: 'Line 1\nLine 2', to: null, subject: null });
	});

	it('schedules a draft with schedule_details.time and says so', async () => {
		const result = await run('create', { from: rl('address', FROM), to: 'ana@example.com', subject: 'Later', content: 'x', additionalFields: { scheduledTime: '2031-06-12T12:12:12+05:30' } });
		expect(result.error).toBeUndefined();
		expect((crmRequests(emulator())[0].body as { __email_drafts: IDataObject[] }).__email_drafts[0].schedule_details).toEqual({ time: '2031-06-12T12:12:12+05:30' });
		expect(result.items[0].json.scheduled).toBe(true);
	});

	it('a scheduled draft whose answer is lost is not posted again, and the error says what may have happened', async () => {
		emulator().addFault({ path: DRAFTS('Contacts', SEED.sage), kind: 'reset', times: 1 });
		const result = await run('create', { from: rl('address', FROM), to: 'ana@example.com', subject: 'Later', content: 'x', additionalFields: { scheduledTime: '2031-06-12T12:12:12+05:30' } }, [{}], true);
		expect(result.items).toEqual([
			{
				json: {
					error: 'Zoho CRM could not create the email draft: the connection to Zoho was lost before an answer came',
					description: expect.stringMatching(/^Network error: E[A-Z]+\. The scheduled draft may or may not have been saved\. It was not retried, so that it is not done twice: check the record in Zoho before running this item again\./),
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(crmRequests(emulator()).filter((r) => r.method === 'POST')).toHaveLength(1);
	});

	it('counts a scheduled draft toward Max Emails per Execution, an unscheduled one not', async () => {
		const later = { from: rl('address', FROM), to: 'ana@example.com', subject: 'Later', content: 'x', additionalFields: { scheduledTime: '={{ $json.at }}' }, performance: { maxEmailsPerExecution: 1 } };
		const result = await run('create', later, [{ at: '2031-06-12T12:12:12+05:30' }, { at: '' }, { at: '2031-06-13T12:12:12+05:30' }], true);
		expect(result.items.map((i) => [i.json.error ?? i.json.scheduled, i.pairedItem])).toEqual([
			[true, { item: 0 }],
			[false, { item: 1 }],
			['Item 2 was not sent: "Max Emails per Execution" (1) is reached', { item: 2 }],
		]);
		expect(crmRequests(emulator())).toHaveLength(2);
	});

	it('uploads binary attachments first and attaches them with name, size and service', async () => {
		const files = [{ property: 'data', fileName: 'quote.txt', mimeType: 'text/plain', content: 'quote 42' }];
		const result = await runWorkflow(
			binaryWorkflow([{ files }], draftParameters('create', { from: rl('address', FROM), to: 'ana@example.com', subject: 'Quote', content: 'Attached', additionalFields: { binaryPropertyNames: 'data' } })),
			emulatorCredential(emulator()),
		);
		expect(result.error).toBeUndefined();
		const stored = emulator().data.crm.files() as Array<{ id: string }>;
		expect(crmRequests(emulator()).map((r) => [r.method, r.path])).toEqual([
			['POST', '/crm/v8/files'],
			['POST', DRAFTS('Contacts', SEED.sage)],
		]);
		expect((crmRequests(emulator())[1].body as { __email_drafts: IDataObject[] }).__email_drafts[0].attachments).toEqual([
			{ id: stored[0].id, file_name: 'quote.txt', file_size: '8', service_name: 'ZFSAttached' },
		]);
	});

	it('finds the record by email address, then creates the draft on it', async () => {
		const result = await run('create', { recordId: rl('email', 'sage.wieser@truhlar.example'), from: rl('address', FROM), to: 'sage.wieser@truhlar.example', subject: 'Hi', content: 'x' });
		expect(result.error).toBeUndefined();
		expect(crmRequests(emulator()).map((r) => [r.method, r.path, r.query])).toEqual([
			['GET', '/crm/v8/Contacts/search', { email: 'sage.wieser@truhlar.example' }],
			['POST', DRAFTS('Contacts', SEED.sage), {}],
		]);
	});

	it('reports Zoho\'s refusal of a sender address with the field named', async () => {
		const result = await run('create', { from: rl('address', 'someone@else.example'), to: 'ana@example.com', subject: 'Hi', content: 'x' });
		expect(result.error?.message).toBe('Zoho CRM could not create the email draft: Zoho rejected a value (field "from")');
		expect(result.error?.description).toContain('Zoho code: INVALID_DATA');
		expect(result.error?.description).toContain("Email can't be saved as draft using this from address");
	});

	it.each([
		[{ to: 'not an address' }, '"To" has an invalid email address: not an address'],
		[{ additionalFields: { replyTo: 'a@example.com, b@example.com' } }, '"Reply To" takes at most 1 address'],
		[{ additionalFields: { scheduledTime: '2001-01-01T00:00:00+00:00' } }, '"Scheduled Time" is in the past: 2001-01-01T00:00:00+00:00'],
		[{ mailFormat: 'markdown' }, '"Mail Format"'],
		[{ module: rl('name', 'Tasks') }, 'This operation does not support the module "Tasks"'],
		[{ recordId: rl('id', '={{ "12ab" }}') }, '"Record" is not a Zoho ID: "12ab"'],
	])('refuses bad parameters before any request (%j)', async (rest, message) => {
		const result = await run('create', { from: rl('address', FROM), to: 'ana@example.com', subject: 'Hi', content: 'x', ...rest });
		expect(result.error?.message).toContain(message);
		expect(crmRequests(emulator())).toEqual([]);
	});
});

describe('CRM email draft: Get and Get Many', () => {
	it('gets one draft with its content, module and record', async () => {
		const draft = seededDraft();
		const result = await run('get', { draftId: draft.id as string });
		expect(crmRequests(emulator())).toEqual([{ method: 'GET', path: `${DRAFTS('Contacts', SEED.sage)}/${draft.id}`, query: {}, body: null }]);
		expect(result.items).toEqual([{ json: { ...draft, module: 'Contacts', record_id: SEED.sage }, pairedItem: { item: 0 } }]);
	});

	it('fails clearly when Zoho knows no such draft (204)', async () => {
		const result = await run('get', { draftId: 'ab'.repeat(32) });
		expect(result.error?.message).toBe(`No email draft with ID ${'ab'.repeat(32)} on this Contacts record`);
	});

	it('pages through the drafts 10 at a time and stops at the limit', async () => {
		for (let n = 0; n < 11; n++) {
			await run('create', { from: rl('address', FROM), to: 'ana@example.com', subject: `D${n}`, content: 'x' });
		}
		emulator().clearRequests();
		const all = await run('list', { returnAll: true });
		expect(crmRequests(emulator())).toEqual([
			{ method: 'GET', path: DRAFTS('Contacts', SEED.sage), query: { page: '1', per_page: '10' }, body: null },
			{ method: 'GET', path: DRAFTS('Contacts', SEED.sage), query: { page: '2', per_page: '10' }, body: null },
		]);
		const drafts = emulator().data.crm.drafts('Contacts', SEED.sage) as IDataObject[];
		expect(all.items).toEqual(drafts.map((d) => ({ json: { ...d, module: 'Contacts', record_id: SEED.sage }, pairedItem: { item: 0 } })));
		emulator().clearRequests();
		const some = await run('list', { returnAll: false, limit: 3 });
		expect(crmRequests(emulator())).toHaveLength(1);
		expect(some.items.map((i) => i.json.subject)).toEqual(['Draft: pricing', 'D0', 'D1']);
	});

	it('returns no items for a record without drafts (204)', async () => {
		const result = await runZohoNode({ parameters: draftParameters('list', { returnAll: true }, SEED.leota), credential: emulatorCredential(emulator()) });
		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([]);
	});

	it.each([
		[{ draftId: '..' }, '"Draft ID" is not a Zoho draft ID: ".."'],
		[{ draftId: 'a/b' }, '"Draft ID" is not a Zoho draft ID: "a/b"'],
		[{ draftId: '={{ "" }}' }, '"Draft ID" is not a Zoho draft ID: ""'],
	])('refuses a draft ID that is no ID before any request (%j)', async (rest, message) => {
		const result = await run('get', rest);
		expect(result.error?.message).toBe(message);
		expect(crmRequests(emulator())).toEqual([]);
	});
});

describe('CRM email draft: Update', () => {
	it('reads the draft, then sends it back whole with only the given fields changed', async () => {
		const before = seededDraft();
		const result = await run('update', { draftId: before.id as string, updateFields: { subject: 'Pricing (revised)', cc: 'ana@example.com' } });
		expect(result.error).toBeUndefined();
		const path = `${DRAFTS('Contacts', SEED.sage)}/${before.id}`;
		expect(crmRequests(emulator())).toEqual([
			{ method: 'GET', path, query: {}, body: null },
			{
				method: 'PUT',
				path,
				query: {},
				body: {
					__email_drafts: [
						{
							from: 'patricia.boyle@zylker.com',
							to: [{ user_name: 'Sage Wieser', email: 'sage.wieser@truhlar.example' }],
							reply_to: null,
							cc: [{ user_name: 'ana@example.com', email: 'ana@example.com' }],
							bcc: [],
							schedule_details: null,
							rich_text: true,
							content: '<div>Hello</div>',
							subject: 'Pricing (revised)',
							attachments: [],
						},
					],
				},
			},
		]);
		expect(result.items).toEqual([
			{
				json: { id: before.id, status: 'success', code: 'SUCCESS', message: 'Draft updated Successfully', scheduled: false, module: 'Contacts', record_id: SEED.sage },
				pairedItem: { item: 0 },
			},
		]);
		expect(seededDraft()).toMatchObject({ subject: 'Pricing (revised)', content: '<div>Hello</div>', to: before.to, cc: [{ user_name: 'ana@example.com', email: 'ana@example.com' }] });
	});

	it('switches a draft to plain text with new content', async () => {
		const before = seededDraft();
		const result = await run('update', { draftId: before.id as string, updateFields: { mailFormat: 'text', content: 'Plain words' } });
		expect(result.error).toBeUndefined();
		const sent = (crmRequests(emulator())[1].body as { __email_drafts: IDataObject[] }).__email_drafts[0];
		expect([sent.rich_text, sent.content, sent.plainTextContent]).toEqual([false, 'Plain words', 'Plain words']);
		expect(seededDraft()).toMatchObject({ rich_text: false, content: 'Plain words' });
	});

	it('schedules a draft through Update, which then counts toward Max Emails per Execution', async () => {
		const before = seededDraft();
		const blocked = await run('update', { draftId: before.id as string, updateFields: { scheduledTime: '2031-06-12T12:12:12+05:30' }, performance: { maxEmailsPerExecution: 1 } }, [{}, {}], true);
		expect(blocked.items.map((i) => i.json.error ?? i.json.scheduled)).toEqual([true, 'Item 1 was not sent: "Max Emails per Execution" (1) is reached']);
		const put = crmRequests(emulator()).filter((r) => r.method === 'PUT');
		expect(put).toHaveLength(1);
		expect((put[0].body as { __email_drafts: IDataObject[] }).__email_drafts[0].schedule_details).toEqual({ time: '2031-06-12T12:12:12+05:30' });
		expect(seededDraft().schedule_details).toMatchObject({ time: '2031-06-12T12:12:12+05:30' });
	});

	it('refuses an update without fields before any request', async () => {
		const result = await run('update', { draftId: seededDraft().id as string, updateFields: {} });
		expect(result.error?.message).toBe('No field to update');
		expect(crmRequests(emulator())).toEqual([]);
	});

	it('sends nothing when the draft is gone', async () => {
		const result = await run('update', { draftId: 'cd'.repeat(32), updateFields: { subject: 'x' } });
		expect(result.error?.message).toBe(`No email draft with ID ${'cd'.repeat(32)} on this Contacts record`);
		expect(crmRequests(emulator()).map((r) => r.method)).toEqual(['GET']);
	});
});

describe('CRM email draft: Delete', () => {
	it('deletes the draft and returns deleted: true', async () => {
		const draft = seededDraft();
		const result = await run('delete', { draftId: draft.id as string });
		expect(crmRequests(emulator())).toEqual([{ method: 'DELETE', path: `${DRAFTS('Contacts', SEED.sage)}/${draft.id}`, query: {}, body: null }]);
		expect(result.items).toEqual([
			{
				json: { id: draft.id, status: 'success', code: 'SUCCESS', message: 'Draft deleted Successfully', deleted: true, module: 'Contacts', record_id: SEED.sage },
				pairedItem: { item: 0 },
			},
		]);
		expect(emulator().data.crm.drafts('Contacts', SEED.sage)).toEqual([]);
	});

	it('maps Zoho\'s "Invalid draft Id" to an error naming the draft action, and continues on fail per item', async () => {
		const draft = seededDraft();
		const result = await run('delete', { draftId: '={{ $json.id }}' }, [{ id: 'ef'.repeat(32) }, { id: draft.id as string }], true);
		expect(result.items.map((i) => [i.json.error ?? i.json.deleted, i.pairedItem])).toEqual([
			[`Zoho CRM could not delete the email draft: Zoho rejected a value (field "Draft ID": ${'ef'.repeat(32)})`, { item: 0 }],
			[true, { item: 1 }],
		]);
	});
});
