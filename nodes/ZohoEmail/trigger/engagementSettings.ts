import { NodeOperationError } from 'n8n-workflow';

import type { PollSettings, PollThis } from './types';
import { chosen } from './zia';

/** The events a sent email can have; the values are saved in workflows. */
export const ENGAGEMENT_EVENTS = ['opened', 'bounced', 'replied', 'noReply'];
/** The longest tracking window: each tracked email keeps its record's list read back to it. */
export const MAX_TRACKING_HOURS = 720;

type Engagement = Pick<PollSettings, 'engagement' | 'everyOpen' | 'trackingWindowMs' | 'noReplyMs'>;

/** A number of hours: a finite number, or a plain decimal string ("48", "1.5"); NaN for anything else. */
function toHours(raw: unknown): number {
	if (typeof raw === 'number') return raw;
	if (typeof raw === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(raw)) return Number(raw);
	return NaN;
}

function hours(ctx: PollThis, name: string, label: string, fallback: number, max: number): number {
	const raw = ctx.getNodeParameter(name, fallback) as unknown;
	const value = toHours(raw);
	if (!Number.isFinite(value) || value <= 0 || value > max) {
		throw new NodeOperationError(
			ctx.getNode(),
			`"${label}" must be above 0 and at most ${max}: ${typeof raw === 'number' ? String(raw) : (JSON.stringify(raw) ?? String(raw))}`,
		);
	}
	return value * 3_600_000;
}

/** Chosen records: the engagement events and their tracking window, checked before any request. */
export function engagementSettings(ctx: PollThis): Engagement {
	const engagement = chosen(ctx, 'engagementEvents', 'Sent Email Events', ENGAGEMENT_EVENTS, 'event');
	if (engagement.length === 0) return { engagement, everyOpen: false, trackingWindowMs: 0, noReplyMs: 0 };
	// Only "All" and "Synced Mailbox Emails" list received emails: Zoho's `type=sent_from_crm` lists only
	// the emails sent from CRM (docs/zoho-api-decisions.md), and the other types an expression may give
	// (scheduled, drafts) none either. A reply would never show, and every tracked email would pass its
	// No Reply deadline.
	const emailType = (ctx.getNodeParameter('emailType', '') as unknown) ?? '';
	if (
		(engagement.includes('replied') || engagement.includes('noReply')) &&
		emailType !== '' &&
		emailType !== 'user_emails'
	) {
		const label = emailType === 'sent_from_crm' ? 'Sent From CRM' : String(emailType).slice(0, 60);
		throw new NodeOperationError(
			ctx.getNode(),
			`"Reply Received" and "No Reply Within" need the received emails, which "Email Type" "${label}" leaves out`,
			{ description: 'Set "Email Type" to "All", or remove these events from "Sent Email Events"' },
		);
	}
	const trackingWindowMs = hours(ctx, 'trackingWindowHours', 'Tracking Window (Hours)', 72, MAX_TRACKING_HOURS);
	// The deadline falls within the window, so the email is still tracked when it passes.
	const noReplyMs = engagement.includes('noReply')
		? hours(ctx, 'noReplyHours', 'No Reply Within (Hours)', 72, trackingWindowMs / 3_600_000)
		: 0;
	return {
		engagement,
		everyOpen: engagement.includes('opened') && (ctx.getNodeParameter('everyOpen', false) as boolean),
		trackingWindowMs,
		noReplyMs,
	};
}
