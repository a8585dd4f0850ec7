import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { ZohoEmail } from '../../nodes/ZohoEmail/ZohoEmail.node';
import { runWorkflow, runZohoNode, zohoWorkflow } from '../harness/engine';
import { emulatorCredential, requestsTo, useEmulator } from '../harness/emulator';
import { registerNodeType } from '../harness/nodeTypes';

const emu = useEmulator();
const ORG = '10234695';
const INDIA = '60019077540';
const UNKNOWN = '460000000049999';
const rl = (value: string, mode = 'id') => ({ __rl: true, mode, value });
const CONTACT = '5725767000000502003';

type Err = { message: string; description?: string | null };
async function run(parameters: INodeParameters, items: IDataObject[] = [{}], continueOnFail = false, credential = emulatorCredential(emu())) {
	return await runZohoNode({ parameters, items, continueOnFail, credential });
}
const thrown = (r: { error?: unknown }) => r.error as unknown as Err;
const cof = (r: { items: Array<{ json: IDataObject }> }, i: number) => r.items[i].json as unknown as { error: string; description?: string };
const crmGet = (messageId: string): INodeParameters => ({ resource: 'crmEmail', operation: 'get', module: rl('Contacts', 'list'), recordId: rl(CONTACT), messageId });
const send = (extra: IDataObject = {}): INodeParameters => ({
	resource: 'crmEmail', operation: 'send', module: rl('Contacts', 'list'), recordId: rl(CONTACT),
	from: rl('Patricia Boyle <patricia.boyle@zylker.com>', 'list'), to: 'sage.wieser@truhlar.example', subject: 'Hello', content: '<p>Hi</p>', additionalFields: {}, ...extra,
});
const bulk = (op: string, org = ORG): INodeParameters => ({
	resource: 'booksEmail', operation: op, organizationId: rl(org, 'list'), transactionType: 'invoice', transactionId: '={{ $json.ref }}',
});
const ids = (...list: string[]) => list.map((id) => ({ ref: rl(id) }));
const books = () => requestsTo(emu(), 'books');
const docReads = () => books().filter((r) => r.method === 'GET' && /^\/books\/v3\/invoices\/\d+$/.test(r.path));
const crmPostCount = () => requestsTo(emu(), 'crm').filter((q) => q.method === 'POST').length;
const orgReads = () => books().filter((r) => r.path.endsWith('/organizations'));

describe('(1)+(2) URL parts named by position, escaped for the editor only', () => {
	const evil = 'deadbeef'.repeat(8);
	it('unknown message ID names "Message ID" and its value; editor HTML escaped, lines kept', async () => {
		const e = thrown(await run(crmGet(evil)));
		expect(e.message).toContain(`(field "Message ID": ${evil})`); expect(e.message).not.toMatch(/"Record"|"Module"|"Draft ID"/);
		expect(e.description).toContain('Zoho code: INVALID_DATA<br>Zoho message: ');
		expect(e.description).toContain(`Field: Message ID = ${evil}<br>`);
		expect(e.description).not.toMatch(/<img|<script|\n/);
	});
	it('under Continue On Fail the same error stays plain text', async () => {
		const r = await run(crmGet(evil), [{}], true);
		const { error, description } = cof(r, 0);
		expect(error).toContain(`(field "Message ID": ${evil})`);
		expect(description).toContain(`Field: Message ID = ${evil}`);
		expect(description).toContain('\nZoho message: ');
		expect(description).not.toMatch(/<br>|&lt;|&amp;/);
	});
	it('as an AI tool the error stays plain text', async () => {
		registerNodeType('n8n-nodes-zoho-email.zohoEmailTool', new ZohoEmail());
		const wf = zohoWorkflow({ parameters: crmGet(evil) });
		wf.nodes[1] = { ...wf.nodes[1], type: 'n8n-nodes-zoho-email.zohoEmailTool' };
		const e = thrown(await runWorkflow(wf, emulatorCredential(emu())));
		expect(e.message).toContain(`(field "Message ID": ${evil})`);
		expect(e.message).toContain('use a message ID that Get Many lists');
		expect(e.description).toContain(`\nField: Message ID = ${evil}\n`);
		expect(e.description).not.toMatch(/<br>|&lt;/);
	});
	it('unknown record on Send names "Record" (not Module) with its value', async () => {
		const e = thrown(await run(send({ recordId: rl('5725767000009999999') })));
		expect(e.message).toContain('Zoho rejected a value (field "Record": 5725767000009999999)');
		expect(e.description).toContain('Field: Record = 5725767000009999999');
		expect(e.description).toContain('Zoho found no Contacts record with this ID');
	});
	it('unknown module names "Module"', async () => {
		const r = await run(send({ module: rl('Widgets__c', 'id') }), [{}], true);
		expect(cof(r, 0).error).toContain('(field "Module": Widgets__c)'); expect(cof(r, 0).description).toContain('Field: Module = Widgets__c');
	});
	it('unknown draft ID names "Draft ID", never Message ID or Record', async () => {
		const r = await run({ resource: 'crmEmailDraft', operation: 'delete', module: rl('Contacts', 'list'), recordId: rl(CONTACT), draftId: '5725767000000999999' }, [{}], true);
		const { error, description } = cof(r, 0);
		expect(error).toContain('(field "Draft ID": 5725767000000999999)');
		expect(error).not.toMatch(/"Message ID"|"Record"/);
		expect(description).toContain('Field: Draft ID = 5725767000000999999');
	});
	it('unknown inventory template names the template', async () => {
		const r = await run(send({ module: rl('Quotes', 'list'), recordId: rl('5725767000000505001'), additionalFields: { inventoryTemplateId: '5725767000000449999' } }), [{}], true);
		expect(cof(r, 0).error).toMatch(/field "(Inventory|Email) Template": 5725767000000449999/); expect(cof(r, 0).error).not.toMatch(/"Record"|"Module"/);
	});
});

