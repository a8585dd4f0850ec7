/**
 * "One poll at a time, each fitting its time" (README, Zoho Email Trigger → Guarantees): a poll's time is
 * the shorter of the poll interval and n8n 2.x's poll budget. Attacked with every "Poll Times" mode as
 * n8n turns it into cron ticks, with odd budgets, and with a poll that Zoho makes wait.
 */
// The cron package n8n-core schedules polls with; a test-only import, not a dependency of the nodes.
// eslint-disable-next-line @n8n/community-nodes/no-restricted-imports
import { CronTime } from 'cron';
import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { toCronExpression } from 'n8n-workflow';

import { readSettings } from '../../nodes/ZohoEmail/trigger/settings';
import { crmRecordsParameters, harness, KAYLEIGH } from '../trigger/helpers';
import { useZoho } from '../trigger/modelSupport';
import { type Emu, T0 } from './support';

const START = Date.UTC(2030, 0, 1);

/** A poll context that only answers what readSettings asks. */
function context(parameters: IDataObject, budget?: () => unknown): IPollFunctions {
	const ctx: Record<string, unknown> = {
		getNodeParameter: (name: string, fallback?: unknown) => (name in parameters ? parameters[name] : fallback),
		getMode: () => 'trigger',
		getNode: () => ({ id: 'n', name: 'Zoho Email Trigger', type: 'x', typeVersion: 1, position: [0, 0], parameters: {} }),
	};
	if (budget) ctx.getPollBudgetMs = budget;
	return ctx as unknown as IPollFunctions;
}

/** The time the node gives itself (ms, whole): its hard deadline is 80 % of it. */
function budgetOf(parameters: IDataObject, budget?: () => unknown): number {
	const settings = readSettings(context({ ...crmRecordsParameters([KAYLEIGH]), ...parameters }, budget), START);
	return Math.round((settings.hardDeadline - START) / 0.8);
}

/** The shortest gap between two ticks n8n schedules for these Poll Times (its own cron expressions), over up to two days. */
function shortestTickGap(pollTimes: { item: IDataObject[] }): number {
	const ticks: number[] = [];
	for (const item of pollTimes.item) {
		const cron = new CronTime(toCronExpression(item as never), 'UTC');
		let at = new Date(START);
		for (let n = 0; n < 200; n++) {
			const next = cron.getNextDateFrom(at).toJSDate();
			if (next.getTime() > START + 2 * 86_400_000) break;
			ticks.push(next.getTime());
			at = next;
		}
	}
	ticks.sort((a, b) => a - b);
	let gap = Infinity;
	for (let n = 1; n < ticks.length; n++) if (ticks[n] > ticks[n - 1]) gap = Math.min(gap, ticks[n] - ticks[n - 1]);
	return gap;
}

describe('the poll interval the node assumes is never longer than the gap between n8n\'s ticks', () => {
	const cases: Array<[string, { item: IDataObject[] }]> = [
		['every minute', { item: [{ mode: 'everyMinute' }] }],
		['every 5 minutes', { item: [{ mode: 'everyX', value: 5, unit: 'minutes' }] }],
		['every hour', { item: [{ mode: 'everyHour', minute: 0 }] }],
		['custom cron every 2 minutes', { item: [{ mode: 'custom', cronExpression: '0 */2 * * * *' }] }],
		['every 59 minutes (n8n ticks at :00 and :59)', { item: [{ mode: 'everyX', value: 59, unit: 'minutes' }] }],
		['every 7 minutes (n8n ticks at :56 and :00)', { item: [{ mode: 'everyX', value: 7, unit: 'minutes' }] }],
		['two hourly entries two minutes apart', { item: [{ mode: 'everyHour', minute: 0 }, { mode: 'everyHour', minute: 2 }] }],
		['two daily entries at 09:00 and 09:03', { item: [{ mode: 'everyDay', hour: 9, minute: 0 }, { mode: 'everyDay', hour: 9, minute: 3 }] }],
	];
	// n8n 1.x gives no budget; n8n 2.x's in-memory scheduler gives n8n-core's default of 5 minutes.
	describe.each([
		['n8n 1.x (no budget)', undefined],
		['n8n 2.x in-memory (5 min budget)', () => 300_000],
	])('%s', (_host, budget) => {
		test.each(cases)('%s', (_name, pollTimes) => {
			expect(budgetOf({ pollTimes }, budget)).toBeLessThanOrEqual(shortestTickGap(pollTimes));
		});
	});

	test.each([
		['no Poll Times', undefined],
		['null', null],
		['a string', 'every minute'],
		['item not a list', { item: 'x' }],
		['an empty list', { item: [] }],
		['unknown mode', { item: [{ mode: 'everySecond' }] }],
		['everyX with garbage', { item: [{ mode: 'everyX', value: 'abc', unit: 'days' }] }],
		['everyX of 0 minutes', { item: [{ mode: 'everyX', value: 0, unit: 'minutes' }] }],
		['a null entry', { item: [null] }],
	])('garbage Poll Times (%s) count as a minute', (_name, pollTimes) => {
		expect(budgetOf(pollTimes === undefined ? {} : { pollTimes })).toBeLessThanOrEqual(60_000);
	});
});

describe('odd budgets from n8n', () => {
	const everyHour = { pollTimes: { item: [{ mode: 'everyHour', minute: 0 }] } };
	test.each([
		['30 s', 30_000, 30_000],
		['a numeric string', '30000', 30_000],
		['1 ms', 1, 1],
		['huge', 1e15, 3_600_000],
	])('budget %s: the node takes no more than the budget or the interval', (_name, given, most) => {
		expect(budgetOf(everyHour, () => given)).toBeLessThanOrEqual(most as number);
	});

	test.each([
		['NaN', NaN],
		['Infinity', Infinity],
		['undefined', undefined],
		['an object', {}],
	])('budget %s (not a budget) falls back to the default, within the interval', (_name, given) => {
		expect(budgetOf({ pollTimes: { item: [{ mode: 'everyMinute' }] } }, () => given)).toBeLessThanOrEqual(60_000);
	});

	test.each([
		['0', 0],
		['negative', -5_000],
	])('budget %s (no time left) is not read as five minutes', (_name, given) => {
		// "A poll's time is the shorter of the poll interval and n8n 2.x's poll budget".
		expect(budgetOf(everyHour, () => given)).toBeLessThanOrEqual(0);
	});
});

describe('a poll ends within its budget', () => {
	let emu: Emu;
	const zoho = useZoho({ perTest: {} });
	beforeAll(() => (emu = zoho.emu as Emu));

	test('a 429 with Retry-After longer than the budget does not keep the poll running past it', async () => {
		emu.setClock(T0);
		const budget = 1_500;
		const h = harness(emu, crmRecordsParameters([KAYLEIGH]), 'n8n2durable', budget);
		await h.poll();
		emu.setClock(T0 + 60_000);
		emu.addFault({
			path: `/crm/v8/Contacts/${KAYLEIGH}/Emails`,
			status: 429,
			headers: { 'retry-after': '4' },
			body: { code: 'TOO_MANY_REQUESTS', details: {}, message: 'The concurrency limit of the user for the app exceeded', status: 'error' },
		} as never);
		const started = Date.now();
		await h.poll();
		const took = Date.now() - started;
		expect(took).toBeLessThanOrEqual(budget + 1_000);
	});
});
