import type { ICredentialDataDecryptedObject, IWorkflowExecuteAdditionalData } from 'n8n-workflow';

import { UserError } from 'n8n-workflow';

import { ZohoEmailOAuth2Api } from '../../credentials/ZohoEmailOAuth2Api.credentials';
import { refusedConnection } from '../../nodes/ZohoEmail/transport/auth';
import { PRODUCT_SCOPES } from '../../nodes/ZohoEmail/models/scopes';
import { apiBaseUrl, PRODUCT_PREFIX } from '../../nodes/ZohoEmail/transport/dataCenters';
import { HarnessCredentialsHelper, resolveWithCredentials } from '../harness/credentials';
import { nodeTypes } from '../harness/nodeTypes';

/** The credential as n8n resolves it: type defaults, hidden fields' expressions over $self. */
async function resolved(data: ICredentialDataDecryptedObject): Promise<ICredentialDataDecryptedObject> {
	const helper = new HarnessCredentialsHelper(nodeTypes);
	helper.add({ id: 'c1', name: 'c', type: 'zohoEmailOAuth2Api', data });
	return await helper.getDecrypted({} as IWorkflowExecuteAdditionalData, { id: 'c1', name: 'c' }, 'zohoEmailOAuth2Api', 'internal');
}

/** The scopes of the chosen products, each once, in product order, as the credential should ask for them. */
function scopesFor(products: string[]): string {
	return (['crm', 'bigin', 'books'] as const)
		.filter((p) => products.includes(p))
		.flatMap((p) => PRODUCT_SCOPES[p])
		.filter((s, i, all) => all.indexOf(s) === i)
		.join(',');
}

const table: Array<[string, string, string]> = [
	['us', 'https://accounts.zoho.com', 'https://www.zohoapis.com'],
	['eu', 'https://accounts.zoho.eu', 'https://www.zohoapis.eu'],
	['in', 'https://accounts.zoho.in', 'https://www.zohoapis.in'],
	['au', 'https://accounts.zoho.com.au', 'https://www.zohoapis.com.au'],
	['cn', 'https://accounts.zoho.com.cn', 'https://www.zohoapis.com.cn'],
	['jp', 'https://accounts.zoho.jp', 'https://www.zohoapis.jp'],
	['ca', 'https://accounts.zohocloud.ca', 'https://www.zohoapis.ca'],
	['sa', 'https://accounts.zoho.sa', 'https://www.zohoapis.sa'],
	['uk', 'https://accounts.zoho.uk', 'https://www.zohoapis.uk'],
];

