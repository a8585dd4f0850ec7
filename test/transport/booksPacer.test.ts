import { BooksPacer } from '../../nodes/ZohoEmail/transport/booksPacer';

async function settle(): Promise<void> {
	for (let n = 0; n < 2_000; n++) await Promise.resolve();
}

describe('BooksPacer', () => {
	beforeEach(() => jest.useFakeTimers({ now: 1_700_000_000_000 }));
	afterEach(() => jest.useRealTimers());

	it('lets the first 100 requests of a minute go at once, then holds the next until the oldest is a minute (and a second) old', async () => {
		const pacer = new BooksPacer();
		const started: number[] = [];
		for (let i = 0; i < 102; i++) void pacer.wait().then(() => started.push(i));
		await settle();
		expect(started).toHaveLength(100);
		jest.advanceTimersByTime(60_999);
		await settle();
		expect(started).toHaveLength(100);
		jest.advanceTimersByTime(1);
		await settle();
		expect(started).toEqual(Array.from({ length: 102 }, (_, i) => i));
		expect(pacer.stats.waits).toBe(1);
	});

	it('keeps a rolling window: starts spread over the minute free up one by one, first come first served', async () => {
		const pacer = new BooksPacer(2);
		const started: string[] = [];
		await pacer.wait();
		jest.advanceTimersByTime(30_000);
		await pacer.wait();
		for (const name of ['a', 'b']) void pacer.wait().then(() => started.push(name));
		await settle();
		expect(started).toEqual([]);
		jest.advanceTimersByTime(31_000);
		await settle();
		expect(started).toEqual(['a']);
		jest.advanceTimersByTime(30_000);
		await settle();
		expect(started).toEqual(['a', 'b']);
	});
});
