import { ExecutionLifecycleHooks, LoadOptionsContext } from 'n8n-core';
import type { ICredentialDataDecryptedObject, IDataObject, INode, INodeParameters, IWorkflowExecuteAdditionalData } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { HarnessCredentialsHelper } from '../harness/credentials';
import { emulatorCredential, requestsTo, useEmulator } from '../harness/emulator';
import { CREDENTIAL_ID, loadOptions, runZohoNode } from '../harness/engine';
import { nodeTypes } from '../harness/nodeTypes';
import { PollHarness } from '../harness/poll';

/**
 * Attacks on the pickers the refactors touched (CRM and Bigin From share one read and one mapping,
 * Books senders read through fetchEmailContent, CRM Get's Message ID reads only `Emails`): they list
 * what Zoho has. And on the parameter checks moved to helpers/names.ts and the trigger's settings:
 * bad input is refused before any request, naming the field (and the item).
 */
const emu = useEmulator();
const ZYLKER = '10234695';
const MACLEAD = '5725767000000502001';
const rl = (value: string, mode = 'id') => ({ __rl: true, mode, value });
const json = (items: { json: IDataObject }[]) => items.map((i) => i.json);

/** A list search through n8n-core's LoadOptionsContext, with a pagination token (the harness's has none). */
async function searchPage(method: string, parameters: INodeParameters, credential: ICredentialDataDecryptedObject, token?: string) {
	const credentials = new HarnessCredentialsHelper(nodeTypes);
	const id = `${CREDENTIAL_ID}-${credentials.instance}`;
	credentials.add({ id, name: 'Zoho', type: 'zohoEmailOAuth2Api', data: credential });
	const node: INode = { id: 'n2', name: 'Zoho Email', type: 'n8n-nodes-zoho-email.zohoEmail', typeVersion: 1.1, position: [0, 0], parameters, credentials: { zohoEmailOAuth2Api: { id, name: 'Zoho' } } };
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const hooks = new ExecutionLifecycleHooks('manual', 'picker', { nodes: [node], connections: {} } as never);
	const additional = { credentialsHelper: credentials, hooks, executionId: 'picker', restApiUrl: 'http://127.0.0.1/rest', instanceBaseUrl: 'http://127.0.0.1/', currentNodeParameters: parameters, variables: {} } as unknown as IWorkflowExecuteAdditionalData;
	const ctx = new LoadOptionsContext(workflow, node, additional, 'parameters');
	const type = nodeTypes.getByNameAndVersion(node.type) as unknown as { methods: { listSearch: Record<string, (this: unknown, f?: string, t?: string) => Promise<unknown>> } };
	return (await type.methods.listSearch[method].call(ctx, undefined, token)) as { results: IDataObject[]; paginationToken?: string };
}

describe('pickers list what Zoho has', () => {
	const SENDERS = [
		{ name: 'Patricia Boyle <patricia.boyle@zylker.com> (primary)', value: 'Patricia Boyle <patricia.boyle@zylker.com>' },
		{ name: 'Patricia Boyle <patricia.zylker@gmail.example> (imap)', value: 'Patricia Boyle <patricia.zylker@gmail.example>' },
		{ name: 'Zylker Sales <sales@zylker.com> (org_email)', value: 'Zylker Sales <sales@zylker.com>' },
	];

	it('CRM From: every sender, and the typed filter matches name or address in any case', async () => {
		const e = emu();
		expect(await loadOptions('listSearch', 'searchCrmFromAddresses', {}, emulatorCredential(e))).toEqual({ results: SENDERS });
		expect(await loadOptions('listSearch', 'searchCrmFromAddresses', {}, emulatorCredential(e), 'SALES')).toEqual({ results: [SENDERS[2]] });
		expect(await loadOptions('listSearch', 'searchCrmFromAddresses', {}, emulatorCredential(e), 'gmail')).toEqual({ results: [SENDERS[1]] });
	});

	it('Bigin From: every sender', async () => {
		const e = emu();
		const out = (await loadOptions('listSearch', 'searchBiginFromAddresses', {}, emulatorCredential(e))) as { results: IDataObject[] };
		expect(out).toEqual({
			results: [
				{ name: 'Amelia Burrows <amelia.burrows@zylker.com> (primary)', value: 'Amelia Burrows <amelia.burrows@zylker.com>' },
				{ name: 'Zylker Support <support@zylker.com> (org_email)', value: 'Zylker Support <support@zylker.com>' },
			],
		});
		expect(requestsTo(e, 'bigin').map((r) => r.path)).toEqual(['/bigin/v2/settings/emails/actions/from_addresses']);
	});

	it('Books sender picker: every sender of a top-level answer (no data block), Books\' default marked', async () => {
		const e = emu();
		const from_emails = [
			{ user_name: 'Ana', email: 'ana@zylker.com', selected: false, organization_contact_id: '460000000000011' },
			{ user_name: 'Bo', email: 'bo@zylker.com', selected: true, organization_contact_id: '460000000000012' },
		];
		e.addFault({ method: 'GET', path: `/books/v3/salesorders/460000000040201/email`, status: 200, body: { code: 0, message: 'success', from_emails, subject: 's', body: 'b' } });
		const params = { resource: 'booksEmail', operation: 'emailTransaction', organizationId: rl(ZYLKER), transactionType: 'salesOrder', transactionId: rl('460000000040201') };
		expect(await loadOptions('listSearch', 'searchBooksSenders', params, emulatorCredential(e))).toEqual({
			results: [
				{ name: 'Ana <ana@zylker.com>', value: '460000000000011' },
				{ name: "Bo <bo@zylker.com> (Books' default)", value: '460000000000012' },
			],
		});
	});

	it('Message ID picker: every email of a 37-email record across its pages, each once', async () => {
		const e = emu();
		const params = { resource: 'crmEmail', operation: 'get', module: rl('Contacts', 'list'), recordId: rl(MACLEAD) };
		const values: unknown[] = [];
		let token: string | undefined;
		let pages = 0;
		do {
			const page = await searchPage('searchCrmRecordEmails', params, emulatorCredential(e), token);
			values.push(...page.results.map((r) => r.value));
			token = page.paginationToken;
			pages++;
		} while (token && pages < 10);
		const listed = (e.data.crm.emails('Contacts', MACLEAD) as IDataObject[]).map((m) => m.message_id);
		expect(new Set(values).size).toBe(values.length);
		expect(values.sort()).toEqual([...listed].sort());
		expect(pages).toBe(4);
		expect(requestsTo(e, 'crm').map((r) => r.query.index ?? null)).toHaveLength(4);
	});
});

