import fc from 'fast-check';

import { crmEngagementRun, type CrmStep, listFault, pollStep, RECORDS, SCOPE, sendEmail, sendStep, type SentEmail } from './crmModelSupport';
import type { Emulator } from './helpers';
import { anyHost, eachScenario, pageSizeStep, restartStep, tickStep, useZoho } from './modelSupport';

/**
 * Model-based test of Reply Received and No Reply Within on chosen records, through n8n-core's
 * PollContext against the emulator, Zoho's clock under control: emails sent before and after activation,
 * replies in their threads (several, late, after the deadline), unrelated received emails, records Zoho
 * cannot read this time, failing polls, restarts on n8n 1.x and 2.x, pages of 1 to 10 emails. Whatever
 * happens: at most one reply item and one no-reply item per sent email, none for emails sent before
 * activation; every first reply within the tracking window is emitted; no No Reply item for an email
 * answered before its deadline, and exactly one for an email left unanswered past it.
 */

interface CrmReplies {
	replyToEmail: (module: string, recordId: string, messageId: string) => { message_id: string };
}

const HOUR = 3_600_000;

type Fault = 'none' | 'busy' | 'authError' | 'threadRead';
type Step =
	| CrmStep<Fault>
	| { kind: 'reply'; pick: number };

const step: fc.Arbitrary<Step> = fc.oneof(
	tickStep(fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 0, max: 600 }) }, { weight: 1, arbitrary: fc.integer({ min: 601, max: 5000 }) })),
	sendStep(fc.constantFrom(false, false, true)),
	{ weight: 4, arbitrary: fc.record({ kind: fc.constant('reply' as const), pick: fc.nat() }) },
	pollStep(fc.constantFrom<Fault>('none', 'none', 'busy', 'authError', 'threadRead')),
	restartStep,
	pageSizeStep(fc.integer({ min: 1, max: 10 })),
);

const scenario = fc.record({
	host: anyHost,
	windowHours: fc.constantFrom(1, 2),
	pageSize: fc.integer({ min: 1, max: 10 }),
	// The last polls come well after every deadline, or right after the last step.
	endLate: fc.boolean(),
	before: fc.array(step.filter((s) => s.kind === 'send' || s.kind === 'reply'), { maxLength: 4 }),
	steps: fc.array(step, { minLength: 10, maxLength: 40 }),
});
type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

interface Sent extends SentEmail {
	replies: number[];
}

interface Outcome {
	sent: Map<string, Sent>;
	replied: string[];
	noReply: string[];
	failedPolls: number;
	clock: number;
}

async function run(emu: Emulator, sc: Scenario): Promise<Outcome> {
	// No Reply Within: one hour, within a window of one or two.
	const m = crmEngagementRun(emu, sc, { engagementEvents: ['replied', 'noReply'], trackingWindowHours: sc.windowHours, noReplyHours: 1 });
	const crm = emu.data.crm as unknown as CrmReplies;
	const out: Outcome = { sent: new Map(), replied: [], noReply: [], failedPolls: 0, clock: m.clock };
	let serial = 0;
	const act = (s: Step) => {
		const list = [...out.sent.values()];
		if (s.kind === 'send') {
			const e = sendEmail(m, s, `rep-${++serial}`);
			if (e) out.sent.set(e.id, { ...e, replies: [] });
		} else if (s.kind === 'reply' && list.length) {
			const e = list[s.pick % list.length];
			crm.replyToEmail('Contacts', e.record, e.id);
			e.replies.push(m.clock);
		}
	};
	await m.activateAfter(sc.before, act, 1000);
	const poll = async (fault: Fault, record: string) => {
		const path = listFault(emu, fault, record);
		// Reading one email's thread fails: the poll fails after its lists were read.
		if (fault === 'threadRead') emu.addFault({ method: 'GET', path: new RegExp(`^${path}/`), status: 401, body: SCOPE, times: 0 });
		const result = await m.poll();
		if (result.error) expect(fault === 'authError' || fault === 'threadRead').toBe(true);
		for (const item of result.items) {
			if (item.json.event === 'replied') out.replied.push(String(item.json.messageId));
			if (item.json.event === 'noReply') out.noReply.push(String(item.json.messageId));
		}
	};
	const afresh = () => {
		expect([...out.replied, ...out.noReply]).toEqual([]);
		for (const e of out.sent.values()) e.live = false;
	};
	await m.play(sc.steps, async (s) => (s.kind === 'poll' ? await poll(s.fault, RECORDS[s.record]) : act(s)), afresh);
	if (sc.endLate) m.tick(2 * HOUR);
	await m.finish(async () => await poll('none', RECORDS[0]));
	return { ...out, failedPolls: m.failedPolls, clock: m.clock };
}

describe('Zoho Email Trigger: reply received and no reply within, generated scenarios', () => {
	const zoho = useZoho({ quiet: true });

	it('emits each first reply within the window once, and No Reply exactly when no reply came before the deadline', async () => {
		let replies = 0;
		let deadlines = 0;
		const check = (out: Outcome, sc: Scenario) => {
			expect(new Set(out.replied).size).toBe(out.replied.length);
			expect(new Set(out.noReply).size).toBe(out.noReply.length);
			for (const id of [...out.replied, ...out.noReply]) expect(out.sent.get(id)?.live).toBe(true);
			for (const e of out.sent.values()) {
				if (!e.live) continue;
				const deadline = e.sentMs + HOUR;
				const firstReply = e.replies[0];
				if (firstReply !== undefined && firstReply < e.sentMs + sc.windowHours * HOUR) {
					replies++;
					expect(out.replied).toContain(e.id);
				}
				if (firstReply !== undefined && firstReply < deadline) expect(out.noReply).not.toContain(e.id);
				if (firstReply === undefined && out.clock >= deadline) {
					deadlines++;
					expect(out.noReply).toContain(e.id);
				}
			}
		};
		const { cases, failed } = await eachScenario(scenario, { numRuns: 60, seed: 20261206 }, async (sc) => await run(zoho.emu, sc), check);
		expect(cases).toBe(60);
		expect(replies).toBeGreaterThan(50);
		expect(deadlines).toBeGreaterThan(20);
		expect(failed).toBeGreaterThan(10);
	}, 300_000);
});
