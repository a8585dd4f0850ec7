import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { forModel, runsAsTool } from '../../nodes/ZohoEmail/actions/toolErrors';
import { refusedConnection, zohoError, type ZohoFunctions } from '../../nodes/ZohoEmail/transport';
import { fakeToken } from '../harness/fixtures';

const node: INode = { id: '1', name: 'Send CRM email', type: 'n8n-nodes-zoho-email.zohoEmailTool', typeVersion: 1, position: [0, 0], parameters: {} };
const ctx = { getNode: () => node } as unknown as ZohoFunctions;

describe('errors an AI agent gets from the node as a tool: what failed and what to change, in one sentence', () => {
	it('knows when n8n runs the node as a tool', () => {
		expect(runsAsTool(ctx as never)).toBe(true);
		expect(runsAsTool({ getNode: () => ({ ...node, type: 'n8n-nodes-zoho-email.zohoEmail' }) } as never)).toBe(false);
	});

	it.each([
		['crm', 'NOT_ALLOWED', undefined, 'Zoho CRM could not send the email: Zoho does not allow this email; do not retry: the recipient opted out, gave no consent or is blocked after a bounce, so write to another address or record.'],
		['crm', 'OAUTH_SCOPE_MISMATCH', undefined, 'Zoho CRM could not send the email: the credential lacks the Zoho permission (OAuth scope) for this request; the credential is missing a permission: ask the user to select this product under Products in the credential and reconnect it.'],
		['crm', 'INVALID_MODULE', undefined, 'Zoho CRM could not send the email: the module does not exist or does not support this operation; use a module API name such as Contacts, Leads, Accounts or Deals.'],
		['crm', 'INVALID_DATA', { api_name: 'from' }, 'Zoho CRM could not send the email: Zoho rejected a value (field "from"); check the value of "from".'],
		['crm', 'INVALID_DATA', {}, 'Zoho CRM could not send the email: Zoho rejected a value; check the record ID, the sender address and any other ID given.'],
		['books', '1002', undefined, 'Zoho Books could not send the email: the record does not exist in this organization; check the ID and the organization: no such record exists there.'],
	] as const)('%s %s', (product, code, details, message) => {
		const error = zohoError(ctx, { product, action: 'send the email', httpCode: 400, failure: { code, message: 'Zoho text', details: details as never } });
		expect(forModel(error).message).toBe(message);
		expect(forModel(error).message).toBe(message);
	});

	it('a refused parameter takes the first sentence of its description, without the item', () => {
		const error = new NodeOperationError(node, 'No Contacts record has the email address nobody@example.com', {
			itemIndex: 0,
			description: 'Check the address and the module, or pick the record by ID: Zoho CRM\'s search found no Contacts record with this address in an email field (item 0). More text.',
		});
		expect(forModel(error).message).toBe(
			'No Contacts record has the email address nobody@example.com; check the address and the module, or pick the record by ID: Zoho CRM\'s search found no Contacts record with this address in an email field.',
		);
	});

	it('no secret reaches the message, and a failure without advice keeps its message', () => {
		const secret = fakeToken('0123456789abcdef0123456789abcdef');
		const error = zohoError(ctx, { product: 'crm', action: 'send the email', plain: 'the connection was lost', hint: `Retry later with ${secret}`, secrets: [secret] });
		expect(forModel(error).message).not.toContain(secret);
		const unknown = zohoError(ctx, { product: 'crm', action: 'send the email', httpCode: 500, failure: { code: 'SOMETHING_NEW', message: 'odd' } });
		expect(forModel(unknown).message).toBe('Zoho CRM could not send the email: odd');
	});
});

describe('Zoho codes that are names every object inherits', () => {
	it.each(['toString', 'constructor', 'valueOf', '__proto__'])('%s: mapped as an unknown code, with Zoho\'s own message', (code) => {
		for (const product of ['crm', 'books'] as const) {
			const error = zohoError(ctx, { product, action: 'send the email', httpCode: 400, failure: { code, message: 'odd' } });
			expect(error.message).toBe(`Zoho ${product === 'crm' ? 'CRM' : 'Books'} could not send the email: odd`);
			expect(forModel(error).message).toBe(`Zoho ${product === 'crm' ? 'CRM' : 'Books'} could not send the email: odd`);
		}
	});

	it('a token-endpoint refusal named like one is an unknown refusal', () => {
		expect(refusedConnection({ oauthTokenData: { error: 'constructor' } })).toBe('Zoho refused the connection (constructor): reconnect the credential');
	});
});