describe('(2)+(6) Zoho text: escaped, lines apart, never a secret', () => {
	it('Zoho message with HTML and tokens', async () => {
		const credential = emulatorCredential(emu());
		const token = credential.oauthTokenData as unknown as { access_token: string; refresh_token: string };
		emu().addFault({
			method: 'POST', path: '/crm/v8/Contacts', status: 400, times: 0,
			body: { status: 'error', code: 'INVALID_DATA', message: `bad <script>alert(1)</script> & ${token.access_token} emulator-client-secret`, details: { resource_path_index: 1, echo: token.refresh_token, auth: `Zoho-oauthtoken ${token.access_token}` } },
		});
		const shown = thrown(await run(send(), [{}], false, credential));
		const plain = cof(await run(send(), [{}], true, credential), 0);
		for (const text of [shown.message, shown.description, plain.error, plain.description]) {
			expect(text).toBeDefined();
			for (const secret of [token.access_token, token.refresh_token, 'emulator-client-secret']) expect(text).not.toContain(secret);
		}
		expect(shown.description).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp;'); expect(shown.description).not.toContain('<script');
		expect(shown.description).toMatch(/Zoho code: INVALID_DATA<br>Zoho message: [^<]*<br>Field: Record = 5725767000000502003<br>Details: /);
		expect(plain.description).toContain('<script>alert(1)</script> &');
	});
});

describe('(3) Books bulk refused for unknown IDs', () => {
	it('names exactly the unknown one, one read per document, nothing sent', async () => {
		const r = await run(bulk('emailTransactionsInBulk'), ids('460000000040001', UNKNOWN, '460000000040004'), true);
		expect(cof(r, 1).error).toContain(`invoice ${UNKNOWN} does not exist in the organization Zylker Inc (${ORG}); nothing of the call went out`);
		for (const i of [0, 2]) {
			expect(cof(r, i).error).toContain(`invoice ${UNKNOWN} (item 1) does not exist in the organization Zylker Inc (${ORG})`);
			expect(cof(r, i).error).toContain('nothing of it went out');
			expect(cof(r, i).error).not.toMatch(/460000000040001|460000000040004/);
		}
		expect(books().filter((q) => q.method === 'POST')).toHaveLength(1);
		expect(docReads().length).toBeLessThanOrEqual(3);
		expect(orgReads().length).toBeLessThanOrEqual(1);
		expect(emu().mails()).toHaveLength(0);
	});
	it('two unknown: both named, the known one not', async () => {
		const r = await run(bulk('emailTransactionsInBulk'), ids(UNKNOWN, '460000000040001', '460000000049998'), true);
		expect(cof(r, 1).error).toContain(`invoice ${UNKNOWN} (item 0) and invoice 460000000049998 (item 2) do not exist`);
		expect(cof(r, 0).error).toMatch(/^.*invoice 460000000049999 does not exist/);
		expect(cof(r, 2).error).toContain('invoice 460000000049998 does not exist');
	});
	it('a call of one costs no read', async () => {
		const r = await run(bulk('emailTransactionsInBulk'), ids(UNKNOWN), true);
		expect(cof(r, 0).error).toContain(`invoice ${UNKNOWN} does not exist in the organization Zylker Inc (${ORG}); nothing of the call went out`);
		expect(docReads()).toHaveLength(0);
	});
	it('a document found By Number is not read again', async () => {
		const r = await run(bulk('sendPaymentRemindersInBulk'), [{ ref: rl('INV-00001', 'number') }, { ref: rl(UNKNOWN) }], true);
		expect(cof(r, 0).error).toContain(`invoice ${UNKNOWN} (item 1) does not exist`);
		expect(cof(r, 1).error).toContain(`invoice ${UNKNOWN} does not exist`);
		expect(docReads().map((q) => q.path)).toEqual([`/books/v3/invoices/${UNKNOWN}`]);
	});
	it('when a lookup fails, nothing is named unknown on a guess', async () => {
		emu().addFault({ method: 'GET', path: '/books/v3/invoices/460000000040004', status: 500, times: 0 });
		const r = await run(bulk('emailTransactionsInBulk'), ids('460000000040001', UNKNOWN, '460000000040004'), true);
		for (const i of [0, 1, 2]) {
			const { error, description } = cof(r, i);
			expect(`${error}\n${description}`).not.toMatch(/\d+ does not exist|\(item \d\) does not exist/);
		}
		expect(docReads().filter((q) => q.path.endsWith('40001')).length).toBeLessThanOrEqual(1);
		expect(emu().mails()).toHaveLength(0);
	});
});

