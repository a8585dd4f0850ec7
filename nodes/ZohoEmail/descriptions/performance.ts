import type { INodeProperties } from 'n8n-workflow';

import type { Resource } from '../actions/types';

/**
 * The Performance collection with "Max Emails per Execution" shown only on operations that can send
 * (an operation's `sendsEmail`, actions/types.ts); "Requests in Flight" applies to every operation.
 * Operation values are shared across resources only by operations that both send (Send), so the
 * operation alone decides.
 */
export function withSendingOnlyCap(performance: INodeProperties, resources: Record<string, Resource>): INodeProperties {
	const sending = new Set<string>();
	for (const { operations } of Object.values(resources)) {
		for (const [value, operation] of Object.entries(operations)) if (operation.sendsEmail) sending.add(value);
	}
	const options = (performance.options as INodeProperties[]).map((option) =>
		option.name === 'maxEmailsPerExecution'
			? { ...option, displayOptions: { show: { '/operation': [...sending].sort() } } }
			: option,
	);
	return { ...performance, options };
}
