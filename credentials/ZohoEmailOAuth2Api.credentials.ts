import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	INodeProperties,
	Icon,
} from 'n8n-workflow';
import { UserError } from 'n8n-workflow';

import { BOOKS_OPTIONAL_SCOPES, PRODUCT_SCOPES } from '../nodes/ZohoEmail/models/scopes';
import { refusedConnection } from '../nodes/ZohoEmail/transport/auth';
import {
	DATA_CENTERS,
	PRODUCT_PREFIX,
	ZOHO_API_DOMAINS,
	type HostSettings,
} from '../nodes/ZohoEmail/transport/dataCenters';

const accountsByDc = JSON.stringify(
	Object.fromEntries(Object.entries(DATA_CENTERS).map(([dc, info]) => [dc, info.accountsUrl])),
);
const apiByDc = JSON.stringify(
	Object.fromEntries(Object.entries(DATA_CENTERS).map(([dc, info]) => [dc, info.apiDomain])),
);
const scopesByProduct = JSON.stringify(PRODUCT_SCOPES);

// n8n's credential form leaves a new credential's multi-select empty (the `default` below is not
// applied there), and Zoho rejects an authorization without a scope. So no product ticked means
// Zoho CRM, here, in the scope and in the credential test.
const chosenProducts = (self: string) =>
	`((Array.isArray(${self}.products) && ${self}.products.length) ? ${self}.products : ['crm'])`;

// Hidden fields are expressions over the visible ones ($self); n8n resolves them when it builds the
// authorization URL and when it refreshes the token.
const accountsServer = `($self.dataCenter === 'custom' ? String($self.customAccountsUrl || '').replace(/\\/+$/, '') : (${accountsByDc})[$self.dataCenter || 'us'])`;
// The credential test resolves its expressions against $credentials, with the transport's host rules
// (transport/dataCenters.ts): the Custom API URL, else the token's api_domain only when it is an https
// Zoho API host (or, with Custom, the accounts server itself), else the data center's table entry.
const trustedApiDomainPattern = `/^https:\\/\\/([a-z0-9-]+\\.)*(${ZOHO_API_DOMAINS.map((d) => d.replace(/\./g, '\\.')).join('|')})\\/?$/i`;
const tokenApiDomain = `String(($credentials.oauthTokenData && $credentials.oauthTokenData.api_domain) || '').trim().replace(/\\/+$/, '')`;
const customAccounts = `String($credentials.customAccountsUrl || '').trim().replace(/\\/+$/, '')`;
const apiDomain = `(($credentials.dataCenter === 'custom' && $credentials.customApiUrl) ? String($credentials.customApiUrl).trim().replace(/\\/+$/, '') : ((${trustedApiDomainPattern}.test(${tokenApiDomain}) || ($credentials.dataCenter === 'custom' && ${tokenApiDomain} !== '' && ${tokenApiDomain} === ${customAccounts})) ? ${tokenApiDomain} : (${apiByDc})[$credentials.dataCenter === 'custom' ? 'us' : ($credentials.dataCenter || 'us')]))`;
// Opt-in Books permissions (ZohoBooks.invoices.DELETE) join only with Zoho Books chosen and their option on.
const optionalBooksScopes = `(${chosenProducts('$self')}.includes('books') && $self.booksCancelScheduledEmails === true ? ${JSON.stringify(BOOKS_OPTIONAL_SCOPES.booksCancelScheduledEmails)} : [])`;
const scopeExpression = `={{ ['crm', 'bigin', 'books'].filter((p) => ${chosenProducts('$self')}.includes(p)).map((p) => (${scopesByProduct})[p]).reduce((all, list) => all.concat(list), []).concat(${optionalBooksScopes}).filter((s, i, all) => all.indexOf(s) === i).join(',') }}`;
const firstProduct = `${chosenProducts('$credentials')}[0]`;
// CRM's sandbox and developer environments swap the host's first label, as the transport does.
const testHost = `((${firstProduct} === 'crm' && $credentials.dataCenter !== 'custom' && ['sandbox', 'developer'].includes($credentials.crmEnvironment)) ? ${apiDomain}.replace(/^(https?:\\/\\/)(www\\.)?/, '$1' + $credentials.crmEnvironment + '.') : ${apiDomain})`;

