import type { ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

import {
	DATA_CENTERS,
	PRODUCT_PREFIX,
	PRODUCT_SCOPES,
} from '../nodes/ZohoEmail/transport/dataCenters';

const accountsByDc = JSON.stringify(
	Object.fromEntries(Object.entries(DATA_CENTERS).map(([dc, info]) => [dc, info.accountsUrl])),
);
const apiByDc = JSON.stringify(
	Object.fromEntries(Object.entries(DATA_CENTERS).map(([dc, info]) => [dc, info.apiDomain])),
);
const scopesByProduct = JSON.stringify(PRODUCT_SCOPES);

// Hidden fields are expressions over the visible ones ($self); n8n resolves them when it builds the
// authorization URL and when it refreshes the token.
const accountsServer = `($self.dataCenter === 'custom' ? String($self.customAccountsUrl || '').replace(/\\/+$/, '') : (${accountsByDc})[$self.dataCenter || 'us'])`;
// The credential test resolves its expressions against $credentials (the same host rules as the transport).
const apiDomain = `(($credentials.dataCenter === 'custom' && $credentials.customApiUrl) ? String($credentials.customApiUrl).replace(/\\/+$/, '') : (($credentials.oauthTokenData && $credentials.oauthTokenData.api_domain) || (${apiByDc})[$credentials.dataCenter || 'us']))`;
const scopeExpression = `={{ ['crm', 'bigin', 'books'].filter((p) => ($self.products || []).includes(p)).map((p) => (${scopesByProduct})[p]).reduce((all, list) => all.concat(list), []).filter((s, i, all) => all.indexOf(s) === i).join(',') }}`;

export class ZohoEmailOAuth2Api implements ICredentialType {
	name = 'zohoEmailOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'Zoho Email OAuth2 API';

	documentationUrl = 'https://github.com/n8n-nodes-zoho-email/n8n-nodes-zoho-email#create-the-zoho-api-client';

	icon: Icon = { light: 'file:../nodes/ZohoEmail/zohoEmail.svg', dark: 'file:../nodes/ZohoEmail/zohoEmail.dark.svg' };

	properties: INodeProperties[] = [
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'hidden',
			default: 'authorizationCode',
		},
		{
			displayName: 'Data Center',
			name: 'dataCenter',
			type: 'options',
			description:
				'Where your Zoho account lives: the domain you see after signing in to Zoho (zoho.com, zoho.eu, …)',
			options: [
				...Object.entries(DATA_CENTERS).map(([value, info]) => ({ name: info.name, value })),
				{ name: 'Custom (Proxy or Emulator)', value: 'custom' },
			],
			default: 'us',
		},
		{
			displayName: 'Accounts URL',
			name: 'customAccountsUrl',
			type: 'string',
			default: '',
			placeholder: 'http://127.0.0.1:8789',
			description: 'Base URL of the Zoho accounts server (OAuth); /oauth/v2/auth and /oauth/v2/token are appended',
			displayOptions: { show: { dataCenter: ['custom'] } },
			required: true,
		},
		{
			displayName: 'API URL',
			name: 'customApiUrl',
			type: 'string',
			default: '',
			placeholder: 'http://127.0.0.1:8789',
			description:
				'Base URL of the Zoho APIs; /crm/v8, /bigin/v2 and /books/v3 are appended. Leave empty to use the api_domain Zoho returns with the token.',
			displayOptions: { show: { dataCenter: ['custom'] } },
		},
		{
			displayName: 'Products',
			name: 'products',
			type: 'multiOptions',
			description: 'The Zoho products this credential may use; the requested OAuth scopes follow this choice',
			options: [
				{ name: 'Zoho CRM', value: 'crm' },
				{ name: 'Zoho Bigin', value: 'bigin' },
				{ name: 'Zoho Books', value: 'books' },
			],
			default: ['crm'],
		},
		{
			displayName: 'CRM Environment',
			name: 'crmEnvironment',
			type: 'options',
			description: 'The Zoho CRM environment the CRM requests go to',
			options: [
				{ name: 'Production', value: 'production' },
				{ name: 'Sandbox', value: 'sandbox' },
				{ name: 'Developer', value: 'developer' },
			],
			default: 'production',
			displayOptions: { show: { products: ['crm'] } },
		},
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'hidden',
			default: `={{ ${accountsServer} + '/oauth/v2/auth' }}`,
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default: `={{ ${accountsServer} + '/oauth/v2/token' }}`,
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'hidden',
			default: scopeExpression,
		},
		{
			// access_type=offline returns a refresh token; prompt=consent makes Zoho issue a new one on
			// every reconnect (without it a second consent returns none).
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: 'access_type=offline&prompt=consent',
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'hidden',
			default: 'body',
		},
	];

	// A cheap read of the first chosen product proves the token, the host and the scopes together.
	test: ICredentialTestRequest = {
		request: {
			baseURL: `={{ ${apiDomain} }}`,
			url: `={{ ($credentials.products || ['crm'])[0] === 'books' ? '${PRODUCT_PREFIX.books}/organizations' : (($credentials.products || ['crm'])[0] === 'bigin' ? '${PRODUCT_PREFIX.bigin}' : '${PRODUCT_PREFIX.crm}') + '/settings/emails/actions/from_addresses' }}`,
			method: 'GET',
		},
	};
}
