import { BooksPacer } from './booksPacer';

/**
 * What one execution of the action node remembers between its items: values looked up once (host
 * settings, the default Books organization, CRM modules), a failed token renewal and the pace of its
 * requests to each Books organization.
 */
export class ExecutionMemory {
	private readonly memo = new Map<string, Promise<unknown>>();

	private readonly pacers = new Map<string, BooksPacer>();

	/** The pacer of requests to one Books organization (see booksPacer.ts). */
	booksPacer(organizationId: string): BooksPacer {
		let pacer = this.pacers.get(organizationId);
		if (!pacer) this.pacers.set(organizationId, (pacer = new BooksPacer()));
		return pacer;
	}

	/**
	 * Set when n8n's renewal of the token failed in this execution: later requests fail with the same
	 * words at once instead of asking Zoho's accounts server again.
	 */
	authFailure?: { plain: string; hint: string };

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
}
