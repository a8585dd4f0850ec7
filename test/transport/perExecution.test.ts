import { NodeApiError, NodeOperationError, type INode } from 'n8n-workflow';

import { adviceOf, withAdvice } from '../../nodes/ZohoEmail/transport/advice';
import { ExecutionMemory } from '../../nodes/ZohoEmail/transport/perExecution';

const node: INode = { id: 'n', name: 'Zoho Email', type: 'zohoEmail', typeVersion: 1.1, position: [0, 0], parameters: {} };
const zohoRefusal = (itemIndex: number) =>
	new NodeApiError(node, { message: 'refused' }, { message: 'Zoho CRM could not read your sender addresses: refused', description: 'Zoho said no', itemIndex });

describe('ExecutionMemory.once', () => {
	it('computes a value once per execution', async () => {
		const memory = new ExecutionMemory();
		let runs = 0;
		const compute = async () => ++runs;
		expect(await Promise.all([memory.once('k', compute), memory.once('k', compute)])).toEqual([1, 1]);
		expect(await memory.once('k', compute)).toBe(1);
		expect(runs).toBe(1);
	});

	it("keeps Zoho's refusal: a later caller gets its own copy, without the first caller's item, and Zoho is not asked again", async () => {
		const memory = new ExecutionMemory();
		let runs = 0;
		const compute = async (): Promise<string> => {
			runs++;
			throw zohoRefusal(0);
		};
		const first = (await memory.once('k', compute).catch((e: unknown) => e)) as NodeApiError;
		const later = (await memory.once('k', compute).catch((e: unknown) => e)) as NodeApiError;
		const again = (await memory.once('k', compute).catch((e: unknown) => e)) as NodeApiError;
		expect(runs).toBe(1);
		expect(first.context.itemIndex).toBe(0);
		for (const copy of [later, again]) {
			expect(copy).toBeInstanceOf(NodeApiError);
			expect(copy).not.toBe(first);
			expect(copy.message).toBe('Zoho CRM could not read your sender addresses: refused');
			expect(copy.description).toBe('Zoho said no');
			expect(copy.context.itemIndex).toBeUndefined();
		}
		expect(later).not.toBe(again);
		// What the first caller's item loop does to its error does not reach the later ones.
		first.message = 'changed for an AI agent';
		expect(((await memory.once('k', compute).catch((e: unknown) => e)) as Error).message).toBe('Zoho CRM could not read your sender addresses: refused');
	});

	it('callers that join the computation under way get their own copies of the refusal', async () => {
		const memory = new ExecutionMemory();
		let runs = 0;
		const compute = async (): Promise<string> => {
			runs++;
			await Promise.resolve();
			throw zohoRefusal(0);
		};
		const errors = await Promise.all([0, 1, 2].map(async () => (await memory.once('k', compute).catch((e: unknown) => e)) as NodeApiError));
		expect(runs).toBe(1);
		expect(errors[0].context.itemIndex).toBe(0);
		expect(errors.slice(1).map((e) => e.context.itemIndex)).toEqual([undefined, undefined]);
		expect(new Set(errors).size).toBe(3);
	});

	it('does not keep any other failure (a refused parameter names its item): the next caller computes again', async () => {
		const memory = new ExecutionMemory();
		let runs = 0;
		const compute = async (): Promise<string> => {
			runs++;
			throw new NodeOperationError(node, 'bad', { itemIndex: runs - 1 });
		};
		await expect(memory.once('k', compute)).rejects.toThrow('bad');
		await expect(memory.once('k', compute)).rejects.toThrow('bad');
		expect(runs).toBe(2);
	});

	it("carries the advice an AI agent is given to every copy of Zoho's refusal", async () => {
		const memory = new ExecutionMemory();
		const compute = async (): Promise<string> => {
			throw withAdvice(zohoRefusal(0), 'do not retry: ask the user');
		};
		const errors = await Promise.all([0, 1].map(async () => (await memory.once('k', compute).catch((e: unknown) => e)) as NodeApiError));
		errors.push((await memory.once('k', compute).catch((e: unknown) => e)) as NodeApiError);
		expect(errors.map((e) => adviceOf(e))).toEqual(['do not retry: ask the user', 'do not retry: ask the user', 'do not retry: ask the user']);
	});

	it('callers that join a computation under way get their own copy of any n8n error, without the first item', async () => {
		const memory = new ExecutionMemory();
		let runs = 0;
		const compute = async (): Promise<string> => {
			runs++;
			await Promise.resolve();
			throw new NodeOperationError(node, 'No default Zoho Books organization', { itemIndex: 1 });
		};
		const errors = await Promise.all([0, 1].map(async () => (await memory.once('k', compute).catch((e: unknown) => e)) as NodeOperationError));
		expect(runs).toBe(1);
		expect(errors.map((e) => [e.message, e.context.itemIndex])).toEqual([['No default Zoho Books organization', 1], ['No default Zoho Books organization', undefined]]);
		expect(errors[1]).toBeInstanceOf(NodeOperationError);
		expect(errors[1]).not.toBe(errors[0]);
	});
});
