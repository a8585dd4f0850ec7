import nock from 'nock';
import type { IDataObject, INodePropertyOptions, INodeProperties, NodeParameterValueType } from 'n8n-workflow';

import { loadOptions, runZohoNode } from '../harness/engine';
import { emulatorCredential, requestsTo, useEmulator } from '../harness/emulator';
import { PollHarness } from '../harness/poll';
import { ZohoEmail } from '../../nodes/ZohoEmail/ZohoEmail.node';

const getEmu = useEmulator();
const CRM = '5725767000000';
const LEAD_A = `${CRM}501003`;
const LEAD_B = `${CRM}501005`;
const CONTACT = `${CRM}502003`;
const ORG = '10234695';
const INV = '460000000040001';
const rl = (value: string, mode = 'id') => ({ __rl: true, mode, value });
const cred = () => emulatorCredential(getEmu());
const crmSends = () => getEmu().mails().filter((m: IDataObject) => m.product === 'crm' && m.kind === 'send');
const errorsOf = (items: { json: IDataObject }[]) => items.map((i) => (i.json.error ? String(i.json.error) : ''));

afterEach(() => nock.cleanAll());

const crmSend = (extra: IDataObject) => ({
	resource: 'crmEmail', operation: 'send', module: rl('Leads', 'name'), recordId: rl('={{ $json.id }}'), from: { __rl: true, mode: 'list', value: '' }, subject: 'Hello', content: 'Hi there', ...extra,
});

describe('(1) CRM/Bigin Send: From and Send To', () => {
	test('From empty, many items: the address marked default (not primary) is read once; each goes to its own record', async () => {
		const emu = getEmu();
		const senders = nock(emu.url, { allowUnmocked: true })
			.get('/crm/v8/settings/emails/actions/from_addresses')
			.reply(200, { from_addresses: [{ user_name: 'Pat', type: 'primary', email: 'patricia.boyle@zylker.com', default: false }, { user_name: 'Sales', type: 'org_email', email: 'sales@zylker.com', default: true }] });
		const r = await runZohoNode({ typeVersion: 1.1, credential: cred(), items: [{ id: LEAD_A }, { id: LEAD_B }, { id: LEAD_A }], parameters: crmSend({}) });
		expect(errorsOf(r.items)).toEqual(['', '', '']);
		expect(senders.isDone()).toBe(true);
		const sends = crmSends();
		expect(sends).toHaveLength(3);
		for (const [k, id] of [LEAD_A, LEAD_B, LEAD_A].entries()) {
			const payload = sends[k].payload as IDataObject;
			expect(sends[k].recordId).toBe(id);
			expect((payload.from as IDataObject).email).toBe('sales@zylker.com');
			expect((payload.to as IDataObject[]).map((t) => t.email)).toEqual([emu.data.crm.record('Leads', id).Email]);
		}
		expect(requestsTo(emu, 'crm').filter((q) => q.path.includes('from_addresses'))).toHaveLength(0);
	});

	test('From expression giving nothing is refused, never replaced (continue on fail, next item still fine)', async () => {
		const r = await runZohoNode({ typeVersion: 1.1, continueOnFail: true, credential: cred(), items: [{ id: LEAD_A, f: '' }, { id: LEAD_B, f: 'Sales <sales@zylker.com>' }, { id: LEAD_A }], parameters: crmSend({ from: { __rl: true, mode: 'list', value: '={{ $json.f }}' } }) });
		const errs = errorsOf(r.items);
		expect(errs[0]).toMatch(/From/);
		expect(errs[1]).toBe('');
		expect(errs[2]).toMatch(/From/);
		expect(crmSends()).toHaveLength(1);
		expect(((crmSends()[0].payload as IDataObject).from as IDataObject).email).toBe('sales@zylker.com');
		expect(requestsTo(getEmu(), 'crm').filter((q) => q.path.includes('from_addresses'))).toHaveLength(0);
	});

	test('Record Email on Deals is refused before any request', async () => {
		const r = await runZohoNode({ typeVersion: 1.1, continueOnFail: true, credential: cred(), items: [{ id: `${CRM}504001` }], parameters: crmSend({ module: rl('Deals', 'name') }) });
		expect(errorsOf(r.items)[0]).toMatch(/Deals/);
		expect(requestsTo(getEmu(), 'crm')).toHaveLength(0);
	});

	test('record without an address, record that fails to read: refused, nothing sent to anyone else', async () => {
		const emu = getEmu();
		emu.data.crm.record('Leads', LEAD_A).Email = null;
		emu.addFault({ method: 'GET', path: `/crm/v8/Contacts/${CONTACT}`, status: 400, body: { code: 'INVALID_DATA', status: 'error', message: 'x', details: {} }, times: 0 });
		const r = await runZohoNode({ typeVersion: 1.1, continueOnFail: true, credential: cred(), items: [{ id: LEAD_A, m: 'Leads' }, { id: CONTACT, m: 'Contacts' }, { id: LEAD_B, m: 'Leads' }], parameters: crmSend({ module: rl('={{ $json.m }}', 'name'), from: rl('sales@zylker.com') }) });
		const errs = errorsOf(r.items);
		expect(errs[0]).toMatch(/no email address/);
		expect(errs[1]).not.toBe('');
		expect(errs[2]).toBe('');
		const sends = crmSends();
		expect(sends.map((s: IDataObject) => s.recordId)).toEqual([LEAD_B]);
		expect(((sends[0].payload as IDataObject).to as IDataObject[])[0].email).toBe(emu.data.crm.record('Leads', LEAD_B).Email);
	});

	test('empty To with "Email Addresses" is refused, never replaced by the record address', async () => {
		const r = await runZohoNode({ typeVersion: 1.1, continueOnFail: true, credential: cred(), items: [{ id: LEAD_A }], parameters: crmSend({ sendTo: 'addresses', to: '={{ $json.nobody }}', from: rl('sales@zylker.com') }) });
		expect(errorsOf(r.items)[0]).toMatch(/To/);
		expect(crmSends()).toHaveLength(0);
	});

	test('version 1 keeps To (no Send To saved) and reads the default sender once', async () => {
		const r = await runZohoNode({ typeVersion: 1, credential: cred(), items: [{ id: LEAD_A }, { id: LEAD_B }], parameters: crmSend({ to: 'Ann <ann@example.com>' }) });
		expect(errorsOf(r.items)).toEqual(['', '']);
		expect(crmSends().map((s: IDataObject) => ((s.payload as IDataObject).to as IDataObject[]).map((t) => t.email))).toEqual([['ann@example.com'], ['ann@example.com']]);
		expect(requestsTo(getEmu(), 'crm').filter((q) => q.path.includes('from_addresses'))).toHaveLength(1);
	});

	test('Bigin: From empty uses Bigin default sender, once for many items', async () => {
		const emu = getEmu();
		const r = await runZohoNode({ typeVersion: 1.1, credential: cred(), items: [{}, {}], parameters: { resource: 'biginEmail', operation: 'send', biginModule: 'Contacts', recordId: rl('6120845000000601001'), from: { __rl: true, mode: 'list', value: '' }, to: 'x@example.com', subject: 's', content: 'c' } });
		expect(errorsOf(r.items)).toEqual(['', '']);
		const sends = emu.mails().filter((m: IDataObject) => m.product === 'bigin');
		expect(sends.map((s: IDataObject) => ((s.payload as IDataObject).from as IDataObject).email)).toEqual(['amelia.burrows@zylker.com', 'amelia.burrows@zylker.com']);
		expect(requestsTo(emu, 'bigin').filter((q) => q.path.includes('from_addresses'))).toHaveLength(1);
	});
});

