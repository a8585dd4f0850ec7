import axios from 'axios';

import { authed, client, IDS, mailBody, startEmulator, useEmulator } from './helpers';

describe('emulator server: limits, faults, latency, log, admin and robustness', () => {
	const emu = useEmulator();

	it('answers 429 TOO_MANY_REQUESTS at once beyond the concurrency limit', async () => {
		emu().setLimits({ concurrency: 2 });
		emu().setLatency(300);
		const http = authed(emu());
		const results = await Promise.all(Array.from({ length: 5 }, () => http.get('/crm/v8/Leads?fields=Email')));
		const statuses = results.map((r) => r.status).sort();
		expect(statuses).toEqual([200, 200, 429, 429, 429]);
		const limited = results.find((r) => r.status === 429);
		expect(limited?.data).toEqual({ code: 'TOO_MANY_REQUESTS', details: {}, message: 'The concurrency limit of the user for the app exceeded', status: 'error' });
		expect(emu().stats()).toMatchObject({ inFlightMax: 2, tooManyRequests: 3, credits: { crm: 2 } });
	});

	it('applies the mail sub-concurrency to send_mail only', async () => {
		emu().setLimits({ mailConcurrency: 1 });
		emu().setLatency(200);
		const http = authed(emu());
		const [a, b, c] = await Promise.all([
			http.post(`/crm/v8/Leads/${IDS.leadKris}/actions/send_mail`, mailBody()),
			http.post(`/crm/v8/Leads/${IDS.leadKris}/actions/send_mail`, mailBody()),
			http.get('/crm/v8/Leads?fields=Email'),
		]);
		expect([a.status, b.status].sort()).toEqual([200, 429]);
		expect(c.status).toBe(200);
	});

	it('counts one credit per call and answers 429 once the daily credits are spent', async () => {
		emu().setLimits({ dailyCredits: 2 });
		const http = authed(emu());
		expect((await http.get('/crm/v8/Leads?fields=Email')).status).toBe(200);
		expect((await http.get('/crm/v8/Leads?fields=Email')).status).toBe(200);
		const spent = await http.get('/crm/v8/Leads?fields=Email');
		expect(spent.status).toBe(429);
		expect(spent.data).toEqual({ code: 'TOO_MANY_REQUESTS', details: {}, message: 'API requests for the 24-hour period exceeded', status: 'error' });
		expect((await http.get(`/bigin/v2/Contacts?fields=Email`)).status).toBe(200);
		const books = await http.get('/books/v3/organizations');
		expect(books.status).toBe(200);
		expect(emu().stats().credits).toEqual({ crm: 2, bigin: 1, books: 1 });
	});

	it('injects http faults by method and path prefix or RegExp, consumed per request', async () => {
		const http = authed(emu());
		emu().addFault({ method: 'GET', path: '/crm/v8/Leads', status: 500, times: 2 });
		emu().addFault({ path: /\/books\/v3\/invoices$/, status: 503, body: { code: 1000, message: 'Busy' }, headers: { 'retry-after': '1' } });
		expect((await http.post(`/crm/v8/Leads/${IDS.leadKris}/actions/send_mail`, mailBody())).status).toBe(200);
		const first = await http.get('/crm/v8/Leads?fields=Email');
		expect(first.status).toBe(500);
		expect(first.data).toEqual({ code: 'INTERNAL_ERROR', details: {}, message: 'Internal Server Error', status: 'error' });
		expect((await http.get('/crm/v8/Leads?fields=Email')).status).toBe(500);
		expect((await http.get('/crm/v8/Leads?fields=Email')).status).toBe(200);
		const books = await http.get('/books/v3/invoices', { params: { organization_id: IDS.booksOrg } });
		expect(books.status).toBe(503);
		expect(books.headers['retry-after']).toBe('1');
		expect(books.data).toEqual({ code: 1000, message: 'Busy' });
		expect(emu().requests({ pathPrefix: '/books' })[0]).toMatchObject({ status: 503, response: { code: 1000, message: 'Busy' } });
	});

	it('matches faults on query parameters and retries forever with times 0', async () => {
		const http = authed(emu());
		emu().addFault({ path: '/books/v3/invoices', query: { organization_id: IDS.booksOrgIndia }, status: 500, times: 0 });
		for (let i = 0; i < 3; i++) {
			const india = await http.get('/books/v3/invoices', { params: { organization_id: IDS.booksOrgIndia } });
			expect(india.status).toBe(500);
			expect(india.data).toEqual({ code: 1000, message: 'Internal error' });
		}
		expect((await http.get('/books/v3/invoices', { params: { organization_id: IDS.booksOrg } })).status).toBe(200);
		emu().clearFaults();
		expect((await http.get('/books/v3/invoices', { params: { organization_id: IDS.booksOrgIndia } })).status).toBe(200);
	});

	it('fails the token endpoint on demand', async () => {
		emu().addFault({ path: '/oauth/v2/token', status: 400, body: { error: 'invalid_grant' } });
		const res = await client(emu()).post('/oauth/v2/token');
		expect(res.status).toBe(400);
		expect(res.data).toEqual({ error: 'invalid_grant' });
	});

	it('resets the connection, answers malformed JSON, and delays a fault', async () => {
		const http = authed(emu());
		emu().addFault({ path: '/crm/v8/settings', kind: 'reset' });
		await expect(http.get('/crm/v8/settings/emails/actions/from_addresses')).rejects.toMatchObject({ code: 'ECONNRESET' });
		emu().addFault({ path: '/crm/v8/settings', kind: 'malformed' });
		const broken = await http.get('/crm/v8/settings/emails/actions/from_addresses', { transformResponse: (d) => d });
		expect(broken.status).toBe(200);
		expect(() => JSON.parse(broken.data)).toThrow();
		emu().addFault({ path: '/crm/v8/settings', status: 502, delayMs: 150 });
		const started = Date.now();
		expect((await http.get('/crm/v8/settings/emails/actions/from_addresses')).status).toBe(502);
		expect(Date.now() - started).toBeGreaterThanOrEqual(140);
		expect((await http.get('/crm/v8/settings/emails/actions/from_addresses')).status).toBe(200);
	});

	it('holds a request back with a delay fault, then answers it as usual', async () => {
		const http = authed(emu());
		emu().addFault({ pathGlob: '/crm/v8/Contacts/*/Emails', kind: 'delay', delayMs: 150, times: 0 });
		const started = Date.now();
		const slow = await http.get(`/crm/v8/Contacts/${IDS.contactSage}/Emails`);
		expect(Date.now() - started).toBeGreaterThanOrEqual(140);
		expect(slow.status).toBe(200);
		expect(slow.data.Emails.length).toBeGreaterThan(0);
		expect(emu().requests({ pathPrefix: '/crm/v8/Contacts' }).at(-1)).toMatchObject({ status: 200 });
		const fast = Date.now();
		expect((await http.get('/crm/v8/settings/emails/actions/from_addresses')).status).toBe(200);
		expect(Date.now() - fast).toBeLessThan(140);
	});

	it('never answers a timeout fault until the client gives up', async () => {
		emu().addFault({ path: '/crm/v8/Leads', kind: 'timeout' });
		const http = authed(emu());
		await expect(http.get('/crm/v8/Leads?fields=Email', { timeout: 200 })).rejects.toMatchObject({ code: 'ECONNABORTED' });
		expect((await http.get('/crm/v8/Leads?fields=Email')).status).toBe(200);
	});

	it('adds latency to API and token responses', async () => {
		emu().setLatency(120);
		const started = Date.now();
		await authed(emu()).get('/crm/v8/Leads?fields=Email');
		await client(emu()).post('/oauth/v2/token');
		expect(Date.now() - started).toBeGreaterThanOrEqual(230);
	});

	it('logs requests with parsed bodies and filters them; admin calls are not logged', async () => {
		const http = authed(emu());
		await http.post(`/crm/v8/Leads/${IDS.leadKris}/actions/send_mail?x=1`, mailBody(), { headers: { 'X-Trace': 'abc' } });
		await http.get('/books/v3/organizations');
		await client(emu()).post('/oauth/v2/token', 'grant_type=refresh_token&refresh_token=1000.a.b', { headers: { 'content-type': 'application/x-www-form-urlencoded' } });
		await axios.get(`${emu().url}/__admin/stats`);
		const all = emu().requests();
		expect(all.map((r) => r.product)).toEqual(['crm', 'books', 'accounts']);
		expect(all.map((r) => r.seq)).toEqual([1, 2, 3]);
		expect(all[0]).toMatchObject({
			method: 'POST',
			path: `/crm/v8/Leads/${IDS.leadKris}/actions/send_mail`,
			query: { x: '1' },
			body: mailBody(),
			rawBody: JSON.stringify(mailBody()),
			status: 200,
			response: { data: [expect.objectContaining({ code: 'SUCCESS' })] },
		});
		expect(all[0].headers['x-trace']).toBe('abc');
		expect(all[1]).toMatchObject({ method: 'GET', body: null, rawBody: '' });
		expect(all[2].body).toEqual({ grant_type: 'refresh_token', refresh_token: '1000.a.b' });
		expect(emu().requests({ product: 'books' })).toHaveLength(1);
		expect(emu().requests({ method: 'post', pathPrefix: '/oauth' })).toHaveLength(1);
		emu().clearRequests();
		expect(emu().requests()).toEqual([]);
	});

	it('never crashes on malformed input', async () => {
		// Raw bodies: axios would otherwise re-encode an unparsable string as a JSON string.
		const http = authed(emu());
		http.defaults.transformRequest = [(data) => data];
		const odd = [
			await http.get('/nothing/here'),
			await http.get('/crm/v8/%E0%A4%A/x'),
			await http.post(`/crm/v8/Leads/${IDS.leadKris}/actions/send_mail`, 'null', { headers: { 'content-type': 'application/json' } }),
			await http.post(`/crm/v8/Leads/${IDS.leadKris}/actions/send_mail`, '[1,2]', { headers: { 'content-type': 'application/json' } }),
			await http.post(`/crm/v8/Leads/${IDS.leadKris}/actions/send_mail`, '{"data":[', { headers: { 'content-type': 'application/json' } }),
			await http.post(`/crm/v8/Leads/${IDS.leadKris}/actions/send_mail`, JSON.stringify({ data: [null] }), { headers: { 'content-type': 'application/json' } }),
			await http.post(`/crm/v8/Leads/${IDS.leadKris}/actions/send_mail`, JSON.stringify({ data: [{ from: 'me', to: 'you' }] }), { headers: { 'content-type': 'application/json' } }),
			await http.post(`/crm/v8/Leads/${IDS.leadKris}/actions/associate_email`, JSON.stringify({ Emails: [null, 5] }), { headers: { 'content-type': 'application/json' } }),
			await http.post(`/crm/v8/Leads/${IDS.leadKris}/actions/send_mail`, Buffer.from([0xff, 0xfe, 0x00]), { headers: { 'content-type': 'application/octet-stream' } }),
			await http.post(`/books/v3/contacts/${IDS.booksContact}/email?organization_id=${IDS.booksOrg}`, '"text"', { headers: { 'content-type': 'application/json' } }),
			await http.post(`/books/v3/contacts/${IDS.booksContact}/email?organization_id=${IDS.booksOrg}`, '{"to_mail_ids":', { headers: { 'content-type': 'application/json' } }),
			await http.post(`/books/v3/contacts/${IDS.booksContact}/email?organization_id=${IDS.booksOrg}`, 'JSONString=%7Bbad', { headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
			await http.post(`/books/v3/contacts/${IDS.booksContact}/email?organization_id=${IDS.booksOrg}`, 'garbage', { headers: { 'content-type': 'multipart/form-data' } }),
			await http.get('/crm/v8/Contacts/search?criteria=((((((('),
			await http.get(`/crm/v8/Contacts/${IDS.contact37}/Emails?index=${'f'.repeat(5000)}`),
			await http.post('/__admin/faults', '{nope', { headers: { 'content-type': 'application/json' } }),
			await http.post('/__admin/faults', '"a string"', { headers: { 'content-type': 'application/json' } }),
		];
		for (const res of odd) expect(res.status).toBeGreaterThanOrEqual(400);
		expect(odd[0].data.code).toBe('INVALID_URL_PATTERN');
		expect(odd.filter((r) => r.data && r.data.code === 1038)).toHaveLength(3);
		expect(emu().requests().filter((r) => r.status === 500)).toEqual([]);
		const huge = await http.get('/crm/v8/Leads?fields=Email', { headers: { 'X-Huge': 'x'.repeat(100_000) } });
		expect(huge.status).toBe(431);
		expect((await http.get('/crm/v8/Leads?fields=Email')).status).toBe(200);
	});

	it('mirrors the API over /__admin/', async () => {
		const admin = axios.create({ baseURL: `${emu().url}/__admin`, validateStatus: () => true });
		expect((await admin.get('/health')).data).toEqual({ ok: true, url: emu().url });
		const pair = (await admin.post('/tokens', { scopes: ['ZohoCRM.modules.ALL', 'ZohoCRM.modules.emails.ALL'] })).data;
		expect(pair).toMatchObject({ api_domain: emu().url, token_type: 'Bearer', expires_in: 3600 });
		const http = client(emu(), pair.access_token);
		const added = await admin.post('/crm/emails', { module: 'Leads', recordId: IDS.leadEmpty, count: 2 });
		expect(added.status).toBe(201);
		expect(added.data.emails).toHaveLength(2);
		expect((await http.get(`/crm/v8/Leads/${IDS.leadEmpty}/Emails`)).data.Emails).toHaveLength(2);
		expect((await admin.post('/crm/emails', { module: 'Leads', recordId: '1', count: 2 })).status).toBe(400);
		await admin.post('/faults', { pathGlob: '/crm/v8/Leads', status: 418 });
		expect((await http.get('/crm/v8/Leads?fields=Email')).status).toBe(418);
		expect((await admin.get('/requests', { params: { product: 'crm' } })).data.map((r: { status: number }) => r.status)).toEqual([200, 418]);
		await admin.post('/limits', { concurrency: 1 });
		await admin.post('/latency', { ms: 5 });
		await admin.post('/expire-tokens');
		expect((await http.get('/crm/v8/Leads?fields=Email')).status).toBe(401);
		expect((await admin.get('/stats')).data.credits.crm).toBe(1);
		await admin.delete('/requests');
		expect((await admin.get('/requests')).data).toEqual([]);
		const fresh = (await admin.post('/tokens', {})).data.access_token;
		await authed(emu()).post(`/crm/v8/Leads/${IDS.leadKris}/actions/send_mail`, mailBody());
		expect((await admin.get('/mails')).data).toHaveLength(1);
		await admin.post('/reset');
		expect((await admin.get('/mails')).data).toEqual([]);
		expect((await client(emu(), fresh).get('/crm/v8/Leads?fields=Email')).status).toBe(401);
		expect((await admin.get('/nope')).status).toBe(404);
	});

	it('stops cleanly while a timeout fault holds a socket', async () => {
		const other = await startEmulator();
		other.addFault({ kind: 'timeout' });
		const pending = client(other).get('/crm/v8/Leads');
		const settled = pending.then(
			() => 'resolved',
			(err: { code?: string }) => err.code,
		);
		// Wait (via admin round trips, which faults never touch) until the request has arrived.
		while (other.requests().length === 0) await axios.get(`${other.url}/__admin/health`);
		await other.stop();
		expect(await settled).toBe('ECONNRESET');
	});
});
