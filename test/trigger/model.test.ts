import fc from 'fast-check';
import type { IDataObject } from 'n8n-workflow';

import type { PollHarness } from '../harness/poll';
import { crmRecordsParameters, harness, KAYLEIGH, MACLEAD, second, type Emulator } from './helpers';
import { useZoho } from './modelSupport';

/**
 * Model-based test of the chosen-records trigger, driven through n8n-core's PollContext against the
 * emulator. Zoho's clock is the emulator's Date header; emails arrive dated at Zoho's clock, a little or
 * far ahead of it (a sender's clock), or late (a mailbox sync delivering an email dated before the newest
 * one already there, within the Late Arrival Window); polls fail or skip records; n8n restarts; page
 * sizes change; with or without "Fetch Full Email". Whatever happens: every email that arrived after activation and was not deleted is
 * emitted, nothing is emitted twice, nothing is emitted that did not arrive, and the state stays small.
 */

const RECORDS = [MACLEAD, KAYLEIGH];
const emailsPath = (id: string) => `/crm/v8/Contacts/${id}/Emails`;
const CANNOT_PROCESS = { code: 'CANNOT_PROCESS', details: {}, message: 'sync in progress', status: 'error' };
const TOO_MANY = { code: 'TOO_MANY_REQUESTS', details: {}, message: 'limit', status: 'error' };
const SCOPE = { code: 'OAUTH_SCOPE_MISMATCH', details: {}, message: 'invalid oauth scope to access this URL', status: 'error' };

type Dating = { kind: 'now' } | { kind: 'ahead'; seconds: number } | { kind: 'late'; fraction: number };
type Fault = 'none' | 'busy' | 'busyLaterPage' | 'rateLimit' | 'authError' | 'serverError';
type Step =
	| { kind: 'tick'; seconds: number }
	| { kind: 'arrive'; record: number; count: number; dating: Dating }
	| { kind: 'delete'; record: number; pick: number }
	| { kind: 'poll'; fault: Fault; record: number }
	| { kind: 'restart' }
	| { kind: 'pageSize'; size: number };

const dating: fc.Arbitrary<Dating> = fc.oneof(
	{ weight: 3, arbitrary: fc.constant<Dating>({ kind: 'now' }) },
	{ weight: 2, arbitrary: fc.record({ kind: fc.constant('ahead' as const), seconds: fc.integer({ min: 1, max: 30 }) }) },
	{ weight: 1, arbitrary: fc.record({ kind: fc.constant('ahead' as const), seconds: fc.integer({ min: 31, max: 7200 }) }) },
	{ weight: 2, arbitrary: fc.record({ kind: fc.constant('late' as const), fraction: fc.double({ min: 0, max: 1, noNaN: true }) }) },
);

const step: fc.Arbitrary<Step> = fc.oneof(
	{ weight: 3, arbitrary: fc.record({ kind: fc.constant('tick' as const), seconds: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 4, max: 600 })) }) },
	{ weight: 4, arbitrary: fc.record({ kind: fc.constant('arrive' as const), record: fc.nat(RECORDS.length - 1), count: fc.integer({ min: 1, max: 4 }), dating }) },
	{ weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), record: fc.nat(RECORDS.length - 1), pick: fc.nat() }) },
	{
		weight: 4,
		arbitrary: fc.record({
			kind: fc.constant('poll' as const),
			fault: fc.constantFrom<Fault>('none', 'none', 'none', 'busy', 'busyLaterPage', 'rateLimit', 'authError', 'serverError'),
			record: fc.nat(RECORDS.length - 1),
		}),
	},
	{ weight: 1, arbitrary: fc.constant<Step>({ kind: 'restart' }) },
	{ weight: 1, arbitrary: fc.record({ kind: fc.constant('pageSize' as const), size: fc.integer({ min: 1, max: 10 }) }) },
);

const scenario = fc.record({
	host: fc.constantFrom('n8n2' as const, 'n8n2durable' as const, 'n8n1' as const),
	lateWindowMinutes: fc.constantFrom(0, 0, 5),
	includeBody: fc.boolean(),
	pageSize: fc.integer({ min: 1, max: 10 }),
	steps: fc.array(step, { minLength: 1, maxLength: 30 }),
});

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

interface Outcome {
	arrived: Set<string>;
	beforeActivation: Set<string>;
	deleted: Set<string>;
	emitted: string[];
	maxStateBytes: number;
	failedPolls: number;
}

function addFault(emu: Emulator, fault: Fault, recordId: string): void {
	const path = emailsPath(recordId);
	if (fault === 'busy') emu.addFault({ method: 'GET', path, status: 400, body: CANNOT_PROCESS, times: 1 });
	if (fault === 'busyLaterPage') emu.addFault({ method: 'GET', path, query: { index: true }, status: 400, body: CANNOT_PROCESS, times: 1 });
	if (fault === 'rateLimit') emu.addFault({ method: 'GET', path, status: 429, headers: { 'Retry-After': '0' }, body: TOO_MANY, times: 0 });
	if (fault === 'authError') emu.addFault({ method: 'GET', path, status: 401, body: SCOPE, times: 0 });
	if (fault === 'serverError') emu.addFault({ method: 'GET', path, query: { index: true }, status: 500, times: 0 });
}

