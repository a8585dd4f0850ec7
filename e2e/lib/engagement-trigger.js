// @ts-check
'use strict';

const { emittedItems, onceEach } = require('./emissions');
const { sleep, waitFor, seconds } = require('./proc');
const { watchedIds } = require('./checks');

/**
 * The CRM trigger's engagement events in a running n8n: sent emails added to a watched record while the
 * workflow is active come out as new emails; then an open, a bounce and a reply made through the
 * emulator's admin API each come out once, as `opened`, `bounced` and `replied`; a later poll emits
 * nothing again. Each step waits for one scheduled poll ("Every Minute"), so about three minutes in all.
 *
 * @typedef {import('./emulator').Emulator} Emulator
 * @typedef {import('./n8n').N8n} N8n
 * @typedef {import('./examples').Example} Example
 */

/** The next scheduled poll comes within a minute; two polls of time allow for a slow machine (a poll
 * still running makes the trigger skip a tick). */
const NEXT_POLL_MS = 130_000;
/** The engagement events this check makes happen (No Reply Within needs hours: not here). */
const MADE = ['opened', 'bounced', 'replied'];

/** A message ID or item key shortened for the report (Zoho's IDs run to 64 characters). @param {string} s */
const short = (s) => s.replace(/([0-9a-f]{10})[0-9a-f]{20,}/g, '$1…');

/** @param {Example} ex */
function isEngagementTrigger(ex) {
	const events = ex.triggerNode?.parameters?.engagementEvents;
	return Array.isArray(events) && events.length > 0;
}

/**
 * An emitted item's key: `event:messageId` for an engagement event, `new:message_id` for a new email
 * (raw output, the example's version 1; the simplified one names it `message_id` too).
 * @param {any} json
 */
function itemKey(json) {
	return json?.event ? `${json.event}:${json.messageId ?? json.message_id}` : `new:${json?.message_id}`;
}

/**
 * @param {{ scope: string, n8n: N8n, emulator: Emulator, ex: Example, apiKey: string,
 *   check: (scope: string, name: string, ok: boolean, detail?: string) => void, log: (line: string) => void }} ctx
 */
