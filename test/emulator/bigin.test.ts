import { buildMultipart } from '../../emulator/multipart';
import { authed, client, IDS, useEmulator } from './helpers';

function biginMail(extra: Record<string, unknown> = {}) {
	return {
		data: [{ from: { user_name: 'Amelia Burrows', email: IDS.biginFrom }, to: [{ user_name: 'Jason Smith', email: 'jason.smith@acmelandscaping.example' }], subject: 'Spring offer', content: 'Hi', mail_format: 'text', ...extra }],
	};
}

describe('emulator Bigin v2', () => {
	const emu = useEmulator();

	it.each([
		['Contacts', IDS.biginContact],
		['Pipelines', IDS.biginPipeline],
		['Accounts', IDS.biginAccount],
	])('sends mail from %s', async (module, id) => {
		const res = await authed(emu()).post(`/bigin/v2/${module}/${id}/actions/send_mail`, biginMail());
		expect(res.status).toBe(200);
		expect(res.data.data[0]).toMatchObject({ code: 'SUCCESS', message: 'Your mail has been sent successfully.', status: 'success' });
		expect(emu().mails()[0]).toMatchObject({ product: 'bigin', kind: 'send', module, recordId: id });
	});

	it('schedules, and rejects CRM-only keys, bad senders and other modules', async () => {
		const http = authed(emu());
		const url = `/bigin/v2/Contacts/${IDS.biginContact}/actions/send_mail`;
		expect((await http.post(url, biginMail({ scheduled_time: '2099-02-27T19:30:12+05:30' }))).data.data[0].message).toBe('Your mail has been scheduled successfully.');
		const template = await http.post(url, biginMail({ template: { id: '1' } }));
		expect(template.status).toBe(400);
		expect(template.data).toEqual({ data: [{ code: 'INVALID_DATA', details: { api_name: 'template', json_path: '$.data[0].template' }, message: 'invalid data', status: 'error' }] });
		expect((await http.post(url, biginMail({ in_reply_to: 'x' }))).data.data[0].details.api_name).toBe('in_reply_to');
		expect((await http.post(url, biginMail({ from: { email: 'patricia.boyle@zylker.com' } }))).data.data[0].details.api_name).toBe('from');
		expect((await http.post('/bigin/v2/Tasks/6120845000000605001/actions/send_mail', biginMail())).data.code).toBe('INVALID_MODULE');
		expect((await http.post('/bigin/v2/Contacts/1/actions/send_mail', biginMail())).data.code).toBe('INVALID_DATA');
	});

	it('has no Emails endpoints', async () => {
		const res = await authed(emu()).get(`/bigin/v2/Contacts/${IDS.biginContact}/Emails`);
		expect(res.status).toBe(404);
		expect(res.data.code).toBe('INVALID_URL_PATTERN');
		expect((await authed(emu()).get(`/bigin/v2/Contacts/${IDS.biginContact}/Emails/abc`)).status).toBe(404);
	});

	it('serves from-addresses, files, search, listing and single records', async () => {
		const http = authed(emu());
		const from = await http.get('/bigin/v2/settings/emails/actions/from_addresses');
		expect(from.data.from_addresses[0]).toMatchObject({ type: 'primary', email: IDS.biginFrom });
		const { body, contentType } = buildMultipart([{ name: 'file', filename: 'offer.pdf', contentType: 'application/pdf', data: 'pdf' }]);
		const up = await http.post('/bigin/v2/files', body, { headers: { 'content-type': contentType } });
		const fileId = up.data.data[0].details.id;
		expect((await http.post(`/bigin/v2/Contacts/${IDS.biginContact}/actions/send_mail`, biginMail({ attachments: [{ id: fileId }] }))).status).toBe(200);
		const search = await http.get('/bigin/v2/Contacts/search?email=maria@bluebirdbakery.example');
		expect(search.data.data[0].id).toBe('6120845000000601003');
		expect((await http.get('/bigin/v2/Contacts/search?word=nobody')).status).toBe(204);
		const list = await http.get('/bigin/v2/Pipelines?fields=Deal_Name,Stage');
		expect(list.data.data).toEqual([{ id: IDS.biginPipeline, Deal_Name: 'Acme - Spring maintenance', Stage: 'Proposal' }]);
		expect((await http.get(`/bigin/v2/Accounts/${IDS.biginAccount}`)).data.data[0].Account_Name).toBe('Acme Landscaping');
	});

	it('uses ZohoBigin scopes', async () => {
		const crmOnly = client(emu(), emu().issueToken({ scopes: ['ZohoCRM.send_mail.all.CREATE'] }).access_token);
		const res = await crmOnly.post(`/bigin/v2/Contacts/${IDS.biginContact}/actions/send_mail`, biginMail());
		expect(res.status).toBe(401);
		expect(res.data.code).toBe('OAUTH_SCOPE_MISMATCH');
		const bigin = client(emu(), emu().issueToken({ scopes: ['ZohoBigin.send_mail.all.CREATE'] }).access_token, 'Bearer');
		expect((await bigin.post(`/bigin/v2/Contacts/${IDS.biginContact}/actions/send_mail`, biginMail())).status).toBe(200);
		expect(emu().stats().credits).toMatchObject({ bigin: 1, crm: 0 });
	});
});
