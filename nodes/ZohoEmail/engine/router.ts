import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { integerOf } from '../helpers/validation';
import { ExecutionMemory, ExecutionScope, forEditor, RequestGate, withScope } from '../transport';
import { planUnits, runBatch, type Unit } from './batch';
import { countsAsSend, maxEmailsOption, SendCap } from './sendCap';
import { forModel, runsAsTool } from './toolErrors';
import type { Operation, Resource } from '../actions/types';

// Zoho's mail sub-concurrency (about 10 per organization): one execution at 10 reaches 0.95 of a bare
// HTTP loop's rate; 8 is capped at 0.8 of Zoho's ceiling (bench/, docs/benchmarks.md). Executions that
// share an organization split it ("Running at scale" in the README); a 429 halves the number anyway.
const DEFAULT_REQUESTS_IN_FLIGHT = 10;

/** Node-wide settings: how many Zoho requests one execution keeps in flight, and how many emails it may send. */
export const performanceOptions: INodeProperties = {
	displayName: 'Performance',
	name: 'performance',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		maxEmailsOption,
		{
			displayName: 'Requests in Flight',
			name: 'requestsInFlight',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 25 },
			default: DEFAULT_REQUESTS_IN_FLIGHT,
			description:
				'How many Zoho requests this node runs at once. Zoho limits concurrent requests per organization (CRM: Free 5, Standard 10, Professional 15, Enterprise 20, Ultimate 25; about 10 for sending mail), shared by all workflows and workers: when several executions run at once against one organization, split it between them (two workers: 5 each). When Zoho answers "too many requests", the node halves this number and raises it again as requests succeed.',
		},
	],
};

/**
 * The item loop. Runs each item's operation (decided once, engine/batch.ts `planUnits`), pairs every output item
 * with its input, and applies "Continue On Fail" (the error becomes that item's output). Items run
 * concurrently up to the "Requests in Flight" setting, in input order, and their outputs keep that
 * order. After a failure (without Continue On Fail) no further item starts; the ones already in
 * flight finish, then the first error is thrown. Operations that share calls run their items in
 * batches (engine/batch.ts); each item of a batch still gets its own output or error here.
 */
export async function route(
	this: IExecuteFunctions,
	resources: Record<string, Resource>,
): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const asTool = runsAsTool(this);
	// The error the node ends with: its description becomes the editor's HTML here, not for a tool (transport/editorText.ts).
	const thrown = (error: unknown, i: number) =>
		asTool ? asItemError(this, error, i) : forEditor(asItemError(this, error, i));
	let max: number;
	let cap: SendCap;
	try {
		max = requestsInFlightOf(this);
		cap = SendCap.of(this);
	} catch (error) {
		// A node-wide setting: with Continue On Fail every item reports it, so no item vanishes.
		if (!this.continueOnFail()) throw thrown(error, 0);
		return [items.map((_, i) => errorItem(error, i))];
	}
	const gate = new RequestGate(max);
	const scope = new ExecutionScope({ gate, memory: new ExecutionMemory() });
	const results: INodeExecutionData[][] = new Array(items.length);
	const failure: FirstFailure = {};
	// The context every operation of this execution runs with: the node's, plus the execution's scope.
	const ctx = withScope(this, scope);
	const units = await planUnits.call(ctx, resources, items.length, cap);

	// An item's error, as the item's output with Continue On Fail or thrown; as an AI agent's tool, also
	// saying what to change (engine/toolErrors.ts), for single items and batch items alike.
	const failed = (i: number, error: unknown): INodeExecutionData[] => {
		const itemError = asTool ? forModel(asItemError(this, error, i)) : error;
		if (!this.continueOnFail()) throw asItemError(this, itemError, i);
		return [errorItem(itemError, i)];
	};

	const runItem = async (i: number, op: Operation): Promise<INodeExecutionData[]> => {
		try {
			// A sending item takes its place when its send goes out (transport/scope.ts `beforeSend`), not here.
			let itemCtx = ctx;
			if (countsAsSend(this, op, i)) {
				cap.check(i);
				itemCtx = withScope(this, scope.with({ sendGuard: () => cap.take(i) }));
			}
			return paired(await op.execute.call(itemCtx, i), i);
		} catch (error) {
			return failed(i, error);
		}
	};
	const runUnit = async (unit: Unit): Promise<void> => {
		if (!unit.batch) {
			const i = unit.indices[0];
			results[i] = unit.op ? await runItem(i, unit.op) : failed(i, unit.error);
			return;
		}
		for (const outcome of await runBatch.call(ctx, unit, cap)) {
			const i = outcome.index;
			try {
				results[i] = outcome.output ? paired(outcome.output, i) : failed(i, outcome.error);
			} catch (error) {
				keepFirst(failure, i, error);
			}
		}
	};
	await runInOrder(gate, units, max, failure, runUnit);
	this.logger.debug('Zoho Email requests', gate.toJSON());
	if (failure.first) throw thrown(failure.first.error, failure.first.index);
	return [results.flat()];
}

/**
 * Runs `units` on up to `max` workers. One unit starts per turn (see RequestGate.turn); the unit is
 * taken after the wait, so units start in input order and none starts after a failure seen while waiting.
 */
async function runInOrder(
	gate: RequestGate,
	units: Unit[],
	max: number,
	failure: FirstFailure,
	runUnit: (unit: Unit) => Promise<void>,
): Promise<void> {
	let next = 0;
	const worker = async () => {
		while (next < units.length && !failure.first) {
			await gate.turn();
			if (next >= units.length || failure.first) break;
			const unit = units[next++];
			try {
				await runUnit(unit);
			} catch (error) {
				keepFirst(failure, unit.indices[0], error);
			}
		}
	};
	await Promise.all(Array.from({ length: Math.min(max, units.length) }, worker));
}

/** An item's output items, each paired with the item. */
const paired = (output: INodeExecutionData[], i: number): INodeExecutionData[] =>
	output.map((result) => ({ ...result, pairedItem: { item: i } }));

/**
 * "Requests in Flight", read once for the execution (item 0): a whole number from 1 to 25, as the
 * field allows. An expression giving anything else (-3, 0.5, "many") is refused, not run with no workers.
 */
function requestsInFlightOf(ctx: IExecuteFunctions): number {
	const value = ctx.getNodeParameter('performance.requestsInFlight', 0, DEFAULT_REQUESTS_IN_FLIGHT) as unknown;
	if (value === undefined || value === null || value === '') return DEFAULT_REQUESTS_IN_FLIGHT;
	return integerOf(ctx, value, 'Requests in Flight', 0, 1, 25);
}

/** The output item of a failed item under Continue On Fail. */
function errorItem(error: unknown, i: number): INodeExecutionData {
	const e = error as { message?: string; description?: string | null };
	return {
		json: { error: e.message ?? String(error), ...(e.description ? { description: e.description } : {}) },
		pairedItem: { item: i },
	};
}

/** The error as an n8n node error that names its item (the transport's errors already do). */
function asItemError(ctx: IExecuteFunctions, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (error.context.itemIndex === undefined) error.context.itemIndex = itemIndex;
		return error;
	}
	return new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
}

/** The failure of the lowest item index, which the execution throws. */
type FirstFailure = { first?: { index: number; error: unknown } };

/** Remembers the failure of the lowest item index (workers may fail out of order). */
function keepFirst(failure: FirstFailure, index: number, error: unknown): void {
	if (!failure.first || index < failure.first.index) failure.first = { index, error };
}
