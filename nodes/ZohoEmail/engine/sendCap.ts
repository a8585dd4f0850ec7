import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { integerOf } from '../helpers/validation';
import type { Operation } from '../actions/types';

export const MAX_EMAILS_FIELD = 'Max Emails per Execution';

/** Option of the node-wide "Performance" collection (engine/router.ts). */
export const maxEmailsOption: INodeProperties = {
	displayName: MAX_EMAILS_FIELD,
	name: 'maxEmailsPerExecution',
	type: 'number',
	typeOptions: { minValue: 0 },
	default: 0,
	description:
		"Safety limit for unattended workflows and AI agents: the most emails this node sends in one execution (every send of CRM, Bigin and Books, across all runs of this node, e.g. each call of an agent's tool). An email counts when its request goes out, whether Zoho accepts it or not; an item refused by its own checks does not count, and items beyond the limit fail without sending. 0 means no limit.",
};

// Kept in the node's execution context, which lives as long as the execution: an AI Agent runs its
// tool once per call, and every call of one execution draws from the same allowance.
const COUNTER = 'zohoEmailSendAttempts';

/**
 * The send allowance of one execution, one rule for every path: a place is taken only when a request
 * that may send is about to go out, whether Zoho then accepts it or not (a send that failed
 * ambiguously may still have gone out, so the safe reading counts attempts). A single item takes it in
 * the transport, after its checks and reads (transport/scope.ts `beforeSend`); a shared Books call takes one
 * per document just before the call (engine/batch.ts). An item refused by its parameters or by a read
 * before its send takes none. An item that starts when no place is left fails before any request.
 */
export class SendCap {
	private constructor(
		private readonly ctx: IExecuteFunctions,
		private readonly limit: number,
	) {}

	/** Reads the option once for the execution (item 0), as "Requests in Flight". */
	static of(ctx: IExecuteFunctions): SendCap {
		const value = ctx.getNodeParameter('performance.maxEmailsPerExecution', 0, 0) as unknown;
		const limit =
			value === undefined || value === null || value === '' ? 0 : integerOf(ctx, value, MAX_EMAILS_FIELD, 0, 0);
		return new SendCap(ctx, limit);
	}

	/** Refuses item `i` when no place is left, taking none: before its first request. */
	check(i: number): void {
		if (this.limit === 0) return;
		const used = this.used();
		if (used >= this.limit) throw this.refusal(i, used);
	}

	/** Takes one place for item `i`, whose sending request goes out next, or refuses the item when none is left. */
	take(i: number): void {
		if (this.limit === 0) return;
		const used = this.used();
		if (used >= this.limit) throw this.refusal(i, used);
		this.ctx.getContext('node')[COUNTER] = used + 1;
	}

	private used(): number {
		const count = this.ctx.getContext('node')[COUNTER];
		return typeof count === 'number' ? count : 0;
	}

	private refusal(i: number, used: number): NodeOperationError {
		return new NodeOperationError(
			this.ctx.getNode(),
			`Item ${i} was not sent: "${MAX_EMAILS_FIELD}" (${this.limit}) is reached`,
			{
				itemIndex: i,
				description: `Do not retry in this execution, which already tried to send ${used} email${used === 1 ? '' : 's'} with this node; to send more, a person raises "${MAX_EMAILS_FIELD}" in the node's Performance options, or sets it to 0 for no limit.`,
			},
		);
	}
}

/** Whether item `i` of an operation counts toward the cap: always, never, or as the operation decides per item. */
export function countsAsSend(ctx: IExecuteFunctions, op: Operation, i: number): boolean {
	return op.sendsEmail === true || (typeof op.sendsEmail === 'function' && op.sendsEmail.call(ctx, i));
}
