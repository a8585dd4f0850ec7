import type { ICredentialDataDecryptedObject, INode, INodeParameters } from 'n8n-workflow';
import nock from 'nock';

import { startEmulator } from '../../emulator';
import { CREDENTIAL_ID, runWorkflow, type WorkflowJson } from '../harness/engine';

export type Emulator = Awaited<ReturnType<typeof startEmulator>>;

/** Seed IDs of the emulator's demo CRM org. */
export const SEED = {
	maclead: '5725767000000502001', // Contact with 37 emails
	sage: '5725767000000502003', // Contact with an attachment, a reply, a scheduled mail and a draft
	leota: '5725767000000502005', // Contact with Email Opt Out
	kris: '5725767000000501001', // Lead
	rangoni: '5725767000000503001', // Account
	deal: '5725767000000504001',
	quote: '5725767000000505001',
	patricia: '5725767000000411001', // the token's user (admin)
	rajesh: '5725767000000411013',
	contactsTemplate: '5725767000000430003',
	quoteInventoryTemplate: '5725767000000440001',
};

/** A credential pointing at the emulator, with a fresh token carrying every scope the node asks for. */
export function emulatorCredential(emu: Emulator): ICredentialDataDecryptedObject {
	return {
		clientId: emu.clientId,
		clientSecret: emu.clientSecret,
		dataCenter: 'custom',
		customAccountsUrl: emu.url,
		customApiUrl: emu.url,
		products: ['crm', 'bigin', 'books'],
		oauthTokenData: emu.issueToken() as unknown as ICredentialDataDecryptedObject,
	};
}

/**
 * Starts one emulator for the test file (network closed except loopback) and resets it before each
 * test. Returns a getter, since the emulator exists only once beforeAll has run.
 */
export function useEmulator(): () => Emulator {
	let emu: Emulator | undefined;
	beforeAll(async () => {
		nock.disableNetConnect();
		nock.enableNetConnect('127.0.0.1');
		emu = await startEmulator();
	});
	beforeEach(() => emu?.reset());
	afterAll(async () => {
		await emu?.stop();
		nock.enableNetConnect();
	});
	return () => {
		if (!emu) throw new Error('emulator not started');
		return emu;
	};
}

export interface LoggedRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	body: unknown;
}

/** The CRM requests the node made: method, path, query and parsed body, in order. */
export function crmRequests(emu: Emulator): LoggedRequest[] {
	return (emu.requests({ product: 'crm' }) as LoggedRequest[]).map((r) => ({ method: r.method, path: r.path, query: r.query, body: r.body }));
}

/** A resource locator value. */
export const rl = (mode: string, value: string) => ({ __rl: true, mode, value });

/** Node parameters for one CRM operation on a record given by ID. */
export function crmParameters(operation: string, module: string, recordId: string, rest: INodeParameters = {}): INodeParameters {
	return { resource: 'crmEmail', operation, module: rl('name', module), recordId: rl('id', recordId), ...rest };
}

/**
 * Runs an `examples/crm-*.json` workflow through n8n-core against the emulator: the Manual Trigger
 * becomes the harness's item source and the credential reference points at the harness's credential.
 */
export async function runExample(example: { nodes: unknown[]; connections: unknown }, emu: Emulator) {
	const nodes = (example.nodes as INode[]).map((node): INode => {
		if (node.type === 'n8n-nodes-base.manualTrigger') return { ...node, type: 'test.items', parameters: { items: '[{}]' } };
		return { ...node, credentials: { zohoEmailOAuth2Api: { id: CREDENTIAL_ID, name: 'Zoho (emulator)' } } };
	});
	const zoho = nodes.find((n) => n.type === 'n8n-nodes-zoho-email.zohoEmail');
	const result = await runWorkflow({ nodes, connections: example.connections as WorkflowJson['connections'] }, emulatorCredential(emu));
	return { ...result, items: zoho ? (result.output[zoho.name] ?? []) : [] };
}
