import type {
	INodeProperties,
	INodePropertyOptions,
	INodeTypeDescription,
	UsableAsToolDescription,
} from 'n8n-workflow';

import type { Resource } from '../actions/types';

/** The product each resource works in, as an AI model should read it. */
const PRODUCTS: Record<string, string> = {
	crmEmail: 'Zoho CRM',
	crmEmailDraft: 'Zoho CRM',
	biginEmail: 'Zoho Bigin',
	booksEmail: 'Zoho Books',
};

/**
 * The tool variant's node name: n8n describes a tool as "<action> in <defaults.name>"
 * (n8n-workflow's makeDescription), and "in Zoho Email" reads like the Zoho Mail product.
 */
export const TOOL_NAME = 'Zoho CRM, Bigin and Books Email';

/** What the model reads for one operation: the product, the panel's action, and whether real mail goes out. */
function toolAction(resource: string, action: string, sends: Resource['operations'][string]['sendsEmail']): string {
	const mail =
		sends === true
			? ' (sends a real email)'
			: typeof sends === 'function'
				? ' (sends a real email when a scheduled time is given)'
				: '';
	return `${PRODUCTS[resource] ?? 'Zoho'}: ${action.charAt(0).toLowerCase()}${action.slice(1)}${mail}`;
}

/**
 * n8n builds the AI tool variant of the node from its description plus `usableAsTool.replacements`
 * (n8n's createAiTools). The panel's action sentences leave the product out (the panel groups them by
 * resource); the tool's name the product and say when the tool sends real mail. Saved names and
 * values are the same in both.
 */
export function toolVariant(
	description: Pick<INodeTypeDescription, 'description' | 'properties'>,
	resources: Record<string, Resource>,
): UsableAsToolDescription {
	const properties = description.properties.map((property): INodeProperties => {
		const resource = (property.displayOptions?.show?.resource as string[] | undefined)?.[0];
		if (property.name !== 'operation' || !resource || !Object.hasOwn(resources, resource)) return property;
		const options = (property.options as INodePropertyOptions[]).map((option) => {
			const operation = resources[resource].operations[String(option.value)];
			return option.action ? { ...option, action: toolAction(resource, option.action, operation?.sendsEmail) } : option;
		});
		return { ...property, options };
	});
	// `replacements` is typed for the display fields; n8n spreads any description field over the copy.
	return {
		replacements: {
			description: `${description.description}. Sending operations deliver real email to the recipients.`,
			...({ defaults: { name: TOOL_NAME }, properties } as object),
		},
	};
}
