import { NodeOperationError } from 'n8n-workflow';

import type { PollSettings, PollThis } from './types';

/** The events a sent email can have; the values are saved in workflows. */
export const ENGAGEMENT_EVENTS = ['opened', 'bounced'];
/** The longest tracking window: each tracked email keeps its record's list read back to it. */
export const MAX_TRACKING_HOURS = 720;

/** Chosen records: the engagement events and their tracking window, checked before any request. */
export function engagementSettings(ctx: PollThis): Pick<PollSettings, 'engagement' | 'everyOpen' | 'trackingWindowMs'> {
	const chosen = ctx.getNodeParameter('engagementEvents', []) as unknown;
	const engagement = (Array.isArray(chosen) ? chosen : []).map(String);
	for (const event of engagement) {
		if (!ENGAGEMENT_EVENTS.includes(event)) throw new NodeOperationError(ctx.getNode(), `"Sent Email Events" holds an unknown event: "${event}"`);
	}
	if (engagement.length === 0) return { engagement, everyOpen: false, trackingWindowMs: 0 };
	const hours = Number(ctx.getNodeParameter('trackingWindowHours', 72));
	if (!Number.isFinite(hours) || hours <= 0 || hours > MAX_TRACKING_HOURS) {
		throw new NodeOperationError(ctx.getNode(), `"Tracking Window (Hours)" must be above 0 and at most ${MAX_TRACKING_HOURS}: ${String(hours)}`);
	}
	return { engagement, everyOpen: engagement.includes('opened') && (ctx.getNodeParameter('everyOpen', false) as boolean), trackingWindowMs: hours * 3_600_000 };
}
