import type { PollThis } from './types';

/**
 * What the trigger needs from how n8n schedules its polls (n8n 2.41's poll executor and its durable
 * scheduler, n8n 1.x's cron; zoho-api-decisions.md, "How n8n runs the trigger's polls").
 */

/** Shortest gap between two polls of each "Poll Times" mode, in ms; a custom cron counts as a minute. */
const MODE_INTERVAL_MS: Record<string, number> = {
	everyMinute: 60_000,
	everyHour: 3_600_000,
	everyDay: 86_400_000,
	everyWeek: 7 * 86_400_000,
	everyMonth: 28 * 86_400_000,
};
const ONE_MINUTE = 60_000;

/**
 * The shortest gap between two polls, from the trigger's "Poll Times" (n8n adds the parameter to every
 * polling node). n8n's in-memory scheduler starts a poll on every tick whether or not the previous one has
 * finished, so a poll should fit in that gap. "Every N minutes" is the cron `*\/N`, which starts again at
 * each hour: its shortest gap is 60 mod N minutes when N does not divide 60 (every 7 minutes: 4 minutes
 * between :56 and :00); the same for hours within a day. Several entries, custom cron expressions and
 * unknown modes count as one minute, the shortest gap n8n allows.
 */
export function pollIntervalMs(ctx: PollThis): number {
	let times: unknown;
	try {
		times = ctx.getNodeParameter('pollTimes', {});
	} catch {
		return ONE_MINUTE;
	}
	const entries = (times as { item?: unknown } | null)?.item;
	if (!Array.isArray(entries) || entries.length !== 1) return ONE_MINUTE;
	const entry = entries[0] as { mode?: unknown; value?: unknown; unit?: unknown } | null;
	if (entry?.mode === 'everyX') {
		const n = Math.floor(Number(entry.value));
		const cycle = entry.unit === 'hours' ? 24 : 60;
		const unitMs = entry.unit === 'hours' ? 3_600_000 : ONE_MINUTE;
		if (!Number.isFinite(n) || n < 1 || (entry.unit !== 'hours' && entry.unit !== 'minutes')) return ONE_MINUTE;
		const gap = cycle % n === 0 || n > cycle ? Math.min(n, cycle) : cycle % n;
		return Math.max(ONE_MINUTE, gap * unitMs);
	}
	if (typeof entry?.mode === 'string' && Object.prototype.hasOwnProperty.call(MODE_INTERVAL_MS, entry.mode))
		return MODE_INTERVAL_MS[entry.mode];
	return ONE_MINUTE;
}

/**
 * Polls of one trigger running now in this n8n process, by workflow and node: n8n's in-memory scheduler
 * (2.x and 1.x) starts the next poll while a slow one is still running, both on the same saved state,
 * and n8n 2.x's durable scheduler runs a poll that was cut off again beside the next one. A poll that
 * finds another one of its trigger running does nothing: the running one emits, and the next poll goes
 * on from where it stopped.
 */
const RUNNING = new Map<string, number>();
/** A clock that only moves forward: a wall clock set forward must not make a running poll look lost. */
const monotonicMs = (): number => performance.now();
/** A poll still marked as running after this long is taken to be lost (its process state is wrong). */
const LOST_AFTER_MS = 15 * 60_000;

/**
 * Marks this trigger's poll as running; undefined when another poll of it still runs. Call the result
 * when done. `first`: the poll has no state yet (an activation); it emits nothing, so it runs beside a
 * poll left from before (a deactivated workflow's) and sets the new starting point.
 */
export function claimPoll(ctx: PollThis, first = false): (() => void) | undefined {
	const key = `${ctx.getWorkflow().id ?? ''}\u0000${ctx.getNode().id ?? ctx.getNode().name}`;
	const now = monotonicMs();
	const since = RUNNING.get(key);
	if (since !== undefined && now - since < LOST_AFTER_MS && !first) {
		ctx.logger.info('Zoho Email Trigger: the previous poll is still running; this one is skipped', {
			runningForMs: now - since,
		});
		return undefined;
	}
	RUNNING.set(key, now);
	return () => {
		if (RUNNING.get(key) === now) RUNNING.delete(key);
	};
}

/**
 * n8n 2.x's durable scheduler keeps a poll's state only when the poll emits or, for a scheduled poll,
 * when it ends with nothing to emit; the activation poll's state is dropped, so the first scheduled poll
 * would start from its own "now" and miss what came in between. A poll that ends with nothing to emit
 * commits its state itself. The call is a no-op where the state is not staged (n8n 1.x, and 2.x without
 * durable cursors) and for the scheduled polls, whose state n8n then finds already committed.
 */
export async function keepStateOfQuietPoll(ctx: PollThis): Promise<void> {
	const commit = (ctx as { __commitCursor?: unknown }).__commitCursor;
	if (typeof commit === 'function') await (commit as () => Promise<void>).call(ctx);
}
