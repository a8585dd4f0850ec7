import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { emulatorCredential, requestsTo, useEmulator, type Emulator } from '../harness/emulator';
import { runZohoNode } from '../harness/engine';

/**
 * Attacks on the promises the refactors touched, action node side: Books "not found" names the
 * organization and reads the organizations at most once per execution, the primary sender is read once
 * per execution, one token renewal per expiry, the waits before sending again, no token in an error.
 * Pickers and refusals: refactor-input.attack.test.ts; the trigger: refactor-trigger.attack.test.ts.
 */
const emu = useEmulator();
const ZYLKER = '10234695';
const MISSING = '460000000049999';
const INVOICE = '460000000040001';
const MACLEAD = '5725767000000502001';
const rl = (value: string, mode = 'id') => ({ __rl: true, mode, value });
const orgReads = (e: Emulator) => requestsTo(e, 'books').filter((r) => r.path === '/books/v3/organizations').length;
const json = (items: { json: IDataObject }[]) => items.map((i) => i.json);

/** Email a Transaction (version 1, custom To) of the invoice `$json.id` in the organization `$json.org`. */
const emailInvoice = (inFlight = 1): INodeParameters => ({
	resource: 'booksEmail',
	operation: 'emailTransaction',
	organizationId: rl('={{ $json.org }}'),
	transactionType: 'invoice',
	transactionId: rl('={{ $json.id }}'),
	sendTo: 'addresses',
	to: 'ana@example.com',
	contentMode: 'custom',
	subject: 'Invoice',
	content: 'Please pay',
	performance: { requestsInFlight: inFlight },
});

