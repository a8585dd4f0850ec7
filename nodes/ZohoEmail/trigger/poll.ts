import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { scopeOf, withScope } from '../transport';
import { pollBooks } from './books';
import { pollChosenRecords } from './crmRecords';
import { pollModule } from './crmSources';
import { shapeTriggerItems } from './output';
import { sample } from './sample';
import { defaultOrganizationOf, readSettings, stateKey } from './settings';
import { claimPoll, keepStateOfQuietPoll } from './schedule';
import type { PollSettings, PollThis, TriggerState, UnitResult } from './types';

const STATE_KEY = 'zohoEmailTrigger';

/** The key the stored state was built for, if any. */
function storedKey(data: IDataObject): string | undefined {
	const raw = data[STATE_KEY] as TriggerState | undefined;
	return raw && typeof raw === 'object' && raw.v === 1 && typeof raw.k === 'string' ? raw.k : undefined;
}

function storedState(data: IDataObject, key: string): TriggerState | undefined {
	const raw = data[STATE_KEY] as TriggerState | undefined;
	if (!raw || typeof raw !== 'object' || raw.v !== 1 || raw.k !== key) return undefined;
	// A private copy: nothing below may touch what n8n holds until the poll has succeeded.
	return JSON.parse(JSON.stringify(raw)) as TriggerState;
}

/**
 * One poll. Everything is computed first; the node's static data is written once, at the very end,
 * and only when the poll succeeded. A poll that throws leaves the stored cursor as it was, so the next
 * poll reads the same window again: nothing is lost, and nothing emitted is emitted again.
 */
export async function runPoll(this: PollThis): Promise<INodeExecutionData[][] | null> {
	const settings = readSettings(this, Date.now());
	if (settings.source === 'booksEmailed' && !settings.organizationId) {
		settings.organizationId = await defaultOrganizationOf(
			this,
			storedKey(this.getWorkflowStaticData('node')),
			settings.manual,
		);
		settings.organizationIsDefault = true;
	}
	if (settings.manual)
		return [shapeTriggerItems(this, [await sample.call(this, settings)], settings).map((json) => ({ json }))];

	// A poll without state emits nothing (but a backfill), so it need not wait for another poll.
	const first = settings.backfillMs === 0 && !storedState(this.getWorkflowStaticData('node'), stateKey(settings));
	const release = claimPoll(this, first);
	if (!release) return null;
	try {
		return await pollOnce.call(withScope(this, scopeOf(this).with({ deadline: settings.endsAt })), settings);
	} finally {
		release();
	}
}

async function pollOnce(this: PollThis, settings: PollSettings): Promise<INodeExecutionData[][] | null> {
	const data = this.getWorkflowStaticData('node');
	const key = stateKey(settings);
	const prev = storedState(data, key);
	let items: UnitResult<unknown>['items'];
	const next: TriggerState = { v: 1, k: key };
	if (settings.source === 'booksEmailed') {
		const result = await pollBooks.call(this, settings, prev?.books);
		items = result.items;
		next.books = result.state;
	} else {
		const run = settings.source === 'crmModule' ? pollModule : pollChosenRecords;
		const result = await run.call(this, settings, prev?.crm);
		items = result.items;
		next.crm = result.state;
	}

	if (JSON.stringify(data[STATE_KEY] ?? null) !== JSON.stringify(next))
		data[STATE_KEY] = next as unknown as IDataObject;
	if (items.length === 0) {
		await keepStateOfQuietPoll(this);
		return null;
	}
	items.sort((a, b) => a.sortMs - b.sortMs);
	return [
		shapeTriggerItems(
			this,
			items.map((item) => item.json),
			settings,
		).map((json) => ({ json })),
	];
}
