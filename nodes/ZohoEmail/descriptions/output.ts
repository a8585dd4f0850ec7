import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

/**
 * n8n's Output option for read operations (as in its own Outlook and Gmail v2 nodes): Simplified (the
 * default, and what an AI agent should get), Raw, or Selected Fields of Zoho's answer.
 * @param simplified what the simplified item holds, in words
 * @param fields the keys of Zoho's answer that Selected Fields offers
 */
export function outputProperties(simplified: string, fields: INodePropertyOptions[]): INodeProperties[] {
	return [
		{
			displayName: 'Output',
			name: 'output',
			type: 'options',
			default: 'simple',
			options: [
				{
					name: 'Simplified',
					value: 'simple',
					description: `${simplified}. IDs are text, date-times ISO 8601 in UTC; no HTML.`,
				},
				{ name: 'Raw', value: 'raw', description: "Zoho's answer as it is, HTML bodies included" },
				{ name: 'Selected Fields', value: 'fields', description: "Only the fields of Zoho's answer picked below" },
			],
			description: 'What each output item holds. Simplified is small and stable, the best choice for AI agents.',
		},
		{
			displayName: 'Fields',
			name: 'fields',
			type: 'multiOptions',
			options: [...fields].sort((a, b) => a.name.localeCompare(b.name)),
			default: [],
			description: "The fields of Zoho's answer to keep, under Zoho's own names",
			displayOptions: { show: { output: ['fields'] } },
		},
	];
}

/** Options for the Fields list: Zoho's key as the value and, unless given, as the name. */
export const zohoFields = (...keys: Array<string | [string, string]>): INodePropertyOptions[] =>
	keys.map((k) => (Array.isArray(k) ? { name: k[0], value: k[1] } : { name: k, value: k }));
