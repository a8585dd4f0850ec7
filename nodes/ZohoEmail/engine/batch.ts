import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { keepFix } from '../helpers/validation';
import { adviceOf, withAdvice } from '../transport';
import { countsAsSend, type SendCap } from './sendCap';
import { operationOf, type BatchMember, type Batching, type Operation, type Resource } from '../actions/types';

/**
 * What the item loop (engine/router.ts) runs as one step: a single item, or consecutive items of an
 * operation that shares calls (`Operation.batch`). Items join a batch when they follow each other in
 * the input, use the same operation and the same `key` (organization and settings), and the batch has
 * room; a document already in the batch starts a new one, so each item still sends once.
 */
export interface Unit {
	indices: number[];
	/** The operation of a single item, decided here once (batches carry theirs in `batch`). */
	op?: Operation;
	/** The batching operation and each item's part (batches only). */
	batch?: { op: Operation & { batch: Batching }; members: BatchMember[] };
	/** The item's parameters were refused while grouping: it fails on its own, in its turn. */
	error?: unknown;
}

/** The outcome of one item of a batch: its output items, or its error. */
export interface Outcome {
	index: number;
	output?: INodeExecutionData[];
	error?: unknown;
}

/** The operation item `i` names, read once per item: the item loop runs what it finds here. */
function itemOperation(ctx: IExecuteFunctions, resources: Record<string, Resource>, i: number): Operation {
	const resource = ctx.getNodeParameter('resource', i) as string;
	const operation = ctx.getNodeParameter('operation', i) as string;
	const op = operationOf(resources, resource, operation);
	if (!op)
		throw new NodeOperationError(ctx.getNode(), `The operation "${operation}" is not supported for "${resource}"`, {
			itemIndex: i,
		});
	return op;
}

const batches = (op: Operation): op is Operation & { batch: Batching } => op.batch !== undefined;

/**
 * Groups the input into units, in input order, deciding each item's operation once. Every item of a
 * batching operation has its parameters read and checked here, before any item is sent; a refused
 * item breaks the batch around it. An item whose operation is unknown fails on its own, in its turn.
 */
export async function planUnits(
	this: IExecuteFunctions,
	resources: Record<string, Resource>,
	count: number,
	cap: SendCap,
): Promise<Unit[]> {
	const units: Unit[] = [];
	let open: Unit | undefined;
	for (let i = 0; i < count; i++) {
		let member: BatchMember;
		let op: Operation & { batch: Batching };
		try {
			const itemOp = itemOperation(this, resources, i);
			if (!batches(itemOp)) {
				units.push({ indices: [i], op: itemOp });
				open = undefined;
				continue;
			}
			op = itemOp;
			// No place left (earlier runs of the node in this execution): refused before its reads.
			if (countsAsSend(this, op, i)) cap.check(i);
			member = await op.batch.prepare.call(this, i);
		} catch (error) {
			units.push({ indices: [i], error });
			open = undefined;
			continue;
		}
		const batch = open?.batch;
		if (
			open &&
			batch &&
			batch.op === op &&
			batch.members[0].key === member.key &&
			open.indices.length < op.batch.max &&
			!batch.members.some((m) => m.id === member.id)
		) {
			open.indices.push(i);
			batch.members.push(member);
		} else {
			open = { indices: [i], batch: { op, members: [member] } };
			units.push(open);
		}
	}
	return units;
}

/**
 * Runs one batch: takes each item's place under "Max Emails per Execution" just before the call, as
 * the transport does for a single send (the items it refuses are left out of the call and fail on
 * their own), then makes the one call for the rest.
 */
export async function runBatch(this: IExecuteFunctions, unit: Unit, cap: SendCap): Promise<Outcome[]> {
	const { op, members } = unit.batch!;
	const outcomes: Outcome[] = [];
	const accepted: Array<{ index: number; member: BatchMember }> = [];
	unit.indices.forEach((index, k) => {
		try {
			if (countsAsSend(this, op, index)) cap.take(index);
			accepted.push({ index, member: members[k] });
		} catch (error) {
			outcomes.push({ index, error });
		}
	});
	if (accepted.length) {
		let results: Array<INodeExecutionData[] | Error>;
		try {
			results = await op.batch.execute.call(this, accepted);
		} catch (error) {
			results = accepted.map(({ index }) => errorForItem(this, error, index));
		}
		accepted.forEach(({ index }, k) => {
			const result = results[k];
			outcomes.push(Array.isArray(result) ? { index, output: result } : { index, error: result });
		});
	}
	return outcomes.sort((a, b) => a.index - b.index);
}

/**
 * The error of a shared call as item `itemIndex`'s own error (same message, HTTP status and Zoho
 * details), with `note` added to its description, e.g. which other items were in the call.
 */
export function errorForItem(
	ctx: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
	note?: string,
): NodeApiError | NodeOperationError {
	const e = error as { message?: string; description?: string | null };
	const message = e.message ?? String(error);
	const description = [e.description, note].filter(Boolean).join('\n');
	// What to change (transport/advice.ts) stays with each item's copy, for an AI agent's tool result.
	if (error instanceof NodeApiError) {
		const httpCode = error.httpCode ?? undefined;
		return withAdvice(
			new NodeApiError(
				ctx.getNode(),
				{ message, description, ...(httpCode ? { httpCode } : {}) },
				{ message, description, httpCode, itemIndex },
			),
			adviceOf(error),
		);
	}
	return keepFix(
		withAdvice(new NodeOperationError(ctx.getNode(), message, { itemIndex, description }), adviceOf(error)),
		error,
	);
}

/** `execute` of a batching operation: the item as a batch of one. */
export function alone<T extends BatchMember>(batching: Batching<T>) {
	return async function (this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
		const member = await batching.prepare.call(this, itemIndex);
		const [result] = await batching.execute.call(this, [{ index: itemIndex, member }]);
		if (result instanceof Error) throw result;
		return result;
	};
}
