import fc from 'fast-check';
import type { IDataObject } from 'n8n-workflow';

import { BOOKS_ORG, second, type Emulator } from './helpers';
import { anyHost, eachScenario, ModelRun, pageSizeStep, restartStep, tickStep, useZoho } from './modelSupport';

/**
 * Model-based test of the Books trigger's "Viewed by the Customer" event through n8n-core's PollContext
 * against the emulator, Zoho's clock under control: invoices, estimates and retainer invoices created,
 * emailed and viewed (several in one second, in the second a poll reads, again after a first view),
 * viewed before activation, edited; failing polls; restarts on n8n 1.x and 2.x; pages of 1 to 200.
 * Whatever happens: every document first viewed after activation is emitted once as viewed, nothing
 * viewed before activation, and the state stays small.
 */

interface BooksViews {
	addDocument: (orgId: string, entity: string, fields?: IDataObject) => IDataObject;
	emailDocument: (orgId: string, entity: string, id: string) => { document: IDataObject };
	viewDocument: (orgId: string, entity: string, id: string) => IDataObject;
	transactions: (orgId: string, entity: string) => IDataObject[];
}

const ENTITIES = ['invoices', 'estimates', 'retainerinvoices'] as const;
type Entity = (typeof ENTITIES)[number];
const ID_FIELD: Record<Entity, string> = { invoices: 'invoice_id', estimates: 'estimate_id', retainerinvoices: 'retainerinvoice_id' };
const REFUSED = { code: 2, message: 'Invalid value passed for page' };
const parameters = { source: 'booksEmailed', organizationId: BOOKS_ORG, transactionTypes: ['invoice', 'estimate', 'retainerInvoice'], customerViews: true };

type Action = { kind: 'create'; entity: Entity; emailed: boolean } | { kind: 'email' | 'view' | 'change'; entity: Entity; pick: number };
type Step = { kind: 'tick'; seconds: number } | { kind: 'act'; actions: Action[] } | { kind: 'poll'; fault: Entity | 'none' } | { kind: 'restart' } | { kind: 'pageSize'; size: number };

const entity = fc.constantFrom<Entity>(...ENTITIES);
const action: fc.Arbitrary<Action> = fc.oneof(
	{ weight: 2, arbitrary: fc.record({ kind: fc.constant('create' as const), entity, emailed: fc.boolean() }) },
	{ weight: 2, arbitrary: fc.record({ kind: fc.constant('email' as const), entity, pick: fc.nat() }) },
	{ weight: 4, arbitrary: fc.record({ kind: fc.constant('view' as const), entity, pick: fc.nat() }) },
	{ weight: 1, arbitrary: fc.record({ kind: fc.constant('change' as const), entity, pick: fc.nat() }) },
);
const step: fc.Arbitrary<Step> = fc.oneof(
	tickStep(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 4, max: 3600 }))),
	{ weight: 5, arbitrary: fc.record({ kind: fc.constant('act' as const), actions: fc.array(action, { minLength: 1, maxLength: 4 }) }) },
	{ weight: 4, arbitrary: fc.record({ kind: fc.constant('poll' as const), fault: fc.constantFrom<Entity | 'none'>('none', 'none', 'none', ...ENTITIES) }) },
	restartStep,
	pageSizeStep(fc.oneof(fc.integer({ min: 1, max: 3 }), fc.constant(200))),
);
const scenario = fc.record({
	host: anyHost,
	before: fc.array(action, { maxLength: 6 }),
	steps: fc.array(step, { minLength: 1, maxLength: 30 }),
});
type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

interface Outcome {
	expected: Set<string>;
	emitted: string[];
	failedPolls: number;
	maxStateBytes: number;
}

async function run(emu: Emulator, sc: Scenario): Promise<Outcome> {
	emu.reset();
	const books = emu.data.books as unknown as BooksViews;
	const out: Outcome = { expected: new Set(), emitted: [], failedPolls: 0, maxStateBytes: 0 };
	const m = new ModelRun({ emu, parameters, host: sc.host, clock: second(Date.now()) - 86_400_000, onActivate: (items) => expect(items).toEqual([]), pageLimit: 'booksPerPage' });
	emu.setLimits({ booksPerPage: 200, booksPerMinute: 1_000_000 });
	const act = (a: Action) => {
		if (a.kind === 'create') {
			books.addDocument(BOOKS_ORG, a.entity, a.entity === 'retainerinvoices' ? { emailed: a.emailed } : { status: a.emailed ? 'sent' : 'draft', emailed: a.emailed });
			return;
		}
		const all = books.transactions(BOOKS_ORG, a.entity);
		const list = a.kind === 'view' ? all.filter((d) => d.is_emailed === true) : a.kind === 'email' ? all.filter((d) => d.is_emailed !== true) : all;
		if (list.length === 0) return;
		const doc = list[a.pick % list.length];
		const id = String(doc[ID_FIELD[a.entity]]);
		if (a.kind === 'email') books.emailDocument(BOOKS_ORG, a.entity, id);
		if (a.kind === 'change') Object.assign(doc, { total: Number(doc.total) + 1, _modifiedTs: m.clock, last_modified_time: new Date(m.clock).toISOString().replace(/\.\d{3}Z$/, '+0000') });
		if (a.kind !== 'view') return;
		const first = doc.is_viewed_by_client !== true;
		books.viewDocument(BOOKS_ORG, a.entity, id);
		if (first && m.live) out.expected.add(`${a.entity}:${id}`);
	};
	await m.activateAfter(sc.before, act, 0);
	const poll = async (fault: Entity | 'none') => {
		if (fault !== 'none') emu.addFault({ method: 'GET', path: `/books/v3/${fault}`, status: 400, body: REFUSED, times: 0 });
		const result = await m.poll();
		if (result.error) expect(fault).not.toBe('none');
		for (const item of result.items) {
			if (item.json.event !== 'viewed') continue;
			const type = `${String(item.json.documentType)}s`;
			out.emitted.push(`${type}:${String(item.json.documentId)}`);
			expect((item.json.document as IDataObject).is_viewed_by_client).toBe(true);
			expect(item.json.viewedTime).toBe((item.json.document as IDataObject).client_viewed_time);
		}
	};
	const afresh = () => {
		expect(out.emitted).toEqual([]);
		out.expected.clear();
	};
	await m.play(sc.steps, async (s) => (s.kind === 'act' ? s.actions.forEach(act) : await poll(s.fault)), afresh);
	await m.finish(async () => await poll('none'));
	return { ...out, failedPolls: m.failedPolls, maxStateBytes: m.maxStateBytes };
}

describe('Zoho Email Trigger: Books viewed by the customer, generated scenarios', () => {
	const zoho = useZoho();

	it('emits each document first viewed after activation exactly once, nothing viewed before', async () => {
		let views = 0;
		const check = (out: Outcome) => {
			views += out.expected.size;
			expect(new Set(out.emitted).size).toBe(out.emitted.length);
			expect([...out.emitted].sort()).toEqual([...out.expected].sort());
			expect(out.maxStateBytes).toBeLessThan(8000);
		};
		const { cases, failed } = await eachScenario(scenario, { numRuns: 100, seed: 20261206 }, async (sc) => await run(zoho.emu, sc), check);
		expect(cases).toBe(100);
		expect(views).toBeGreaterThan(100);
		expect(failed).toBeGreaterThan(20);
	}, 300_000);
});
