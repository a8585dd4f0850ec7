import type { ICredentialDataDecryptedObject, INode } from 'n8n-workflow';
import nock from 'nock';

import { startEmulator } from '../../emulator';
import { CREDENTIAL_ID, runWorkflow, type WorkflowJson } from './engine';

export type Emulator = Awaited<ReturnType<typeof startEmulator>>;

/** A credential pointing at the emulator, with a fresh token carrying every scope the node asks for. */
export function emulatorCredential(emu: { url: string; clientId: string; clientSecret: string; issueToken: () => unknown }): ICredentialDataDecryptedObject {
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

/** The requests the node made to one product, in order: method, path, query and parsed body. */
export function requestsTo(emu: Emulator, product: 'crm' | 'bigin' | 'books'): LoggedRequest[] {
	return (emu.requests({ product }) as LoggedRequest[]).map((r) => ({ method: r.method, path: r.path, query: r.query, body: r.body }));
}

/** An `examples/*.json` workflow as read from disk. */
export interface ExampleJson {
	nodes: unknown[];
	connections: unknown;
}

/**
 * Runs an `examples/*.json` workflow through n8n-core against the emulator: the Manual Trigger becomes
 * the harness's item source and the credential reference points at the harness's credential.
 * Returns the run and the Zoho node's output items (of the last Zoho node). `credential` replaces the
 * default emulator credential, e.g. one with an opt-in permission turned on.
 */
export async function runExample(example: ExampleJson, emu: Emulator, credential: ICredentialDataDecryptedObject = emulatorCredential(emu)) {
	const nodes = (example.nodes as INode[]).map((node): INode => {
		if (node.type === 'n8n-nodes-base.manualTrigger') return { ...node, type: 'test.items', parameters: { items: '[{}]' } };
		return { ...node, credentials: { zohoEmailOAuth2Api: { id: CREDENTIAL_ID, name: 'Zoho (emulator)' } } };
	});
	const zoho = nodes.filter((n) => n.type === 'n8n-nodes-zoho-email.zohoEmail').pop();
	const result = await runWorkflow({ nodes, connections: example.connections as WorkflowJson['connections'] }, credential);
	return { ...result, items: zoho ? (result.output[zoho.name] ?? []) : [] };
}
