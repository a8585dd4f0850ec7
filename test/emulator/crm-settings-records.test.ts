import { buildMultipart } from '../../emulator/multipart';
import { authed, client, IDS, useEmulator } from './helpers';

describe('emulator CRM settings, files and records', () => {
	const emu = useEmulator();

	it('lists the from-addresses', async () => {
		const res = await authed(emu()).get('/crm/v8/settings/emails/actions/from_addresses');
		expect(res.status).toBe(200);
		expect(res.data.from_addresses.map((a: { type: string; email: string }) => `${a.type}:${a.email}`)).toEqual([
			`primary:${IDS.fromPrimary}`,
			`imap:${IDS.fromImap}`,
			`org_email:${IDS.fromOrg}`,
		]);
		const noScope = client(emu(), emu().issueToken({ scopes: ['ZohoCRM.modules.ALL'] }).access_token);
		expect((await noScope.get('/crm/v8/settings/emails/actions/from_addresses')).data.code).toBe('OAUTH_SCOPE_MISMATCH');
	});

	it('lists email templates per module, 204 when none, and reports bad modules', async () => {
		const http = authed(emu());
		const leads = await http.get('/crm/v8/settings/email_templates?module=Leads');
		expect(leads.data.email_templates).toHaveLength(1);
		expect(leads.data.email_templates[0]).toMatchObject({ id: IDS.templateLeads, module: { api_name: 'Leads' } });
		expect(leads.data.email_templates[0].content).toBeUndefined();
		expect(leads.data.info).toEqual({ per_page: 200, page: 1, count: 1, more_records: false });
		const none = await http.get('/crm/v8/settings/email_templates?module=Invoices');
		expect(none.status).toBe(204);
		expect(none.data).toBe('');
		const bad = await http.get('/crm/v8/settings/email_templates?module=Nope');
		expect(bad.data).toEqual({ code: 'INVALID_MODULE', details: { param_name: 'module' }, message: 'the module name given seems to be invalid', status: 'error' });
		expect((await http.get('/crm/v8/settings/email_templates')).data.code).toBe('REQUIRED_PARAM_MISSING');
		const one = await http.get(`/crm/v8/settings/email_templates/${IDS.templateContacts}`);
		expect(one.data.email_templates[0].content).toContain('Great speaking with you today');
		const custom = await http.get(`/crm/v8/settings/email_templates?module=${IDS.customModule}`);
		expect(custom.data.email_templates[0].name).toBe('Project kickoff');
	});

	it('lists inventory templates', async () => {
		const http = authed(emu());
		const all = await http.get('/crm/v8/settings/inventory_templates');
		expect(all.data.inventory_templates).toHaveLength(4);
		const quotes = await http.get('/crm/v8/settings/inventory_templates?module=Quotes');
		expect(quotes.data.inventory_templates.map((t: { id: string }) => t.id)).toEqual([IDS.inventoryQuotes]);
		expect((await http.get('/crm/v8/settings/inventory_templates?module=Leads')).status).toBe(204);
	});

	it('lists modules including the custom one', async () => {
		const res = await authed(emu()).get('/crm/v8/settings/modules');
		const custom = res.data.modules.find((m: { api_name: string }) => m.api_name === IDS.customModule);
		expect(custom).toMatchObject({ module_name: IDS.customModule, plural_label: 'Projects', api_supported: true, generated_type: 'custom' });
		expect(res.data.modules.find((m: { api_name: string }) => m.api_name === 'Visits').api_supported).toBe(false);
	});

	it('uploads files (several per call, inline) and serves them back', async () => {
		const http = authed(emu());
		const { body, contentType } = buildMultipart([
			{ name: 'file', filename: 'connections.txt', contentType: 'text/plain', data: 'hello' },
			{ name: 'file', filename: 'logo.png', contentType: 'image/png', data: Buffer.from([137, 80, 78, 71]) },
		]);
		const res = await http.post('/crm/v8/files?type=inline', body, { headers: { 'content-type': contentType } });
		expect(res.status).toBe(200);
		expect(res.data.data).toEqual([
			{ code: 'SUCCESS', details: { name: 'connections.txt', id: expect.stringMatching(/^[0-9a-f]{64}$/) }, message: 'connections.txt uploaded Succeessfully', status: 'success' },
			{ code: 'SUCCESS', details: { name: 'logo.png', id: expect.any(String) }, message: 'logo.png uploaded Succeessfully', status: 'success' },
		]);
		expect(emu().requests()[0].body.files).toEqual([
			{ field: 'file', filename: 'connections.txt', contentType: 'text/plain', size: 5 },
			{ field: 'file', filename: 'logo.png', contentType: 'image/png', size: 4 },
		]);
		expect(emu().data.crm.files()[1]).toMatchObject({ name: 'logo.png', type: 'inline', size: 4 });
		const back = await http.get(`/crm/v8/files?id=${res.data.data[0].details.id}`, { responseType: 'arraybuffer' });
		expect(Buffer.from(back.data).toString()).toBe('hello');
		expect((await http.get('/crm/v8/files?id=nope')).data.code).toBe('INVALID_DATA');
	});

	it('rejects uploads over 20 MB, without a file part, and malformed multipart bodies', async () => {
		const http = authed(emu());
		const big = buildMultipart([{ name: 'file', filename: 'big.bin', data: Buffer.alloc(20 * 1024 * 1024 + 1) }]);
		const tooBig = await http.post('/crm/v8/files', big.body, { headers: { 'content-type': big.contentType }, maxBodyLength: Infinity });
		expect(tooBig.status).toBe(400);
		expect(tooBig.data.data[0]).toMatchObject({ code: 'FILE_SIZE_MORE_THAN_ALLOWED_SIZE', status: 'error' });
		const noFile = buildMultipart([{ name: 'other', value: 'x' }]);
		const missing = await http.post('/crm/v8/files', noFile.body, { headers: { 'content-type': noFile.contentType } });
		expect(missing.data).toEqual({ code: 'REQUIRED_PARAM_MISSING', details: { param: 'file' }, message: 'One of the expected parameter is missing', status: 'error' });
		const broken = await http.post('/crm/v8/files', '--xyz\r\nnonsense', { headers: { 'content-type': 'multipart/form-data; boundary=xyz' } });
		expect(broken.status).toBe(400);
		expect(broken.data.code).toBe('failure_in_attachment_handling');
	});

	it('searches records by email, criteria and word; 204 when nothing matches', async () => {
		const http = authed(emu());
		const byEmail = await http.get('/crm/v8/Contacts/search', { params: { email: 'C.MACLEAD@gmail.example' } });
		expect(byEmail.data.data.map((r: { id: string }) => r.id)).toEqual([IDS.contact37]);
		expect(byEmail.data.info).toEqual({ per_page: 200, count: 1, page: 1, more_records: false });
		const byCriteria = await http.get('/crm/v8/Contacts/search', {
			params: { criteria: '((Email:equals:sage.wieser@truhlar.example)or(Last_Name:starts_with:Lac))' },
		});
		expect(byCriteria.data.data.map((r: { id: string }) => r.id).sort()).toEqual([IDS.contactSage, IDS.contactEmpty].sort());
		const byWord = await http.get('/crm/v8/Accounts/search?word=rangoni');
		expect(byWord.data.data[0].id).toBe(IDS.account);
		const none = await http.get('/crm/v8/Leads/search?email=nobody@example.com');
		expect(none.status).toBe(204);
		expect(none.data).toBe('');
		expect((await http.get('/crm/v8/Leads/search')).data.code).toBe('REQUIRED_PARAM_MISSING');
		expect((await http.get('/crm/v8/Leads/search?criteria=nonsense')).data.code).toBe('INVALID_QUERY');
		const noSearchScope = client(emu(), emu().issueToken({ scopes: ['ZohoCRM.modules.ALL'] }).access_token);
		expect((await noSearchScope.get('/crm/v8/Leads/search?email=a@b.com')).status).toBe(401);
	});

	it('lists records with fields, sorting and paging, and keeps 19-digit ids as strings', async () => {
		const http = authed(emu());
		const res = await http.get('/crm/v8/Contacts', { params: { fields: 'Email,Full_Name', sort_by: 'Modified_Time', sort_order: 'desc', per_page: 3 } });
		expect(res.status).toBe(200);
		expect(res.data.data[0]).toEqual({ id: IDS.contact37, Email: 'christopher.maclead@rangoni.example', Full_Name: 'Christopher Maclead' });
		expect(res.data.info).toMatchObject({ per_page: 3, count: 3, page: 1, more_records: true, sort_by: 'Modified_Time', sort_order: 'desc' });
		const page2 = await http.get('/crm/v8/Contacts?fields=Email&per_page=3&page=2');
		expect(page2.data.info).toMatchObject({ count: 1, more_records: false });
		expect((await http.get('/crm/v8/Contacts?fields=Email&per_page=3&page=3')).status).toBe(204);
		expect((await http.get('/crm/v8/Contacts')).data).toEqual({
			code: 'REQUIRED_PARAM_MISSING',
			details: { param: 'fields' },
			message: 'One of the expected parameter is missing',
			status: 'error',
		});
		expect((await http.get('/crm/v8/Contacts?fields=Email&sort_by=Email')).data.code).toBe('INVALID_DATA');
		const raw = await http.get('/crm/v8/Deals?fields=Deal_Name', { transformResponse: (d) => d });
		expect(raw.data).toContain(`"id":"${IDS.deal}"`);
		const changed = await http.get('/crm/v8/Leads?fields=Email', { headers: { 'If-Modified-Since': '2025-01-01T00:00:00+05:30' } });
		expect(changed.data.data.map((r: { id: string }) => r.id).sort()).toEqual([IDS.leadKris, '5725767000000501005']);
		expect((await http.get('/crm/v8/Leads?fields=Email', { headers: { 'If-Modified-Since': '2030-01-01T00:00:00+05:30' } })).status).toBe(304);
	});

	it('gets one record, 204 for an unknown id, and rejects unknown modules', async () => {
		const http = authed(emu());
		const one = await http.get(`/crm/v8/${IDS.customModule}/${IDS.customRecord}`);
		expect(one.data.data[0]).toMatchObject({ id: IDS.customRecord, Name: 'Website Redesign' });
		expect((await http.get('/crm/v8/Leads/5725767000000999999')).status).toBe(204);
		expect((await http.get('/crm/v8/Visits?fields=Name')).data.code).toBe('INVALID_MODULE');
		const unknownPath = await http.get('/crm/v8/Leads/1/2/3/4/5');
		expect(unknownPath.status).toBe(404);
		expect(unknownPath.data).toEqual({ code: 'INVALID_URL_PATTERN', details: {}, message: 'Please check if the URL trying to access is a correct one', status: 'error' });
	});
});
