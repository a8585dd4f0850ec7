import fc from 'fast-check';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { biginEmail } from '../../nodes/ZohoEmail/actions/bigin';
import { booksEmail } from '../../nodes/ZohoEmail/actions/books';
import { crmEmail } from '../../nodes/ZohoEmail/actions/crm';
import { crmEmailDraft } from '../../nodes/ZohoEmail/actions/crmDraft';
import { ZohoEmail } from '../../nodes/ZohoEmail/ZohoEmail.node';
import { counterOf, decide, isRepeatable, type Outcome, type RetryCounter } from '../../nodes/ZohoEmail/transport/policy';
import { wordsFor } from '../../nodes/ZohoEmail/transport/words';
import { runWorkflow, zohoWorkflow, type WorkflowJson } from '../harness/engine';
import { registerNodeType } from '../harness/nodeTypes';
import { binaryWorkflow } from '../harness/binaryItems';
import { emulatorCredential, useEmulator, type Emulator } from '../actions/crm/emulator';
import { WRITES, type Write } from './writes';

/** Every request waits 400 ms for an answer (as in timeouts.test.ts), so a timeout costs 400 ms. */
jest.mock('../../nodes/ZohoEmail/transport/request', () => {
	const actual = jest.requireActual('../../nodes/ZohoEmail/transport/request');
	return {
		...actual,
		zohoRequest(this: unknown, req: IDataObject) {
			return actual.zohoRequest.call(this, { ...req, timeout: 400 });
		},
	};
});
/** The backoff between retries is n8n's `sleep`; here it takes one timer turn, whatever it asks. */
jest.mock('n8n-workflow', () => {
	const actual = jest.requireActual('n8n-workflow');
	return { ...actual, sleep: async () => await actual.sleep(0) };
});

const TOOL = 'n8n-nodes-zoho-email.zohoEmailTool';
registerNodeType(TOOL, new ZohoEmail());

const emulator = useEmulator();

/** How Zoho (or the network) answers the write: a fault of the emulator, `times` in a row (0: every time). */
interface Served {
	name: string;
	/** The outcome the transport sees each time. */
	outcome: Outcome;
	fault: (write: Write) => IDataObject;
	times: number;
	/** The write goes through in the end (stated here; the table must agree). */
	succeeds: boolean;
	/** Requests to the write's URL when n8n, not the table, decides: it renews the token and resends once. */
	requests?: number;
}

const refusal = (write: Write): IDataObject =>
	write.product === 'books'
		? { status: 400, body: { code: 1002, message: 'Record does not exist.' } }
		: { status: 400, body: { code: 'INVALID_DATA', details: { api_name: 'id' }, message: 'the id given seems to be invalid', status: 'error' } };
const expired = (write: Write): IDataObject =>
	write.product === 'books'
		? { status: 401, body: { code: 57, message: 'You are not authorized to perform this operation' } }
		: { status: 401, body: { code: 'INVALID_TOKEN', details: {}, message: 'invalid oauth token', status: 'error' } };
const TOO_MANY = { status: 429, headers: { 'Retry-After': '0' } };

const SERVED: Served[] = [
	{ name: 'a refusal (400 with Zoho\'s code)', outcome: 'refused', fault: refusal, times: 0, succeeds: false },
	{ name: 'two 429s, then success', outcome: 'rateLimited', fault: () => TOO_MANY, times: 2, succeeds: true },
	{ name: '429 on every try', outcome: 'rateLimited', fault: () => TOO_MANY, times: 0, succeeds: false },
	{ name: 'a 401 (token expired), renewed by n8n', outcome: 'tokenRejected', fault: expired, times: 1, succeeds: true, requests: 2 },
	{ name: 'a 401 after the renewal too', outcome: 'tokenRejected', fault: expired, times: 0, succeeds: false, requests: 2 },
	{ name: '500 with Zoho\'s body', outcome: 'serverError', fault: () => ({ status: 500 }), times: 0, succeeds: false },
	{ name: '502 without Zoho\'s body', outcome: 'serverErrorBare', fault: () => ({ status: 502, text: '<html><body>502 Bad Gateway</body></html>' }), times: 0, succeeds: false },
	{ name: 'a timeout', outcome: 'timeout', fault: () => ({ kind: 'timeout' }), times: 0, succeeds: false },
	{ name: 'a connection reset', outcome: 'reset', fault: () => ({ kind: 'reset' }), times: 0, succeeds: false },
	{ name: 'a cut-off answer', outcome: 'cutOff', fault: () => ({ kind: 'malformed' }), times: 0, succeeds: false },
	{ name: 'a 307 back to itself, followed', outcome: 'redirect', fault: () => ({ status: 307, headers: { Location: '{request}' }, text: '' }), times: 1, succeeds: true },
	{ name: 'a 307 to another host', outcome: 'redirectRepeat', fault: () => ({ status: 307, headers: { Location: 'http://127.0.0.1:9/elsewhere' }, text: '' }), times: 0, succeeds: false },
	{ name: 'a 302 on the same host', outcome: 'redirectMoved', fault: () => ({ status: 302, headers: { Location: '/elsewhere' }, text: '' }), times: 0, succeeds: false },
];