const booksTx = (extra: IDataObject) => ({ resource: 'booksEmail', operation: 'emailTransaction', organizationId: rl(ORG), transactionType: 'invoice', transactionId: rl(INV), sendTo: 'defaultContacts', ...extra });
const booksSends = () => getEmu().mails().filter((m: IDataObject) => m.product === 'books');

describe('(2) Books "Contact Persons Books Picks"', () => {
	const answer = (contacts: IDataObject[]) => nock(getEmu().url, { allowUnmocked: true }).get(`/books/v3/invoices/${INV}/email`).query(true).reply(200, { code: 0, message: 'success', data: { to_contacts: contacts, subject: 's', body: 'b' } });

	test('exactly the selected to_contacts', async () => {
		answer([{ email: 'a@example.com', selected: true }, { email: 'b@example.com', selected: false }, { email: 'c@example.com' }, { email: 'd@example.com', selected: 'true' }, { email: 'e@example.com', selected: true }]);
		const r = await runZohoNode({ typeVersion: 1.1, credential: cred(), parameters: booksTx({}) });
		expect(errorsOf(r.items)).toEqual(['']);
		expect((booksSends()[0].payload as IDataObject).to_mail_ids).toEqual(['a@example.com', 'e@example.com']);
	});

	test('none selected: refused, nothing sent', async () => {
		answer([{ email: 'b@example.com', selected: false }]);
		const r = await runZohoNode({ typeVersion: 1.1, continueOnFail: true, credential: cred(), parameters: booksTx({}) });
		expect(errorsOf(r.items)[0]).toMatch(/picks no contact/);
		expect(booksSends()).toHaveLength(0);
	});

	test('sales receipt: refused before any request', async () => {
		const r = await runZohoNode({ typeVersion: 1.1, continueOnFail: true, credential: cred(), parameters: booksTx({ transactionType: 'salesReceipt', transactionId: rl('460000000040601'), contentMode: 'custom', subject: 's', content: 'b' }) });
		expect(errorsOf(r.items)[0]).toMatch(/sales receipt/i);
		expect(requestsTo(getEmu(), 'books')).toHaveLength(0);
	});
});

