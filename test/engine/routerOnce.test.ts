import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { Resource } from '../../nodes/ZohoEmail/actions/types';
import { route } from '../../nodes/ZohoEmail/engine/router';

/** A node context for three items: the first two name an operation that exists, the third one that does not. */
function contextFor(operations: string[]) {
	const reads: string[] = [];
	const ctx = {
		getInputData: () => operations.map((_, k) => ({ json: { k } })),
		getNodeParameter: (name: string, i: number, fallback?: unknown) => {
			if (name === 'resource' || name === 'operation') reads.push(`${name}:${i}`);
			if (name === 'resource') return 'crmEmail';
			if (name === 'operation') return operations[i];
			return fallback;
		},
		getNode: () => ({ id: 'n', name: 'Zoho Email', type: 'n8n-nodes-zoho-email.zohoEmail', typeVersion: 1, position: [0, 0], parameters: {} }),
		getContext: () => ({}),
		continueOnFail: () => true,
		logger: { debug: () => undefined },
	};
	return { ctx: ctx as unknown as IExecuteFunctions, reads };
}

describe('router: each item\'s operation is decided once', () => {
	it('reads resource and operation once per item, runs that operation, and refuses an unknown one in its turn', async () => {
		const ran: number[] = [];
		const resources: Record<string, Resource> = {
			crmEmail: {
				description: [],
				operations: {
					get: {
						description: [],
						execute: async (i: number): Promise<INodeExecutionData[]> => {
							ran.push(i);
							return [{ json: { item: i } }];
						},
					},
				},
			},
		};
		const { ctx, reads } = contextFor(['get', 'get', 'toString']);
		const [output] = await route.call(ctx, resources);
		expect(reads).toEqual(['resource:0', 'operation:0', 'resource:1', 'operation:1', 'resource:2', 'operation:2']);
		expect(ran).toEqual([0, 1]);
		expect(output).toEqual([
			{ json: { item: 0 }, pairedItem: { item: 0 } },
			{ json: { item: 1 }, pairedItem: { item: 1 } },
			{ json: { error: 'The operation "toString" is not supported for "crmEmail"' }, pairedItem: { item: 2 } },
		]);
	});
});
