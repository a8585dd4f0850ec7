import axios from 'axios';

import { client, type Emulator, useEmulator } from './helpers';

const REDIRECT = 'http://127.0.0.1:5678/rest/oauth2-credential/callback';

/** Runs the consent flow and returns the redirect URL's query. */
async function consent(emu: Emulator, params: Record<string, string> = {}) {
	const http = client(emu);
	const query = new URLSearchParams({
		response_type: 'code',
		client_id: emu.clientId,
		scope: 'ZohoCRM.send_mail.all.CREATE,ZohoCRM.modules.ALL',
		redirect_uri: REDIRECT,
		access_type: 'offline',
		prompt: 'consent',
		state: 'xyz',
		...params,
	});
	const page = await http.get(`/oauth/v2/auth?${query.toString()}`);
	expect(page.status).toBe(200);
	expect(page.headers['content-type']).toContain('text/html');
	expect(page.data).toContain('Accept');
	const approved = await http.get(`/oauth/v2/auth?${query.toString()}&approve=1`);
	expect(approved.status).toBe(302);
	return new URL(approved.headers.location as string);
}

function form(params: Record<string, string>) {
	return new URLSearchParams(params).toString();
}

describe('emulator accounts server', () => {
	const emu = useEmulator();

	it('redirects with a Zoho-style code, location, accounts-server and state', async () => {
		const back = await consent(emu());
		expect(back.origin + back.pathname).toBe(REDIRECT);
		expect(back.searchParams.get('code')).toMatch(/^1000\.[0-9a-f]{32}\.[0-9a-f]{32}$/);
		expect(back.searchParams.get('location')).toBe('us');
		expect(back.searchParams.get('accounts-server')).toBe(emu().url);
		expect(back.searchParams.get('state')).toBe('xyz');
	});

	it('shows an error page for an unknown client and redirects with access_denied on reject', async () => {
		const http = client(emu());
		const bad = await http.get(`/oauth/v2/auth?response_type=code&client_id=nope&scope=a.b.READ&redirect_uri=${encodeURIComponent(REDIRECT)}`);
		expect(bad.status).toBe(400);
		expect(bad.data).toContain('Invalid Client');
		const denied = await http.get(
			`/oauth/v2/auth?response_type=code&client_id=${emu().clientId}&scope=a.b.READ&redirect_uri=${encodeURIComponent(REDIRECT)}&state=s1&approve=0`,
		);
		expect(denied.status).toBe(302);
		expect(denied.headers.location).toBe(`${REDIRECT}?error=access_denied&state=s1`);
	});

	it('exchanges a code once (form body) and returns exactly the documented token body', async () => {
		const code = (await consent(emu())).searchParams.get('code') as string;
		const http = client(emu());
		const params = { grant_type: 'authorization_code', client_id: emu().clientId, client_secret: emu().clientSecret, redirect_uri: REDIRECT, code };
		const res = await http.post('/oauth/v2/token', form(params), { headers: { 'content-type': 'application/x-www-form-urlencoded' } });
		expect(res.status).toBe(200);
		expect(Object.keys(res.data)).toEqual(['access_token', 'refresh_token', 'api_domain', 'token_type', 'expires_in']);
		expect(res.data).toMatchObject({ api_domain: emu().url, token_type: 'Bearer', expires_in: 3600 });
		const again = await http.post('/oauth/v2/token', form(params), { headers: { 'content-type': 'application/x-www-form-urlencoded' } });
		expect(again.status).toBe(200);
		expect(again.data).toEqual({ error: 'invalid_code' });
	});

	it('accepts parameters in the query string and client credentials in a Basic header', async () => {
		const code = (await consent(emu())).searchParams.get('code') as string;
		const basic = Buffer.from(`${emu().clientId}:${emu().clientSecret}`).toString('base64');
		const res = await client(emu()).post(`/oauth/v2/token?${form({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT })}`, '', {
			headers: { Authorization: `Basic ${basic}` },
		});
		expect(res.data.access_token).toMatch(/^1000\./);
		const api = await client(emu(), res.data.access_token, 'Bearer').get('/crm/v8/Leads?fields=Email');
		expect(api.status).toBe(200);
	});

	it('answers invalid_client for a wrong secret and omits the refresh token for online access', async () => {
		const http = client(emu());
		const code = (await consent(emu(), { access_type: 'online' })).searchParams.get('code') as string;
		const wrong = await http.post(`/oauth/v2/token?${form({ grant_type: 'authorization_code', client_id: emu().clientId, client_secret: 'x', code })}`);
		expect(wrong.data).toEqual({ error: 'invalid_client' });
		const ok = await http.post(`/oauth/v2/token?${form({ grant_type: 'authorization_code', client_id: emu().clientId, client_secret: emu().clientSecret, code })}`);
		expect(Object.keys(ok.data)).toEqual(['access_token', 'api_domain', 'token_type', 'expires_in']);
	});

	it('offers Accept and Reject on the consent page, each a link that the redirect follows', async () => {
		const http = client(emu());
		const query = new URLSearchParams({ response_type: 'code', client_id: emu().clientId, scope: 'ZohoCRM.modules.ALL', redirect_uri: REDIRECT, state: 's2' });
		const html = (await http.get(`/oauth/v2/auth?${query.toString()}`)).data as string;
		const href = (id: string) => (new RegExp(`id="${id}" href="([^"]+)"`).exec(html)?.[1] ?? '').replace(/&#38;/g, '&');
		const accepted = await http.get(href('accept'));
		expect(new URL(accepted.headers.location as string).searchParams.get('code')).toMatch(/^1000\./);
		const rejected = await http.get(href('reject'));
		expect(rejected.headers.location).toBe(`${REDIRECT}?error=access_denied&state=s2`);
	});

	it('signs in an account of another data center: its server in the redirect, its codes valid only there', async () => {
		const http = client(emu());
		const back = await consent(emu(), { account_dc: 'eu' });
		expect(back.searchParams.get('location')).toBe('eu');
		const server = back.searchParams.get('accounts-server') as string;
		expect(server).toBe(`${emu().url}/oauth/dc/eu`);
		const params = (code: string) => form({ grant_type: 'authorization_code', client_id: emu().clientId, client_secret: emu().clientSecret, redirect_uri: REDIRECT, code });
		// At the home data center's server the code is unknown, as Zoho's US server answers an EU code.
		const home = await http.post(`/oauth/v2/token?${params(back.searchParams.get('code') as string)}`);
		expect(home.status).toBe(200);
		expect(home.data).toEqual({ error: 'invalid_code' });
		const again = await consent(emu(), { account_dc: 'eu' });
		const there = await http.post(`/oauth/dc/eu/oauth/v2/token?${params(again.searchParams.get('code') as string)}`);
		expect(Object.keys(there.data)).toEqual(['access_token', 'refresh_token', 'api_domain', 'token_type', 'expires_in']);
		const refresh = (path: string) =>
			http.post(`${path}?${form({ grant_type: 'refresh_token', client_id: emu().clientId, client_secret: emu().clientSecret, refresh_token: there.data.refresh_token })}`);
		expect((await refresh('/oauth/v2/token')).data).toEqual({ error: 'invalid_code' });
		expect((await refresh('/oauth/dc/eu/oauth/v2/token')).data.access_token).toMatch(/^1000\./);
		// Starting at the other data center's own server signs in its account by default.
		const page = await http.get(
			`/oauth/dc/eu/oauth/v2/auth?${new URLSearchParams({ response_type: 'code', client_id: emu().clientId, scope: 'ZohoCRM.modules.ALL', redirect_uri: REDIRECT }).toString()}`,
		);
		expect(page.data).toContain('<b id="account-dc">eu</b>');
	});

	it('answers the token grant of a wrong client secret with HTTP 200 and invalid_client, keeping the code', async () => {
		const http = client(emu());
		const code = (await consent(emu())).searchParams.get('code') as string;
		const wrong = await http.post('/oauth/v2/token', form({ grant_type: 'authorization_code', client_id: emu().clientId, client_secret: 'wrong', redirect_uri: REDIRECT, code }), {
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
		});
		expect(wrong.status).toBe(200);
		expect(wrong.data).toEqual({ error: 'invalid_client' });
	});

	it('gives a refresh token on a second offline consent only with prompt=consent', async () => {
		const http = client(emu());
		const exchange = async (code: string) =>
			(await http.post(`/oauth/v2/token?${form({ grant_type: 'authorization_code', client_id: emu().clientId, client_secret: emu().clientSecret, code })}`)).data;
		expect((await exchange((await consent(emu())).searchParams.get('code') as string)).refresh_token).toBeDefined();
		const noPrompt = await exchange((await consent(emu(), { prompt: '' })).searchParams.get('code') as string);
		expect(noPrompt.refresh_token).toBeUndefined();
		expect(noPrompt.access_token).toBeDefined();
	});

	it('refreshes without returning a new refresh token, then throttles after 10 in the window', async () => {
		const pair = emu().issueToken();
		const http = client(emu());
		const refresh = () =>
			http.post('/oauth/v2/token', form({ grant_type: 'refresh_token', client_id: emu().clientId, client_secret: emu().clientSecret, refresh_token: pair.refresh_token }), {
				headers: { 'content-type': 'application/x-www-form-urlencoded' },
			});
		for (let i = 0; i < 10; i++) {
			const res = await refresh();
			expect(Object.keys(res.data)).toEqual(['access_token', 'api_domain', 'token_type', 'expires_in']);
		}
		const throttled = await refresh();
		expect(throttled.status).toBe(200);
		expect(throttled.data).toEqual({
			error_description: 'Token creation throttle limit reached. Please reuse the valid tokens you currently have.',
			error: 'Access Denied',
		});
		expect(emu().stats().refreshes).toBe(10);
		const unknown = await http.post(`/oauth/v2/token?${form({ grant_type: 'refresh_token', client_id: emu().clientId, client_secret: emu().clientSecret, refresh_token: '1000.x.y' })}`);
		expect(unknown.data).toEqual({ error: 'invalid_code' });
	});

	it('honours a configured refresh throttle', async () => {
		emu().setLimits({ refreshesPerWindow: 1 });
		const pair = emu().issueToken();
		const url = `/oauth/v2/token?${form({ grant_type: 'refresh_token', client_id: emu().clientId, client_secret: emu().clientSecret, refresh_token: pair.refresh_token })}`;
		expect((await client(emu()).post(url)).data.access_token).toBeDefined();
		expect((await client(emu()).post(url)).data.error).toBe('Access Denied');
	});

	it('expires access tokens on expireTokens() and after expires_in, and a refresh recovers', async () => {
		const pair = emu().issueToken();
		const api = client(emu(), pair.access_token);
		expect((await api.get('/crm/v8/settings/emails/actions/from_addresses')).status).toBe(200);
		emu().expireTokens();
		const expired = await api.get('/crm/v8/settings/emails/actions/from_addresses');
		expect(expired.status).toBe(401);
		expect(expired.data).toEqual({ code: 'INVALID_TOKEN', details: {}, message: 'invalid oauth token', status: 'error' });
		const books = await api.get('/books/v3/organizations');
		expect(books.status).toBe(401);
		expect(books.data).toEqual({ code: 57, message: 'You are not authorized to perform this operation' });
		const refreshed = await client(emu()).post(
			`/oauth/v2/token?${form({ grant_type: 'refresh_token', client_id: emu().clientId, client_secret: emu().clientSecret, refresh_token: pair.refresh_token })}`,
		);
		expect((await client(emu(), refreshed.data.access_token).get('/crm/v8/settings/emails/actions/from_addresses')).status).toBe(200);
		const short = emu().issueToken({ expiresIn: 0.001 });
		await api.get('/crm/v8/nothing');
		expect((await client(emu(), short.access_token).get('/crm/v8/settings/emails/actions/from_addresses')).status).toBe(401);
	});

	it('expires only the access tokens issued before a given time', async () => {
		const old = emu().issueToken();
		const cut = Date.now() + 1;
		const clock = jest.spyOn(Date, 'now').mockReturnValue(cut + 5);
		let fresh: { access_token: string };
		try {
			fresh = emu().issueToken();
		} finally {
			clock.mockRestore();
		}
		emu().expireTokens({ issuedBefore: cut });
		expect((await client(emu(), old.access_token).get('/crm/v8/settings/emails/actions/from_addresses')).status).toBe(401);
		expect((await client(emu(), fresh.access_token).get('/crm/v8/settings/emails/actions/from_addresses')).status).toBe(200);
	});

	it('grants access tokens for the configured lifetime', async () => {
		emu().setLimits({ tokenLifetimeSeconds: 1 });
		const pair = emu().issueToken();
		const granted = await client(emu()).post(
			`/oauth/v2/token?${form({ grant_type: 'refresh_token', client_id: emu().clientId, client_secret: emu().clientSecret, refresh_token: pair.refresh_token })}`,
		);
		expect(granted.data.expires_in).toBe(1);
		const api = client(emu(), granted.data.access_token);
		expect((await api.get('/crm/v8/settings/emails/actions/from_addresses')).status).toBe(200);
		const later = Date.now() + 1500;
		const clock = jest.spyOn(Date, 'now').mockReturnValue(later);
		try {
			expect((await api.get('/crm/v8/settings/emails/actions/from_addresses')).status).toBe(401);
		} finally {
			clock.mockRestore();
		}
	});

	it('keeps at most 15 live access tokens per refresh token', async () => {
		const pair = emu().issueToken();
		const url = `/oauth/v2/token?${form({ grant_type: 'refresh_token', client_id: emu().clientId, client_secret: emu().clientSecret, refresh_token: pair.refresh_token })}`;
		emu().setLimits({ refreshesPerWindow: 100 });
		for (let i = 0; i < 15; i++) await client(emu()).post(url);
		// The first token (issued with the pair) was the oldest of 16 and is now invalid.
		expect((await client(emu(), pair.access_token).get('/crm/v8/Leads?fields=Email')).status).toBe(401);
	});

	it('invalidates tokens on reset() unless keepTokens is set', async () => {
		const pair = emu().issueToken();
		emu().reset({ keepTokens: true });
		expect((await client(emu(), pair.access_token).get('/crm/v8/Leads?fields=Email')).status).toBe(200);
		emu().reset();
		expect((await client(emu(), pair.access_token).get('/crm/v8/Leads?fields=Email')).status).toBe(401);
	});

	it('is reachable with a plain axios call (no emulator helpers)', async () => {
		const res = await axios.post(`${emu().url}/oauth/v2/token`, 'grant_type=refresh_token', { validateStatus: () => true });
		expect(res.data).toEqual({ error: 'invalid_client' });
	});
});