describe('(3) trigger Output', () => {
	const crmTrigger = { source: 'crmRecords', module: rl('Contacts', 'name'), records: { record: [{ recordId: rl(CONTACT) }] }, engagementEvents: ['opened', 'bounced'] };

	async function openedEvents(typeVersion: number) {
		const emu = getEmu();
		const h = new PollHarness({ parameters: crmTrigger, credential: cred(), typeVersion });
		expect((await h.poll()).error).toBeUndefined();
		const [mail] = emu.data.crm.addEmails('Contacts', CONTACT, [{ subject: 'Track me', sent: true, category: 'sent_from_crm' }]);
		const second = await h.poll();
		expect(second.error).toBeUndefined();
		emu.data.crm.openEmail('Contacts', CONTACT, mail.message_id);
		const third = await h.poll();
		expect(third.error).toBeUndefined();
		return { mail, emailItems: second.items.map((i) => i.json), events: third.items.map((i) => i.json) };
	}

	test('version 1 stays Raw: event and messageId present', async () => {
		const { mail, events } = await openedEvents(1);
		expect(events).toHaveLength(1);
		expect(events[0]).toMatchObject({ event: 'opened', messageId: mail.message_id });
	});

	test('version 1.1 Simplified keeps the event and the message id of engagement events', async () => {
		const { mail, emailItems, events } = await openedEvents(1.1);
		expect(emailItems[0]).toMatchObject({ id: mail.message_id });
		expect(events).toHaveLength(1);
		expect(JSON.stringify(events[0])).toContain('opened');
		expect(JSON.stringify(events[0])).toContain(mail.message_id);
	});

	test('Books, Organization empty: default looked up once, simplified events keep event/document id, state survives a default change', async () => {
		const emu = getEmu();
		const h = new PollHarness({ typeVersion: 1.1, credential: cred(), parameters: { source: 'booksEmailed', organizationId: rl('', 'list'), transactionTypes: ['invoice'], customerViews: true } });
		expect((await h.poll()).error).toBeUndefined();
		emu.data.books.emailDocument(ORG, 'invoices', '460000000040002');
		const p2 = await h.poll();
		expect(p2.error).toBeUndefined();
		expect(p2.items.map((i) => i.json)).toEqual([expect.objectContaining({ event: expect.any(String), document_id: '460000000040002' })]);
		emu.data.store.books.orgs[ORG].info.is_default_org = false;
		emu.data.store.books.orgs['60019077540'].info.is_default_org = true;
		emu.data.books.viewDocument(ORG, 'invoices', '460000000040002');
		const p3 = await h.poll();
		expect(p3.error).toBeUndefined();
		expect(p3.items.map((i) => i.json)).toEqual([expect.objectContaining({ event: 'viewed', document_id: '460000000040002' })]);
		expect(p3.items.length).toBe(1);
		expect(requestsTo(emu, 'books').filter((q) => q.path.endsWith('/organizations'))).toHaveLength(1);
		expect(requestsTo(emu, 'books').every((q) => q.path.endsWith('/organizations') || q.query.organization_id === ORG)).toBe(true);
	});
});

