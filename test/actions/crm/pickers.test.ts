import { loadOptions } from '../../harness/engine';
import { crmRequests, emulatorCredential, rl, SEED, useEmulator } from './emulator';

const emulator = useEmulator();

const pick = (kind: 'listSearch' | 'loadOptions', method: string, parameters: Record<string, unknown>, filter?: string) =>
	loadOptions(kind, method, parameters as never, emulatorCredential(emulator()), filter);

describe('CRM pickers', () => {
	it('lists the modules that can send mail, custom ones included', async () => {
		const result = (await pick('listSearch', 'searchCrmModules', { operation: 'send' })) as { results: Array<{ value: string }> };
		expect(result.results.map((r) => r.value)).toEqual([
			'Leads',
			'Contacts',
			'Accounts',
			'Deals',
			'Quotes',
			'Sales_Orders',
			'Purchase_Orders',
			'Invoices',
			'Cases',
			'CustomModule1',
		]);
		expect(crmRequests(emulator())).toEqual([{ method: 'GET', path: '/crm/v8/settings/modules', query: {}, body: null }]);
	});

	it('lists the modules with an Emails list for the other operations (no Cases)', async () => {
		const result = (await pick('listSearch', 'searchCrmModules', { operation: 'list' }, 'order')) as { results: Array<{ name: string; value: string }> };
		expect(result.results).toEqual([
			{ name: 'Sales Orders', value: 'Sales_Orders' },
			{ name: 'Purchase Orders', value: 'Purchase_Orders' },
		]);
	});

	it('lists records, most recently modified first, 50 a page', async () => {
		const result = await pick('listSearch', 'searchCrmRecords', { module: rl('list', 'Contacts') });
		expect(crmRequests(emulator())).toEqual([
			{
				method: 'GET',
				path: '/crm/v8/Contacts',
				query: { fields: 'Full_Name,Email', sort_by: 'Modified_Time', sort_order: 'desc', page: '1', per_page: '50' },
				body: null,
			},
		]);
		expect(result).toEqual({
			results: [
				{ name: 'Christopher Maclead <christopher.maclead@rangoni.example>', value: SEED.maclead },
				{ name: 'Sage Wieser <sage.wieser@truhlar.example>', value: SEED.sage },
				{ name: 'Kayleigh Lace <kayleigh.lace@chemel.example>', value: '5725767000000502007' },
				{ name: 'Leota Dilliard <leota@commercialpress.example>', value: SEED.leota },
			],
			paginationToken: undefined,
		});
	});

	it('searches records by word when the user types', async () => {
		const result = await pick('listSearch', 'searchCrmRecords', { module: rl('name', 'Deals') }, 'widgets');
		expect(crmRequests(emulator())).toEqual([
			{ method: 'GET', path: '/crm/v8/Deals/search', query: { word: 'widgets', fields: 'Deal_Name', page: '1', per_page: '50' }, body: null },
		]);
		expect(result).toEqual({ results: [{ name: 'Rangoni - 200 Widgets', value: SEED.deal }], paginationToken: undefined });
	});

	it('answers an empty list when the search finds nothing (204)', async () => {
		expect(await pick('listSearch', 'searchCrmRecords', { module: rl('name', 'Leads') }, 'zzzz')).toEqual({ results: [], paginationToken: undefined });
	});

	it('lists the sender addresses', async () => {
		const result = (await pick('listSearch', 'searchCrmFromAddresses', {})) as { results: Array<{ name: string; value: string }> };
		expect(result.results).toEqual([
			{ name: 'Patricia Boyle <patricia.boyle@zylker.com> (primary)', value: 'Patricia Boyle <patricia.boyle@zylker.com>' },
			{ name: 'Patricia Boyle <patricia.zylker@gmail.example> (imap)', value: 'Patricia Boyle <patricia.zylker@gmail.example>' },
			{ name: 'Zylker Sales <sales@zylker.com> (org_email)', value: 'Zylker Sales <sales@zylker.com>' },
		]);
		expect(crmRequests(emulator())).toEqual([{ method: 'GET', path: '/crm/v8/settings/emails/actions/from_addresses', query: {}, body: null }]);
	});

	it('lists the email and inventory templates of the module', async () => {
		const email = await pick('loadOptions', 'getCrmEmailTemplates', { module: rl('list', 'Contacts') });
		expect(email).toEqual([{ name: 'Follow-up after demo', value: SEED.contactsTemplate, description: 'Subject: Great speaking with you today' }]);
		const inventory = await pick('loadOptions', 'getCrmInventoryTemplates', { module: rl('list', 'Quotes') });
		expect(inventory).toEqual([{ name: 'Standard Quote', value: SEED.quoteInventoryTemplate }]);
		expect(crmRequests(emulator()).map((r) => [r.path, r.query])).toEqual([
			['/crm/v8/settings/email_templates', { module: 'Contacts' }],
			['/crm/v8/settings/inventory_templates', { module: 'Quotes' }],
		]);
	});
});
