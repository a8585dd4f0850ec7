import axios, { type AxiosResponse } from 'axios';
import fc from 'fast-check';
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import type { Host, PollHarness, PollOutcome } from '../harness/poll';
import { captureLogs } from '../faults/helpers';
import { harness, second, startZoho, type Emulator } from './helpers';

/**
 * What the trigger tests against the emulator share: one emulator per file, Zoho's clock under the
 * test's control, and the run of a generated scenario (activation, polls that may fail, restarts on n8n
 * 1.x and 2.x, the clean polls at the end).
 */

/** Every host a scenario may run on. */
export const anyHost = fc.constantFrom<Host>('n8n2', 'n8n2durable', 'n8n1');
/** A tick of Zoho's clock in a scenario, at weight 3. */
export function tickStep(seconds: fc.Arbitrary<number>) {
	return { weight: 3, arbitrary: fc.record({ kind: fc.constant('tick' as const), seconds }) };
}
/** The restart step of a scenario, at weight 1. */
export const restartStep = { weight: 1, arbitrary: fc.constant({ kind: 'restart' as const }) };
/** A page-size step of a scenario, at weight 1. */
export function pageSizeStep(size: fc.Arbitrary<number>) {
	return { weight: 1, arbitrary: fc.record({ kind: fc.constant('pageSize' as const), size }) };
}

export interface Zoho {
	/** The emulator, started before the file's tests and stopped after them. */
	readonly emu: Emulator;
	/** Zoho's clock (ms); with `perTest`, set afresh before each test. */
	clock: number;
	/** Moves Zoho's clock forward by `ms`. */
	tick: (ms: number) => void;
	/** Adds a sent email ("Quote") to a Contacts record at Zoho's clock; returns its message_id. */
	send: (recordId: string, fields?: IDataObject) => string;
	/** POSTs to the emulator's admin endpoint, whatever its status. */
	admin: (path: string, body: IDataObject) => Promise<AxiosResponse>;
}

export interface ZohoOptions {
	/** Keeps the trigger's warnings out of the test output (they are expected). */
	quiet?: boolean;
	/** Before each test: an emulator reset; with `clockFromNow`, Zoho's clock set to now (whole seconds) plus this (ms). */
	perTest?: { clockFromNow?: number };
}

/** Starts the emulator for the file (jest hooks) and hands out Zoho's clock. */
export function useZoho(options: ZohoOptions = {}): Zoho {
	let emu: Emulator | undefined;
	if (options.quiet) captureLogs();
	const zoho: Zoho = {
		get emu(): Emulator {
			if (!emu) throw new Error('the emulator is not started yet');
			return emu;
		},
		clock: 0,
		tick: (ms) => {
			zoho.clock += ms;
			zoho.emu.setClock(zoho.clock);
		},
		send: (recordId, fields = {}) => String(zoho.emu.data.crm.addEmails('Contacts', recordId, [{ time: new Date(zoho.clock).toISOString(), subject: 'Quote', ...fields }])[0].message_id),
		admin: async (path, body) => await axios.post(`${zoho.emu.url}/__admin/${path}`, body, { validateStatus: () => true }),
	};
	beforeAll(async () => {
		emu = await startZoho();
	});
	afterAll(async () => await emu?.stop());
	const perTest = options.perTest;
	if (perTest) {
		beforeEach(() => {
			zoho.emu.reset();
			if (perTest.clockFromNow === undefined) return;
			zoho.clock = second(Date.now()) + perTest.clockFromNow;
			zoho.emu.setClock(zoho.clock);
		});
	}
	return zoho;
}

export interface ModelRunOptions {
	emu: Emulator;
	parameters: INodeParameters;
	host: Host;
	/** Zoho's clock at the start (ms). */
	clock: number;
	/** Checks the activating poll's items (it throws on an error) and notes what activation owes. */
	onActivate: (items: INodeExecutionData[]) => void;
	/** The emulator's limit that a page-size step sets. */
	pageLimit: 'emailsPerPage' | 'booksPerPage';
}

/** The steps every scenario has, played by ModelRun. */
export type CommonStep = { kind: 'tick'; seconds: number } | { kind: 'restart' } | { kind: 'pageSize'; size: number };

