import fc from 'fast-check';
import type { IExecuteFunctions, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { forModel, runsAsTool } from '../../nodes/ZohoEmail/engine/toolErrors';
import { refusedConnection, zohoError, type ZohoFunctions } from '../../nodes/ZohoEmail/transport';
import { crmSendParameters, fakeToken, usCredential } from '../harness/fixtures';
import { runWorkflow, zohoWorkflow } from '../harness/engine';
import { registerNodeType } from '../harness/nodeTypes';
import { ZohoEmail } from '../../nodes/ZohoEmail/ZohoEmail.node';
import { isoDateTime } from '../../nodes/ZohoEmail/helpers/dateTime';
import { booleanOf, headerTextOf, integerOf, optionOf, recordIdOf, refusal, textOf } from '../../nodes/ZohoEmail/helpers/validation';

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
		const error = refusal(
			ctx,
			0,
			'No Contacts record has the email address nobody@example.com',
			'Check the address and the module, or pick the record by ID: Zoho CRM\'s search found no Contacts record with this address in an email field',
			{ then: '. More text.' },
		);
		expect(error.description).toBe('Check the address and the module, or pick the record by ID: Zoho CRM\'s search found no Contacts record with this address in an email field (item 0). More text.');
		expect(forModel(error).message).toBe(
			'No Contacts record has the email address nobody@example.com; check the address and the module, or pick the record by ID: Zoho CRM\'s search found no Contacts record with this address in an email field.',
		);
	});

	it('a refused binary property names its parameter and item for a person, and only its parameter for the model', () => {
		const error = refusal(ctx, 2, 'The file name in binary property "data" contains a line break or control character', 'Rename the file', { parameter: 'Attachments' });
		expect(error.description).toBe('Rename the file (parameter "Attachments", item 2).');
		expect(forModel(error).message).toBe('The file name in binary property "data" contains a line break or control character; rename the file (parameter "Attachments").');
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

/**
 * A refused parameter, as the model reads it: what is wrong, then what to do with that field, in one
 * sentence; never a report such as "item 0 gives a number for Subject".
 */
describe('a refused parameter tells the model the fix', () => {
	const exec = ctx as unknown as IExecuteFunctions;
	const field = fc.oneof(fc.constantFrom('Subject', 'To', 'Limit', 'Record', 'Schedule Time', 'Content'), fc.stringMatching(/^[A-Z][a-z]{2,9}( [A-Z][a-z]{2,8})?$/));
	const notText = fc.oneof(fc.integer(), fc.double({ noNaN: true }), fc.boolean(), fc.array(fc.string(), { maxLength: 3 }), fc.dictionary(fc.string(), fc.string(), { maxKeys: 2 }));
	const otherText = fc.string({ maxLength: 30 }).filter((s) => s.trim() !== '' && !/^\s*(true|false|\d+)\s*$/i.test(s));
	/** Each check of helpers/validation.ts (and its users) with a value it refuses. */
	const refused = fc.oneof(
		notText.map((v) => ['textOf', (f: string, i: number) => textOf(exec, v, f, i)] as const),
		fc.oneof(notText.filter((v) => typeof v !== 'boolean'), otherText).map((v) => ['booleanOf', (f: string, i: number) => booleanOf(exec, v, f, i)] as const),
		fc.oneof(notText, otherText).map((v) => ['optionOf', (f: string, i: number) => optionOf(exec, v, f, ['default', 'custom'], i)] as const),
		fc.oneof(notText.filter((v) => !(Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 25)), otherText).map((v) => ['integerOf', (f: string, i: number) => integerOf(exec, v, f, i, 1, 25)] as const),
		fc.oneof(fc.boolean(), fc.array(fc.string(), { maxLength: 2 }), fc.dictionary(fc.string(), fc.string(), { maxKeys: 2 }), otherText, fc.constant(2 ** 60)).map(
			(v) => ['recordIdOf', (f: string, i: number) => recordIdOf(exec, v, f, i)] as const,
		),
		fc.tuple(fc.string({ maxLength: 10 }), fc.constantFrom('\n', '\r', '\t')).map(([s, c]) => ['headerTextOf', (f: string, i: number) => headerTextOf(exec, `a${s}${c}x`, f, i)] as const),
		notText.map((v) => ['isoDateTime', (f: string, i: number) => isoDateTime(exec, v, f, i)] as const),
	);

	it('generated: the message, then what to do with that field; the item only in the description', () => {
		fc.assert(
			fc.property(refused, field, fc.nat(50), ([, check], name, i) => {
				let error: unknown;
				try {
					check(name, i);
				} catch (e) {
					error = e;
				}
				expect(error).toBeInstanceOf(NodeOperationError);
				const refusal = error as NodeOperationError;
				expect(refusal.description).toMatch(new RegExp(`\\(item ${i}\\b[^)]*\\)\\.$`));
				const message = refusal.message;
				const model = forModel(refusal).message;
				expect(model.startsWith(`${message}; `)).toBe(true);
				expect(model).not.toMatch(/\bitem \d/i);
				expect(model.slice(message.length + 2)).toContain(`"${name}"`);
			}),
			{ numRuns: 1000, seed: 31 },
		);
	});

	it('as a tool, a number for Subject is answered with the fix', async () => {
		const TOOL = 'n8n-nodes-zoho-email.zohoEmailTool';
		registerNodeType(TOOL, new ZohoEmail());
		const workflow = zohoWorkflow({ parameters: crmSendParameters({ subject: '={{ 5 }}' }), continueOnFail: true });
		workflow.nodes[1].type = TOOL;
		const result = await runWorkflow(workflow, usCredential());
		expect(result.output['Zoho Email']).toEqual([
			{
				json: {
					error: '"Subject" must be text, not a number; give "Subject" as text: convert the value with String(…) in the expression, or pick the right field.',
					description: 'Give "Subject" as text: convert the value with String(…) in the expression, or pick the right field (item 0).',
				},
				pairedItem: { item: 0 },
			},
		]);
	});
});
