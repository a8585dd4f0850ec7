import type { ICredentialDataDecryptedObject, INodeParameters } from 'n8n-workflow';

/** A made-up token in Zoho's format (`1000.<label>`); never a real secret. */
export function fakeToken(label: string): string {
	return ['1000', label].join('.');
}

/** A connected credential for Zoho's US data center, for unit tests with nock. */
export function usCredential(overrides: ICredentialDataDecryptedObject = {}): ICredentialDataDecryptedObject {
	return {
		clientId: 'client-id',
		clientSecret: 'client-secret',
		dataCenter: 'us',
		products: ['crm', 'bigin', 'books'],
		crmEnvironment: 'production',
		oauthTokenData: {
			access_token: fakeToken('unit-access-token'),
			refresh_token: fakeToken('unit-refresh-token'),
			api_domain: 'https://www.zohoapis.com',
			token_type: 'Bearer',
			expires_in: 3600,
		},
		...overrides,
	};
}

/** CRM Send parameters: one Contacts record, from Patricia Boyle to Jason Smith; `overrides` replace any. */
export function crmSendParameters(overrides: INodeParameters = {}): INodeParameters {
	return {
		resource: 'crmEmail',
		operation: 'send',
		module: { __rl: true, mode: 'name', value: 'Contacts' },
		recordId: { __rl: true, mode: 'id', value: '3652397000000624001' },
		from: { __rl: true, mode: 'address', value: 'Patricia Boyle <p.boyle@example.com>' },
		to: 'j.smith@example.com',
		subject: 'Hello',
		content: 'Hi',
		...overrides,
	};
}
