import { NodeApiError } from 'n8n-workflow';

import { BooksPacer } from './booksPacer';

/**
 * What one execution of the action node remembers between its items: values looked up once (host
 * settings, the default Books organization, CRM modules), a failed token renewal and the pace of its
 * requests to each Books organization.
 */
export class ExecutionMemory {
	private readonly memo = new Map<string, Promise<unknown>>();

	private readonly failures = new Map<string, NodeApiError>();

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

	/**
	 * The value for `key`, computed once per execution. A computation Zoho answered with a failure
	 * (a NodeApiError: the transport has already retried what may be retried) is kept too, so the later
	 * items fail with it at once instead of asking Zoho again; each gets its own copy, which the item
	 * loop names with its item. Any other failure (a refused parameter names its item) is not kept.
	 */
	async once<T>(key: string, compute: () => Promise<T>): Promise<T> {
		const kept = this.failures.get(key);
		if (kept) throw failureCopy(kept);
		const waiting = this.memo.get(key) as Promise<T> | undefined;
		// A caller that joins a computation under way also gets its own copy of the failure.
		if (waiting) return await waiting.catch(ownCopy);
		const pending = compute();
		this.memo.set(key, pending);
		pending.catch((error: unknown) => {
			this.memo.delete(key);
			if (error instanceof NodeApiError) this.failures.set(key, failureCopy(error));
		});
		return await pending;
	}
}

/** Throws a Zoho failure as the caller's own copy; any other failure as it is. */
function ownCopy(error: unknown): never {
	throw error instanceof NodeApiError ? failureCopy(error) : error;
}

/** A kept failure as its own object, without the item of the request that met it. */
function failureCopy(error: NodeApiError): NodeApiError {
	const copy = Object.create(
		Object.getPrototypeOf(error) as object,
		Object.getOwnPropertyDescriptors(error),
	) as NodeApiError;
	copy.context = { ...error.context, itemIndex: undefined };
	return copy;
}
