import { ExecutionLifecycleHooks, LoadOptionsContext } from 'n8n-core';
import type { ICredentialDataDecryptedObject, IDataObject, INode, INodeParameters, IWorkflowExecuteAdditionalData } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { HarnessCredentialsHelper } from '../../harness/credentials';
import { emulatorCredential, requestsTo, useEmulator } from '../../harness/emulator';
import { CREDENTIAL_ID, loadOptions } from '../../harness/engine';
import { nodeTypes } from '../../harness/nodeTypes';

/**
 * Attacks on the pickers the refactors touched (CRM and Bigin From share one read and one mapping,
 * Books senders read through fetchEmailContent, CRM Get's Message ID reads only `Emails`): they list
 * what Zoho has.
 */
const emu = useEmulator();
const ZYLKER = '10234695';
const MACLEAD = '5725767000000502001';
const rl = (value: string, mode = 'id') => ({ __rl: true, mode, value });

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
