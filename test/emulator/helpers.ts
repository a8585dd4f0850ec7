import axios, { type AxiosInstance } from 'axios';

import { startEmulator } from '../../emulator';

export type Emulator = Awaited<ReturnType<typeof startEmulator>>;

/** Fixed ids of the emulator's seed data (see emulator/README.md). */
export const IDS = {
	user: '5725767000000411001',
	otherUser: '5725767000000411013',
	contact37: '5725767000000502001',
	contactSage: '5725767000000502003',
	contactOptOut: '5725767000000502005',
	contactEmpty: '5725767000000502007',
	leadKris: '5725767000000501001',
	leadEmpty: '5725767000000501003',
	account: '5725767000000503001',
	deal: '5725767000000504001',
	quote: '5725767000000505001',
	invoice: '5725767000000506001',
	salesOrder: '5725767000000507001',
	purchaseOrder: '5725767000000508001',
	case: '5725767000000509001',
	customModule: 'CustomModule1',
	customRecord: '5725767000000510001',
	templateLeads: '5725767000000430001',
	templateContacts: '5725767000000430003',
	inventoryQuotes: '5725767000000440001',
	inventoryInvoices: '5725767000000440007',
	fromPrimary: 'patricia.boyle@zylker.com',
	fromImap: 'patricia.zylker@gmail.example',
	fromOrg: 'sales@zylker.com',
	biginContact: '6120845000000601001',
	biginPipeline: '6120845000000602001',
	biginAccount: '6120845000000603001',
	biginFrom: 'amelia.burrows@zylker.com',
	booksOrg: '10234695',
	booksOrgIndia: '60019077540',
	booksContact: '460000000026049',
	booksVendor: '460000000026055',
	booksInvoice: '460000000040001',
	booksEstimate: '460000000040101',
	booksSalesOrder: '460000000040201',
	booksPurchaseOrder: '460000000040301',
	booksCreditNote: '460000000040401',
	booksRetainerInvoice: '460000000040501',
	booksSalesReceipt: '460000000040601',
};

/** One emulator for the suite, reset before each test (the harness's; the network closed but loopback). */
export { useEmulator } from '../harness/emulator';

/** An axios client for the emulator that never throws on HTTP status and never follows redirects. */
export function client(emu: Emulator, token?: string, scheme = 'Zoho-oauthtoken'): AxiosInstance {
	return axios.create({
		baseURL: emu.url,
		validateStatus: () => true,
		maxRedirects: 0,
		headers: token ? { Authorization: `${scheme} ${token}` } : {},
	});
}

/** A client with a fresh token carrying every scope the package uses. */
export function authed(emu: Emulator, scheme = 'Zoho-oauthtoken'): AxiosInstance {
	return client(emu, emu.issueToken().access_token, scheme);
}

/** A minimal valid CRM send_mail body. */
export function mailBody(extra: Record<string, unknown> = {}) {
	return {
		data: [
			{
				from: { user_name: 'Patricia Boyle', email: IDS.fromPrimary },
				to: [{ user_name: 'Jason Smith', email: 'jason.smith@example.com' }],
				subject: 'Testing Send Mail API',
				content: '<p>Hello</p>',
				mail_format: 'html',
				...extra,
			},
		],
	};
}

export { startEmulator };
