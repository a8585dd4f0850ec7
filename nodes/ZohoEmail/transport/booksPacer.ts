import { sleep } from 'n8n-workflow';

/**
 * Zoho Books allows 100 API requests per minute per organization (from third-party copies of Zoho
 * Books' API introduction; docs/zoho-api-decisions.md, "Request limits the node paces to").
 * UNCONFIRMED whether the minute is rolling or fixed: a rolling window is kept here, which also stays
 * within any fixed minute.
 */
export const BOOKS_REQUESTS_PER_MINUTE = 100;
/** The window, with room for a request that reaches Zoho later than the one 100 before it. */
const WINDOW_MS = 60_000 + 1_000;

/**
 * Paces one execution's requests to one Books organization: at most `perMinute` starts in any
 * window, first come first served. Every attempt counts, retries included, as Zoho counts them.
 * Executions running at the same time pace themselves separately; the transport's 429 handling covers
 * the rest.
 */
export class BooksPacer {
	private readonly starts: number[] = [];

	private queue: Promise<void> = Promise.resolve();

	/** Counters for logs and tests. */
	readonly stats = { waits: 0, waitedMs: 0 };

	constructor(readonly perMinute = BOOKS_REQUESTS_PER_MINUTE) {}

	async wait(): Promise<void> {
		const previous = this.queue;
		let done!: () => void;
		this.queue = new Promise<void>((resolve) => (done = resolve));
		await previous;
		try {
			for (;;) {
				const now = Date.now();
				while (this.starts.length > 0 && this.starts[0] <= now - WINDOW_MS) this.starts.shift();
				if (this.starts.length < this.perMinute) {
					this.starts.push(now);
					return;
				}
				const delay = this.starts[0] + WINDOW_MS - now;
				this.stats.waits++;
				this.stats.waitedMs += delay;
				await sleep(delay);
			}
		} finally {
			done();
		}
	}
}
