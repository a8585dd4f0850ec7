import fc from 'fast-check';
import nock from 'nock';
import type { IExecuteFunctions, INodeExecutionData, INodeParameters, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { CREDENTIAL_ID, runWorkflow, runZohoNode, type WorkflowJson } from '../harness/engine';
import { crmSendParameters, usCredential } from '../harness/fixtures';
import { registerNodeType } from '../harness/nodeTypes';
import { biginEmail } from '../../nodes/ZohoEmail/actions/bigin';
import { booksEmail } from '../../nodes/ZohoEmail/actions/books';
import { crmEmail } from '../../nodes/ZohoEmail/actions/crm';

const API = 'https://www.zohoapis.com';
const ORG = '10234695';

const crmSend = (performance?: INodeParameters): INodeParameters =>
	crmSendParameters({
		recordId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
		to: '={{ $json.to }}',
		...(performance ? { performance } : {}),
	});

const items = (n: number) => Array.from({ length: n }, (_, k) => ({ id: `36523970000006240${String(k).padStart(2, '0')}`, to: `c${k}@example.com` }));

/** A fake CRM that records every send_mail request (path and recipient). */
function fakeCrm() {
	const sent: string[] = [];
	nock(API)
		.persist()
		.post(/\/crm\/v8\/Contacts\/\d+\/actions\/send_mail$/)
		.reply(200, function (uri, body) {
			const to = (body as { data: Array<{ to: Array<{ email: string }> }> }).data[0].to[0].email;
			sent.push(`${uri} ${to}`);
			return { data: [{ code: 'SUCCESS', details: { message_id: `m-${to}` }, message: 'Your mail has been sent successfully.', status: 'success' }] };
		});
	return sent;
}

const sentItem = (k: number, item = k) => ({
	json: {
		code: 'SUCCESS',
		message: 'Your mail has been sent successfully.',
		message_id: `m-c${k}@example.com`,
		module: 'Contacts',
		record_id: `36523970000006240${String(k).padStart(2, '0')}`,
		scheduled: false,
		status: 'success',
	},
	pairedItem: { item },
});

const refused = (item: number, limit: number, used: number) => ({
	json: {
		error: `Item ${item} was not sent: "Max Emails per Execution" (${limit}) is reached`,
		description: `Do not retry in this execution, which already tried to send ${used} email${used === 1 ? '' : 's'} with this node; to send more, a person raises "Max Emails per Execution" in the node's Performance options, or sets it to 0 for no limit.`,
	},
	pairedItem: { item },
});

describe('Max Emails per Execution', () => {
	beforeAll(() => nock.disableNetConnect());
	afterEach(() => nock.cleanAll());
	afterAll(() => nock.enableNetConnect());

	it('counts every operation that sends email, and only those', () => {
		const sending = Object.entries({ crmEmail, biginEmail, booksEmail }).flatMap(([resource, r]) =>
			Object.entries(r.operations)
				.filter(([, op]) => op.sendsEmail)
				.map(([operation]) => `${resource}.${operation}`),
		);
		expect(sending.sort()).toEqual([
			'biginEmail.send',
			'booksEmail.emailContact',
			'booksEmail.emailStatement',
			'booksEmail.emailTransaction',
			'booksEmail.emailTransactionsInBulk',
			'booksEmail.sendPaymentReminder',
			'booksEmail.sendPaymentRemindersInBulk',
			'crmEmail.send',
		]);
	});

	it('sends the first N emails and, with Continue On Fail, refuses the rest before any request', async () => {
		const sent = fakeCrm();
		const result = await runZohoNode({ parameters: crmSend({ maxEmailsPerExecution: 2 }), items: items(4), credential: usCredential(), continueOnFail: true });
		expect(result.error).toBeUndefined();
		expect(sent).toEqual([
			'/crm/v8/Contacts/3652397000000624000/actions/send_mail c0@example.com',
			'/crm/v8/Contacts/3652397000000624001/actions/send_mail c1@example.com',
		]);
		expect(result.items).toEqual([sentItem(0), sentItem(1), refused(2, 2, 2), refused(3, 2, 2)]);
	});

	it('without Continue On Fail, fails the node on the first item beyond the limit, naming the option and the item', async () => {
		const sent = fakeCrm();
		const result = await runZohoNode({ parameters: crmSend({ maxEmailsPerExecution: 1, requestsInFlight: 1 }), items: items(3), credential: usCredential() });
		expect(sent).toEqual(['/crm/v8/Contacts/3652397000000624000/actions/send_mail c0@example.com']);
		expect(result.error?.message).toBe('Item 1 was not sent: "Max Emails per Execution" (1) is reached');
		expect((result.error as unknown as { context: { itemIndex: number } }).context.itemIndex).toBe(1);
	});

	it('has no limit by default (0)', async () => {
		const sent = fakeCrm();
		const result = await runZohoNode({ parameters: crmSend(), items: items(5), credential: usCredential() });
		expect(result.error).toBeUndefined();
		expect(sent).toHaveLength(5);
		expect(result.items).toEqual([0, 1, 2, 3, 4].map((k) => sentItem(k)));
	});

	it('refuses a limit that is not a whole number before any request', async () => {
		const sent = fakeCrm();
		const result = await runZohoNode({ parameters: crmSend({ maxEmailsPerExecution: '={{ -1 }}' }), items: items(2), credential: usCredential() });
		expect(sent).toEqual([]);
		expect(result.error?.message).toBe('"Max Emails per Execution" must be a whole number of at least 0');
	});

	it('counts Books transaction emails too', async () => {
		const sent: string[] = [];
		nock(API)
			.persist()
			.post(/\/books\/v3\/invoices\/\d+\/email/)
			.reply(200, function (uri) {
				sent.push(uri);
				return { code: 0, message: 'Your invoice has been sent.' };
			});
		const result = await runZohoNode({
			parameters: {
				resource: 'booksEmail',
				operation: 'emailTransaction',
				organizationId: { __rl: true, mode: 'id', value: ORG },
				transactionType: 'invoice',
				transactionId: { __rl: true, mode: 'id', value: '={{ $json.invoice }}' },
				to: 'willsmith@bowmanfurniture.example',
				performance: { maxEmailsPerExecution: 1 },
			},
			items: [{ invoice: '460000000040001' }, { invoice: '460000000040002' }],
			credential: usCredential(),
			continueOnFail: true,
		});
		expect(sent).toEqual([`/books/v3/invoices/460000000040001/email?organization_id=${ORG}`]);
		expect(result.items[0].json).toMatchObject({ invoice_id: '460000000040001', message: 'Your invoice has been sent.' });
		expect(result.items[1]).toEqual(refused(1, 1, 1));
	});

	it('counts across runs of the node in one execution (as when an agent calls its tool again and again)', async () => {
		const sent = fakeCrm();
		// Items feeds Zoho Email directly and through Pass: n8n runs Zoho Email twice in the one execution.
		const workflow: WorkflowJson = {
			nodes: [
				{ id: 'n1', name: 'Items', type: 'test.items', typeVersion: 1, position: [0, 0], parameters: { items: JSON.stringify(items(2)) } },
				{ id: 'n2', name: 'Pass', type: 'test.pass', typeVersion: 1, position: [200, 200], parameters: {} },
				{
					id: 'n3',
					name: 'Zoho Email',
					type: 'n8n-nodes-zoho-email.zohoEmail',
					typeVersion: 1,
					position: [400, 0],
					parameters: crmSend({ maxEmailsPerExecution: 3 }),
					credentials: { zohoEmailOAuth2Api: { id: CREDENTIAL_ID, name: 'Zoho (emulator)' } },
					onError: 'continueRegularOutput',
				},
			],
			connections: {
				Items: { main: [[{ node: 'Zoho Email', type: 'main', index: 0 }, { node: 'Pass', type: 'main', index: 0 }]] },
				Pass: { main: [[{ node: 'Zoho Email', type: 'main', index: 0 }]] },
			},
		};
		const result = await runWorkflow(workflow, usCredential());
		expect(result.error).toBeUndefined();
		const runs = result.run.data.resultData.runData['Zoho Email'].map((task) => task.data?.main?.[0] ?? []);
		expect(runs).toHaveLength(2);
		expect(sent).toEqual([
			'/crm/v8/Contacts/3652397000000624000/actions/send_mail c0@example.com',
			'/crm/v8/Contacts/3652397000000624001/actions/send_mail c1@example.com',
			'/crm/v8/Contacts/3652397000000624000/actions/send_mail c0@example.com',
		]);
		expect(runs).toEqual([
			[sentItem(0), sentItem(1)],
			[sentItem(0), refused(1, 3, 3)],
		]);
	});
});

/** A node that passes its input items on (a second way into the Zoho Email node). */
class Pass implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Pass',
		name: 'test.pass',
		group: ['transform'],
		version: 1,
		description: 'Passes items on',
		defaults: { name: 'Pass' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData()];
	}
}
registerNodeType('test.pass', new Pass());

