import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { integerOf } from '../helpers/validation';
import type { Operation } from './types';

export const MAX_EMAILS_FIELD = 'Max Emails per Execution';

/** Option of the node-wide "Performance" collection (actions/router.ts). */
export const maxEmailsOption: INodeProperties = {
	displayName: MAX_EMAILS_FIELD,
	name: 'maxEmailsPerExecution',
	type: 'number',
	typeOptions: { minValue: 0 },
	default: 0,
	description:
		'Safety limit for unattended workflows and AI agents: the most emails this node sends in one execution (every send of CRM, Bigin and Books, across all runs of this node, e.g. each call of an agent\'s tool). Items beyond it fail before any request. 0 means no limit.',
};

// Kept in the node's execution context, which lives as long as the execution: an AI Agent runs its
// tool once per call, and every call of one execution draws from the same allowance.
const COUNTER = 'zohoEmailSendAttempts';

/**
 * The send allowance of one execution. Every item that reaches a sending operation takes one place
 * before its request, whether Zoho then accepts it or not: a send that failed ambiguously may still
 * have gone out, so the safe reading counts attempts.
 */
export class SendCap {
	private constructor(
		private readonly ctx: IExecuteFunctions,
		private readonly limit: number,
	) {}

	/** Reads the option once for the execution (item 0), as "Requests in Flight". */
	static of(ctx: IExecuteFunctions): SendCap {
		const value = ctx.getNodeParameter('performance.maxEmailsPerExecution', 0, 0) as unknown;
		const limit = value === undefined || value === null || value === '' ? 0 : integerOf(ctx, value, MAX_EMAILS_FIELD, 0, 0);
		return new SendCap(ctx, limit);
	}

	/** Takes one place for item `i`, or refuses the item (before any request) when none is left. */
	take(i: number): void {
		if (this.limit === 0) return;
		const context = this.ctx.getContext('node');
		const used = typeof context[COUNTER] === 'number' ? (context[COUNTER] as number) : 0;
		if (used >= this.limit) {
			throw new NodeOperationError(this.ctx.getNode(), `Item ${i} was not sent: "${MAX_EMAILS_FIELD}" (${this.limit}) is reached`, {
				itemIndex: i,
				description: `Do not retry in this execution, which already tried to send ${used} email${used === 1 ? '' : 's'} with this node; to send more, a person raises "${MAX_EMAILS_FIELD}" in the node's Performance options, or sets it to 0 for no limit.`,
			});
		}
		context[COUNTER] = used + 1;
	}
}

/** Whether item `i` of an operation counts toward the cap: always, never, or as the operation decides per item. */
export function countsAsSend(ctx: IExecuteFunctions, op: Operation, i: number): boolean {
	return op.sendsEmail === true || (typeof op.sendsEmail === 'function' && op.sendsEmail.call(ctx, i));
}
