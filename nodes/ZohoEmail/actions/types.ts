import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

/** One operation: its parameters and what it does for one item. */
export interface Operation {
	description: INodeProperties[];
	/**
	 * Whether the operation sends email: it counts toward "Max Emails per Execution" (engine/sendCap.ts).
	 * A function decides per item (a draft counts only when it is scheduled, so Zoho sends it).
	 */
	sendsEmail?: boolean | ((this: IExecuteFunctions, itemIndex: number) => boolean);
	/** Runs the operation for one input item and returns its output items (without pairedItem). */
	execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]>;
	/** Set when several items can share one Zoho call (engine/batch.ts); `execute` then runs a batch of one. */
	batch?: Batching;
}

/** One item's part of a shared call: items join when their `key` is equal; a batch never holds an `id` twice. */
export interface BatchMember {
	key: string;
	id: string;
}

/** An operation whose items are grouped into calls of up to `max` consecutive items (engine/batch.ts). */
export interface Batching<T extends BatchMember = BatchMember> {
	max: number;
	/** Reads and checks item `itemIndex`'s parameters, before any send. */
	prepare(this: IExecuteFunctions, itemIndex: number): Promise<T>;
	/** One call for the members (input order); one result per member: its output items, or its error. */
	execute(
		this: IExecuteFunctions,
		members: Array<{ index: number; member: T }>,
	): Promise<Array<INodeExecutionData[] | Error>>;
}

/** A resource (product): its operation selector and its operations by value. */
export interface Resource {
	operations: Record<string, Operation>;
	description: INodeProperties[];
}

/** The operation the item names: only the node's own resources and operations, never a name every object inherits ("toString"). */
export function operationOf(
	resources: Record<string, Resource>,
	resource: string,
	operation: string,
): Operation | undefined {
	const r = Object.hasOwn(resources, resource) ? resources[resource] : undefined;
	return r && Object.hasOwn(r.operations, operation) ? r.operations[operation] : undefined;
}