/*
 * A place is taken only when a request that may send is about to go out: an item refused by its own
 * parameters, or by a read before its send (a lookup that finds nothing), takes none.
 */
describe('Max Emails per Execution counts what is sent, not what is refused first', () => {
	beforeAll(() => nock.disableNetConnect());
	afterEach(() => nock.cleanAll());
	afterAll(() => nock.enableNetConnect());

	it('items refused before any request take no place (limit 2: bad To, bad To, good)', async () => {
		const sent = fakeCrm();
		const input = [
			{ id: '3652397000000624000', to: 'not an address' },
			{ id: '3652397000000624001', to: 'also bad' },
			{ id: '3652397000000624002', to: 'c2@example.com' },
		];
		const result = await runZohoNode({ parameters: crmSend({ maxEmailsPerExecution: 2 }), items: input, credential: usCredential(), continueOnFail: true });
		expect(result.error).toBeUndefined();
		expect(sent).toEqual(['/crm/v8/Contacts/3652397000000624002/actions/send_mail c2@example.com']);
		expect(result.items).toEqual([
			{ json: { error: '"To" has an invalid email address: not an address', description: expect.any(String) }, pairedItem: { item: 0 } },
			{ json: { error: '"To" has an invalid email address: also bad', description: expect.any(String) }, pairedItem: { item: 1 } },
			sentItem(2),
		]);
	});

	/** Books invoice emails by number: each item's kind decides what happens before and at its send. */
	type Kind = 'ok' | 'badTo' | 'unknownNumber' | 'zohoRefuses';
	const INVOICES: Record<string, string> = { 'INV-1': '460000000040001', 'INV-2': '460000000040002' };
	const REFUSED = 'INV-2';

	function fakeBooks() {
		const requests: string[] = [];
		nock(API)
			.persist()
			// Read only to name the organization in a "not found" error.
			.get('/books/v3/organizations')
			.reply(200, { code: 0, message: 'success', organizations: [{ organization_id: ORG, name: 'Zylker Inc' }] })
			.get('/books/v3/invoices')
			.query(true)
			.reply(200, function (uri) {
				const number = new URL(uri, API).searchParams.get('invoice_number') ?? '';
				requests.push(`GET ${number}`);
				return { code: 0, message: 'success', invoices: INVOICES[number] ? [{ invoice_id: INVOICES[number], invoice_number: number }] : [] };
			})
			.post(/\/books\/v3\/invoices\/\d+\/email/)
			.reply(function (uri) {
				const id = /invoices\/(\d+)\/email/.exec(uri)?.[1];
				requests.push(`POST ${id}`);
				return id === INVOICES[REFUSED] ? [400, { code: 1002, message: 'Invoice does not exist.' }] : [200, { code: 0, message: 'Your invoice has been sent.' }];
			});
		return requests;
	}

	const itemOf = (kind: Kind) => ({
		number: kind === 'unknownNumber' ? 'INV-404' : kind === 'zohoRefuses' ? REFUSED : 'INV-1',
		to: kind === 'badTo' ? 'not an address' : 'willsmith@bowmanfurniture.example',
	});

	it('generated runs: a place per request that may send, in item order; refusals before it take none', async () => {
		await fc.assert(
			fc.asyncProperty(fc.array(fc.constantFrom<Kind>('ok', 'badTo', 'unknownNumber', 'zohoRefuses'), { minLength: 1, maxLength: 6 }), fc.integer({ min: 1, max: 4 }), async (kinds, limit) => {
				nock.cleanAll();
				const requests = fakeBooks();
				const result = await runZohoNode({
					parameters: {
						resource: 'booksEmail',
						operation: 'emailTransaction',
						organizationId: { __rl: true, mode: 'id', value: ORG },
						transactionType: 'invoice',
						transactionId: { __rl: true, mode: 'number', value: '={{ $json.number }}' },
						to: '={{ $json.to }}',
						performance: { maxEmailsPerExecution: limit, requestsInFlight: 1 },
					},
					items: kinds.map(itemOf),
					credential: usCredential(),
					continueOnFail: true,
				});
				// The model: an item that starts with no place left is refused before any request; otherwise
				// its checks and reads run, and only its send takes a place (kept even when Zoho refuses it).
				let used = 0;
				const expected: string[] = [];
				const errors: Array<string | undefined> = [];
				kinds.forEach((kind, i) => {
					if (used >= limit) {
						errors.push(`Item ${i} was not sent: "Max Emails per Execution" (${limit}) is reached`);
						return;
					}
					if (kind === 'badTo') {
						errors.push('"To" has an invalid email address: not an address');
						return;
					}
					const number = itemOf(kind).number;
					expected.push(`GET ${number}`);
					if (kind === 'unknownNumber') {
						errors.push(`No invoice has the number INV-404 in the organization Zylker Inc (${ORG})`);
						return;
					}
					used++;
					expected.push(`POST ${INVOICES[number]}`);
					errors.push(kind === 'zohoRefuses' ? `Zoho Books could not email the invoice: the record does not exist in the organization Zylker Inc (${ORG})` : undefined);
				});
				expect(requests).toEqual(expected);
				expect(result.items.map((item) => item.json.error)).toEqual(errors);
				result.items.forEach((item, i) => {
					expect(item.pairedItem).toEqual({ item: i });
					if (String(item.json.error ?? '').includes('is reached')) {
						expect(item.json.description).toContain(`already tried to send ${used} email`);
					}
				});
			}),
			{ numRuns: 40, seed: 22 },
		);
	}, 120_000);
});
