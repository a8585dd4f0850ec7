import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { adviceOf, withAdvice } from './advice';
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
	 * items fail with it at once instead of asking Zoho again. Any other failure (a refused parameter
	 * names its item) is not kept. Every item but the one whose computation failed gets its own copy of
	 * an n8n error, which the item loop names with its item.
	 */
	async once<T>(key: string, compute: () => Promise<T>): Promise<T> {
		const kept = this.failures.get(key);
		if (kept) throw failureCopy(kept);
		const waiting = this.memo.get(key) as Promise<T> | undefined;
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

/** Throws an n8n error as the caller's own copy; any other failure as it is (the item loop wraps it per item). */
function ownCopy(error: unknown): never {
	throw error instanceof NodeApiError || error instanceof NodeOperationError ? failureCopy(error) : error;
}

/** An n8n error as its own object, without the item of the request that met it, and with its advice. */
function failureCopy<E extends NodeApiError | NodeOperationError>(error: E): E {
	const copy = Object.create(Object.getPrototypeOf(error) as object, Object.getOwnPropertyDescriptors(error)) as E;
	copy.context = { ...error.context, itemIndex: undefined };
	return withAdvice(copy, adviceOf(error));
}
