import type { IBinaryData, IExecuteFunctions, INode, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { CREDENTIAL_ID, type WorkflowJson } from './engine';
import { registerNodeType } from './nodeTypes';

/** One file of a test item: its binary property name, file name, MIME type and text content. */
export interface TestFile {
	property: string;
	fileName: string;
	mimeType: string;
	content: string;
}

/**
 * A workflow start that emits items carrying binary data, made with n8n's own
 * `prepareBinaryData`, as a Read File or HTTP Request node would.
 */
class BinaryItems implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Binary Items',
		name: 'binaryItems',
		group: ['input'],
		version: 1,
		description: 'Emits test items with binary data',
		defaults: { name: 'Binary Items' },
		usableAsTool: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'Items', name: 'items', type: 'json', default: '[]' }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const raw = this.getNodeParameter('items', 0) as string;
		const list = JSON.parse(raw) as Array<{ json: Record<string, string>; files: TestFile[] }>;
		const out: INodeExecutionData[] = [];
		for (const [index, entry] of list.entries()) {
			const binary: Record<string, IBinaryData> = {};
			for (const f of entry.files) {
				binary[f.property] = await this.helpers.prepareBinaryData(Buffer.from(f.content, 'utf8'), f.fileName, f.mimeType);
			}
			out.push({ json: entry.json, binary, pairedItem: { item: index } });
		}
		return [out];
	}
}

registerNodeType('test.binaryItems', new BinaryItems());

/** "Binary Items → Zoho Email" with the given node parameters. */
export function binaryWorkflow(
	items: Array<{ json?: Record<string, string>; files: TestFile[] }>,
	parameters: INode['parameters'],
): WorkflowJson {
	return {
		nodes: [
			{
				id: 'b1',
				name: 'Binary Items',
				type: 'test.binaryItems',
				typeVersion: 1,
				position: [0, 0],
				parameters: { items: JSON.stringify(items.map((i) => ({ json: i.json ?? {}, files: i.files }))) },
			},
			{
				id: 'b2',
				name: 'Zoho Email',
				type: 'n8n-nodes-zoho-email.zohoEmail',
				typeVersion: 1,
				position: [200, 0],
				parameters,
				credentials: { zohoEmailOAuth2Api: { id: CREDENTIAL_ID, name: 'Zoho (emulator)' } },
			},
		],
		connections: { 'Binary Items': { main: [[{ node: 'Zoho Email', type: 'main', index: 0 }]] } },
	};
}