describe('(4) pickers: both shapes, hostile values', () => {
	test('CRM Get Message ID: plain string (v1) and locator (1.1) work; hostile ones refused before any request', async () => {
		const emu = getEmu();
		const id = emu.data.crm.emails('Contacts', CONTACT)[0].message_id as string;
		const get = (typeVersion: number, messageId: NodeParameterValueType) => runZohoNode({ typeVersion, continueOnFail: true, credential: cred(), parameters: { resource: 'crmEmail', operation: 'get', module: rl('Contacts', 'name'), recordId: rl(CONTACT), messageId } });
		expect(errorsOf((await get(1, id)).items)).toEqual(['']);
		expect(errorsOf((await get(1.1, rl(id))).items)).toEqual(['']);
		emu.clearRequests();
		for (const bad of ['../../settings/modules', 'a?x=1', 'a#b', '<b>x</b>', '..', 'a/../b', '%2e%2e']) {
			expect(errorsOf((await get(1.1, rl(bad))).items)[0]).not.toBe('');
			expect(errorsOf((await get(1, bad)).items)[0]).not.toBe('');
		}
		expect(requestsTo(emu, 'crm').filter((q) => q.path.includes('/Emails'))).toHaveLength(0);
		const list = (await loadOptions('listSearch', 'searchCrmRecordEmails', { module: rl('Contacts', 'name'), recordId: CONTACT }, cred())) as { results: IDataObject[] };
		expect(list.results.length).toBeGreaterThan(0);
		emu.clearRequests();
		for (const recordId of ['../x', rl(`${CONTACT}/../1`), rl('1?a#b')]) {
			expect(((await loadOptions('listSearch', 'searchCrmRecordEmails', { module: rl('Contacts/../Leads'), recordId }, cred())) as { results: unknown[] }).results).toEqual([]);
		}
		expect(requestsTo(emu, 'crm')).toHaveLength(0);
	});

	test('Books sender list: both shapes; hostile transaction or organization never reach a URL unencoded', async () => {
		const emu = getEmu();
		const base = { resource: 'booksEmail', operation: 'emailTransaction', transactionType: 'invoice' };
		for (const transactionId of [INV, rl(INV)]) {
			const res = (await loadOptions('listSearch', 'searchBooksSenders', { ...base, organizationId: ORG, transactionId }, cred())) as { results: unknown[] };
			expect(res.results.length).toBeGreaterThan(0);
		}
		emu.clearRequests();
		for (const transactionId of ['../contacts', rl('1/../2'), rl('1?x#y'), rl('<img src=x>')]) {
			expect(((await loadOptions('listSearch', 'searchBooksSenders', { ...base, organizationId: ORG, transactionId }, cred())) as { results: unknown[] }).results).toEqual([]);
		}
		expect(requestsTo(emu, 'books')).toHaveLength(0);
		await loadOptions('listSearch', 'searchBooksSenders', { ...base, organizationId: rl('1&x=/../#y'), transactionId: rl(INV) }, cred()).catch(() => undefined);
		for (const q of emu.requests({ product: 'books' }) as { path: string; query: IDataObject }[]) {
			expect(q.path).toBe(`/books/v3/invoices/${INV}/email`);
			expect(q.query.x).toBeUndefined();
		}
		for (const fromAddressId of ['../1', rl('1?x')]) {
			const r = await runZohoNode({ typeVersion: 1.1, continueOnFail: true, credential: cred(), parameters: { ...booksTx({ sendTo: 'addresses', to: 'a@example.com' }), additionalFields: { fromAddressId } } });
			expect(errorsOf(r.items)[0]).toMatch(/From Address ID/);
		}
		const v1 = await runZohoNode({ typeVersion: 1, credential: cred(), parameters: { ...booksTx({ sendTo: 'addresses', to: 'a@example.com' }), additionalFields: { fromAddressId: 'notanid' } }, continueOnFail: true });
		expect(errorsOf(v1.items)[0]).toMatch(/From Address ID/);
		expect(booksSends()).toHaveLength(0);
	});
});

describe('(5) AI tool description', () => {
	test('names the product; real mail only for sending operations', () => {
		const node = new ZohoEmail();
		const tool = node.description.usableAsTool as { replacements: { description: string; properties: INodeProperties[] } };
		expect(tool.replacements.description).toMatch(/real email/);
		const sending: Record<string, string[]> = { crmEmail: ['send'], biginEmail: ['send'], booksEmail: ['emailContact', 'emailStatement', 'emailTransaction', 'emailTransactionsInBulk', 'sendPaymentReminder', 'sendPaymentRemindersInBulk'] };
		const products: Record<string, string> = { crmEmail: 'Zoho CRM', crmEmailDraft: 'Zoho CRM', biginEmail: 'Zoho Bigin', booksEmail: 'Zoho Books' };
		let seen = 0;
		for (const p of tool.replacements.properties.filter((x) => x.name === 'operation')) {
			const resource = (p.displayOptions?.show?.resource as string[])[0];
			for (const o of p.options as INodePropertyOptions[]) {
				seen++;
				expect(o.action).toMatch(new RegExp(`^${products[resource]}: `));
				const says = /real email/.test(String(o.action));
				if (resource === 'crmEmailDraft') continue;
				expect([o.value, says]).toEqual([o.value, (sending[resource] ?? []).includes(String(o.value))]);
			}
		}
		expect(seen).toBeGreaterThan(15);
	});
});
