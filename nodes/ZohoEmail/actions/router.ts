import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { Resource } from './types';

/**
 * The item loop. Reads resource and operation per item, runs the operation, pairs every output item
 * with its input, and applies "Continue On Fail" (the error becomes that item's output).
 */
export async function route(
	this: IExecuteFunctions,
	resources: Record<string, Resource>,
): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const output: INodeExecutionData[] = [];
	for (let i = 0; i < items.length; i++) {
		try {
			const resource = this.getNodeParameter('resource', i) as string;
			const operation = this.getNodeParameter('operation', i) as string;
			const op = resources[resource]?.operations[operation];
			if (!op) {
				throw new NodeOperationError(this.getNode(), `The operation "${operation}" is not supported for "${resource}"`, {
					itemIndex: i,
				});
			}
			const results = await op.execute.call(this, i);
			for (const result of results) output.push({ ...result, pairedItem: { item: i } });
		} catch (error) {
			if (this.continueOnFail()) {
				const e = error as { message?: string; description?: string | null };
				output.push({
					json: { error: e.message ?? String(error), ...(e.description ? { description: e.description } : {}) },
					pairedItem: { item: i },
				});
				continue;
			}
			throw asItemError(this, error, i);
		}
	}
	return [output];
}

/** The error as an n8n node error that names its item (the transport's errors already do). */
function asItemError(ctx: IExecuteFunctions, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (error.context.itemIndex === undefined) error.context.itemIndex = itemIndex;
		return error;
	}
	return new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
}
