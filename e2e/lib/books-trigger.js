// @ts-check
'use strict';

const { emittedItems, onceEach } = require('./emissions');
const { sleep, waitFor, seconds } = require('./proc');

/**
 * The Books trigger in a running n8n: documents emailed and invoices reminded through the emulator's
 * admin API while the workflow is active must each come out of the trigger exactly once, over several
 * scheduled polls, in n8n 2.x and 1.x alike.
 *
 * @typedef {import('./emulator').Emulator} Emulator
 * @typedef {import('./n8n').N8n} N8n
 * @typedef {import('./examples').Example} Example
 */

/** The node's saved document type values → Books list paths (`models/books.ts`). */
const LIST_PATHS = /** @type {Record<string, string>} */ ({
	invoice: 'invoices',
	estimate: 'estimates',
	salesOrder: 'salesorders',
	purchaseOrder: 'purchaseorders',
	creditNote: 'creditnotes',
	retainerInvoice: 'retainerinvoices',
});
/** The document types a customer can view (the trigger's Viewed by the Customer). */
const VIEWABLE = ['invoice', 'estimate', 'retainerInvoice'];
/** A seeded invoice that is sent and unpaid: reminders can be sent for it. */
const REMINDED_INVOICE = '460000000040001';
/** The next scheduled poll comes within a minute ("Every Minute"); allow for a slow machine. */
const NEXT_POLL_MS = 80_000;

/** @param {unknown} value a resource locator or a plain value */
function plain(value) {
	if (value && typeof value === 'object' && 'value' in value) return String(/** @type {any} */ (value).value ?? '');
	return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

/** @param {Example} ex */
function isBooksTrigger(ex) {
	return plain(ex.triggerNode?.parameters?.source) === 'booksEmailed';
}

/** @param {any} json an emitted item */
function eventKey(json) {
	return [json?.event, json?.documentType, json?.documentId, json?.remindersSent ?? ''].join(':');
}

/**
 * Every event made in this run, by any Books trigger example: the examples watch the same organization
 * and are active at once, so one may rightly emit what was made for another; it must still be made here.
 * @type {Set<string>}
 */
const madeInRun = new Set();

/**
 * @param {{ scope: string, n8n: N8n, emulator: Emulator, ex: Example, apiKey: string,
 *   check: (scope: string, name: string, ok: boolean, detail?: string) => void, log: (line: string) => void }} ctx
 */
async function checkBooksTrigger(ctx) {
	const { scope, n8n, emulator, ex, apiKey, check, log } = ctx;
	const params = ex.triggerNode?.parameters ?? {};
	const name = ex.triggerNode?.name ?? 'Zoho Email Trigger';
	const org = plain(params.organizationId);
	const types = (Array.isArray(params.transactionTypes) ? params.transactionTypes : ['invoice']).filter((/** @type {string} */ t) => t in LIST_PATHS);
	const paths = types.map((/** @type {string} */ t) => LIST_PATHS[t]);
	const reminders = params.paymentReminders === true && types.includes('invoice');
	/** @param {string} path */
	const listCalls = async (path) => (await emulator.requests()).filter((r) => r.method === 'GET' && r.path === `/books/v3/${path}` && r.status === 200).length;

	// Events are made only once the activation poll has read every list: they come after its floor.
	await waitFor('the Books activation poll', async () => (await Promise.all(paths.map(listCalls))).every((n) => n >= 1), { timeoutMs: 60000, intervalMs: 500 });

	/** @type {string[]} */
	const expected = [];
	/** @param {number} batch @returns {Promise<string[]>} */
	const makeEvents = async (batch) => {
		/** @type {string[]} */
		const keys = [];
		for (const type of types) {
			const entity = LIST_PATHS[type];
			// Invoices are created as sent (reminders need an unpaid, sent invoice); others as drafts.
			const doc = await emulator.addBooksDocument(org, entity, type === 'invoice' ? { status: 'sent' } : {});
			const idField = Object.keys(doc).find((k) => k.endsWith('_id') && k !== 'customer_id' && k !== 'vendor_id') ?? '';
			await emulator.emailBooksDocument(org, entity, String(doc[idField]));
			keys.push(eventKey({ event: 'emailed', documentType: type.toLowerCase(), documentId: doc[idField] }));
			// Viewed by the Customer: the customer opens what was mailed (invoices, estimates, retainer invoices).
			if (params.customerViews === true && VIEWABLE.includes(type)) {
				await emulator.admin('POST', 'books/views', { organizationId: org, entity, id: String(doc[idField]) });
				keys.push(eventKey({ event: 'viewed', documentType: type.toLowerCase(), documentId: doc[idField] }));
			}
		}
		if (reminders) {
			const invoice = await emulator.remindBooksInvoice(org, REMINDED_INVOICE);
			keys.push(eventKey({ event: 'paymentReminder', documentType: 'invoice', documentId: REMINDED_INVOICE, remindersSent: invoice.reminders_sent }));
		}
		expected.push(...keys);
		for (const k of keys) madeInRun.add(k);
		log(`${scope} ${ex.file}: batch ${batch}: ${keys.length} event(s) made through the emulator's admin API: ${keys.join(', ')}`);
		return keys;
	};
	/** @param {string[]} keys */
	const allEmitted = (keys) =>
		waitFor(`the trigger to emit ${keys.join(', ')}`, async () => {
			const events = emittedItems(await n8n.executions(apiKey, ex.id), name, eventKey);
			return keys.every((k) => events.some((e) => e.key === k)) ? events : null;
		}, { timeoutMs: NEXT_POLL_MS, intervalMs: 1000 }).catch(() => null);

	for (const batch of [1, 2]) {
		const t = Date.now();
		const keys = await makeEvents(batch);
		const events = await allEmitted(keys);
		check(
			scope,
			`${ex.file}: batch ${batch} of Books events emitted by the active trigger`,
			Boolean(events),
			events ? `${keys.length} event(s) within ${seconds(Date.now() - t)}` : `not all of ${keys.join(', ')} within ${seconds(NEXT_POLL_MS)}`,
		);
		if (!events) return;
	}

	// One more scheduled poll after the last emission: it must emit nothing again.
	const before = await listCalls(paths[0]);
	const polledAgain = await waitFor('one more scheduled poll', async () => (await listCalls(paths[0])) > before, { timeoutMs: NEXT_POLL_MS, intervalMs: 1000 }).catch(() => false);
	await sleep(5000);
	const events = emittedItems(await n8n.executions(apiKey, ex.id), name, eventKey);
	const once = onceEach(events, expected, (k) => madeInRun.has(k));
	check(
		scope,
		`${ex.file}: each Books event emitted exactly once, none repeated across polls`,
		Boolean(polledAgain) && once.ok && once.executions >= 2,
		`${events.length} item(s) in ${once.executions} execution(s) for ${expected.length} event(s)${polledAgain ? ', and a later poll emitted nothing new' : ', no later poll seen'}${once.problems}`,
	);
}

module.exports = { checkBooksTrigger, isBooksTrigger };