async function run(emu: Emulator, sc: Scenario): Promise<Outcome> {
	emu.reset();
	emu.setLimits({ emailsPerPage: sc.pageSize });
	let clock = second(Date.now());
	emu.setClock(clock);
	const lateMs = sc.lateWindowMinutes * 60_000;
	const parameters = crmRecordsParameters(RECORDS, { fetchFullEmail: sc.includeBody, options: { lateWindowMinutes: sc.lateWindowMinutes } });
	let h: PollHarness = harness(emu, parameters, sc.host);
	const activation = await h.poll();
	if (activation.error) throw activation.error;

	const out: Outcome = { arrived: new Set(), beforeActivation: new Set(), deleted: new Set(), emitted: [], maxStateBytes: 0, failedPolls: 0 };
	// Per record: the newest email time not ahead of Zoho's clock at any poll (from activation on). A late
	// email is dated no earlier than this minus the Late Arrival Window: what the README promises to catch.
	const newestSeen = RECORDS.map(() => clock);
	const stored = (id: string) => emu.data.store.crm.emails[`Contacts/${id}`] ?? [];
	let serial = 0;
	const poll = async () => {
		RECORDS.forEach((id, r) => {
			for (const e of stored(id)) if ((e._ts as number) <= clock) newestSeen[r] = Math.max(newestSeen[r], e._ts as number);
		});
		const result = await h.poll();
		if (result.error) out.failedPolls++;
		out.emitted.push(...result.items.map((i) => String(i.json.message_id)));
		out.maxStateBytes = Math.max(out.maxStateBytes, h.stateBytes());
		emu.clearFaults();
	};

	for (const s of sc.steps) {
		if (s.kind === 'tick') {
			clock += s.seconds * 1000;
			emu.setClock(clock);
		} else if (s.kind === 'arrive') {
			let time = clock;
			if (s.dating.kind === 'ahead') time = clock + s.dating.seconds * 1000;
			if (s.dating.kind === 'late') {
				const from = newestSeen[s.record] - lateMs;
				time = from + Math.floor(((clock - from) / 1000) * s.dating.fraction) * 1000;
			}
			const emails = Array.from({ length: s.count }, () => ({ time: new Date(time).toISOString(), message_id: `model-${++serial}`, subject: `at ${time}` }));
			for (const e of emu.data.crm.addEmails('Contacts', RECORDS[s.record], emails)) out.arrived.add(String(e.message_id));
		} else if (s.kind === 'delete') {
			const list = stored(RECORDS[s.record]);
			if (list.length > 0) {
				const [gone] = list.splice(s.pick % list.length, 1);
				out.deleted.add(String(gone.message_id));
			}
		} else if (s.kind === 'poll') {
			addFault(emu, s.fault, RECORDS[s.record]);
			await poll();
		} else if (s.kind === 'restart') {
			h = harness(emu, parameters, sc.host, undefined, h.saved as IDataObject);
			if (!(h.saved['node:Zoho Email Trigger'] as IDataObject | undefined)?.zohoEmailTrigger) {
				// n8n 1.x saves static data only when a poll emits: a trigger that never emitted is
				// activated afresh, from Zoho's clock now. What arrived before is not owed.
				for (const id of out.arrived) out.beforeActivation.add(id);
				out.arrived.clear();
				const again = await h.poll();
				if (again.error) throw again.error;
				newestSeen.fill(clock);
			}
		} else {
			emu.setLimits({ emailsPerPage: s.size });
		}
	}
	// Faults over: two clean polls emit whatever is left.
	for (let n = 0; n < 2; n++) {
		clock += 1000;
		emu.setClock(clock);
		await poll();
	}
	return out;
}

describe('Zoho Email Trigger: model-based, whatever the clocks do', () => {
	const zoho = useZoho();
	let cases = 0;

	it('every email that arrived after activation is emitted exactly once; the state stays small', async () => {
		let arrivedTotal = 0;
		let failedTotal = 0;
		await fc.assert(
			fc.asyncProperty(scenario, async (sc) => {
				cases++;
				const out = await run(zoho.emu, sc);
				arrivedTotal += out.arrived.size;
				failedTotal += out.failedPolls;
				expect(new Set(out.emitted).size).toBe(out.emitted.length);
				for (const id of out.emitted) expect(out.arrived.has(id)).toBe(true);
				const expected = [...out.arrived].filter((id) => !out.deleted.has(id)).sort();
				expect(out.emitted.filter((id) => !out.deleted.has(id)).sort()).toEqual(expected);
				expect(out.maxStateBytes).toBeLessThan(3000);
			}),
			{ numRuns: 80, seed: 20261201 },
		);
		// The generator really produced arrivals and failing polls.
		expect(cases).toBe(80);
		expect(arrivedTotal).toBeGreaterThan(200);
		expect(failedTotal).toBeGreaterThan(10);
	}, 120_000);
});
