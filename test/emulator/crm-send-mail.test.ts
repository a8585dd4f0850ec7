import { authed, client, IDS, mailBody, useEmulator } from './helpers';

describe('emulator CRM send_mail', () => {
	const emu = useEmulator();

	const url = (module: string, id: string) => `/crm/v8/${module}/${id}/actions/send_mail`;

	it('sends a mail, answers the documented body and records it on the record and in mails()', async () => {
		const res = await authed(emu()).post(url('Leads', IDS.leadKris), mailBody());
		expect(res.status).toBe(200);
		expect(res.data).toEqual({
			data: [{ code: 'SUCCESS', details: { message_id: expect.stringMatching(/^[0-9a-f]{64}$/) }, message: 'Your mail has been sent successfully.', status: 'success' }],
		});
		const messageId = res.data.data[0].details.message_id;
		expect(emu().mails()).toEqual([
			{ product: 'crm', kind: 'send', module: 'Leads', recordId: IDS.leadKris, messageId, payload: mailBody().data[0] },
		]);
		const stored = emu().data.crm.emails('Leads', IDS.leadKris)[0];
		expect(stored).toMatchObject({ message_id: messageId, sent: true, source: 'crm', status: [{ type: 'sent' }], content: '<p>Hello</p>' });
		const log = emu().requests({ product: 'crm', method: 'POST' });
		expect(log).toHaveLength(1);
		expect(log[0]).toMatchObject({ path: url('Leads', IDS.leadKris), status: 200, body: mailBody(), product: 'crm' });
		expect(log[0].authorization).toMatch(/^Zoho-oauthtoken 1000\./);
	});

	it('accepts Bearer tokens, org and imap from-addresses, and custom modules', async () => {
		const http = authed(emu(), 'Bearer');
		const org = await http.post(url(IDS.customModule, IDS.customRecord), mailBody({ from: { user_name: 'Zylker Sales', email: IDS.fromOrg }, org_email: true }));
		expect(org.status).toBe(200);
		const imap = await http.post(url('Cases', IDS.case), mailBody({ from: { email: IDS.fromImap.toUpperCase() } }));
		expect(imap.status).toBe(200);
	});

	it('schedules a mail with a future scheduled_time', async () => {
		const res = await authed(emu()).post(url('Contacts', IDS.contact37), mailBody({ scheduled_time: '2099-06-12T12:12:12+05:30' }));
		expect(res.status).toBe(200);
		expect(res.data.data[0].message).toBe('Your mail has been scheduled successfully.');
		expect(emu().mails()[0].kind).toBe('scheduled');
		const scheduled = await authed(emu()).get(`/crm/v8/Contacts/${IDS.contact37}/Emails?type=scheduled_in_crm`);
		expect(scheduled.data.Emails[0].message_id).toBe(res.data.data[0].details.message_id);
	});

	it.each([
		['a past scheduled_time', { scheduled_time: '2020-01-01T10:00:00+05:30' }, 'scheduled_time', '$.data[0].scheduled_time'],
		['a non ISO scheduled_time', { scheduled_time: 'tomorrow' }, 'scheduled_time', '$.data[0].scheduled_time'],
		['a from-address that is not allowed', { from: { user_name: 'X', email: 'someone@else.com' } }, 'from', '$.data[0].from'],
		['a malformed to address', { to: [{ email: 'not-an-email' }] }, 'email', '$.data[0].to[0].email'],
		['a malformed cc address', { cc: [{ email: 'a@b.com' }, { email: 'bad' }] }, 'email', '$.data[0].cc[1].email'],
		['an unknown attachment id', { attachments: [{ id: 'deadbeef' }] }, 'id', '$.data[0].attachments[0].id'],
		['an unknown template', { template: { id: '1' } }, 'template', '$.data[0].template.id'],
		['a bad mail_format', { mail_format: 'rtf' }, 'mail_format', '$.data[0].mail_format'],
		['inventory details on a non-inventory module', { inventory_details: { inventory_template: { id: IDS.inventoryQuotes } } }, 'inventory_details', '$.data[0].inventory_details'],
		['a consent mail without the consent form', { consent_email: true }, 'content', '$.data[0].content'],
		['a bad data subject request type', { data_subject_request: { id: '1', type: 'delete' } }, 'type', '$.data[0].data_subject_request.type'],
		['a bad in_reply_to', { in_reply_to: 42 }, 'in_reply_to', '$.data[0].in_reply_to'],
		['an empty in_reply_to', { in_reply_to: ' ' }, 'in_reply_to', '$.data[0].in_reply_to'],
		['the v8 OpenAPI in_reply_to object (only the documented string is accepted)', { in_reply_to: { message_id: 'abc', owner: { id: IDS.user } } }, 'in_reply_to', '$.data[0].in_reply_to'],
		['a linked record that does not exist', { linked_record: { id: '1', module: { api_name: 'Contacts', id: '5725767000000002179' } } }, 'id', '$.data[0].linked_record.id'],
		['a linked record module ID of another module', { linked_record: { id: IDS.contact37, module: { api_name: 'Contacts', id: '5725767000000002175' } } }, 'id', '$.data[0].linked_record.module.id'],
		['a linked record in an unknown module', { linked_record: { id: IDS.contact37, module: { api_name: 'Nope', id: '1' } } }, 'module', '$.data[0].linked_record.module'],
	])('rejects %s with INVALID_DATA inside data[]', async (_name, extra, apiName, jsonPath) => {
		const res = await authed(emu()).post(url('Leads', IDS.leadKris), mailBody(extra));
		expect(res.status).toBe(400);
		expect(res.data).toEqual({ data: [{ code: 'INVALID_DATA', details: { api_name: apiName, json_path: jsonPath }, message: expect.any(String), status: 'error' }] });
		expect(emu().mails()).toEqual([]);
	});

	it('answers MANDATORY_NOT_FOUND for a missing from or to', async () => {
		const http = authed(emu());
		const noTo = mailBody();
		delete (noTo.data[0] as Record<string, unknown>).to;
		expect((await http.post(url('Leads', IDS.leadKris), noTo)).data).toEqual({
			data: [{ code: 'MANDATORY_NOT_FOUND', details: { api_name: 'to', json_path: '$.data[0].to' }, message: 'required field not found', status: 'error' }],
		});
		const emptyTo = await http.post(url('Leads', IDS.leadKris), mailBody({ to: [] }));
		expect(emptyTo.data.data[0].code).toBe('MANDATORY_NOT_FOUND');
		const noFrom = await http.post(url('Leads', IDS.leadKris), mailBody({ from: null }));
		expect(noFrom.status).toBe(400);
		expect(noFrom.data.data[0].details).toEqual({ api_name: 'from', json_path: '$.data[0].from' });
	});

	it('answers MANDATORY_NOT_FOUND for a linked record module without its ID', async () => {
		const res = await authed(emu()).post(url('Leads', IDS.leadKris), mailBody({ linked_record: { id: IDS.contact37, module: { api_name: 'Contacts' } } }));
		expect(res.data).toEqual({
			data: [{ code: 'MANDATORY_NOT_FOUND', details: { api_name: 'id', json_path: '$.data[0].linked_record.module.id' }, message: 'required field not found', status: 'error' }],
		});
		expect(emu().mails()).toEqual([]);
	});

	it('sends inventory mails with a matching inventory template and accepts the documented in_reply_to string', async () => {
		const http = authed(emu());
		const inv = await http.post(
			url('Invoices', IDS.invoice),
			mailBody({ inventory_details: { inventory_template: { id: IDS.inventoryInvoices, name: 'Standard Invoice' }, paper_type: 'A4', view_type: 'portrait' } }),
		);
		expect(inv.status).toBe(200);
		expect(emu().data.crm.emails('Invoices', IDS.invoice)[0].attachments[0].name).toBe('Standard Invoice.pdf');
		const wrong = await http.post(url('Invoices', IDS.invoice), mailBody({ inventory_details: { inventory_template: { id: IDS.inventoryQuotes } } }));
		expect(wrong.data.data[0].details.api_name).toBe('inventory_template');
		const missing = await http.post(url('Quotes', IDS.quote), mailBody({ inventory_details: { paper_type: 'A4' } }));
		expect(missing.data.data[0].code).toBe('MANDATORY_NOT_FOUND');
		expect((await http.post(url('Leads', IDS.leadKris), mailBody({ in_reply_to: 'abc' }))).status).toBe(200);
	});

	it('uses the template subject and content when the mail gives none, and sends consent mails with the form', async () => {
		const http = authed(emu());
		const body = mailBody({ template: { id: IDS.templateLeads } });
		delete (body.data[0] as Record<string, unknown>).subject;
		delete (body.data[0] as Record<string, unknown>).content;
		expect((await http.post(url('Leads', IDS.leadKris), body)).status).toBe(200);
		expect(emu().data.crm.emails('Leads', IDS.leadKris)[0].subject).toBe('Thanks for your interest in Zylker');
		const consent = await http.post(
			url('Leads', IDS.leadKris),
			mailBody({ consent_email: true, content: '<a href="${ConsentForm.en_US}">Consent form link</a>', data_subject_request: { id: '1', type: 'access' } }),
		);
		expect(consent.status).toBe(200);
	});

	it('checks attachments against uploaded files and their 10 MB total', async () => {
		const http = authed(emu());
		const small = emu().data.crm.addFile({ name: 'a.txt', data: 'hello' });
		expect((await http.post(url('Deals', IDS.deal), mailBody({ attachments: [{ id: small }] }))).status).toBe(200);
		const big1 = emu().data.crm.addFile({ name: 'b.bin', data: Buffer.alloc(6 * 1024 * 1024) });
		const big2 = emu().data.crm.addFile({ name: 'c.bin', data: Buffer.alloc(5 * 1024 * 1024) });
		const res = await http.post(url('Deals', IDS.deal), mailBody({ attachments: [{ id: big1 }, { id: big2 }] }));
		expect(res.status).toBe(400);
		expect(res.data.data[0]).toMatchObject({ code: 'FILE_SIZE_EXCEEDS', status: 'error' });
	});

	it('answers request-level errors as bare objects', async () => {
		const http = authed(emu());
		const badModule = await http.post(url('Widgets', IDS.leadKris), mailBody());
		expect(badModule.status).toBe(400);
		expect(badModule.data).toEqual({ code: 'INVALID_MODULE', details: { resource_path_index: 0 }, message: 'the module name given seems to be invalid', status: 'error' });
		const noMail = await http.post(url('Tasks', '5725767000000511001'), mailBody());
		expect(noMail.data.code).toBe('INVALID_MODULE');
		const badRecord = await http.post(url('Leads', '5725767000000000000'), mailBody());
		expect(badRecord.status).toBe(400);
		expect(badRecord.data).toEqual({ code: 'INVALID_DATA', details: { resource_path_index: 1 }, message: 'the id given seems to be invalid', status: 'error' });
		const optOut = await http.post(url('Contacts', IDS.contactOptOut), mailBody());
		expect(optOut.status).toBe(403);
		expect(optOut.data.code).toBe('NO_PERMISSION');
		const two = await http.post(url('Leads', IDS.leadKris), { data: [mailBody().data[0], mailBody().data[0]] });
		expect(two.status).toBe(400);
		expect(two.data.code).toBe('LIMIT_EXCEEDED');
		const noData = await http.post(url('Leads', IDS.leadKris), { mails: [] });
		expect(noData.data).toEqual({ code: 'MANDATORY_NOT_FOUND', details: { api_name: 'data', json_path: '$.data' }, message: 'required field not found', status: 'error' });
		const malformed = await http.post(url('Leads', IDS.leadKris), '{"data":[', { headers: { 'content-type': 'application/json' }, transformRequest: [(d) => d] });
		expect(malformed.status).toBe(400);
		expect(malformed.data.code).toBe('INVALID_DATA');
		const wrongVerb = await http.get(url('Leads', IDS.leadKris));
		expect(wrongVerb.data.code).toBe('INVALID_REQUEST_METHOD');
	});

	it('checks scopes: send_mail.all, module-specific send_mail, and mismatches', async () => {
		const leadsOnly = client(emu(), emu().issueToken({ scopes: ['ZohoCRM.send_mail.leads.CREATE'] }).access_token);
		expect((await leadsOnly.post(url('Leads', IDS.leadKris), mailBody())).status).toBe(200);
		const mismatch = await leadsOnly.post(url('Contacts', IDS.contact37), mailBody());
		expect(mismatch.status).toBe(401);
		expect(mismatch.data).toEqual({ code: 'OAUTH_SCOPE_MISMATCH', details: {}, message: 'invalid oauth scope to access this URL', status: 'error' });
		const custom = client(emu(), emu().issueToken({ scopes: ['zohocrm.send_mail.custom.create'] }).access_token);
		expect((await custom.post(url(IDS.customModule, IDS.customRecord), mailBody())).status).toBe(200);
		const salesOrders = client(emu(), emu().issueToken({ scopes: ['ZohoCRM.send_mail.salesorders.CREATE'] }).access_token);
		expect((await salesOrders.post(url('Sales_Orders', IDS.salesOrder), mailBody())).status).toBe(200);
		const none = await client(emu()).post(url('Leads', IDS.leadKris), mailBody());
		expect(none.status).toBe(401);
		expect(none.data.code).toBe('INVALID_TOKEN');
	});
});