describe('Zoho Email OAuth2 API credential', () => {
	it('offers the nine data centers and Custom', () => {
		const dc = new ZohoEmailOAuth2Api().properties.find((p) => p.name === 'dataCenter');
		expect((dc?.options as Array<{ value: string }>).map((o) => o.value)).toEqual(['us', 'eu', 'in', 'au', 'cn', 'jp', 'ca', 'sa', 'uk', 'custom']);
	});

	it.each(table)('%s: authorization, token and API hosts', async (dataCenter, accounts, api) => {
		const c = await resolved({ dataCenter, products: ['crm', 'bigin', 'books'] });
		expect(c.authUrl).toBe(`${accounts}/oauth/v2/auth`);
		expect(c.accessTokenUrl).toBe(`${accounts}/oauth/v2/token`);
		expect(apiBaseUrl(c, 'crm')).toBe(`${api}/crm/v8`);
		expect(apiBaseUrl(c, 'bigin')).toBe(`${api}/bigin/v2`);
		expect(apiBaseUrl(c, 'books')).toBe(`${api}/books/v3`);
	});

	it('asks for a refresh token on every consent and sends client credentials in the body', async () => {
		const c = await resolved({ dataCenter: 'eu', products: ['crm'] });
		expect(c.authQueryParameters).toBe('access_type=offline&prompt=consent');
		expect(c.authentication).toBe('body');
		expect(c.grantType).toBe('authorizationCode');
	});

	it("uses the token response's api_domain over the data-center table", async () => {
		const c = await resolved({ dataCenter: 'us', products: ['crm'], oauthTokenData: { api_domain: 'https://www.zohoapis.eu' } });
		expect(apiBaseUrl(c, 'crm')).toBe('https://www.zohoapis.eu/crm/v8');
		expect(apiBaseUrl(c, 'books')).toBe('https://www.zohoapis.eu/books/v3');
	});

	it('uses the custom URLs for a proxy or the emulator', async () => {
		const c = await resolved({
			dataCenter: 'custom',
			customAccountsUrl: 'http://127.0.0.1:8789/',
			customApiUrl: 'http://127.0.0.1:8790/',
			products: ['crm'],
			oauthTokenData: { api_domain: 'https://www.zohoapis.com' },
		});
		expect(c.authUrl).toBe('http://127.0.0.1:8789/oauth/v2/auth');
		expect(c.accessTokenUrl).toBe('http://127.0.0.1:8789/oauth/v2/token');
		expect(apiBaseUrl(c, 'crm')).toBe('http://127.0.0.1:8790/crm/v8');
	});

	it('falls back to api_domain when Custom has no API URL, if it is a Zoho API host or the accounts URL', async () => {
		const at = async (api_domain: string) =>
			apiBaseUrl(await resolved({ dataCenter: 'custom', customAccountsUrl: 'http://127.0.0.1:1', products: ['crm'], oauthTokenData: { api_domain } }), 'crm');
		expect(await at('http://127.0.0.1:1')).toBe('http://127.0.0.1:1/crm/v8');
		expect(await at('https://www.zohoapis.eu')).toBe('https://www.zohoapis.eu/crm/v8');
		// Any other host could receive the token: ignored.
		expect(await at('http://127.0.0.1:2')).toBe('https://www.zohoapis.com/crm/v8');
	});

	it.each([
		['sandbox', 'https://sandbox.zohoapis.eu/crm/v8'],
		['developer', 'https://developer.zohoapis.eu/crm/v8'],
		['production', 'https://www.zohoapis.eu/crm/v8'],
	])('CRM %s environment', async (crmEnvironment, crmBase) => {
		const c = await resolved({ dataCenter: 'eu', crmEnvironment, products: ['crm', 'books'] });
		expect(apiBaseUrl(c, 'crm')).toBe(crmBase);
		// Only CRM has environments; Books stays on the production host.
		expect(apiBaseUrl(c, 'books')).toBe('https://www.zohoapis.eu/books/v3');
	});

	it.each([
		[['crm']],
		[['bigin']],
		[['books']],
		[['crm', 'books']],
		[['crm', 'bigin', 'books']],
	])('scopes follow the products %j', async (products) => {
		const c = await resolved({ dataCenter: 'us', products });
		expect(String(c.scope).split(',')).toEqual(scopesFor(products).split(','));
		expect(c.scope).toBe(scopesFor(products));
	});

	it('asks for exactly the scopes the operations need', () => {
		expect(scopesFor(['crm']).split(',')).toEqual([
			'ZohoCRM.send_mail.all.CREATE',
			'ZohoCRM.modules.ALL',
			'ZohoCRM.modules.emails.ALL',
			'ZohoCRM.settings.emails.READ',
			'ZohoCRM.settings.modules.READ',
			'ZohoCRM.templates.email.READ',
			'ZohoCRM.templates.inventory.READ',
			'ZohoCRM.Files.CREATE',
			'ZohoCRM.Files.READ',
			'ZohoSearch.securesearch.READ',
		]);
		expect(scopesFor(['crm', 'bigin']).split(',').filter((s) => s === 'ZohoSearch.securesearch.READ')).toHaveLength(1);
	});

	it('asks for ZohoBooks.invoices.DELETE only with Zoho Books ticked and "Allow Cancelling Scheduled Invoice Emails" on', async () => {
		const on = await resolved({ dataCenter: 'us', products: ['crm', 'books'], booksCancelScheduledEmails: true });
		expect(on.scope).toBe(`${scopesFor(['crm', 'books'])},ZohoBooks.invoices.DELETE`);
		expect((await resolved({ dataCenter: 'us', products: ['crm', 'books'] })).scope).toBe(scopesFor(['crm', 'books']));
		expect((await resolved({ dataCenter: 'us', products: ['books'], booksCancelScheduledEmails: false })).scope).toBe(scopesFor(['books']));
		// Left on from an earlier choice, it asks for nothing once Books is no longer ticked.
		expect((await resolved({ dataCenter: 'us', products: ['crm'], booksCancelScheduledEmails: true })).scope).toBe(scopesFor(['crm']));
		expect(scopesFor(['crm', 'bigin', 'books'])).not.toContain('DELETE');
		const option = new ZohoEmailOAuth2Api().properties.find((p) => p.name === 'booksCancelScheduledEmails');
		expect(option).toMatchObject({ type: 'boolean', default: false, displayOptions: { show: { products: ['books'] } } });
	});

	// The test request's host is an expression (credentials cannot run code); it must pick the same host as
	// the transport for every data center, CRM environment, product and api_domain a token may carry.
	const API_DOMAINS = [undefined, 'https://www.zohoapis.eu', 'https://sandbox.zohoapis.com.au/', 'https://evil.example', 'http://www.zohoapis.com', 'https://www.zohoapis.com.evil.example', 'http://127.0.0.1:1'];
	it.each(
		[...table.map(([dc]) => dc), 'custom'].flatMap((dataCenter) =>
			['production', 'sandbox', 'developer'].flatMap((crmEnvironment) =>
				(['crm', 'bigin', 'books'] as const).map((product) => [dataCenter, crmEnvironment, product] as const),
			),
		),
	)('the test request picks the transport\'s host: %s, %s, %s, every api_domain', async (dataCenter, crmEnvironment, product) => {
		for (const api_domain of API_DOMAINS) {
			const data: ICredentialDataDecryptedObject = { dataCenter, crmEnvironment, products: [product], ...(api_domain ? { oauthTokenData: { api_domain } } : {}) };
			if (dataCenter === 'custom') data.customAccountsUrl = 'http://127.0.0.1:1';
			const c = await resolved(data);
			const baseURL = resolveWithCredentials(nodeTypes, String(new ZohoEmailOAuth2Api().test.request.baseURL), c) as string;
			expect({ api_domain, host: `${baseURL}${PRODUCT_PREFIX[product]}` }).toEqual({ api_domain, host: apiBaseUrl(c, product) });
		}
	});

	it('has a test request and a full documentation URL', () => {
		const credential = new ZohoEmailOAuth2Api();
		expect(credential.test.request.method).toBe('GET');
		expect(credential.documentationUrl).toMatch(/^https:\/\//);
	});

	// n8n's credential form saves a new credential's Products as [] (its default is not applied there).
	it.each([[[]], [undefined]])('asks for the CRM scopes when no product is ticked (%j)', async (products) => {
		const c = await resolved(products === undefined ? { dataCenter: 'us' } : { dataCenter: 'us', products });
		expect(c.scope).toBe(scopesFor(['crm']));
	});

	it('keeps its saved name and says what it connects in its display name', () => {
		const credential = new ZohoEmailOAuth2Api();
		expect(credential.name).toBe('zohoEmailOAuth2Api');
		expect(credential.displayName).toBe('Zoho CRM, Bigin & Books OAuth2 API');
		const names = credential.properties.filter((p) => p.type !== 'notice').map((p) => p.name);
		expect(names).toEqual(
			expect.arrayContaining(['dataCenter', 'customAccountsUrl', 'customApiUrl', 'products', 'crmEnvironment', 'clientId', 'clientSecret']),
		);
	});

	it('shows the accounts host of every data center while it is selected', () => {
		const notices = new ZohoEmailOAuth2Api().properties.filter((p) => p.type === 'notice');
		for (const [dc, accounts] of table) {
			const notice = notices.find((n) => n.displayOptions?.show?.dataCenter?.[0] === dc);
			expect(notice?.displayName).toContain(accounts);
		}
	});

	describe('token data that is Zoho refusing the connection', () => {
		const credential = new ZohoEmailOAuth2Api();
		const pre = async (data: ICredentialDataDecryptedObject) =>
			await credential.preAuthentication.call({} as never, data);
		const message = 'Zoho refused the connection (invalid_client): check the client secret and the data center, then reconnect';

		it('fails every request on {"error":"invalid_client"} (a wrong client secret) with what to do', async () => {
			const data = { dataCenter: 'eu', oauthTokenData: { error: 'invalid_client' } };
			await expect(pre(data)).rejects.toThrow(new UserError(message));
			expect(refusedConnection(data)).toBe(message);
		});

		it('names the code Zoho returned, and only a short identifier', () => {
			expect(refusedConnection({ oauthTokenData: { error: 'invalid_code' } })).toBe(
				'Zoho refused the connection (invalid_code): the authorization code was already used or has expired; reconnect',
			);
			expect(refusedConnection({ oauthTokenData: { error: '<b>x</b>' } })).toContain('(error)');
		});

		it('lets a usable token through, also after a reconnect merged it over an earlier refusal', async () => {
			await expect(pre({ oauthTokenData: { access_token: '1000.a', refresh_token: '1000.r' } })).resolves.toEqual({});
			await expect(pre({ oauthTokenData: { error: 'invalid_client', access_token: '1000.a' } })).resolves.toEqual({});
			await expect(pre({})).resolves.toEqual({});
		});

		it("points to the account's data center when Zoho signed it in elsewhere", () => {
			const callbackQueryString = { location: 'eu', 'accounts-server': 'https://accounts.zoho.eu' };
			const listed = refusedConnection({ dataCenter: 'us', oauthTokenData: { error: 'invalid_code', callbackQueryString } });
			expect(listed).toBe(
				'Zoho refused the connection (invalid_code): the authorization code was already used or has expired; reconnect. ' +
					'Zoho signed this account in at https://accounts.zoho.eu, not at https://accounts.zoho.com: choose the data center "Europe (zoho.eu)".',
			);
			const custom = refusedConnection({
				dataCenter: 'custom',
				customAccountsUrl: 'http://127.0.0.1:9/',
				oauthTokenData: { error: 'invalid_code', callbackQueryString: { location: 'eu', 'accounts-server': 'http://127.0.0.1:9/oauth/dc/eu' } },
			});
			expect(custom).toMatch(
				/; reconnect\. Zoho signed this account in at http:\/\/127\.0\.0\.1:9\/oauth\/dc\/eu, not at http:\/\/127\.0\.0\.1:9: set the Accounts URL to http:\/\/127\.0\.0\.1:9\/oauth\/dc\/eu\.$/,
			);
			// Signed in where the credential points: the refusal is about the client, not the data center.
			const same = refusedConnection({ dataCenter: 'eu', oauthTokenData: { error: 'invalid_client', callbackQueryString } });
			expect(same).toBe(message);
		});
	});
});
