import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { scopeOf, withScope } from '../transport';
import { pollBooks } from './books';
import { pollChosenRecords } from './crmRecords';
import { pollModule } from './crmSources';
import { sample } from './sample';
import { readSettings, stateKey } from './settings';
import { claimPoll, keepStateOfQuietPoll } from './schedule';
import type { PollSettings, PollThis, TriggerState, UnitResult } from './types';

const STATE_KEY = 'zohoEmailTrigger';

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
	if (settings.manual) return [[{ json: await sample.call(this, settings) }]];

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

	if (JSON.stringify(data[STATE_KEY] ?? null) !== JSON.stringify(next)) data[STATE_KEY] = next as unknown as IDataObject;
	if (items.length === 0) {
		await keepStateOfQuietPoll(this);
		return null;
	}
	items.sort((a, b) => a.sortMs - b.sortMs);
	return [items.map((item) => ({ json: item.json }))];
}