/** One notice per data center, shown while it is selected: the hosts the connection will use. */
const hostNotices: INodeProperties[] = [
	...Object.entries(DATA_CENTERS).map(
		([dc, info]): INodeProperties => ({
			displayName: `Sign-in and tokens: ${info.accountsUrl}. API calls: the api_domain Zoho returns with the token (normally ${info.apiDomain}).`,
			name: `hostsNotice_${dc}`,
			type: 'notice',
			default: '',
			displayOptions: { show: { dataCenter: [dc] } },
		}),
	),
	{
		displayName:
			'Sign-in and tokens: the Accounts URL below. API calls: the API URL below, or the api_domain returned with the token when it is empty.',
		name: 'hostsNotice_custom',
		type: 'notice',
		default: '',
		displayOptions: { show: { dataCenter: ['custom'] } },
	},
];

export class ZohoEmailOAuth2Api implements ICredentialType {
	// Saved in every workflow and credential: never rename.
	name = 'zohoEmailOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'Zoho CRM, Bigin & Books OAuth2 API';

	documentationUrl = 'https://github.com/n8n-nodes-zoho-email/n8n-nodes-zoho-email#create-the-zoho-api-client';

	icon: Icon = { light: 'file:../nodes/ZohoEmail/zohoEmail.svg', dark: 'file:../nodes/ZohoEmail/zohoEmail.dark.svg' };

	properties: INodeProperties[] = [
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'hidden',
			default: 'authorizationCode',
		},
		// Client ID and Secret keep the position n8n's OAuth2 form gives them (first); their hints say
		// where they come from and what to fill in below before connecting.
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			hint: "In Zoho's developer console (https://accounts.zoho.com/developerconsole, which opens the API Console of your data center): add a Server-based Application and paste the OAuth Redirect URL above as its Authorized Redirect URI. Then choose the Data Center and Products below, and click Connect.",
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			hint: 'Zoho accepts a wrong secret without a word at Connect; the first request then reports "Zoho refused the connection (invalid_client)"',
		},
		{
			displayName: 'Data Center',
			name: 'dataCenter',
			type: 'options',
			description: 'Where your Zoho account lives: the domain you see after signing in to Zoho (zoho.com, zoho.eu, …)',
			hint: 'The domain in your browser after signing in to Zoho (zoho.com, zoho.eu, …). Changing it means reconnecting.',
			options: [
				...Object.entries(DATA_CENTERS).map(([value, info]) => ({ name: info.name, value })),
				{ name: 'Custom (Proxy or Emulator)', value: 'custom' },
			],
			default: 'us',
		},
		...hostNotices,
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
			hint: 'None ticked means Zoho CRM only. The products decide the permissions Zoho is asked for: after ticking or unticking one, click Reconnect.',
			options: [
				{ name: 'Zoho CRM', value: 'crm' },
				{ name: 'Zoho Bigin', value: 'bigin' },
				{ name: 'Zoho Books', value: 'books' },
			],
			default: ['crm'],
		},
		{
			displayName: 'Allow Cancelling Scheduled Invoice Emails',
			name: 'booksCancelScheduledEmails',
			type: 'boolean',
			default: false,
			description:
				'Whether to ask Zoho for permission to delete Books invoice data (ZohoBooks.invoices.DELETE), which cancelling a scheduled invoice email needs. Off: the node cannot cancel scheduled emails.',
			hint: 'After turning this on or off, click Reconnect so Zoho grants or drops the permission',
			displayOptions: { show: { products: ['books'] } },
		},
		{
			displayName: 'CRM Environment',
			name: 'crmEnvironment',
			type: 'options',
			description: 'The Zoho CRM environment the CRM requests go to (Bigin and Books have none)',
			options: [
				{ name: 'Production', value: 'production' },
				{ name: 'Sandbox', value: 'sandbox' },
				{ name: 'Developer', value: 'developer' },
			],
			default: 'production',
			// Always shown: no product ticked means CRM, and n8n cannot show a field for an empty selection.
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

	// n8n 2.x runs this before every OAuth2 request of this credential, the credential test included:
	// token data that is Zoho's refusal fails here with a message that says what to do.
	async preAuthentication(credentials: ICredentialDataDecryptedObject): Promise<IDataObject> {
		const refused = refusedConnection(credentials as HostSettings);
		if (refused) throw new UserError(refused);
		return {};
	}

	// A cheap read of the first chosen product proves the token, the host and the scopes together.
	test: ICredentialTestRequest = {
		request: {
			baseURL: `={{ ${testHost} }}`,
			url: `={{ ${firstProduct} === 'books' ? '${PRODUCT_PREFIX.books}/organizations' : (${firstProduct} === 'bigin' ? '${PRODUCT_PREFIX.bigin}' : '${PRODUCT_PREFIX.crm}') + '/settings/emails/actions/from_addresses' }}`,
			method: 'GET',
		},
	};
}
