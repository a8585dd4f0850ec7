import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { fixOf } from '../helpers/validation';
import { adviceOf } from '../transport';

/** n8n runs a node as an AI agent's or MCP client's tool under its type name with "Tool" appended. */
export const runsAsTool = (ctx: IExecuteFunctions): boolean => ctx.getNode().type.endsWith('Tool');

/** The first sentence of a description (up to ". " followed by a capital), which says what to enter or change. */
const firstSentence = (text: string): string => text.split(/(?<=\.)\s+(?=[A-Z])/)[0];
const MAX_ADVICE = 400;

/**
 * The error a model can act on. A tool's error reaches the model as its message only, so what to
 * change is added to it, in the same sentence: the transport's clause for Zoho's code, or the
 * description of a refused parameter (which already says what to enter), without its item's part
 * (helpers/validation.ts `refusal`): the model has one call, not items. Never a stack or a token:
 * both texts were built from plain values and redacted where they were made.
 */
export function forModel<E>(error: E): E {
	if (!(error instanceof NodeApiError || error instanceof NodeOperationError)) return error;
	const description =
		typeof error.description === 'string' && !error.description.includes('\n')
			? firstSentence(fixOf(error) ?? error.description)
			: undefined;
	const advice = (adviceOf(error) ?? description)
		?.replace(/\s+/g, ' ')
		.replace(/[.\s]+$/, '')
		.trim();
	if (!advice || advice.length > MAX_ADVICE || error.message.includes(advice)) return error;
	// "Check the …" continues the sentence as "check the …"; names ("Zoho CRM's …") keep their capital.
	const clause = /^(Zoho|CRM|Books|Bigin)\b/.test(advice)
		? advice
		: advice.replace(/^[A-Z](?=[a-z])/, (c) => c.toLowerCase());
	error.message = `${error.message.replace(/[.\s]+$/, '')}; ${clause}.`;
	return error;
}
