import { RequestGate } from '../../nodes/ZohoEmail/transport/gate';

/** Lets every promise that can settle now settle (no timers). */
async function settle(): Promise<void> {
	for (let n = 0; n < 10; n++) await Promise.resolve();
}

function track(gate: RequestGate, names: string[]): string[] {
	const entered: string[] = [];
	for (const name of names) void gate.acquire().then(() => entered.push(name));
	return entered;
}

describe('RequestGate', () => {
	it('lets up to the allowance in and hands each freed slot to the longest waiting request', async () => {
		const gate = new RequestGate(2);
		const entered = track(gate, ['a', 'b', 'c', 'd']);
		await settle();
		expect(entered).toEqual(['a', 'b']);
		gate.release('ok');
		await settle();
		expect(entered).toEqual(['a', 'b', 'c']);
		gate.release('failed');
		await settle();
		expect(entered).toEqual(['a', 'b', 'c', 'd']);
		expect(gate.stats).toEqual({ requests: 4, rateLimited: 0, peakInFlight: 2, minAllowance: 2 });
	});

	it('after a 429 keeps waiters queued until the requests in flight fit the halved allowance', async () => {
		const gate = new RequestGate(4);
		const entered = track(gate, ['a', 'b', 'c', 'd', 'e', 'f']);
		await settle();
		expect(entered).toEqual(['a', 'b', 'c', 'd']);
		gate.release('rateLimited');
		await settle();
		expect(gate.limit).toBe(2);
		expect(entered).toHaveLength(4);
		gate.release('failed');
		gate.release('failed');
		await settle();
		expect(entered).toEqual(['a', 'b', 'c', 'd', 'e']);
		expect(gate.stats).toEqual({ requests: 5, rateLimited: 1, peakInFlight: 4, minAllowance: 2 });
	});

	it('does not let a new request pass one that is already waiting', async () => {
		const gate = new RequestGate(1);
		const entered = track(gate, ['a', 'b']);
		await settle();
		gate.release('ok');
		const late = track(gate, ['c']);
		await settle();
		expect(entered).toEqual(['a', 'b']);
		expect(late).toEqual([]);
		gate.release('ok');
		await settle();
		expect(late).toEqual(['c']);
	});
});

describe('RequestGate.turn', () => {
	beforeEach(() => jest.useFakeTimers());
	afterEach(() => jest.useRealTimers());

	it('lets one start through per two timer turns, in call order, and the first at once', async () => {
		const gate = new RequestGate(10);
		const started: string[] = [];
		for (const name of ['a', 'b', 'c']) void gate.turn().then(() => started.push(name));
		await settle();
		expect(started).toEqual(['a']);
		// One timer turn is not enough: the event loop must pass an I/O phase between two starts.
		jest.advanceTimersToNextTimer();
		await settle();
		expect(started).toEqual(['a']);
		jest.advanceTimersToNextTimer();
		await settle();
		expect(started).toEqual(['a', 'b']);
		jest.advanceTimersToNextTimer();
		await settle();
		expect(started).toEqual(['a', 'b']);
		jest.advanceTimersToNextTimer();
		await settle();
		expect(started).toEqual(['a', 'b', 'c']);
	});

	it('does not hold a start when none happened in the last turns', async () => {
		const gate = new RequestGate(10);
		await gate.turn();
		jest.advanceTimersToNextTimer();
		await settle();
		jest.advanceTimersToNextTimer();
		await settle();
		let started = false;
		void gate.turn().then(() => (started = true));
		await settle();
		expect(started).toBe(true);
	});
});
