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
const UNIT_MS: Record<string, number> = { minutes: 60_000, hours: 3_600_000 };
const ONE_MINUTE = 60_000;

/**
 * The shortest interval of the trigger's "Poll Times" (n8n adds the parameter to every polling node).
 * n8n's in-memory scheduler starts a poll on every tick whether or not the previous one has finished, so
 * a poll should fit in it. Unknown modes and custom cron expressions count as one minute, the shortest
 * interval n8n allows.
 */
export function pollIntervalMs(ctx: PollThis): number {
	let times: unknown;
	try {
		times = ctx.getNodeParameter('pollTimes', {});
	} catch {
		return ONE_MINUTE;
	}
	const entries = (times as { item?: unknown } | null)?.item;
	if (!Array.isArray(entries) || entries.length === 0) return ONE_MINUTE;
	let shortest = Infinity;
	for (const entry of entries as Array<{ mode?: unknown; value?: unknown; unit?: unknown }>) {
		let ms = ONE_MINUTE;
		if (entry?.mode === 'everyX') ms = Math.max(1, Number(entry.value) || 1) * (UNIT_MS[String(entry.unit)] ?? ONE_MINUTE);
		else if (typeof entry?.mode === 'string' && MODE_INTERVAL_MS[entry.mode]) ms = MODE_INTERVAL_MS[entry.mode];
		shortest = Math.min(shortest, ms);
	}
	return Math.max(ONE_MINUTE, shortest);
}

/**
 * Polls of one trigger running now in this n8n process, by workflow and node: n8n's in-memory scheduler
 * (2.x and 1.x) starts the next poll while a slow one is still running, both on the same saved state,
 * and n8n 2.x's durable scheduler runs a poll that was cut off again beside the next one. A poll that
 * finds another one of its trigger running does nothing: the running one emits, and the next poll goes
 * on from where it stopped.
 */
const RUNNING = new Map<string, number>();
/** A poll still marked as running after this long is taken to be lost (its process state is wrong). */
const LOST_AFTER_MS = 15 * 60_000;

/** Marks this trigger's poll as running; undefined when another poll of it still runs. Call the result when done. */
export function claimPoll(ctx: PollThis): (() => void) | undefined {
	const key = `${ctx.getWorkflow().id ?? ''}\u0000${ctx.getNode().id ?? ctx.getNode().name}`;
	const now = Date.now();
	const since = RUNNING.get(key);
	if (since !== undefined && now - since < LOST_AFTER_MS) {
		ctx.logger.info('Zoho Email Trigger: the previous poll is still running; this one is skipped', { runningForMs: now - since });
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