describe('(4) bulk reminders partly refused', () => {
	it('says how many others were sent and for which items', async () => {
		const r = await run(bulk('sendPaymentRemindersInBulk'), ids('460000000040001', '460000000040002', '460000000040004', '460000000040003'), true);
		expect([r.items[0].json.reminder_sent, r.items[2].json.reminder_sent]).toEqual([true, true]);
		for (const i of [1, 3]) expect(cof(r, i).description).toContain('The reminders for 2 other invoices of the call (items 0, 2) were sent.');
	});
	it('all refused: none of the others', async () => {
		const r = await run(bulk('sendPaymentRemindersInBulk'), ids('460000000040002', '460000000040003'), true);
		for (const i of [0, 1]) expect(cof(r, i).description).toContain('reminded none of the other 1 invoice of the call either');
	});
	it('a refused reminder reason is redacted and escaped', async () => {
		const credential = emulatorCredential(emu());
		const token = (credential.oauthTokenData as unknown as { access_token: string }).access_token;
		emu().addFault({
			method: 'POST', path: '/books/v3/invoices/paymentreminder', status: 201,
			body: { code: 0, message: 'ok', info: { code: 4083, email_success_info: { sent_count: 1 }, email_errors_info: [{ message: `<img src=x onerror=alert(1)> ${token}`, ids: ['460000000040002'] }] } },
		});
		const r = await run(bulk('sendPaymentRemindersInBulk'), ids('460000000040001', '460000000040002'), false, credential);
		const e = thrown(r);
		expect(`${e.message}${e.description}`).not.toContain(token);
		expect(e.description).toMatch(/&lt;img src=x onerror=alert\(1\)&gt;[^]*\(item 0\) was sent\./);
	});
	it('Zoho naming refused IDs as one comma-separated string', async () => {
		emu().addFault({
			method: 'POST', path: '/books/v3/invoices/paymentreminder', status: 201,
			body: { code: 0, message: 'ok', info: { code: 4083, email_success_info: { message: 'sent', sent_count: 1 }, email_errors_info: [{ message: 'Not open', ids: '460000000040002, 460000000040003' }] } },
		});
		const r = await run(bulk('sendPaymentRemindersInBulk'), ids('460000000040002', '460000000040001', '460000000040003'), true);
		expect(r.items[1].json.reminder_sent).toBe(true);
		expect(cof(r, 0).description).toContain('The reminder for 1 other invoice of the call (item 1) was sent.');
		expect(cof(r, 2).error).toContain('460000000040003');
	});
});

