import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	INodeProperties,
	Icon,
} from 'n8n-workflow';
import { UserError } from 'n8n-workflow';

import {
	DATA_CENTERS,
	PRODUCT_PREFIX,
	PRODUCT_SCOPES,
	type DataCenter,
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
// The credential test resolves its expressions against $credentials (the same host rules as the transport).
const apiDomain = `(($credentials.dataCenter === 'custom' && $credentials.customApiUrl) ? String($credentials.customApiUrl).replace(/\\/+$/, '') : (($credentials.oauthTokenData && $credentials.oauthTokenData.api_domain) || (${apiByDc})[$credentials.dataCenter || 'us']))`;
const scopeExpression = `={{ ['crm', 'bigin', 'books'].filter((p) => ${chosenProducts('$self')}.includes(p)).map((p) => (${scopesByProduct})[p]).reduce((all, list) => all.concat(list), []).filter((s, i, all) => all.indexOf(s) === i).join(',') }}`;
const firstProduct = `${chosenProducts('$credentials')}[0]`;

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

/** The accounts server a credential connects through (the same rule as the hidden authUrl). */
function accountsServerOf(credentials: ICredentialDataDecryptedObject): string {
	if (credentials.dataCenter === 'custom') return String(credentials.customAccountsUrl ?? '').replace(/\/+$/, '');
	return (DATA_CENTERS[(credentials.dataCenter ?? 'us') as DataCenter] ?? DATA_CENTERS.us).accountsUrl;
}

/**
 * Zoho answers a refused code exchange (wrong client secret, wrong data center, a used code) with
 * HTTP 200 and `{"error": "..."}`; n8n stores that body as the token and reports the account
 * connected. Returns the user-facing error for such token data, or null when the token is usable.
 * After a reconnect n8n merges the new token into the old data, so an `error` next to an
 * access token is a refusal that a later connection repaired.
 */
export function refusedConnectionError(credentials: ICredentialDataDecryptedObject): UserError | null {
	const token = credentials.oauthTokenData;
	if (!token || typeof token !== 'object' || Array.isArray(token)) return null;
	const data = token as IDataObject;
	if (typeof data.access_token === 'string' && data.access_token !== '') return null;
	if (data.error === undefined || data.error === null || data.error === '') return null;
	// Zoho's codes are short identifiers; anything else is not repeated to the user.
	const code = /^[A-Za-z][\w .-]{0,59}$/.test(String(data.error)) ? String(data.error) : 'error';
	const message = `Zoho refused the connection (${code}): check the client secret and the data center, then reconnect`;
	// n8n keeps the callback's extra parameters: Zoho names the data center of the account there. The
	// hint goes into the message: n8n's pickers and REST answers show the message only.
	const callback = data.callbackQueryString as IDataObject | undefined;
	const signedInAt = typeof callback?.['accounts-server'] === 'string' ? callback['accounts-server'].replace(/\/+$/, '') : '';
	const usedServer = accountsServerOf(credentials);
	if (!signedInAt || !/^https?:\/\//.test(signedInAt) || signedInAt === usedServer) return new UserError(message);
	const known = DATA_CENTERS[(typeof callback?.location === 'string' ? callback.location : '') as DataCenter];
	let fix = 'choose the data center of that server';
	if (credentials.dataCenter === 'custom') fix = `set the Accounts URL to ${signedInAt}`;
	else if (known) fix = `choose the data center "${known.name}"`;
	return new UserError(`${message}. Zoho signed this account in at ${signedInAt}, not at ${usedServer}: ${fix}.`);
}

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
			hint: 'From the Zoho API console (https://api-console.zoho.com/): add a Server-based Application and paste the OAuth Redirect URL above as its Authorized Redirect URI. Then choose the Data Center and Products below, and click Connect.',
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
			description:
				'Where your Zoho account lives: the domain you see after signing in to Zoho (zoho.com, zoho.eu, …)',
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
		const refused = refusedConnectionError(credentials);
		if (refused) throw refused;
		return {};
	}

	// A cheap read of the first chosen product proves the token, the host and the scopes together.
	test: ICredentialTestRequest = {
		request: {
			baseURL: `={{ ${apiDomain} }}`,
			url: `={{ ${firstProduct} === 'books' ? '${PRODUCT_PREFIX.books}/organizations' : (${firstProduct} === 'bigin' ? '${PRODUCT_PREFIX.bigin}' : '${PRODUCT_PREFIX.crm}') + '/settings/emails/actions/from_addresses' }}`,
			method: 'GET',
		},
	};
}
