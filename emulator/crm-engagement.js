// @ts-check
'use strict';

const { crmTime } = require('./zoho-time');
const { findRecord, makeEmail, insertEmails } = require('./crm-model');
const { zohoNow } = require('./books-model');

/**
 * What happens to a CRM email after it went out, as the Emails list shows it in `status` (seed 004;
 * CRM OAS `email_related_records.json`, schema `status`): the recipient opens it (`{type: "opened",
 * count, first_open, last_open}`, the count a string as in Zoho's sample), or it bounces (`{type:
 * "bounced", bounced_time, bounced_reason, category, sub_category}`). The entry replaces `{type:
 * "sent"}`; an open after a bounce (a soft bounce delivered later) keeps both entries. UNCONFIRMED how
 * soon Zoho shows an open: here at once. A reply is a received email in the sent one's thread: the
 * single-email answer shows the same `thread_id` (seed 004 documents it there only; the list has none).
 */

/** @param {any} state the emulator's state */
function createCrmEngagement(state) {
	/** @param {string} module @param {string} recordId @param {string} messageId */
	const sentEmail = (module, recordId, messageId) => {
		const crm = state.store.crm;
		if (!findRecord(crm, module, String(recordId))) throw new Error(`unknown ${module} record ${recordId}`);
		const email = (crm.emails[`${module}/${recordId}`] || []).find((/** @type {any} */ e) => e.message_id === messageId);
		if (!email) throw new Error(`${module} record ${recordId} has no email ${messageId}`);
		if (email.sent !== true) throw new Error(`email ${messageId} was received, not sent: only sent emails are opened or bounce`);
		return email;
	};
	/** @param {any} email @param {any} entry */
	const setStatus = (email, entry) => {
		const others = (Array.isArray(email.status) ? email.status : []).filter((/** @type {any} */ s) => s.type !== 'sent' && s.type !== entry.type);
		email.status = [...others, entry];
	};
	return {
		/**
		 * The recipient opens a sent email `times` times now.
		 * @param {string} module @param {string} recordId @param {string} messageId @param {number} [times]
		 */
		openEmail(module, recordId, messageId, times = 1) {
			if (!Number.isInteger(times) || times < 1 || times > 1000) throw new Error('times must be an integer from 1 to 1000');
			const email = sentEmail(module, recordId, messageId);
			const now = crmTime(zohoNow(state));
			const was = (email.status || []).find((/** @type {any} */ s) => s.type === 'opened');
			const count = Number(was ? was.count : 0) + times;
			setStatus(email, { first_open: was ? was.first_open : now, count: String(count), type: 'opened', last_open: now });
			return { message_id: email.message_id, status: email.status };
		},
		/**
		 * The email bounces now.
		 * @param {string} module @param {string} recordId @param {string} messageId
		 * @param {{ reason?: string, category?: string, subCategory?: string }} [why]
		 */
		bounceEmail(module, recordId, messageId, why = {}) {
			const email = sentEmail(module, recordId, messageId);
			setStatus(email, {
				bounced_time: crmTime(zohoNow(state)),
				sub_category: why.subCategory ?? 'Temporary Domain Failure',
				bounced_reason: why.reason ?? 'Retries Exhausted. Host not reachable.',
				type: 'bounced',
				category: why.category ?? 'Temporarily blocked',
			});
			return { message_id: email.message_id, status: email.status };
		},
		/**
		 * The recipient replies now: a received email in the thread of a sent one, on the same record.
		 * @param {string} module @param {string} recordId @param {string} messageId
		 * @param {Record<string, any>} [fields] e.g. `subject`, Zia's `intent`, `sentiment_info`, `emotion`
		 */
		replyToEmail(module, recordId, messageId, fields = {}) {
			const sent = sentEmail(module, recordId, messageId);
			const crm = state.store.crm;
			const to = Array.isArray(sent.to) && sent.to[0] ? sent.to[0] : { user_name: 'Info', email: 'info@example.com' };
			const reply = makeEmail(crm, {
				subject: `Re: ${sent.subject}`,
				from: to,
				to: [sent.from],
				...fields,
				sent: false,
				_category: 'user',
				_thread_id: sent._thread_id,
				_ts: zohoNow(state),
			});
			insertEmails(crm, module, String(recordId), [reply]);
			return { message_id: reply.message_id, thread_id: reply._thread_id, time: reply.time };
		},
	};
}

module.exports = { createCrmEngagement };
