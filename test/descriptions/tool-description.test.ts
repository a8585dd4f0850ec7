import type { INode, INodeTypeDescription, INodePropertyOptions, UsableAsToolDescription } from 'n8n-workflow';
import { deepCopy, NodeHelpers } from 'n8n-workflow';

import { ZohoEmail } from '../../nodes/ZohoEmail/ZohoEmail.node';

/**
 * The description an AI agent reads for the node used as a tool, built the way n8n builds it: the tool
 * variant is the node's description with `usableAsTool.replacements` spread over it (n8n's
 * createAiTools), and the description is n8n-workflow's own getToolDescriptionForNode.
 */
const node = new ZohoEmail().description;
const tool = { ...deepCopy(node), ...(node.usableAsTool as UsableAsToolDescription).replacements } as INodeTypeDescription;

function toolDescription(resource: string, operation: string): string {
	const parameters = { resource, operation, descriptionType: 'auto' };
	return NodeHelpers.getToolDescriptionForNode({ parameters } as unknown as INode, { description: tool } as never);
}

function panelAction(description: INodeTypeDescription, resource: string, operation: string): string | undefined {
	const selector = description.properties.find((p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(resource));
	return (selector?.options as INodePropertyOptions[]).find((o) => o.value === operation)?.action;
}

describe('the AI tool description', () => {
	it('names the product and says that a send delivers real mail', () => {
		expect(toolDescription('crmEmail', 'send')).toBe('Zoho CRM: send an email from a record (sends a real email) in Zoho CRM, Bigin and Books Email');
		expect(toolDescription('booksEmail', 'emailTransaction')).toBe(
			'Zoho Books: email an invoice or other transaction (sends a real email) in Zoho CRM, Bigin and Books Email',
		);
		expect(toolDescription('biginEmail', 'send')).toBe('Zoho Bigin: send an email from a record (sends a real email) in Zoho CRM, Bigin and Books Email');
		expect(toolDescription('crmEmailDraft', 'create')).toBe(
			'Zoho CRM: create an email draft on a record (sends a real email when a scheduled time is given) in Zoho CRM, Bigin and Books Email',
		);
	});

	it('does not claim mail goes out for a read', () => {
		expect(toolDescription('booksEmail', 'getEmailContent')).toBe(
			'Zoho Books: get the default email of a transaction or statement in Zoho CRM, Bigin and Books Email',
		);
		expect(toolDescription('crmEmail', 'list')).toBe('Zoho CRM: get many emails of a record in Zoho CRM, Bigin and Books Email');
	});

	it('leaves the product out of the node panel, which groups actions by resource', () => {
		expect(panelAction(node, 'crmEmail', 'send')).toBe('Send an email from a record');
		expect(panelAction(node, 'booksEmail', 'emailTransaction')).toBe('Email an invoice or other transaction');
		expect(panelAction(node, 'biginEmail', 'send')).toBe('Send an email from a record');
		const sentences = node.properties
			.filter((p) => p.name === 'operation')
			.flatMap((p) => (p.options as INodePropertyOptions[]).map((o) => o.action ?? ''));
		expect(sentences.filter((s) => /\b(books|bigin|crm|zoho)\b/i.test(s))).toEqual([]);
	});

	it('keeps every saved name and value of the tool variant equal to the node\'s', () => {
		const strip = (d: INodeTypeDescription) =>
			JSON.stringify(d.properties, (key, value: unknown) => (key === 'action' ? undefined : value));
		expect(strip(tool)).toBe(strip(node));
		expect(tool.defaults.name).toBe('Zoho CRM, Bigin and Books Email');
	});
});