describe('bad input: refused before any request, naming the field and the item', () => {
	const send = (extra: IDataObject): INodeParameters => ({
		resource: 'crmEmail',
		operation: 'send',
		module: rl('Contacts', 'list'),
		recordId: rl(MACLEAD),
		from: rl('Patricia Boyle <patricia.boyle@zylker.com>', 'address'),
		sendTo: 'addresses',
		to: 'ana@example.com',
		subject: 'Hello',
		content: 'Hi',
		...extra,
	});
	const refusals = async (parameters: INodeParameters, items: IDataObject[]) => {
		const e = emu();
		const run = await runZohoNode({ parameters, items, credential: emulatorCredential(e), continueOnFail: true });
		expect(e.requests()).toEqual([]);
		return json(run.items).map((j) => [j.error, j.description]);
	};

	it('Module: a name with a space, a number, an object (names.ts moduleNameOf)', async () => {
		const out = await refusals(send({ module: rl('={{ $json.m }}', 'list') }), [{ m: 'Sales Orders' }, { m: 42 }, { m: { api_name: 'Leads' } }]);
		expect(out).toEqual([
			['"Module" is not a module API name: "Sales Orders"', expect.stringMatching(/\(item 0\)\.$/)],
			['"Module" must be a module API name, not a number', expect.stringMatching(/^Give "Module" as text.*\(item 1\)\.$/)],
			['"Module" must be a module API name, not an object', expect.stringMatching(/\(item 2\)\.$/)],
		]);
	});

	it('Attachment IDs and binary property names: a comma inside an ID object, quotes, a number (names.ts nameListOf)', async () => {
		const out = await refusals(send({ additionalFields: { attachmentIds: '={{ $json.ids }}', binaryPropertyNames: '={{ $json.bin }}' } }), [
			{ ids: [{ id: 'a1,b2' }] },
			{ ids: 'abc', bin: 'data, "x"' },
			{ ids: [7] },
		]);
		expect(out).toEqual([
			['"Attachment IDs" holds an object', expect.stringMatching(/\(item 0\)\.$/)],
			['"Attachments (Binary Properties)" holds a name with quotes or control characters: ""x""', expect.stringMatching(/\(item 1\)\.$/)],
			['"Attachment IDs" holds a number', expect.stringMatching(/\(item 2\)\.$/)],
		]);
	});
});

describe('a module Zoho refuses is named with its field and value (advice.ts, pathFields.ts)', () => {
	it('Get Many on an unknown custom module: "Module" and its API name, and what to do', async () => {
		const e = emu();
		const parameters = { resource: 'crmEmail', operation: 'list', module: rl('Foo__c', 'list'), recordId: rl(MACLEAD), returnAll: true };
		const run = await runZohoNode({ parameters, items: [{}], credential: emulatorCredential(e), continueOnFail: true });
		expect(json(run.items)).toEqual([
			{
				error: 'Zoho CRM could not get the emails of the record: the module does not exist or does not support this operation (field "Module": Foo__c)',
				description: expect.stringContaining('Field: Module = Foo__c'),
			},
		]);
		expect(String(json(run.items)[0].description)).toMatch(/pick the module from the list, or use its API name/);
	});
});

describe('trigger settings: refused before any request, naming the field', () => {
	it.each([
		[{ engagementEvents: '={{ "opened, clicked" }}' }, /Sent Email Events/],
		[{ engagementEvents: ['opened'], trackingWindowHours: '={{ "0x10" }}' }, /Tracking Window \(Hours\)/],
		[{ engagementEvents: ['noReply'], trackingWindowHours: 24, noReplyHours: 48 }, /No Reply Within \(Hours\)/],
	])('%j', async (extra, field) => {
		const e = emu();
		const parameters = { source: 'crmRecords', module: rl('Contacts', 'list'), records: { record: [{ recordId: rl(MACLEAD) }] }, ...extra };
		const out = await new PollHarness({ parameters, credential: emulatorCredential(e), host: 'n8n2', typeVersion: 1.1 }).poll();
		expect(out.error?.message).toMatch(field);
		expect(e.requests()).toEqual([]);
	});
});
