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

	/** Values looked up once per execution (host settings, the default Books organization). */
	private readonly memo = new Map<string, Promise<unknown>>();

	/**
	 * Set when n8n's renewal of the token failed in this execution: later requests fail with the same
	 * words at once instead of asking Zoho's accounts server again.
	 */
	authFailure?: { plain: string; hint: string };

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
		// Polling with a short sleep keeps this free of timers and promise bookkeeping; waits are
		// only as long as a Zoho round trip.
		while (this.inFlight >= this.allowance) await sleep(5);
		this.inFlight++;
		this.stats.requests++;
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
	}

	/** The value for `key`, computed once per execution; a failed computation is not kept. */
	async once<T>(key: string, compute: () => Promise<T>): Promise<T> {
		let pending = this.memo.get(key) as Promise<T> | undefined;
		if (!pending) {
			pending = compute();
			this.memo.set(key, pending);
			pending.catch(() => this.memo.delete(key));
		}
		return await pending;
	}

	toJSON(): IDataObject {
		return { max: this.max, allowance: this.allowance, ...this.stats };
	}
}

const GATE = Symbol('zohoRequestGate');

/** The context of one item, carrying the execution's gate (see actions/router.ts). */
export function withGate<T extends object>(context: T, gate: RequestGate): T {
	return Object.assign(Object.create(context) as T, { [GATE]: gate });
}

export function gateOf(context: object): RequestGate | undefined {
	return (context as { [GATE]?: RequestGate })[GATE];
}

/** `compute()` once per execution when the context carries a gate (the action node), else every time. */
export async function oncePerExecution<T>(context: object, key: string, compute: () => Promise<T>): Promise<T> {
	const gate = gateOf(context);
	return gate ? await gate.once(key, compute) : await compute();
}
