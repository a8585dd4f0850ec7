import fc from 'fast-check';
import type { IDataObject } from 'n8n-workflow';

import type { PollHarness } from '../harness/poll';
import { BOOKS_ORG, harness, type Emulator } from './helpers';
import { useZoho } from './modelSupport';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { booksTime } = require('../../emulator/zoho-time') as { booksTime: (ms: number, zone?: string) => string };

/**
 * Model-based test of the Books trigger through n8n-core's PollContext against the emulator, with
 * Zoho's clock under control: documents emailed, payment reminders and credit-note emails, several in
 * one second and in the second a poll reads; every list order Zoho might answer in (as asked, newest
 * first without the sort named, oldest first, unsorted, pages rising from the oldest changes to the
 * newest); pages of 1 to 200 documents; organizations east and west of UTC, with activation near their
 * midnight; failing polls; restarts on n8n 1.x and 2.x. Whatever happens: every document emailed after
 * activation (it was unsent, or created emailed) is emitted once, every credit-note email sent after
 * activation once, each invoice's reminders with strictly growing counts ending at its current count,
 * nothing from before activation, and the state stays small.
 */

interface BooksData {
	addDocument: (orgId: string, entity: string, fields?: IDataObject) => IDataObject;
	emailDocument: (orgId: string, entity: string, id: string) => { document: IDataObject };
	remindInvoice: (orgId: string, invoiceId: string) => IDataObject;
	transactions: (orgId: string, entity: string) => IDataObject[];
	emailHistory: (orgId: string, creditnoteId: string) => IDataObject[];
	setListOrder: (order: string) => void;
	setTimeZone: (orgId: string, zone: string) => void;
}

const ENTITIES = ['invoices', 'creditnotes'] as const;
type Entity = (typeof ENTITIES)[number];
const ID_FIELD: Record<Entity, string> = { invoices: 'invoice_id', creditnotes: 'creditnote_id' };
const ORDERS = ['asked', 'newestUnnamed', 'oldestFirst', 'unsorted', 'risingPages'] as const;
// East and west of UTC, with and without daylight saving time in June.
const ZONES = ['Asia/Calcutta', 'Pacific/Kiritimati', 'Asia/Tokyo', 'UTC', 'America/St_Johns', 'America/Los_Angeles', 'Pacific/Honolulu'];
const REMINDABLE = ['sent', 'overdue', 'partially_paid', 'unpaid', 'viewed'];
const REFUSED = { code: 2, message: 'Invalid value passed for page' };
const parameters = { source: 'booksEmailed', organizationId: BOOKS_ORG, transactionTypes: ['invoice', 'creditNote'], creditNoteHistory: true, paymentReminders: true };

type Fault = 'none' | 'invoices' | 'creditnotes' | 'history';
type Action =
	| { kind: 'email'; entity: Entity; pick: number }
	| { kind: 'remind'; pick: number }
	| { kind: 'change'; entity: Entity; pick: number }
	| { kind: 'create'; entity: Entity; emailed: boolean };
type Step =
	| { kind: 'tick'; seconds: number }
	| { kind: 'act'; actions: Action[] }
	| { kind: 'poll'; fault: Fault }
	| { kind: 'restart' }
	| { kind: 'order'; order: (typeof ORDERS)[number] }
	| { kind: 'pageSize'; size: number };

const entity = fc.constantFrom<Entity>(...ENTITIES);
const action: fc.Arbitrary<Action> = fc.oneof(
	{ weight: 4, arbitrary: fc.record({ kind: fc.constant('email' as const), entity, pick: fc.nat() }) },
	{ weight: 3, arbitrary: fc.record({ kind: fc.constant('remind' as const), pick: fc.nat() }) },
	{ weight: 2, arbitrary: fc.record({ kind: fc.constant('change' as const), entity, pick: fc.nat() }) },
	{ weight: 2, arbitrary: fc.record({ kind: fc.constant('create' as const), entity, emailed: fc.boolean() }) },
);
const pageSize = fc.oneof({ weight: 1, arbitrary: fc.integer({ min: 1, max: 3 }) }, { weight: 2, arbitrary: fc.integer({ min: 4, max: 199 }) }, { weight: 2, arbitrary: fc.constant(200) });
const tick = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 4, max: 900 }), fc.integer({ min: 901, max: 7200 }));
const step: fc.Arbitrary<Step> = fc.oneof(
	{ weight: 3, arbitrary: fc.record({ kind: fc.constant('tick' as const), seconds: tick }) },
	// A burst: up to four changes in one second.
	{ weight: 5, arbitrary: fc.record({ kind: fc.constant('act' as const), actions: fc.array(action, { minLength: 1, maxLength: 4 }) }) },
	{ weight: 4, arbitrary: fc.record({ kind: fc.constant('poll' as const), fault: fc.constantFrom<Fault>('none', 'none', 'none', 'invoices', 'creditnotes', 'history') }) },
	{ weight: 1, arbitrary: fc.constant<Step>({ kind: 'restart' }) },
	{ weight: 1, arbitrary: fc.record({ kind: fc.constant('order' as const), order: fc.constantFrom(...ORDERS) }) },
	{ weight: 1, arbitrary: fc.record({ kind: fc.constant('pageSize' as const), size: pageSize }) },
);