async function checkEngagementTrigger(ctx) {
	const { scope, n8n, emulator, ex, apiKey, check, log } = ctx;
	const params = ex.triggerNode?.parameters ?? {};
	const name = ex.triggerNode?.name ?? 'Zoho Email Trigger';
	const module = String(params.module?.value ?? params.module ?? 'Contacts');
	const ids = watchedIds(params);
	const chosen = /** @type {string[]} */ (params.engagementEvents);
	if (ids.length === 0) {
		check(scope, `${ex.file}: engagement events`, false, 'no watched record in the trigger parameters');
		return;
	}
	/** @param {string} id */
	const listCalls = async (id) => (await emulator.requests()).filter((r) => r.method === 'GET' && r.path.endsWith(`/${module}/${id}/Emails`) && r.status === 200).length;
	/** @param {string} what @param {string[]} keys */
	const allEmitted = (what, keys) =>
		waitFor(what, async () => {
			const items = emittedItems(await n8n.executions(apiKey, ex.id), name, itemKey);
			return keys.every((k) => items.some((e) => e.key === k)) ? items : null;
		}, { timeoutMs: NEXT_POLL_MS, intervalMs: 1000 }).catch(() => null);

	// Emails are added once the activation poll has read every watched record: tracking starts there.
	await waitFor('the activation poll', async () => (await Promise.all(ids.map(listCalls))).every((n) => n >= 1), { timeoutMs: 60000, intervalMs: 500 });

	// Three sent emails: the first and third on the first record, the second on the last one.
	const where = [ids[0], ids[ids.length - 1], ids[0]];
	/** @type {string[]} */
	const sent = [];
	for (const [i, recordId] of where.entries()) {
		const { emails } = await emulator.admin('POST', 'crm/emails', { module, recordId, emails: [{ subject: `Engagement ${i + 1}`, sent: true }] });
		sent.push(String(emails[0].message_id));
	}
	log(`${scope} ${ex.file}: 3 sent emails added: ${short(sent.join(', '))}`);
	let t = Date.now();
	const newKeys = sent.map((m) => `new:${m}`);
	const first = await allEmitted('the sent emails as new emails', newKeys);
	check(
		scope,
		`${ex.file}: sent emails added after activation emitted as new emails`,
		Boolean(first),
		first ? `3 new-email item(s) within ${seconds(Date.now() - t)}` : short(`not all of ${newKeys.join(', ')} within ${seconds(NEXT_POLL_MS)}`),
	);
	if (!first) return;

	// Now the recipients act: the first is opened twice, the second bounces, the third gets a reply.
	const reason = 'Mailbox not found';
	await emulator.admin('POST', 'crm/opens', { module, recordId: where[0], messageId: sent[0], times: 2 });
	await emulator.admin('POST', 'crm/bounces', { module, recordId: where[1], messageId: sent[1], reason, category: 'Permanently blocked' });
	const reply = await emulator.admin('POST', 'crm/replies', { module, recordId: where[2], messageId: sent[2], intent: 'complaints', sentimentInfo: 'negative' });
	const eventKeys = MADE.filter((e) => chosen.includes(e)).map((e) => `${e}:${sent[MADE.indexOf(e)]}`);
	log(short(`${scope} ${ex.file}: opened ${sent[0]}, bounced ${sent[1]}, replied to ${sent[2]} (reply ${reply.message_id})`));
	// The reply is a received email too: a new email unless the trigger watches sent emails only.
	const replyKeys = params.direction === 'sent' ? [] : [`new:${reply.message_id}`];
	t = Date.now();
	const second = await allEmitted('the engagement events', [...eventKeys, ...replyKeys]);
	/** @param {string} key */
	const one = (key) => (second ?? []).filter((e) => e.key === key);
	/** @param {string} event */
	const itemOf = (event) => one(`${event}:${sent[MADE.indexOf(event)]}`)[0]?.json;
	/** What each event's item must carry, by event. @type {Record<string, (json: any) => boolean>} */
	const fields = {
		opened: (json) => Number(json.openCount ?? json.open_count) === 2,
		bounced: (json) => (json.bouncedReason ?? json.bounced_reason) === reason,
		replied: (json) => (json.reply?.message_id ?? json.reply?.messageId) === reply.message_id,
	};
	const shapes = MADE.filter((e) => chosen.includes(e) && !(itemOf(e) && fields[e](itemOf(e)))).map((e) => `${e}: ${JSON.stringify(itemOf(e) ?? null).slice(0, 200)}`);
	check(
		scope,
		`${ex.file}: an open, a bounce and a reply each emitted as one opened, bounced and replied item`,
		Boolean(second) && shapes.length === 0 && eventKeys.every((k) => one(k).length === 1),
		short(second
			? `${eventKeys.join(', ')} within ${seconds(Date.now() - t)}${replyKeys.length ? '; the reply also as a new email' : ''}${shapes.length ? `; unexpected fields: ${shapes.join('; ')}` : ' (open count 2, bounce reason, reply message ID as made)'}`
			: `not all of ${[...eventKeys, ...replyKeys].join(', ')} within ${seconds(NEXT_POLL_MS)}`),
	);
	if (!second) return;

	// One more scheduled poll of every watched record: it must emit nothing again.
	const before = await Promise.all(ids.map(listCalls));
	const polledAgain = await waitFor('one more scheduled poll', async () => (await Promise.all(ids.map(listCalls))).every((n, i) => n > before[i]), { timeoutMs: NEXT_POLL_MS, intervalMs: 1000 }).catch(() => false);
	await sleep(5000);
	const items = emittedItems(await n8n.executions(apiKey, ex.id), name, itemKey);
	const expected = [...newKeys, ...eventKeys, ...replyKeys];
	// Engagement items only for what was made here (emails backfilled at activation come out as new emails).
	const once = onceEach(items, expected, (k) => k.startsWith('new:') || eventKeys.includes(k));
	check(
		scope,
		`${ex.file}: each email and engagement event emitted exactly once, none repeated across polls`,
		Boolean(polledAgain) && once.ok,
		short(`${items.length} item(s) in ${once.executions} execution(s), ${expected.length} made here${polledAgain ? ', and a later poll emitted nothing new' : ', no later poll seen'}${once.problems}`),
	);
}

module.exports = { checkEngagementTrigger, isEngagementTrigger };
