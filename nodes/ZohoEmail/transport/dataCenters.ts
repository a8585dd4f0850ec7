/**
 * Zoho data centers and API host resolution (the scopes are in models/scopes.ts).
 * Hosts: Zoho's multi-DC pages (accounts, CRM, Bigin; docs/zoho-api-decisions.md, "Zoho pages cited in the code").
 */

export type ZohoProduct = 'crm' | 'bigin' | 'books';
export type DataCenter = 'us' | 'eu' | 'in' | 'au' | 'cn' | 'jp' | 'ca' | 'sa' | 'uk';

export interface DataCenterInfo {
	name: string;
	accountsUrl: string;
	apiDomain: string;
}

export const DATA_CENTERS: Record<DataCenter, DataCenterInfo> = {
	us: {
		name: 'United States (zoho.com)',
		accountsUrl: 'https://accounts.zoho.com',
		apiDomain: 'https://www.zohoapis.com',
	},
	eu: { name: 'Europe (zoho.eu)', accountsUrl: 'https://accounts.zoho.eu', apiDomain: 'https://www.zohoapis.eu' },
	in: { name: 'India (zoho.in)', accountsUrl: 'https://accounts.zoho.in', apiDomain: 'https://www.zohoapis.in' },
	au: {
		name: 'Australia (zoho.com.au)',
		accountsUrl: 'https://accounts.zoho.com.au',
		apiDomain: 'https://www.zohoapis.com.au',
	},
	cn: {
		name: 'China (zoho.com.cn)',
		accountsUrl: 'https://accounts.zoho.com.cn',
		apiDomain: 'https://www.zohoapis.com.cn',
	},
	jp: { name: 'Japan (zoho.jp)', accountsUrl: 'https://accounts.zoho.jp', apiDomain: 'https://www.zohoapis.jp' },
	// Canada: the accounts server is zohocloud.ca, but the API host is zohoapis.ca.
	ca: {
		name: 'Canada (zohocloud.ca)',
		accountsUrl: 'https://accounts.zohocloud.ca',
		apiDomain: 'https://www.zohoapis.ca',
	},
	sa: { name: 'Saudi Arabia (zoho.sa)', accountsUrl: 'https://accounts.zoho.sa', apiDomain: 'https://www.zohoapis.sa' },
	// UNCONFIRMED: the UK API host is only seen in third-party code; the token response's api_domain
	// overrides it whenever Zoho returns one, so this entry is a fallback only.
	uk: {
		name: 'United Kingdom (zoho.uk)',
		accountsUrl: 'https://accounts.zoho.uk',
		apiDomain: 'https://www.zohoapis.uk',
	},
};

export const PRODUCT_PREFIX: Record<ZohoProduct, string> = {
	crm: '/crm/v8',
	bigin: '/bigin/v2',
	books: '/books/v3',
};

export interface HostSettings {
	dataCenter?: string;
	customApiUrl?: string;
	customAccountsUrl?: string;
	crmEnvironment?: string;
	oauthTokenData?: { api_domain?: unknown; [key: string]: unknown };
}

/** The accounts server a credential signs in and renews tokens at (the rule of the credential's authUrl). */
export function accountsServerOf(settings: HostSettings): string {
	if (settings.dataCenter === 'custom')
		return String(settings.customAccountsUrl ?? '')
			.trim()
			.replace(/\/+$/, '');
	return (DATA_CENTERS[(settings.dataCenter ?? 'us') as DataCenter] ?? DATA_CENTERS.us).accountsUrl;
}

function trimSlash(url: string): string {
	return url.replace(/\/+$/, '');
}

/** Zoho's API domains (zohoapis.com, zohoapis.eu, …), derived from the data-center table. */
export const ZOHO_API_DOMAINS = Object.values(DATA_CENTERS).map((dc) =>
	new URL(dc.apiDomain).hostname.replace(/^www\./, ''),
);

function originOf(url: unknown): string | undefined {
	if (typeof url !== 'string' || url.trim() === '') return undefined;
	try {
		return new URL(url.trim()).origin;
	} catch {
		return undefined;
	}
}

/**
 * The token response's `api_domain`, when it can be trusted with the token: an `https` origin (no
 * port, path or user) on one of Zoho's API domains for the known data centers, or, with the Custom data
 * center, the origin of the accounts URL the user typed. Anything else is ignored.
 */
export function trustedApiDomain(settings: HostSettings): string | undefined {
	const value = settings.oauthTokenData?.api_domain;
	if (typeof value !== 'string') return undefined;
	let url: URL;
	try {
		url = new URL(value.trim());
	} catch {
		return undefined;
	}
	if (url.username || url.password || url.search || url.hash || !['', '/'].includes(url.pathname)) return undefined;
	if (settings.dataCenter === 'custom' && url.origin === originOf(settings.customAccountsUrl)) return url.origin;
	if (url.protocol !== 'https:' || url.port !== '') return undefined;
	const host = url.hostname.toLowerCase();
	return ZOHO_API_DOMAINS.some((domain) => host === domain || host.endsWith(`.${domain}`)) ? url.origin : undefined;
}

/**
 * The API root for a product: the custom API URL when "Custom" is chosen, else the token response's
 * api_domain when it is trusted (the truth for multi-DC accounts), else the data-center table; CRM
 * sandbox/developer environments swap the host's first label (www.zohoapis.eu -> sandbox.zohoapis.eu).
 */
export function apiBaseUrl(settings: HostSettings, product: ZohoProduct): string {
	let domain: string | undefined;
	if (settings.dataCenter === 'custom') {
		domain = settings.customApiUrl?.trim() || undefined;
	}
	if (!domain) domain = trustedApiDomain(settings);
	if (!domain) {
		const dc = DATA_CENTERS[(settings.dataCenter ?? 'us') as DataCenter] ?? DATA_CENTERS.us;
		domain = dc.apiDomain;
	}
	domain = trimSlash(domain);
	const env = settings.crmEnvironment;
	if (product === 'crm' && settings.dataCenter !== 'custom' && (env === 'sandbox' || env === 'developer')) {
		domain = domain.replace(/^(https?:\/\/)(www\.)?/, `$1${env}.`);
	}
	return domain + PRODUCT_PREFIX[product];
}
