import nock from 'nock';

import { apiBaseUrl, trustedApiDomain, type HostSettings } from '../../nodes/ZohoEmail/transport/dataCenters';
import { binaryWorkflow } from '../harness/binaryItems';
import { loadOptions, runWorkflow } from '../harness/engine';
import { crmSendParameters, usCredential } from '../harness/fixtures';

const FROM_PATH = '/crm/v8/settings/emails/actions/from_addresses';
const withDomain = (api_domain: unknown, extra: HostSettings = {}): HostSettings => ({ dataCenter: 'us', ...extra, oauthTokenData: { api_domain } });

describe("the token response's api_domain is used only when it is a Zoho API host", () => {
	it.each([
		['https://www.zohoapis.eu', 'https://www.zohoapis.eu'],
		['https://www.zohoapis.com.au/', 'https://www.zohoapis.com.au'],
		['https://zohoapis.ca', 'https://zohoapis.ca'],
		['https://www.zohoapis.sa', 'https://www.zohoapis.sa'],
	])('%s is trusted', (domain, origin) => {
		expect(trustedApiDomain(withDomain(domain))).toBe(origin);
		expect(apiBaseUrl(withDomain(domain), 'crm')).toBe(`${origin}/crm/v8`);
	});

	it.each([
		'http://www.zohoapis.com',
		'https://evil.example',
		'https://www.zohoapis.com.evil.example',
		'https://evilzohoapis.com',
		'https://www.zohoapis.com:8443',
		'https://user:pw@www.zohoapis.com',
		'https://www.zohoapis.com/path',
		'https://www.zohoapis.com?x=1',
		'http://127.0.0.1:8080',
		'not a url',
		42,
	])('%s is ignored: the data center table decides', (domain) => {
		expect(trustedApiDomain(withDomain(domain))).toBeUndefined();
		expect(apiBaseUrl(withDomain(domain), 'crm')).toBe('https://www.zohoapis.com/crm/v8');
		expect(apiBaseUrl(withDomain(domain, { dataCenter: 'eu' }), 'books')).toBe('https://www.zohoapis.eu/books/v3');
	});

	it('with the Custom data center, the API URL typed in the credential wins, and an api_domain on the accounts URL is trusted', () => {
		const custom = { dataCenter: 'custom', customAccountsUrl: 'http://127.0.0.1:8789/' };
		expect(apiBaseUrl(withDomain('https://evil.example', { ...custom, customApiUrl: 'http://127.0.0.1:9000' }), 'crm')).toBe('http://127.0.0.1:9000/crm/v8');
		expect(apiBaseUrl(withDomain('http://127.0.0.1:8789', custom), 'bigin')).toBe('http://127.0.0.1:8789/bigin/v2');
		expect(trustedApiDomain(withDomain('http://127.0.0.1:9999', custom))).toBeUndefined();
	});

	it('keeps the sandbox swap on a trusted api_domain', () => {
		expect(apiBaseUrl(withDomain('https://www.zohoapis.in', { crmEnvironment: 'sandbox' }), 'crm')).toBe('https://sandbox.zohoapis.in/crm/v8');
	});

	describe('through n8n-core', () => {
		beforeAll(() => nock.disableNetConnect());
		afterEach(() => nock.cleanAll());
		afterAll(() => nock.enableNetConnect());

		it('a token whose api_domain names another host: the request and its token go to the data center API host', async () => {
			const evil = nock('https://evil.example').get(FROM_PATH).reply(200, { from_addresses: [] });
			const zoho = nock('https://www.zohoapis.com').get(FROM_PATH).reply(200, { from_addresses: [{ user_name: 'Pat', email: 'pat@example.com', type: 'primary' }] });
			const credential = usCredential();
			(credential.oauthTokenData as { api_domain: string }).api_domain = 'https://evil.example';
			const result = await loadOptions('listSearch', 'searchCrmFromAddresses', {}, credential);
			expect(result).toEqual({ results: [{ name: 'Pat <pat@example.com> (primary)', value: 'Pat <pat@example.com>' }] });
			expect(zoho.isDone()).toBe(true);
			expect(evil.isDone()).toBe(false);
		});

		it('inline image links in a sent email name the data center API host, not a hostile api_domain', async () => {
			const RECORD = '3652397000000624001';
			let content = '';
			nock('https://www.zohoapis.com')
				.post('/crm/v8/files')
				.query({ type: 'inline' })
				.reply(200, { data: [{ code: 'SUCCESS', details: { name: 'logo.png', id: 'img-1' }, message: 'uploaded', status: 'success' }] })
				.post(`/crm/v8/Contacts/${RECORD}/actions/send_mail`, (body: { data: Array<{ content: string }> }) => {
					content = body.data[0].content;
					return true;
				})
				.reply(200, { data: [{ code: 'SUCCESS', details: { message_id: 'm1' }, message: 'sent', status: 'success' }] });
			const credential = usCredential();
			(credential.oauthTokenData as { api_domain: string }).api_domain = 'https://evil.example';
			const parameters = crmSendParameters({
				content: '<p><img alt="logo" src="cid:logo"></p>',
				mailFormat: 'html',
				additionalFields: { inlineImages: 'logo' },
			});
			const files = [{ property: 'logo', fileName: 'logo.png', mimeType: 'image/png', content: 'png' }];
			const result = await runWorkflow(binaryWorkflow([{ files }], parameters), credential);
			expect(result.error).toBeUndefined();
			expect(nock.pendingMocks()).toEqual([]);
			expect(content).toBe('<p><img alt="logo" src="https://www.zohoapis.com/crm/viewInLineImage?fileContent=img-1"></p>');
		});
	});
});