/** Runs the write as an AI agent's tool with Continue On Fail, so each item's error carries what the agent is told. */
async function runWrite(emu: Emulator, write: Write): Promise<INodeExecutionData[]> {
	write.setup?.(emu);
	const parameters = write.parameters(emu);
	const workflow: WorkflowJson = write.files ? binaryWorkflow([{ files: write.files }], parameters) : zohoWorkflow({ parameters, items: write.items });
	workflow.nodes[1] = { ...workflow.nodes[1], type: TOOL, onError: 'continueRegularOutput' };
	const result = await runWorkflow(workflow, write.credential?.(emu) ?? emulatorCredential(emu));
	expect(result.error).toBeUndefined();
	return result.output['Zoho Email'] ?? [];
}

const requestsOf = (emu: Emulator, write: Write) => emu.requests({ method: write.method }).filter((r) => write.path.test(r.path)).length;

/**
 * The table as a model: the requests a write makes when its answers are `outcomes` (then success),
 * each retried while decide() says so, per counter; and whether it gets through.
 */
function modelled(write: Write, outcomes: Outcome[]): { requests: number; succeeds: boolean } {
	const tries: Record<RetryCounter, number> = { rateLimit: 0, unknown: 0, redirect: 0 };
	let requests = 0;
	for (const outcome of outcomes) {
		requests++;
		const counter = counterOf(outcome);
		if (!decide(write.kind, outcome, tries[counter]).retry) return { requests, succeeds: false };
		tries[counter]++;
	}
	return { requests: requests + 1, succeeds: true };
}

describe('every write of the node, against every outcome (generated)', () => {
	const cases = WRITES.flatMap((write) => SERVED.map((served) => [write.name, served.name, write, served] as const));

	it('covers every operation of the node that is not a read', () => {
		const READS = ['crmEmail.get', 'crmEmail.list', 'crmEmailDraft.get', 'crmEmailDraft.list', 'booksEmail.getEmailContent', 'booksEmail.getPaymentReminderContent', 'booksEmail.listEmailHistory'];
		const all = Object.entries({ crmEmail, crmEmailDraft, biginEmail, booksEmail }).flatMap(([resource, r]) => Object.keys(r.operations).map((op) => `${resource}.${op}`));
		const writes = WRITES.map((w) => {
			const p = w.parameters(emulator());
			return `${String(p.resource)}.${String(p.operation)}`;
		});
		expect([...new Set([...READS, ...writes])].sort()).toEqual([...all].sort());
		expect(cases.length).toBe(WRITES.length * SERVED.length);
	});

	it.each(cases)('%s, %s', async (_w, _s, write, served) => {
		const emu = emulator();
		emu.addFault({ ...served.fault(write), times: served.times, method: write.method, path: write.path } as never);
		const items = await runWrite(emu, write);
		const model = modelled(write, Array<Outcome>(served.times || 30).fill(served.outcome));
		if (served.requests === undefined) expect(model.succeeds).toBe(served.succeeds);
		expect(requestsOf(emu, write)).toBe(served.requests ?? model.requests);
		expect(items.length).toBeGreaterThan(0);
		for (const item of items) {
			const { error, description } = item.json as { error?: string; description?: string };
			if (served.succeeds) {
				expect(error).toBeUndefined();
				continue;
			}
			expect(typeof error).toBe('string');
			const words = wordsFor(write.kind, served.outcome, write.product);
			if (words.hint) expect(description).toContain(words.hint);
			if (words.advice) expect(error).toContain(words.advice);
			if (['serverError', 'serverErrorBare', 'timeout', 'reset', 'cutOff', 'redirectMoved'].includes(served.outcome)) {
				// The words an agent acts on: plainly whether it may try again.
				if (served.outcome === 'redirectMoved') {
					expect(description).toMatch(/may or may not .*\(a redirect (after a send )?does not say\)/);
				} else if (isRepeatable(write.kind)) {
					expect(error).toMatch(/; safe to try again/);
					expect(description).toContain('It was tried 3 times');
				} else {
					expect(error).toMatch(/; do not retry/);
					expect(description).toContain('It was not retried');
				}
			} else {
				expect(description ?? '').not.toContain('may or may not');
			}
		}
	});
});

/** Transient answers before success: the transport's tries follow the table, whatever the sequence. */
describe('sequences of transient answers (fast-check)', () => {
	const TRANSIENT: Array<[Outcome, IDataObject]> = [
		['rateLimited', TOO_MANY],
		['serverError', { status: 500 }],
		['serverErrorBare', { status: 503, text: 'Service Unavailable' }],
		['reset', { kind: 'reset' }],
		['cutOff', { kind: 'malformed' }],
		['redirect', { status: 307, headers: { Location: '{request}' }, text: '' }],
	];

	it('sends exactly as often as decide() allows, and succeeds exactly when it allows every retry', async () => {
		await fc.assert(
			fc.asyncProperty(fc.constantFrom(...WRITES), fc.array(fc.constantFrom(...TRANSIENT), { maxLength: 4 }), async (write, sequence) => {
				const emu = emulator();
				emu.reset();
				for (const [, fault] of sequence) emu.addFault({ ...fault, times: 1, method: write.method, path: write.path } as never);
				const items = await runWrite(emu, write);
				const model = modelled(write, sequence.map(([outcome]) => outcome));
				expect(requestsOf(emu, write)).toBe(model.requests);
				expect(items.every((item) => (item.json.error === undefined) === model.succeeds)).toBe(true);
			}),
			{ numRuns: 40 },
		);
	});
});
