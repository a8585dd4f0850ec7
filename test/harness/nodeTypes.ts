import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	INodeTypes,
	IVersionedNodeType,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { ZohoEmail } from '../../nodes/ZohoEmail/ZohoEmail.node';

/**
 * The workflow's start: emits the items given in its `items` parameter (a JSON array of json
 * objects), like n8n's Manual Trigger followed by pinned input.
 */
class Items implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Items',
		name: 'items',
		group: ['input'],
		version: 1,
		description: 'Emits test items',
		defaults: { name: 'Items' },
		usableAsTool: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'Items', name: 'items', type: 'json', default: '[{}]' }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const raw = this.getNodeParameter('items', 0) as string | object[];
		const list = (typeof raw === 'string' ? JSON.parse(raw) : raw) as Array<Record<string, unknown>>;
		return [list.map((json, index) => ({ json: json as INodeExecutionData['json'], pairedItem: { item: index } }))];
	}
}

const types: Record<string, INodeType> = {
	'test.items': new Items(),
	'n8n-nodes-zoho-email.zohoEmail': new ZohoEmail(),
};

export function registerNodeType(type: string, node: INodeType): void {
	types[type] = node;
}

export const nodeTypes: INodeTypes = {
	getByName(type: string): INodeType | IVersionedNodeType {
		return types[type];
	},
	getByNameAndVersion(type: string): INodeType {
		const node = types[type];
		if (!node) throw new Error(`Unknown node type ${type}`);
		return node;
	},
	getKnownTypes() {
		return {};
	},
};