const scenario = fc.record({
	host: fc.constantFrom('n8n2' as const, 'n8n2durable' as const, 'n8n1' as const),
	zone: fc.constantFrom(...ZONES),
	// Activation from 4 hours before to 2 hours after the organization's midnight, to the second.
	activationFromMidnight: fc.integer({ min: -4 * 3600, max: 2 * 3600 }),
	order: fc.constantFrom(...ORDERS),
	pageSize,
	// What happened before activation, and how long before it.
	before: fc.array(fc.record({ secondsBefore: fc.integer({ min: 1, max: 4 * 3600 }), actions: fc.array(action, { minLength: 1, maxLength: 3 }) }), { maxLength: 4 }),
	steps: fc.array(step, { minLength: 1, maxLength: 30 }),
});

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

/** The UTC instant of midnight starting 11 June 2026 in `zone`. */
function midnight(zone: string): number {
	const guess = Date.UTC(2026, 5, 11);
	const format = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
	const p = Object.fromEntries(format.formatToParts(new Date(guess)).map((x) => [x.type, x.value]));
	const offset = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second)) - guess;
	return guess - offset;
}

interface Outcome {
	expected: Set<string>;
	emitted: string[];
	/** Per invoice: the reminder counts emitted, in order. */
	reminders: Map<string, number[]>;
	/** Per invoice: its reminder count when the trigger last started afresh. */
	base: Map<string, number>;
	failedPolls: number;
	maxStateBytes: number;
	eventsMade: number;
}

