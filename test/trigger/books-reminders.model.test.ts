import fc from 'fast-check';
import type { IDataObject } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { PollHarness } from '../harness/poll';
import { BOOKS_ORG, harness, type Emulator } from './helpers';
import { useZoho } from './modelSupport';

/**
 * Model-based test of the Books trigger's payment reminder event, through n8n-core's PollContext
 * against the emulator: reminders (several between two polls, or in the same second as another change),
 * other changes, new invoices, failing polls and restarts, on n8n 1.x and 2.x. Whatever happens, each
 * invoice's reminder events carry strictly growing counts above its count at activation (nothing is
 * emitted twice), and after a last successful poll its last event shows its current count.
 */

interface BooksEvents {
	addDocument: (orgId: string, entity: string, fields?: IDataObject) => IDataObject;
	remindInvoice: (orgId: string, invoiceId: string) => IDataObject;
}

const SEEDED = ['460000000040001', '460000000040004'];

type Step = { kind: 'remind'; invoice: number } | { kind: 'change'; invoice: number } | { kind: 'create' } | { kind: 'poll'; fail: boolean } | { kind: 'restart' };

const step: fc.Arbitrary<Step> = fc.oneof(
	{ weight: 4, arbitrary: fc.record({ kind: fc.constant('remind' as const), invoice: fc.nat(4) }) },
	{ weight: 2, arbitrary: fc.record({ kind: fc.constant('change' as const), invoice: fc.nat(4) }) },
	{ weight: 1, arbitrary: fc.constant<Step>({ kind: 'create' }) },
	{ weight: 4, arbitrary: fc.record({ kind: fc.constant('poll' as const), fail: fc.boolean() }) },
	{ weight: 1, arbitrary: fc.constant<Step>({ kind: 'restart' }) },
);

const scenario = fc.record({
	host: fc.constantFrom('n8n2' as const, 'n8n2durable' as const, 'n8n1' as const),
	steps: fc.array(step, { minLength: 1, maxLength: 25 }),
});

describe('Zoho Email Trigger: Books payment reminders, generated scenarios', () => {
	const zoho = useZoho();
	let emu: Emulator;
	beforeAll(() => (emu = zoho.emu));

	it('emits each invoice\'s reminders with strictly growing counts, once, ending at its current count', async () => {
		let runs = 0;
		let emittedTotal = 0;
		await fc.assert(
			fc.asyncProperty(scenario, async (sc) => {
				runs++;
				emu.reset();
				const books = emu.data.books as unknown as BooksEvents;
				const invoice = (id: string) => emu.data.books.transactions(BOOKS_ORG, 'invoices').find((i) => i.invoice_id === id) as IDataObject;
				// Reminded once before activation, its change then a minute old.
				books.remindInvoice(BOOKS_ORG, SEEDED[0]);
				Object.assign(invoice(SEEDED[0]), { _modifiedTs: Date.now() - 60_000, last_modified_time: new Date(Date.now() - 60_000).toISOString().replace(/\.\d{3}Z$/, '+0000') });
				const ids = [...SEEDED];
				const parameters = { source: 'booksEmailed', organizationId: BOOKS_ORG, transactionTypes: ['invoice'], paymentReminders: true };
				const count = (id: string) => Number(invoice(id).reminders_sent ?? 0);
				// The count each invoice had when the trigger last started afresh: reminders up to it are not owed.
				let base = new Map(ids.map((id) => [id, count(id)]));
				const emitted = new Map<string, number[]>();
				let h: PollHarness = harness(emu, parameters, sc.host);
				const activation = await h.poll();
				if (activation.error) throw activation.error;
				const poll = async (fail: boolean) => {
					// A failure that is not retried (a 5xx would be, after real waits).
					if (fail) emu.addFault({ method: 'GET', path: '/books/v3/invoices', status: 400, body: { code: 2, message: 'Invalid value passed for sort_column' }, times: 0 });
					const out = await h.poll();
					emu.clearFaults();
					if (fail) expect(out.error).toBeDefined();
					else if (out.error) throw out.error;
					for (const item of out.items) {
						if (item.json.event !== 'paymentReminder') continue;
						const id = String(item.json.documentId);
						emitted.set(id, [...(emitted.get(id) ?? []), Number(item.json.remindersSent)]);
					}
				};
				for (const s of sc.steps) {
					if (s.kind === 'remind' && s.invoice < ids.length) books.remindInvoice(BOOKS_ORG, ids[s.invoice]);
					if (s.kind === 'change' && s.invoice < ids.length) {
						const now = Date.now();
						Object.assign(invoice(ids[s.invoice]), { total: Number(invoice(ids[s.invoice]).total) + 1, _modifiedTs: now, last_modified_time: new Date(now).toISOString().replace(/\.\d{3}Z$/, '+0000') });
					}
					if (s.kind === 'create' && ids.length < 5) {
						const id = String(books.addDocument(BOOKS_ORG, 'invoices', { status: 'sent' }).invoice_id);
						ids.push(id);
						base.set(id, 0);
					}
					if (s.kind === 'poll') await poll(s.fail);
					if (s.kind === 'restart') {
						h = harness(emu, parameters, sc.host, undefined, h.saved as IDataObject);
						// n8n 1.x saves static data only when a poll emits: a trigger that never emitted starts afresh.
						if (!(h.saved['node:Zoho Email Trigger'] as IDataObject | undefined)?.zohoEmailTrigger) {
							// Books' times stop at the second: a change in the very second of a fresh start is
							// ambiguous (README, Limits), so the fresh start comes in the next second.
							await sleep(1000 - (Date.now() % 1000) + 5);
							base = new Map(ids.map((id) => [id, count(id)]));
							const first = await h.poll();
							if (first.error) throw first.error;
							expect(first.items).toEqual([]);
						}
					}
				}
				await poll(false);
				for (const id of ids) {
					const counts = emitted.get(id) ?? [];
					emittedTotal += counts.length;
					for (let i = 1; i < counts.length; i++) expect(counts[i]).toBeGreaterThan(counts[i - 1]);
					if (counts.length) expect(counts[0]).toBeGreaterThan(base.get(id) ?? 0);
					if (count(id) > (base.get(id) ?? 0)) expect(counts[counts.length - 1]).toBe(count(id));
					else expect(counts).toEqual([]);
				}
			}),
			{ numRuns: 60, seed: 15 },
		);
		expect(runs).toBe(60);
		expect(emittedTotal).toBeGreaterThan(30);
	});
});
