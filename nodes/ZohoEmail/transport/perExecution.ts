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

const MEMORY = Symbol('zohoExecutionMemory');

/** The node's context with the execution's memory, for its operations (see engine/router.ts). */
export function withExecutionMemory<T extends object>(context: T, memory: ExecutionMemory): T {
	return Object.assign(Object.create(context) as T, { [MEMORY]: memory });
}

export function executionMemoryOf(context: object): ExecutionMemory | undefined {
	return (context as { [MEMORY]?: ExecutionMemory })[MEMORY];
}

/** `compute()` once per execution when the context carries a memory (the action node), else every time. */
export async function oncePerExecution<T>(context: object, key: string, compute: () => Promise<T>): Promise<T> {
	const memory = executionMemoryOf(context);
	return memory ? await memory.once(key, compute) : await compute();
}

const DEADLINE = Symbol('zohoDeadline');

/**
 * The context with a time by which its requests must be done (epoch ms): the trigger's poll budget.
 * No retry waits past it, and no token renewal is waited for past it.
 */
export function withDeadline<T extends object>(context: T, deadline: number): T {
	return Object.assign(Object.create(context) as T, { [DEADLINE]: deadline });
}

export function deadlineOf(context: object): number | undefined {
	return (context as { [DEADLINE]?: number })[DEADLINE];
}