describe('Books "not found": the organization named, its list read at most once per execution', () => {
	it.each([1, 10])('three missing invoices, Requests in Flight %d: each error names Zylker Inc (10234695), one GET /organizations', async (inFlight) => {
		const e = emu();
		const items = [0, 1, 2].map(() => ({ org: ZYLKER, id: MISSING }));
		const run = await runZohoNode({ parameters: emailInvoice(inFlight), items, credential: emulatorCredential(e), continueOnFail: true });
		expect(json(run.items).map((j) => j.error)).toEqual(
			[0, 1, 2].map(() => 'Zoho Books could not email the invoice: the record does not exist in the organization Zylker Inc (10234695)'),
		);
		expect(orgReads(e)).toBe(1);
		expect(e.mails()).toEqual([]);
	});

	it('the organizations read refused (400): every item names the ID only, and the list is asked for once', async () => {
		const e = emu();
		e.addFault({ method: 'GET', path: '/books/v3/organizations', status: 400, body: { code: 2, message: 'refused' }, times: 0 });
		const items = [0, 1, 2].map(() => ({ org: ZYLKER, id: MISSING }));
		const run = await runZohoNode({ parameters: emailInvoice(), items, credential: emulatorCredential(e), continueOnFail: true });
		expect(json(run.items).map((j) => j.error)).toEqual(
			[0, 1, 2].map(() => `Zoho Books could not email the invoice: the record does not exist in the organization ${ZYLKER}`),
		);
		expect(orgReads(e)).toBe(1);
	});

	it('Email Transactions in Bulk: two unknown invoices in one call, the organization named, one organizations read', async () => {
		const e = emu();
		const parameters = { resource: 'booksEmail', operation: 'emailTransactionsInBulk', organizationId: rl(ZYLKER), transactionType: 'invoice', transactionId: rl('={{ $json.id }}') };
		const ids = [INVOICE, MISSING, '460000000049998'];
		const run = await runZohoNode({ parameters, items: ids.map((id) => ({ id })), credential: emulatorCredential(e), continueOnFail: true });
		const errors = json(run.items).map((j) => j.error);
		expect(errors[1]).toBe(`Zoho Books could not email the invoices: invoice ${MISSING} does not exist in the organization Zylker Inc (10234695); nothing of the call went out`);
		expect(errors[0]).toContain('in the organization Zylker Inc (10234695), so Zoho Books refused the whole call');
		expect(orgReads(e)).toBe(1);
		expect(e.mails()).toEqual([]);
	});

	it('By Number with no match: each item names the organization, one organizations read', async () => {
		const e = emu();
		const parameters = { ...emailInvoice(10), transactionId: rl('={{ $json.id }}', 'number') };
		const run = await runZohoNode({ parameters, items: [{ org: ZYLKER, id: 'INV-09998' }, { org: ZYLKER, id: 'INV-09999' }], credential: emulatorCredential(e), continueOnFail: true });
		expect(json(run.items).map((j) => j.error)).toEqual(['INV-09998', 'INV-09999'].map((n) => `No invoice has the number ${n} in the organization Zylker Inc (10234695)`));
		expect(json(run.items).map((j) => j.description)).toEqual([/\(item 0\)\.$/, /\(item 1\)\.$/].map((r) => expect.stringMatching(r)));
		expect(orgReads(e)).toBe(1);
	});

	it('the default organization looked up for one item names the organization of another for free', async () => {
		const e = emu();
		const items = [{ org: '', id: INVOICE }, { org: ZYLKER, id: MISSING }, { org: '', id: MISSING }];
		const run = await runZohoNode({ parameters: emailInvoice(), items, credential: emulatorCredential(e), continueOnFail: true });
		const out = json(run.items);
		expect(out[0]).toMatchObject({ code: 0, organization_id: ZYLKER, invoice_id: INVOICE });
		expect(out[1].error).toBe('Zoho Books could not email the invoice: the record does not exist in the organization Zylker Inc (10234695)');
		expect(out[2].error).toBe(out[1].error);
		expect(orgReads(e)).toBe(1);
		expect(e.mails()).toHaveLength(1);
	});

	it('one organizations read per execution when that read fails, whichever item needs it first', async () => {
		// Item 0's default lookup is refused once; items 1 and 2 then need the same list (a name, the default).
		const e = emu();
		e.addFault({ method: 'GET', path: '/books/v3/organizations', status: 400, body: { code: 2, message: 'refused' }, times: 1 });
		const items = [{ org: '', id: INVOICE }, { org: ZYLKER, id: MISSING }, { org: '', id: INVOICE }];
		await runZohoNode({ parameters: emailInvoice(), items, credential: emulatorCredential(e), continueOnFail: true });
		expect(orgReads(e)).toBe(1);
	});

	it('Zoho echoing the access token in its "not found" message: not in the error, and the org still named', async () => {
		const e = emu();
		const credential = emulatorCredential(e);
		const token = String((credential.oauthTokenData as IDataObject).access_token);
		const echo = `Invoice does not exist. Authorization: Bearer ${token} access_token=${token}`;
		e.addFault({ method: 'POST', path: `/books/v3/invoices/${MISSING}/email`, status: 404, body: { code: 1002, message: echo }, times: 0 });
		e.addFault({ method: 'GET', path: '/books/v3/organizations', status: 400, body: { code: 2, message: echo }, times: 0 });
		const run = await runZohoNode({ parameters: emailInvoice(), items: [{ org: ZYLKER, id: MISSING }], credential, continueOnFail: true });
		expect((e.requests({ product: 'books' }) as IDataObject[]).map((r) => [r.method, r.path, r.status])).toEqual([
			['POST', `/books/v3/invoices/${MISSING}/email`, 404],
			['GET', '/books/v3/organizations', 400],
		]);
		expect(JSON.stringify(run.items)).not.toContain(token);
		expect(json(run.items)[0].error).toBe(`Zoho Books could not email the invoice: the record does not exist in the organization ${ZYLKER}`);
		expect(String(json(run.items)[0].description)).toContain('Zoho code: 1002');
	});
});

/** CRM (or Bigin) Send with From left empty, version 1, To given. */
const sendFromPrimary = (product: 'crm' | 'bigin', inFlight: number): INodeParameters => ({
	resource: product === 'crm' ? 'crmEmail' : 'biginEmail',
	operation: 'send',
	module: product === 'crm' ? rl('Contacts', 'list') : 'Contacts',
	recordId: rl(product === 'crm' ? MACLEAD : '6120845000000601001'),
	from: rl('', 'list'),
	sendTo: 'addresses',
	to: 'ana@example.com',
	subject: 'Hello',
	content: 'Hi',
	performance: { requestsInFlight: inFlight },
});
const fromReads = (e: Emulator, product: 'crm' | 'bigin') =>
	requestsTo(e, product).filter((r) => r.path.endsWith('/settings/emails/actions/from_addresses')).length;