/**
 * One generated scenario's trigger: Zoho's clock, the harness (replaced on each restart), whether the
 * trigger is active ("live"), and a tally of failed polls and the largest state saved.
 */
export class ModelRun {
	clock: number;
	live = false;
	failedPolls = 0;
	maxStateBytes = 0;
	private h?: PollHarness;

	readonly emu: Emulator;

	constructor(private readonly options: ModelRunOptions) {
		this.emu = options.emu;
		this.clock = options.clock;
		options.emu.setClock(this.clock);
	}

	tick(ms: number): void {
		this.clock += ms;
		this.options.emu.setClock(this.clock);
	}

	/**
	 * What happened before activation, `apartMs` between two steps; then the trigger is activated a minute
	 * later (a later second than anything before it: Zoho's times have seconds only).
	 */
	async activateAfter<A>(before: A[], act: (a: A) => void, apartMs: number): Promise<void> {
		for (const a of before) {
			act(a);
			if (apartMs) this.tick(apartMs);
		}
		this.tick(60_000);
		await this.activate();
	}

	/** Activates the trigger: its first poll, which must not fail. */
	async activate(): Promise<void> {
		this.h ??= harness(this.options.emu, this.options.parameters, this.options.host);
		const first = await this.h.poll();
		if (first.error) throw first.error;
		this.options.onActivate(first.items);
		this.live = true;
	}

	/** One poll; the faults set up for it are cleared after it. */
	async poll(): Promise<PollOutcome> {
		const result = await (this.h as PollHarness).poll();
		this.options.emu.clearFaults();
		if (result.error) this.failedPolls++;
		this.maxStateBytes = Math.max(this.maxStateBytes, (this.h as PollHarness).stateBytes());
		return result;
	}

	/**
	 * n8n restarts with what it saved. True when nothing was saved: n8n 1.x saves static data only when a
	 * poll emits, so a trigger that never emitted starts afresh.
	 */
	restart(): boolean {
		const h = harness(this.options.emu, this.options.parameters, this.options.host, undefined, (this.h as PollHarness).saved);
		this.h = h;
		return !(h.saved['node:Zoho Email Trigger'] as IDataObject | undefined)?.zohoEmailTrigger;
	}

	/** After a restart that lost everything: activated again, in a later second than the last change. */
	async startAfresh(): Promise<void> {
		this.live = false;
		this.tick(1000);
		await this.activate();
	}

	/**
	 * Plays the steps: ticks of Zoho's clock, restarts (`onAfresh` checks and forgets what a fresh start
	 * no longer owes) and page sizes here, the scenario's own steps through `own`.
	 */
	async play<S extends { kind: string }>(steps: Array<S | CommonStep>, own: (s: Exclude<S, CommonStep>) => unknown, onAfresh: () => void): Promise<void> {
		for (const s of steps as Array<CommonStep | Exclude<S, CommonStep>>) {
			if (s.kind === 'tick') this.tick((s as { seconds: number }).seconds * 1000);
			else if (s.kind === 'pageSize') this.emu.setLimits({ [this.options.pageLimit]: (s as { size: number }).size });
			else if (s.kind !== 'restart') await own(s as Exclude<S, CommonStep>);
			else if (this.restart()) {
				onAfresh();
				await this.startAfresh();
			}
		}
	}

	/** Faults over, Zoho's clock past the last second anything happened in: two clean polls. */
	async finish(poll: () => Promise<unknown>): Promise<void> {
		for (let n = 0; n < 2; n++) {
			this.tick(1000);
			await poll();
		}
	}
}

/**
 * Runs `numRuns` generated scenarios (fixed seed) through `run` and checks each outcome; returns how many
 * ran and how many of their polls failed, for the test to check the generator's reach.
 */
export async function eachScenario<S, O extends { failedPolls: number }>(
	scenario: fc.Arbitrary<S>,
	settings: { numRuns: number; seed: number },
	run: (sc: S) => Promise<O>,
	check: (out: O, sc: S) => void,
): Promise<{ cases: number; failed: number }> {
	const tally = { cases: 0, failed: 0 };
	await fc.assert(
		fc.asyncProperty(scenario, async (sc) => {
			tally.cases++;
			const out = await run(sc);
			tally.failed += out.failedPolls;
			check(out, sc);
		}),
		settings,
	);
	return tally;
}
