import fc from 'fast-check';

import { crmEngagementRun, type CrmStep, listFault, pollStep, RECORDS, sendEmail, sendStep, type SentEmail } from './crmModelSupport';
import type { Emulator } from './helpers';
import { anyHost, eachScenario, pageSizeStep, restartStep, tickStep, useZoho } from './modelSupport';

/**
 * Model-based test of the opened and bounced events of chosen records, through n8n-core's PollContext
 * against the emulator, Zoho's clock under control: emails sent and received, opened once or many times
 * between two polls, bounced, before and after activation; records skipped (CANNOT_PROCESS), polls that
 * fail, restarts on n8n 1.x and 2.x, pages of 1 to 10 emails, tracking windows shorter and longer than
 * the scenario. Whatever happens: no event twice, none for an email sent before activation, and every
 * open and bounce that happened within the tracking window is emitted (first open once; with Every New
 * Open, growing counts ending at the last count).
 */

interface CrmEngagement {
	openEmail: (module: string, recordId: string, messageId: string, times?: number) => unknown;
	bounceEmail: (module: string, recordId: string, messageId: string) => unknown;
}

type Fault = 'none' | 'busy' | 'authError';
type Step =
	| CrmStep<Fault>
	| { kind: 'open'; pick: number; times: number }
	| { kind: 'bounce'; pick: number };

const step: fc.Arbitrary<Step> = fc.oneof(
	tickStep(fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 0, max: 60 }) }, { weight: 1, arbitrary: fc.integer({ min: 61, max: 4000 }) })),
	sendStep(fc.constantFrom(false, false, false, true)),
	{ weight: 5, arbitrary: fc.record({ kind: fc.constant('open' as const), pick: fc.nat(), times: fc.integer({ min: 1, max: 3 }) }) },
	{ weight: 2, arbitrary: fc.record({ kind: fc.constant('bounce' as const), pick: fc.nat() }) },
	pollStep(fc.constantFrom<Fault>('none', 'none', 'busy', 'authError')),
	restartStep,
	pageSizeStep(fc.integer({ min: 1, max: 10 })),
);

const scenario = fc.record({
	host: anyHost,
	windowHours: fc.constantFrom(1, 72),
	everyOpen: fc.boolean(),
	pageSize: fc.integer({ min: 1, max: 10 }),
	before: fc.array(fc.oneof(step.filter((s) => s.kind === 'send' || s.kind === 'open' || s.kind === 'bounce')), { maxLength: 5 }),
	steps: fc.array(step, { minLength: 10, maxLength: 40 }),
});
type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

interface Sent extends SentEmail {
	opens: Array<{ ms: number; count: number }>;
	bouncedMs?: number;
}

interface Outcome {
	sent: Map<string, Sent>;
	opened: Map<string, number[]>;
	bounced: string[];
	failedPolls: number;
	maxStateBytes: number;
}

async function run(emu: Emulator, sc: Scenario): Promise<Outcome> {
	const m = crmEngagementRun(emu, sc, { engagementEvents: ['opened', 'bounced'], everyOpen: sc.everyOpen, trackingWindowHours: sc.windowHours });
	const crm = emu.data.crm as unknown as CrmEngagement;
	const out: Outcome = { sent: new Map(), opened: new Map(), bounced: [], failedPolls: 0, maxStateBytes: 0 };
	let serial = 0;
	const act = (s: Step) => {
		const list = [...out.sent.values()];
		if (s.kind === 'send') {
			const e = sendEmail(m, s, `eng-${++serial}`);
			if (e) out.sent.set(e.id, { ...e, opens: [] });
		} else if (s.kind === 'open' && list.length) {
			const e = list[s.pick % list.length];
			crm.openEmail('Contacts', e.record, e.id, s.times);
			e.opens.push({ ms: m.clock, count: (e.opens[e.opens.length - 1]?.count ?? 0) + s.times });
		} else if (s.kind === 'bounce' && list.length) {
			const e = list[s.pick % list.length];
			crm.bounceEmail('Contacts', e.record, e.id);
			e.bouncedMs ??= m.clock;
		}
	};
	await m.activateAfter(sc.before, act, 1000);
	const poll = async (fault: Fault, record: string) => {
		listFault(emu, fault, record);
		const result = await m.poll();
		if (result.error) expect(fault).toBe('authError');
		for (const item of result.items) {
			const id = String(item.json.messageId);
			if (item.json.event === 'opened') out.opened.set(id, [...(out.opened.get(id) ?? []), Number(item.json.openCount)]);
			if (item.json.event === 'bounced') out.bounced.push(id);
		}
	};
	const afresh = () => {
		expect([...out.opened.keys(), ...out.bounced]).toEqual([]);
		for (const e of out.sent.values()) e.live = false;
	};
	await m.play(sc.steps, async (s) => (s.kind === 'poll' ? await poll(s.fault, RECORDS[s.record]) : act(s)), afresh);
	await m.finish(async () => await poll('none', RECORDS[0]));
	return { ...out, failedPolls: m.failedPolls, maxStateBytes: m.maxStateBytes };
}

describe('Zoho Email Trigger: opened and bounced, generated scenarios', () => {
	// The warnings about records Zoho could not read this time are expected here.
	const zoho = useZoho({ quiet: true });

	it('emits each open and bounce within the tracking window once, nothing for emails sent before activation', async () => {
		let owed = 0;
		const check = (out: Outcome, sc: Scenario) => {
			expect(new Set(out.bounced).size).toBe(out.bounced.length);
			for (const [id, counts] of out.opened) {
				const e = out.sent.get(id) as Sent;
				expect(e.live).toBe(true);
				expect(counts.length).toBeLessThanOrEqual(sc.everyOpen ? Infinity : 1);
				for (let i = 1; i < counts.length; i++) expect(counts[i]).toBeGreaterThan(counts[i - 1]);
			}
			for (const id of out.bounced) expect(out.sent.get(id)?.live).toBe(true);
			for (const e of out.sent.values()) {
				const within = (ms: number) => e.live && ms < e.sentMs + sc.windowHours * 3_600_000;
				const counts = out.opened.get(e.id) ?? [];
				if (e.opens.length && within(e.opens[0].ms)) {
					owed++;
					expect(counts.length).toBeGreaterThan(0);
					const last = e.opens.filter((o) => within(o.ms)).pop() as { count: number };
					if (sc.everyOpen) expect(counts[counts.length - 1]).toBeGreaterThanOrEqual(last.count);
				}
				if (e.bouncedMs !== undefined && within(e.bouncedMs)) {
					owed++;
					expect(out.bounced).toContain(e.id);
				}
			}
			expect(out.maxStateBytes).toBeLessThan(8000);
		};
		const { cases, failed } = await eachScenario(scenario, { numRuns: 70, seed: 20261206 }, async (sc) => await run(zoho.emu, sc), check);
		expect(cases).toBe(70);
		expect(owed).toBeGreaterThan(100);
		expect(failed).toBeGreaterThan(10);
	}, 300_000);
});