describe('the primary sender: read once per execution, the address Zoho marks default', () => {
	it.each([
		['crm', 1],
		['crm', 10],
		['bigin', 1],
		['bigin', 10],
	] as const)('%s, Requests in Flight %d: five sends, one from_addresses read, each from the default', async (product, inFlight) => {
		const e = emu();
		const run = await runZohoNode({ parameters: sendFromPrimary(product, inFlight), items: [{}, {}, {}, {}, {}], credential: emulatorCredential(e) });
		expect(run.status).toBe('success');
		expect(fromReads(e, product)).toBe(1);
		const primary = product === 'crm' ? 'patricia.boyle@zylker.com' : 'amelia.burrows@zylker.com';
		expect(e.mails().map((m) => (m.payload as { from?: IDataObject }).from?.email)).toEqual([primary, primary, primary, primary, primary]);
	});

	it('a default address that is not an address is passed over for the primary one, not sent', async () => {
		const e = emu();
		const store = e.data.store as { crm: { fromAddresses: IDataObject[] } };
		store.crm.fromAddresses = [
			{ user_name: 'Broken', type: 'org_email', email: 'not an address', default: true },
			...store.crm.fromAddresses.map((a) => ({ ...a, default: false })),
		];
		const run = await runZohoNode({ parameters: sendFromPrimary('crm', 1), items: [{}], credential: emulatorCredential(e) });
		expect(run.status).toBe('success');
		expect((e.mails()[0].payload as { from: IDataObject }).from).toEqual({ user_name: 'Patricia Boyle', email: 'patricia.boyle@zylker.com' });
	});

	it('Bigin names no primary sender: each item refused naming "From" and its own item, after one read', async () => {
		const e = emu();
		const store = e.data.store as { bigin: { fromAddresses: IDataObject[] } };
		store.bigin.fromAddresses = store.bigin.fromAddresses.map((a) => ({ ...a, type: 'org_email', default: false }));
		const run = await runZohoNode({ parameters: sendFromPrimary('bigin', 10), items: [{}, {}], credential: emulatorCredential(e), continueOnFail: true });
		expect(json(run.items)).toEqual([0, 1].map((i) => ({ error: '"From" is empty and Zoho Bigin names no primary sender', description: `Pick a sender in "From" (item ${i}).` })));
		expect(fromReads(e, 'bigin')).toBe(1);
		expect(e.mails()).toEqual([]);
	});

	it('the from_addresses read refused (400): still one read per execution, not one per item', async () => {
		const e = emu();
		e.addFault({ method: 'GET', path: '/crm/v8/settings/emails/actions/from_addresses', status: 400, body: { code: 'INVALID_REQUEST', details: {}, message: 'refused', status: 'error' }, times: 0 });
		await runZohoNode({ parameters: sendFromPrimary('crm', 1), items: [{}, {}, {}], credential: emulatorCredential(e), continueOnFail: true });
		expect(fromReads(e, 'crm')).toBe(1);
		expect(e.mails()).toEqual([]);
	});
});

describe('token renewal and the waits before sending again', () => {
	const sends = (e: Emulator) => (e.requests({ product: 'crm' }) as IDataObject[]).filter((r) => String(r.path).endsWith('/actions/send_mail'));

	it('an expired token met by five sends in flight: one renewal, each email once', async () => {
		const e = emu();
		const credential = emulatorCredential(e);
		e.expireTokens();
		const parameters = { ...sendFromPrimary('crm', 5), from: rl('Patricia Boyle <patricia.boyle@zylker.com>', 'address') };
		const run = await runZohoNode({ parameters, items: [{}, {}, {}, {}, {}], credential });
		expect(run.status).toBe('success');
		expect(e.stats().refreshes).toBe(1);
		expect(JSON.stringify(run.items)).not.toContain(String((credential.oauthTokenData as IDataObject).access_token));
		expect(e.mails()).toHaveLength(5);
		expect(json(run.items).map((j) => j.status)).toEqual(['success', 'success', 'success', 'success', 'success']);
	});

	it('429 with Retry-After 0 twice: the send goes out once after two waits; a 500 is not sent again', async () => {
		const e = emu();
		const parameters = { ...sendFromPrimary('crm', 1), from: rl('Patricia Boyle <patricia.boyle@zylker.com>', 'address') };
		const busy = { code: 'TOO_MANY_REQUESTS', details: {}, message: 'The concurrency limit of the user for the app exceeded', status: 'error' };
		e.addFault({ method: 'POST', path: `/crm/v8/Contacts/${MACLEAD}/actions/send_mail`, status: 429, body: busy, headers: { 'Retry-After': '0' }, times: 2 });
		const first = await runZohoNode({ parameters, items: [{}], credential: emulatorCredential(e) });
		expect(first.status).toBe('success');
		expect(sends(e).map((r) => r.status)).toEqual([429, 429, 200]);
		expect(e.mails()).toHaveLength(1);
		e.clearRequests();
		e.addFault({ method: 'POST', path: `/crm/v8/Contacts/${MACLEAD}/actions/send_mail`, status: 500, times: 1 });
		const second = await runZohoNode({ parameters, items: [{}], credential: emulatorCredential(e), continueOnFail: true });
		expect(sends(e)).toHaveLength(1);
		expect(String(json(second.items)[0].description)).toContain('It was not retried, so that nobody is mailed twice');
	});
});
