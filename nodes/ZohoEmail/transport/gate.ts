import type { IDataObject } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

/**
 * Requests in flight for one execution, adapted to Zoho's answers (additive increase, multiplicative
 * decrease): Zoho's concurrency limit is per organization, shared by every n8n process and workflow,
 * so the node cannot know how much of it is free. A 429 halves the allowance; each success window
 * adds one back, up to the configured maximum.
 */
export class RequestGate {
	private inFlight = 0;

	private allowance: number;

	private successes = 0;

	/** When a request of this execution last succeeded (the execution's start until then). */
	lastSuccessAt = Date.now();

	/** Requests waiting for a slot, first come first served; each is handed its slot by `release`. */
	private readonly waiting: Array<() => void> = [];

	/** Resolves when the next piece of work may start (see `turn`). */
	private nextTurn: Promise<void> = Promise.resolve();

	/** Counters for logs and tests. */
	readonly stats = { requests: 0, rateLimited: 0, peakInFlight: 0, minAllowance: 0 };

	constructor(readonly max: number) {
		this.max = Math.max(1, Math.floor(max));
		this.allowance = this.max;
		this.stats.minAllowance = this.max;
	}

	get limit(): number {
		return this.allowance;
	}

	async acquire(): Promise<void> {
		if (this.waiting.length === 0 && this.inFlight < this.allowance) this.take();
		// The slot is taken for this request by `release` before it resolves the wait.
		else await new Promise<void>((resolve) => this.waiting.push(resolve));
		this.stats.requests++;
	}

	/**
	 * Waits until this caller may start its work (an item, a record read): starts are spaced two timer
	 * turns of the event loop apart. Answers that arrive together are handled in one turn; if each
	 * started its next piece of work at once, every new request would wait for all of that synchronous
	 * work before the event loop could connect it and write it, and the requests would move in lockstep
	 * (measured: 0.5 to 0.7 of a bare HTTP loop's rate at 10 in flight). Between two timer turns the
	 * event loop passes through a whole I/O phase, where the previous start's request goes out. A caller
	 * that finds no recent start goes at once. `sleep` is n8n's own wait (a timer).
	 */
	async turn(): Promise<void> {
		const previous = this.nextTurn;
		let open!: () => void;
		this.nextTurn = new Promise<void>((resolve) => (open = resolve));
		await previous;
		void sleep(0)
			.then(async () => await sleep(0))
			.then(open);
	}

	private take(): void {
		this.inFlight++;
		this.stats.peakInFlight = Math.max(this.stats.peakInFlight, this.inFlight);
	}

	release(outcome: 'ok' | 'rateLimited' | 'failed'): void {
		this.inFlight = Math.max(0, this.inFlight - 1);
		if (outcome === 'ok') this.lastSuccessAt = Date.now();
		if (outcome === 'rateLimited') {
			this.stats.rateLimited++;
			this.allowance = Math.max(1, Math.floor(this.allowance / 2));
			this.stats.minAllowance = Math.min(this.stats.minAllowance, this.allowance);
			this.successes = 0;
		} else if (outcome === 'ok' && this.allowance < this.max) {
			this.successes++;
			if (this.successes >= this.allowance) {
				this.allowance++;
				this.successes = 0;
			}
		}
		// After a 429 the allowance may be below the requests still in flight: waiters stay queued
		// until enough of those have come back.
		while (this.waiting.length > 0 && this.inFlight < this.allowance) {
			this.take();
			this.waiting.shift()?.();
		}
	}

	toJSON(): IDataObject {
		return { max: this.max, allowance: this.allowance, ...this.stats };
	}
}