async function run(emu: Emulator, sc: Scenario): Promise<Outcome> {
	emu.reset();
	const books = emu.data.books as unknown as BooksData;
	books.setTimeZone(BOOKS_ORG, sc.zone);
	books.setListOrder(sc.order);
	emu.setLimits({ booksPerPage: sc.pageSize, booksPerMinute: 1_000_000 });
	const activation = midnight(sc.zone) + sc.activationFromMidnight * 1000;
	const docs = (e: Entity) => books.transactions(BOOKS_ORG, e);
	const out: Outcome = { expected: new Set(), emitted: [], reminders: new Map(), base: new Map(), failedPolls: 0, maxStateBytes: 0, eventsMade: 0 };
	let live = false;
	let clock = activation;

	const act = (a: Action) => {
		if (a.kind === 'create') {
			const doc = books.addDocument(BOOKS_ORG, a.entity, a.entity === 'invoices' ? { status: 'sent', emailed: a.emailed } : { emailed: a.emailed });
			if (live && a.emailed) out.expected.add(`emailed:${String(doc[ID_FIELD[a.entity]])}`);
			return;
		}
		if (a.kind === 'remind') {
			const remindable = docs('invoices').filter((d) => REMINDABLE.includes(String(d.status)));
			if (remindable.length === 0) return;
			books.remindInvoice(BOOKS_ORG, String(remindable[a.pick % remindable.length].invoice_id));
			if (live) out.eventsMade++;
			return;
		}
		const list = docs(a.entity);
		const doc = list[a.pick % list.length];
		const id = String(doc[ID_FIELD[a.entity]]);
		if (a.kind === 'change') {
			// An edit in Books: its last_modified_time moves to Zoho's clock, in the organization's zone.
			Object.assign(doc, { total: Number(doc.total) + 1, _modifiedTs: clock, last_modified_time: booksTime(clock, sc.zone) });
			return;
		}
		const unsent = doc.is_emailed !== true;
		books.emailDocument(BOOKS_ORG, a.entity, id);
		if (!live) return;
		out.eventsMade++;
		if (unsent) out.expected.add(`emailed:${id}`);
		if (a.entity === 'creditnotes') out.expected.add(`cn:${String(books.emailHistory(BOOKS_ORG, id).slice(-1)[0].mailhistory_id)}`);
	};

	for (const b of [...sc.before].sort((x, y) => y.secondsBefore - x.secondsBefore)) {
		clock = activation - b.secondsBefore * 1000;
		emu.setClock(clock);
		for (const a of b.actions) act(a);
	}
	clock = activation;
	emu.setClock(clock);
	const counts = () => new Map(docs('invoices').map((d) => [String(d.invoice_id), Number(d.reminders_sent ?? 0)]));
	let h: PollHarness = harness(emu, parameters, sc.host);
	const activate = async () => {
		const first = await h.poll();
		if (first.error) throw first.error;
		expect(first.items).toEqual([]);
		out.base = counts();
		live = true;
	};
	await activate();

	const poll = async (fault: Fault) => {
		if (fault === 'invoices' || fault === 'creditnotes') emu.addFault({ method: 'GET', path: `/books/v3/${fault}`, query: { page: '1' }, status: 400, body: REFUSED, times: 0 });
		if (fault === 'history') emu.addFault({ method: 'GET', path: /\/emailhistory$/, status: 400, body: REFUSED, times: 0 });
		const result = await h.poll();
		emu.clearFaults();
		if (result.error) {
			expect(fault).not.toBe('none');
			out.failedPolls++;
		}
		for (const item of result.items) {
			const json = item.json;
			if (json.event === 'emailed') out.emitted.push(`emailed:${String(json.documentId)}`);
			else if (json.event === 'creditNoteEmail') out.emitted.push(`cn:${String((json.email as IDataObject).mailhistory_id)}`);
			else if (json.event === 'paymentReminder') {
				const id = String(json.documentId);
				out.reminders.set(id, [...(out.reminders.get(id) ?? []), Number(json.remindersSent)]);
			} else throw new Error(`unexpected event ${String(json.event)}`);
		}
		out.maxStateBytes = Math.max(out.maxStateBytes, h.stateBytes());
	};

	for (const s of sc.steps) {
		if (s.kind === 'tick') {
			clock += s.seconds * 1000;
			emu.setClock(clock);
		} else if (s.kind === 'act') {
			for (const a of s.actions) act(a);
		} else if (s.kind === 'poll') {
			await poll(s.fault);
		} else if (s.kind === 'restart') {
			h = harness(emu, parameters, sc.host, undefined, h.saved as IDataObject);
			if (!(h.saved['node:Zoho Email Trigger'] as IDataObject | undefined)?.zohoEmailTrigger) {
				// n8n 1.x saves static data only when a poll emits: a trigger that never emitted starts
				// afresh from Zoho's clock now. What happened before is not owed.
				expect(out.emitted).toEqual([]);
				expect([...out.reminders.values()].flat()).toEqual([]);
				out.expected.clear();
				live = false;
				// Zoho's clock has seconds only: n8n starts again in a later second than the last change.
				clock += 1000;
				emu.setClock(clock);
				await activate();
			}
		} else if (s.kind === 'order') {
			books.setListOrder(s.order);
		} else {
			emu.setLimits({ booksPerPage: s.size });
		}
	}
	// Faults over, Zoho's clock past the last second anything happened in: two clean polls emit the rest.
	for (let n = 0; n < 2; n++) {
		clock += 1000;
		emu.setClock(clock);
		await poll('none');
	}
	return out;
}

describe('Zoho Email Trigger: Books, model-based, in any order and time zone', () => {
	// The warnings about lists in another order are expected here; kept out of the test output.
	const zoho = useZoho({ quiet: true });

	it('emits each change after activation exactly once and nothing from before; the state stays small', async () => {
		let cases = 0;
		let events = 0;
		let failed = 0;
		const orders = new Set<string>();
		await fc.assert(
			fc.asyncProperty(scenario, async (sc) => {
				cases++;
				orders.add(sc.order);
				const out = await run(zoho.emu, sc);
				events += out.eventsMade;
				failed += out.failedPolls;
				expect(new Set(out.emitted).size).toBe(out.emitted.length);
				expect([...out.emitted].sort()).toEqual([...out.expected].sort());
				const now = new Map(zoho.emu.data.books.transactions(BOOKS_ORG, 'invoices').map((d) => [String(d.invoice_id), Number(d.reminders_sent ?? 0)]));
				for (const [id, count] of now) {
					const emitted = out.reminders.get(id) ?? [];
					const base = out.base.get(id) ?? 0;
					for (let i = 1; i < emitted.length; i++) expect(emitted[i]).toBeGreaterThan(emitted[i - 1]);
					if (count > base) {
						expect(emitted[0]).toBeGreaterThan(base);
						expect(emitted[emitted.length - 1]).toBe(count);
					} else expect(emitted).toEqual([]);
				}
				expect(out.maxStateBytes).toBeLessThan(6000);
			}),
			{ numRuns: 150, seed: 20261206 },
		);
		expect(cases).toBe(150);
		expect(orders.size).toBe(ORDERS.length);
		expect(events).toBeGreaterThan(400);
		expect(failed).toBeGreaterThan(30);
	}, 300_000);
});
