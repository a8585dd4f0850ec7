// @ts-check
'use strict';

/**
 * What `npm run demo` prints to make each engagement event of the Zoho Email Trigger happen in the
 * emulator: the trigger examples that watch them, and the admin calls (emulator/README.md).
 * @param {string} url the emulator's base URL
 * @param {Array<{ name: string, id: string, trigger?: boolean, triggerNode?: { parameters?: Record<string, any> } }>} examples
 * @returns {string[]}
 */
function engagementHints(url, examples) {
	const crm = examples.find((e) => e.trigger && (e.triggerNode?.parameters?.engagementEvents ?? []).length > 0);
	const books = examples.find((e) => e.trigger && e.triggerNode?.parameters?.customerViews === true);
	if (!crm && !books) return [];
	const post = (/** @type {string} */ path, /** @type {Record<string, unknown>} */ body) => `       curl -X POST ${url}/__admin/${path} -H 'content-type: application/json' -d '${JSON.stringify(body)}'`;
	const lines = ['  6. Engagement events: activate the workflow, then make each happen (the next poll emits it):'];
	if (crm) {
		const email = { module: 'Contacts', recordId: '5725767000000502001' };
		// The steps the e2e suite checks in real n8n (e2e/lib/engagement-trigger.js), in its order.
		lines.push(`     "${crm.name}": add three sent emails to contact 5725767000000502001 (run it three times; each answer`);
		lines.push('       shows the email\'s message_id); the next poll emits each as a new email:');
		lines.push(post('crm/emails', { ...email, emails: [{ subject: 'Quote', sent: true }] }));
		lines.push('       Then open the first (one "opened" item, open count 2), bounce the second (one "bounced" item),');
		lines.push('       reply to the third (one "replied" item; the reply itself also comes out as a new email):');
		lines.push(post('crm/opens', { ...email, messageId: '<first message_id>', times: 2 }));
		lines.push(post('crm/bounces', { ...email, messageId: '<second message_id>', reason: 'Mailbox not found', category: 'Permanently blocked' }));
		lines.push(post('crm/replies', { ...email, messageId: '<third message_id>', intent: 'complaints', sentimentInfo: 'negative' }));
		lines.push('       Each event comes out once: later polls emit nothing again.');
		lines.push('       No Reply Within: an email without a reply gets its item at the first poll after its deadline.');
	}
	if (books) {
		lines.push(`     "${books.name}": email an invoice, then the customer views it:`);
		lines.push(post('books/email', { organizationId: '10234695', entity: 'invoices', id: '<invoice_id>' }));
		lines.push(post('books/views', { organizationId: '10234695', entity: 'invoices', id: '<invoice_id>' }));
	}
	return lines;
}

module.exports = { engagementHints };
