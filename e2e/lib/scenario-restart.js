// @ts-check
'use strict';

const { emissions, tally } = require('./emissions');
const { seconds, waitFor } = require('./proc');
const { TRIGGER_SCENARIOS, workflowId } = require('./scenario-workflows');
const { activate, activationPoll, addArriving, deactivate, emailsPath, listReads } = require('./scenario-triggers');

/**
 * Scenario e of e2e/scenarios.js: it restarts the n8n instance, so it runs alone, after a-d.
 *
 * @typedef {import('./scenario-triggers').Ctx} Ctx
 * @typedef {import('./scenario-triggers').TriggerRow} TriggerRow
 */

/**
 * Scenario e: deactivate and activate again; SIGTERM during a poll, start again; SIGKILL during a poll,
 * start again. Every email added while the workflow is active must
 * come out once; an email emitted again after the SIGKILL is reported as a re-delivery and accepted
 * only when its first emission was within n8n's at-least-once window (the execution saved, the
 * trigger's state not yet) right before the kill.
 * @param {Ctx} ctx
 * @returns {Promise<TriggerRow>}
 */
async function restartScenario(ctx) {
	const { emulator, n8n, log } = ctx;
	const s = TRIGGER_SCENARIOS.restart;
	const id = workflowId(s);
	/** @type {string[]} */
	const added = [];
	/** @type {string[]} */
	const notes = [];
	const add = async (/** @type {number} */ count) => {
		added.push(...(await addArriving(ctx, s.module, s.records[0], count)));
	};
	await activate(ctx, id);
	await activationPoll(ctx, s);

	// Reactivation: an email emitted before, two added while the workflow is inactive (counted apart:
	// n8n keeps the trigger's state, so the trigger goes on from where it stopped and emits them once).
	await add(1);
	await waitFor('the email of e before the deactivation', async () => tally(added, (await emissions(n8n, ctx.apiKey, id, ctx.triggerName)).byMessage).lost === 0, { timeoutMs: 150000, intervalMs: 2000 });
	await deactivate(ctx, id);
	const inactive = await addArriving(ctx, s.module, s.records[0], 2);
	await emulator.clearRequests();
	await activate(ctx, id);
	await activationPoll(ctx, s);
	log('e: deactivated and activated again');

	// Every poll of e now takes 15 s, so it can be caught in the middle.
	await emulator.admin('POST', 'faults', { pathGlob: emailsPath(s, s.records[0]), kind: 'delay', delayMs: 15000, times: 0 });
	// The log is emptied before each wait: a read the stopped n8n left unanswered is not this n8n's poll.
	const midPoll = (/** @type {string} */ what) =>
		waitFor(`a poll of e in flight (${what})`, async () => (await listReads(ctx, s)).inFlight, { timeoutMs: 150000, intervalMs: 250 });

	await emulator.clearRequests();
	await add(3);
	await midPoll('before SIGTERM');
	const term = await n8n.stopWith('SIGTERM');
	log(`e: SIGTERM during a poll; n8n exited after ${seconds(term.ms)} (${term.exited?.code ?? term.exited?.signal})`);
	notes.push(`SIGTERM mid-poll: exit ${term.exited?.code ?? term.exited?.signal} after ${seconds(term.ms)}`);
	await add(3);
	await emulator.clearRequests();
	await n8n.start();
	await midPoll('before SIGKILL');
	const killedAt = Date.now();
	await n8n.stopWith('SIGKILL');
	log('e: SIGKILL during a poll');
	await add(3);
	await n8n.start();
	log('e: started again; waiting for every email');

	let result = await emissions(n8n, ctx.apiKey, id, ctx.triggerName);
	await waitFor('every email of e to be emitted', async () => {
		result = await emissions(n8n, ctx.apiKey, id, ctx.triggerName);
		return tally(added, result.byMessage).lost === 0;
	}, { timeoutMs: 180000, intervalMs: 5000 }).catch(() => undefined);
	await deactivate(ctx, id);
	result = await emissions(n8n, ctx.apiKey, id, ctx.triggerName);
	const quiet = tally(inactive, result.byMessage);
	const whileActive = new Map([...result.byMessage].filter(([m]) => !inactive.includes(m)));
	const t = tally(added, whileActive);
	// A re-delivery after the SIGKILL: first emitted in an execution started just before the kill, again after it.
	const windowMs = 5000;
	const redeliveredIds = t.duplicated.filter((m) => {
		const list = result.byMessage.get(m) ?? [];
		return list.length === 2 && list.some((x) => x.startedMs <= killedAt && killedAt - x.startedMs <= windowMs) && list.some((x) => x.startedMs > killedAt);
	});
	const otherDuplicates = t.duplicates - redeliveredIds.length;
	notes.unshift(`${result.executions} execution(s)`);
	if (redeliveredIds.length) notes.push(`${redeliveredIds.length} re-delivered after SIGKILL: n8n's at-least-once window (the execution was saved before the trigger's state), reported, not failed`);
	notes.push(`deactivated and activated again: ${quiet.emitted} of ${inactive.length} emails added while inactive emitted${quiet.duplicates ? `, ${quiet.duplicates} twice` : ''}`);
	if (result.failed.length) notes.push(`failed executions: ${result.failed.slice(0, 3).join(', ')}`);
	return {
		config: ctx.cfg.key,
		scenario: `${s.key}) ${s.title}`,
		...t,
		duplicates: otherDuplicates,
		redelivered: redeliveredIds.length,
		notes,
		ok: otherDuplicates === 0 && t.lost === 0 && t.unexpected === 0 && quiet.duplicates === 0 && quiet.lost === 0 && !result.failed.length,
	};
}

module.exports = { restartScenario };
