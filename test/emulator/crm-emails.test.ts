import { authed, client, IDS, useEmulator } from './helpers';

function associateBody(extra: Record<string, unknown> = {}) {
	return {
		Emails: [
			{
				from: { user_name: 'user1', email: 'test@zoho.com' },
				to: [{ user_name: 'user2', email: 'test1@zoho.com' }],
				subject: 'Mail subject',
				content: '<h3>Mail is of rich text format</h3>',
				mail_format: 'html',
				date_time: '2018-06-12T12:12:12+05:30',
				sent: true,
				original_message_id: '1234534dead-asds3322w243',
				...extra,
			},
		],
	};
}

describe('emulator CRM Emails related list', () => {
	const emu = useEmulator();

	it('lists newest first also when a record\'s stored list is out of order ', async () => {
		const http = authed(emu());
		const [at2, at1, at3] = emu().data.crm.addEmails('Contacts', IDS.contact37, [
			{ time: '2030-01-01T00:00:02Z', subject: 'b' },
			{ time: '2030-01-01T00:00:01Z', subject: 'a' },
			{ time: '2030-01-01T00:00:03Z', subject: 'c' },
		]) as Array<{ message_id: string }>;
		const key = `Contacts/${IDS.contact37}`;
		const store = (emu().data as unknown as { store: { crm: { emails: Record<string, Array<{ message_id: string }>> } } }).store.crm.emails;
		// Stored as a test may leave it: newest, oldest, middle.
		const byId = new Map(store[key].map((e) => [e.message_id, e]));
		store[key] = [byId.get(at3.message_id)!, byId.get(at1.message_id)!, byId.get(at2.message_id)!];
		const res = await http.get(`/crm/v8/Contacts/${IDS.contact37}/Emails`);
		expect(res.data.Emails.map((e: { message_id: string }) => e.message_id)).toEqual([at3.message_id, at2.message_id, at1.message_id]);
	});

	it('pages 37 emails 10 at a time, newest first, with an opaque next_index', async () => {
		const http = authed(emu());
		const seen: string[] = [];
		const times: string[] = [];
		let index: string | undefined;
		const counts: number[] = [];
		for (;;) {
			const res = await http.get(`/crm/v8/Contacts/${IDS.contact37}/Emails`, { params: index ? { index } : {} });
			expect(res.status).toBe(200);
			counts.push(res.data.info.count);
			expect(res.data.info.per_page).toBe(10);
			for (const e of res.data.Emails) {
				seen.push(e.message_id);
				times.push(e.time);
				expect(e.content).toBeUndefined();
				expect(e.time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+05:30$/);
			}
			if (!res.data.info.more_records) break;
			index = res.data.info.next_index;
			expect(index).toMatch(/^[0-9a-f]{96}$/);
		}
		expect(counts).toEqual([10, 10, 10, 7]);
		expect(new Set(seen).size).toBe(37);
		expect([...times].sort().reverse()).toEqual(times);
	});

	it('answers 204 with an empty body for a record without emails', async () => {
		const res = await authed(emu()).get(`/crm/v8/Leads/${IDS.leadEmpty}/Emails`);
		expect(res.status).toBe(204);
		expect(res.data).toBe('');
		expect(emu().requests()[0].response).toBeNull();
	});

	it('filters by type and owner_id, and rejects invalid ones', async () => {
		const http = authed(emu());
		const subjects = async (params: Record<string, string>) =>
			((await http.get(`/crm/v8/Contacts/${IDS.contactSage}/Emails`, { params })).data.Emails || []).map((e: { subject: string }) => e.subject);
		expect(await subjects({})).toEqual(['Re: Proposal attached', 'Proposal attached']);
		expect(await subjects({ type: 'sent_from_crm' })).toEqual(['Proposal attached']);
		expect(await subjects({ type: 'scheduled_in_crm' })).toEqual(['Renewal reminder']);
		expect(await subjects({ type: 'drafts' })).toEqual(['Draft: pricing']);
		expect(await subjects({ type: 'user_emails', owner_id: IDS.user })).toEqual(['Re: Proposal attached']);
		const otherOwner = await http.get(`/crm/v8/Contacts/${IDS.contactSage}/Emails`, { params: { type: 'user_emails', owner_id: IDS.otherUser } });
		expect(otherOwner.status).toBe(204);
		const badType = await http.get(`/crm/v8/Contacts/${IDS.contactSage}/Emails?type=everything`);
		expect(badType.status).toBe(400);
		expect(badType.data).toEqual({ code: 'INVALID_DATA', details: { param_name: 'type' }, message: 'invalid data', status: 'error' });
		const accountsOnly = await http.get(`/crm/v8/Contacts/${IDS.contactSage}/Emails?type=all_contacts_sent_crm_emails`);
		expect(accountsOnly.status).toBe(400);
		const ownerWithoutType = await http.get(`/crm/v8/Contacts/${IDS.contactSage}/Emails?owner_id=${IDS.user}`);
		expect(ownerWithoutType.data.details).toEqual({ param_name: 'owner_id' });
		const badIndex = await http.get(`/crm/v8/Contacts/${IDS.contactSage}/Emails?index=abc`);
		expect(badIndex.data.details).toEqual({ param_name: 'index' });
	});

	it('aggregates the account contacts for all_contacts_* types', async () => {
		const res = await authed(emu()).get(`/crm/v8/Accounts/${IDS.account}/Emails?type=all_contacts_scheduled_crm_emails`);
		expect(res.status).toBe(200);
		expect(res.data.Emails.map((e: { subject: string }) => e.subject)).toEqual(['Renewal reminder']);
	});

	it('returns one email with content and attachments, and downloads an attachment', async () => {
		const http = authed(emu());
		const list = await http.get(`/crm/v8/Contacts/${IDS.contactSage}/Emails?type=sent_from_crm`);
		const messageId = list.data.Emails[0].message_id;
		const one = await http.get(`/crm/v8/Contacts/${IDS.contactSage}/Emails/${messageId}`);
		expect(one.status).toBe(200);
		const email = one.data.Emails[0];
		expect(email).toMatchObject({ subject: 'Proposal attached', mail_format: 'html', editable: false, intent: 'purchase', message_id: messageId });
		expect(email.content).toContain('<div>');
		expect(email.attachments).toEqual([{ size: '24792', name: 'proposal.pdf', id: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
		expect(email.status[0]).toMatchObject({ type: 'opened', count: '3' });
		const file = await http.get(`/crm/v8/Contacts/${IDS.contactSage}/Emails/actions/download_attachments`, {
			params: { message_id: messageId, id: email.attachments[0].id, name: 'proposal.pdf', user_id: IDS.user },
			responseType: 'arraybuffer',
		});
		expect(file.status).toBe(200);
		expect(file.headers['content-type']).toBe('application/pdf');
		expect(Buffer.from(file.data).length).toBe(24792);
		const missing = await http.get(`/crm/v8/Contacts/${IDS.contactSage}/Emails/actions/download_attachments?message_id=${messageId}`);
		expect(missing.data).toEqual({ code: 'REQUIRED_PARAM_MISSING', details: { param: 'id' }, message: 'One of the expected parameter is missing', status: 'error' });
		const unknown = await http.get(`/crm/v8/Contacts/${IDS.contactSage}/Emails/ffff`);
		expect(unknown.status).toBe(400);
		expect(unknown.data.code).toBe('INVALID_DATA');
	});

	it('rejects unknown records and modules without an Emails list', async () => {
		const http = authed(emu());
		const badRecord = await http.get('/crm/v8/Contacts/5725767000000000001/Emails');
		expect(badRecord.data).toEqual({ code: 'INVALID_DATA', details: { resource_path_index: 1 }, message: 'the id given seems to be invalid', status: 'error' });
		expect((await http.get(`/crm/v8/Cases/${IDS.case}/Emails`)).data.code).toBe('INVALID_MODULE');
	});

	it('needs the emails READ scope and a module READ scope', async () => {
		const modulesOnly = client(emu(), emu().issueToken({ scopes: ['ZohoCRM.modules.contacts.READ'] }).access_token);
		expect((await modulesOnly.get(`/crm/v8/Contacts/${IDS.contactSage}/Emails`)).data.code).toBe('OAUTH_SCOPE_MISMATCH');
		const both = client(emu(), emu().issueToken({ scopes: ['ZohoCRM.modules.READ', 'ZohoCRM.modules.emails.READ'] }).access_token);
		expect((await both.get(`/crm/v8/Contacts/${IDS.contactSage}/Emails`)).status).toBe(200);
	});

	it('adds emails through emu.data.crm.addEmails (count or objects) newest last', async () => {
		const added = emu().data.crm.addEmails('Leads', IDS.leadEmpty, 3);
		expect(added).toHaveLength(3);
		expect(added[2].time >= added[0].time).toBe(true);
		const custom = emu().data.crm.addEmails('Leads', IDS.leadEmpty, [{ subject: 'Hand made', sent: false, content: '<b>hi</b>' }]);
		const res = await authed(emu()).get(`/crm/v8/Leads/${IDS.leadEmpty}/Emails`);
		expect(res.data.Emails).toHaveLength(4);
		expect(res.data.Emails[0].message_id).toBe(custom[0].message_id);
		expect(res.data.Emails[0].subject).toBe('Hand made');
		expect(() => emu().data.crm.addEmails('Leads', '1', 1)).toThrow('unknown Leads record 1');
	});

	it('associates an email (201), lists it, and rejects a duplicate original_message_id', async () => {
		const http = authed(emu());
		const url = `/crm/v8/Deals/${IDS.deal}/actions/associate_email`;
		const res = await http.post(url, associateBody({ linked_record: { id: IDS.contact37, name: 'Christopher Maclead', module: { api_name: 'Contacts', id: '5725767000000002179' } } }));
		expect(res.status).toBe(201);
		expect(res.data).toEqual({
			Emails: [{ code: 'SUCCESS', details: { message_id: expect.stringMatching(/^[0-9a-f]{64}$/) }, message: 'Your mail has been added successfully', status: 'success' }],
		});
		expect(emu().mails()[0]).toMatchObject({ product: 'crm', kind: 'associate', module: 'Deals', recordId: IDS.deal });
		const list = await http.get(`/crm/v8/Deals/${IDS.deal}/Emails?type=user_emails`);
		expect(list.data.Emails[0]).toMatchObject({ subject: 'Mail subject', time: '2018-06-12T12:12:12+05:30' });
		const dup = await http.post(url, associateBody());
		expect(dup.status).toBe(400);
		expect(dup.data).toEqual({
			Emails: [{ code: 'DUPLICATE_DATA', details: { api_name: 'original_message_id', json_path: '$.Emails[0].original_message_id' }, message: 'duplicate data', status: 'error' }],
		});
	});

	it('validates associate_email input', async () => {
		const http = authed(emu());
		const url = `/crm/v8/Leads/${IDS.leadKris}/actions/associate_email`;
		const missing = await http.post(url, associateBody({ date_time: undefined }));
		expect(missing.data).toEqual({
			Emails: [{ code: 'MANDATORY_NOT_FOUND', details: { api_name: 'date_time', json_path: '$.Emails[0].date_time' }, message: 'required field not found', status: 'error' }],
		});
		expect((await http.post(url, associateBody({ sent: 'yes' }))).data.Emails[0].details.api_name).toBe('sent');
		expect((await http.post(url, associateBody({ attachments: [{ id: 'nope', name: 'x' }] }))).data.Emails[0].details.api_name).toBe('id');
		expect((await http.post(url, associateBody({ owner: { id: '1' } }))).data.Emails[0].details.api_name).toBe('owner');
		expect((await http.post(url, associateBody({ linked_record: { id: '1', module: { api_name: 'Nope' } } }))).data.Emails[0].details.api_name).toBe('module');
		const contact = { id: IDS.contact37, name: 'Christopher Maclead' };
		expect((await http.post(url, associateBody({ linked_record: { ...contact, module: { api_name: 'Contacts' } } }))).data).toEqual({
			Emails: [{ code: 'MANDATORY_NOT_FOUND', details: { api_name: 'id', json_path: '$.Emails[0].linked_record.module.id' }, message: 'required field not found', status: 'error' }],
		});
		expect((await http.post(url, associateBody({ linked_record: { ...contact, module: { api_name: 'Contacts', id: '5725767000000002181' } } }))).data).toEqual({
			Emails: [{ code: 'INVALID_DATA', details: { api_name: 'id', json_path: '$.Emails[0].linked_record.module.id' }, message: 'invalid data', status: 'error' }],
		});
		expect((await http.post(url, associateBody({ linked_record: { ...contact, module: { api_name: 'Contacts', id: '5725767000000002179' } } }))).status).toBe(201);
		expect(emu().mails()).toHaveLength(1);
		expect((await http.post(url, { data: [] })).data.code).toBe('MANDATORY_NOT_FOUND');
		expect((await http.post(`/crm/v8/Cases/${IDS.case}/actions/associate_email`, associateBody())).data.code).toBe('INVALID_MODULE');
	});

	it('lets an admin associate another user email and answers 403 NO_PERMISSION otherwise', async () => {
		const http = authed(emu());
		const url = `/crm/v8/Leads/${IDS.leadKris}/actions/associate_email`;
		expect((await http.post(url, associateBody({ owner: { id: IDS.otherUser } }))).status).toBe(201);
		emu().data.crm.setAdmin(false);
		const denied = await http.post(url, associateBody({ owner: { id: IDS.otherUser }, original_message_id: 'other' }));
		expect(denied.status).toBe(403);
		expect(denied.data.code).toBe('NO_PERMISSION');
	});

	it('requires both the emails and the module ALL scopes to associate', async () => {
		const only = client(emu(), emu().issueToken({ scopes: ['ZohoCRM.modules.emails.ALL'] }).access_token);
		expect((await only.post(`/crm/v8/Leads/${IDS.leadKris}/actions/associate_email`, associateBody())).status).toBe(401);
		const both = client(emu(), emu().issueToken({ scopes: ['ZohoCRM.modules.emails.ALL', 'ZohoCRM.modules.leads.ALL'] }).access_token);
		expect((await both.post(`/crm/v8/Leads/${IDS.leadKris}/actions/associate_email`, associateBody())).status).toBe(201);
	});
});
