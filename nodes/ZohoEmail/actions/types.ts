import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

/** One operation: its parameters and what it does for one item. */
export interface Operation {
	description: INodeProperties[];
	/**
	 * Whether the operation sends email: it counts toward "Max Emails per Execution" (actions/sendCap.ts).
	 * A function decides per item (a draft counts only when it is scheduled, so Zoho sends it).
	 */
	sendsEmail?: boolean | ((this: IExecuteFunctions, itemIndex: number) => boolean);
	/** Runs the operation for one input item and returns its output items (without pairedItem). */
	execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]>;
}

/** A resource (product): its operation selector and its operations by value. */
export interface Resource {
	operations: Record<string, Operation>;
	description: INodeProperties[];
}
