import type { INode } from 'n8n-workflow';

import { CREDENTIAL_ID, runWorkflow, type WorkflowJson } from '../../harness/engine';
import { emulatorCredential, type Emulator } from './emulator';

interface BulkExample {
	nodes: unknown[];
	connections: unknown;
}

/**
 * Runs a bulk example (Manual Trigger → Edit Fields with a list of IDs → Split Out → Zoho Email)
 * through n8n-core. The harness has only the Zoho node, so the first three become the items the Split
 * Out node gives in n8n: one item per ID of the Edit Fields node's JSON, under the split field's name.
 * The real nodes run in the real-n8n suite (e2e/).
 */
export async function runBulkExample(example: BulkExample, emu: Emulator) {
	const nodes = example.nodes as INode[];
	const types = nodes.map((n) => n.type);
	expect(types).toEqual(['n8n-nodes-base.manualTrigger', 'n8n-nodes-base.set', 'n8n-nodes-base.splitOut', 'n8n-nodes-zoho-email.zohoEmail']);
	const [, set, split, zoho] = nodes;
	const chain = example.connections as Record<string, { main: Array<Array<{ node: string }>> }>;
	expect(nodes.slice(0, 3).map((n) => chain[n.name].main[0][0].node)).toEqual([set.name, split.name, zoho.name]);
	const field = split.parameters.fieldToSplitOut as string;
	const ids = (JSON.parse(set.parameters.jsonOutput as string) as Record<string, string[]>)[field];
	const items: INode = { id: 'items', name: 'Items', type: 'test.items', typeVersion: 1, position: [0, 0], parameters: { items: JSON.stringify(ids.map((id) => ({ [field]: id }))) } };
	const workflow: WorkflowJson = {
		nodes: [items, { ...zoho, credentials: { zohoEmailOAuth2Api: { id: CREDENTIAL_ID, name: 'Zoho (emulator)' } } }],
		connections: { Items: { main: [[{ node: zoho.name, type: 'main', index: 0 }]] } } as WorkflowJson['connections'],
	};
	const result = await runWorkflow(workflow, emulatorCredential(emu));
	return { ...result, ids, items: result.output[zoho.name] ?? [] };
}