describe('(5) Books not found names the organization', () => {
	const content = (org: string, id = UNKNOWN): INodeParameters => ({ resource: 'booksEmail', operation: 'getPaymentReminderContent', organizationId: rl(org, 'list'), transactionId: rl(id) });
	it('by name when known', async () => {
		const r = await run(content(INDIA), [{}], true);
		expect(cof(r, 0).error).toContain(`does not exist in the organization Zylker Traders India (${INDIA})`);
		expect(orgReads()).toHaveLength(1);
	});
	it('no extra call on success', async () => {
		const r = await run(content(ORG, '460000000040001'), [{}], true);
		expect(r.items[0].json.error).toBeUndefined(); expect(orgReads()).toHaveLength(0);
	});
	it('by ID when the lookup fails', async () => {
		emu().addFault({ method: 'GET', path: '/books/v3/organizations', status: 500, times: 0 });
		const r = await run(content(INDIA), [{}], true);
		expect(cof(r, 0).error).toContain(`does not exist in the organization ${INDIA}`);
		expect(cof(r, 0).error).not.toContain('Zylker');
	});
	it('default organization: one lookup shared', async () => {
		const r = await run({ ...content(''), organizationId: rl('', 'list') }, [{}, {}], true);
		expect(cof(r, 1).error).toContain(`does not exist in the organization Zylker Inc (${ORG})`);
		expect(orgReads()).toHaveLength(1);
	});
});

describe('(7) bad input from expressions, before any request', () => {
	it('a subject object and a huge record ID name field and item', async () => {
		const r = await run(send({ subject: '={{ $json.s }}', recordId: rl('={{ $json.r }}') }), [{ s: 'ok', r: CONTACT }, { s: { a: 1 }, r: CONTACT }, { s: 'ok', r: 'x'.repeat(1_000_000) }], true);
		expect(r.items[0].json.error).toBeUndefined();
		expect(cof(r, 1).error).toContain('"Subject" must be text, not an object');
		expect(cof(r, 1).description).toContain('(item 1)');
		expect(cof(r, 2).error).toContain('"Record');
		expect(cof(r, 2).error.length).toBeLessThan(300);
		expect(cof(r, 2).description).toContain('(item 2');
		expect(requestsTo(emu(), 'crm').filter((q) => q.method === 'POST')).toHaveLength(1);
	});
	it('huge or odd values: short messages naming field and item, no request', async () => {
		const huge = 'x'.repeat(2_000_000);
		const r = await run(send({ to: '={{ $json.to }}', subject: '={{ $json.s }}' }), [{ to: `<${huge}@a.b`, s: 'ok' }, { to: 'a@b.example', s: 12 }], true);
		for (const [i, field] of [[0, 'To'], [1, 'Subject']] as const) {
			const { error, description } = cof(r, i);
			expect(error).toContain(field);
			expect(description ?? '').toContain(`(item ${i}`);
			expect(error.length + (description ?? '').length).toBeLessThan(2000);
		}
		expect(crmPostCount()).toBe(0);
		const b = await run({ resource: 'booksEmail', operation: 'sendPaymentReminder', organizationId: rl('={{ $json.o }}', 'id'), transactionId: rl('460000000040001'), to: 'a@b.example', contentMode: 'custom', subject: '={{ $json.s }}', content: 'b', additionalFields: {} },
			[{ o: { id: 1 }, s: 'ok' }, { o: ORG, s: huge }], true);
		expect(cof(b, 0).error).toContain('Organization');
		expect(cof(b, 1).error + (cof(b, 1).description ?? '')).toMatch(/Subject/);
		expect(cof(b, 1).error.length).toBeLessThan(1000);
		expect(books().filter((q) => q.method === 'POST')).toHaveLength(0);
	});
	it('CRM Send: Zoho documents no subject limit, so a 2 MB subject goes out as given and Zoho decides', async () => {
		const r = await run(send({ subject: '={{ $json.s }}' }), [{ s: 'x'.repeat(2_000_000) }], true);
		expect(r.items[0].json.error).toBeUndefined();
		expect(crmPostCount()).toBe(1);
	});
	it('Books bulk ID as object or list fails before any request', async () => {
		const r = await run(bulk('emailTransactionsInBulk'), [{ ref: rl({ a: 1 } as unknown as string) }, { ref: ['460000000040001'] }], true);
		expect([cof(r, 0).description, cof(r, 1).description]).toEqual([expect.stringContaining('(item 0'), expect.stringContaining('(item 1')]);
		expect(books()).toHaveLength(0);
	});
	it('a thrown refusal with HTML in the value keeps the description safe', async () => {
		const e = thrown(await run(send({ recordId: rl('={{ $json.r }}') }), [{ r: '<img src=x onerror=alert(1)>' }]));
		expect(e.message).toContain('"Record');
		expect(e.description ?? '').not.toContain('<img');
		expect(crmPostCount()).toBe(0);
	});
});
