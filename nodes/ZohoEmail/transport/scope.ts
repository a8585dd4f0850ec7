import type { RequestGate } from './gate';
import type { ExecutionMemory } from './perExecution';

/**
 * What must hold right before a request that may send email goes out (a write kind that is not
 * repeated after an unknown outcome, transport/policy.ts): the action node's item loop hangs "Max
 * Emails per Execution" here (engine/sendCap.ts), so an item takes its place only once its checks and
 * reads are done and its send is next. Called once per request, before its first attempt (never again
 * for a retry); throwing stops the request before it is made.
 */
export type SendGuard = (itemIndex: number | undefined) => void;

/** The parts of a scope; each is optional, and a scope without one behaves as if it were not there. */
export interface ScopeParts {
	/** Requests in flight: the action node's "Requests in Flight", the trigger's record reads. */
	gate?: RequestGate;
	/** Values looked up once, a failed token renewal, the Books pacers (the action node's execution). */
	memory?: ExecutionMemory;
	/** When the requests must be done (epoch ms): the trigger's poll budget. */
	deadline?: number;
	/** Where a sending item takes its place under "Max Emails per Execution" (one item's scope). */
	sendGuard?: SendGuard;
}

/**
 * What the requests of one run share, as one object handed down with the context: an execution of
 * the action node (engine/router.ts: gate and memory, and per sending item its guard) or a poll of the
 * trigger (trigger/poll.ts: its deadline; the CRM record reads add their gate). The transport reads it
 * here only; a context without a scope (pickers, the credential test) gets the empty one.
 */
export class ExecutionScope {
	constructor(private readonly parts: Readonly<ScopeParts> = {}) {}

	/** This scope with `parts` added or replaced (the rest is shared, e.g. the memory). */
	with(parts: ScopeParts): ExecutionScope {
		return new ExecutionScope({ ...this.parts, ...parts });
	}

	get deadline(): number | undefined {
		return this.parts.deadline;
	}

	/** Waits for a slot among the requests in flight (gate.ts). */
	async acquire(): Promise<void> {
		await this.parts.gate?.acquire();
	}

	/** Gives the slot back, with how the request went. */
	release(outcome: 'ok' | 'rateLimited' | 'failed'): void {
		this.parts.gate?.release(outcome);
	}

	/** `compute()` once per execution when the scope has a memory (the action node), else every time. */
	async once<T>(key: string, compute: () => Promise<T>): Promise<T> {
		const memory = this.parts.memory;
		return memory ? await memory.once(key, compute) : await compute();
	}

	/** Books counts every request to an organization, retries too, against 100 per minute (booksPacer.ts). */
	async paceBooks(organizationId: string): Promise<void> {
		await this.parts.memory?.booksPacer(organizationId).wait();
	}

	/** The words of a token renewal that already failed in this execution, if any. */
	get authFailure(): { plain: string; hint: string } | undefined {
		return this.parts.memory?.authFailure;
	}

	/** Remembers a failed renewal, so later requests of the execution fail with its words at once. */
	rememberAuthFailure(words: { plain: string; hint: string }): void {
		if (this.parts.memory) this.parts.memory.authFailure = words;
	}

	/** Right before the first attempt of a request that may send email (see `SendGuard`). */
	beforeSend(itemIndex: number | undefined): void {
		this.parts.sendGuard?.(itemIndex);
	}

	/** Whether nothing in this run has succeeded for `ms` (only a run with a gate knows). */
	stalledFor(ms: number): boolean {
		const gate = this.parts.gate;
		return !!gate && Date.now() - gate.lastSuccessAt > ms;
	}
}

const SCOPE = Symbol('zohoExecutionScope');
const EMPTY = new ExecutionScope();

/** The context with `scope` for every request made with it. */
export function withScope<T extends object>(context: T, scope: ExecutionScope): T {
	return Object.assign(Object.create(context) as T, { [SCOPE]: scope });
}

/** The context's scope, or the empty one. */
export function scopeOf(context: object): ExecutionScope {
	return (context as { [SCOPE]?: ExecutionScope })[SCOPE] ?? EMPTY;
}

/** `compute()` once per execution when the context's scope has a memory (the action node), else every time. */
export async function oncePerExecution<T>(context: object, key: string, compute: () => Promise<T>): Promise<T> {
	return await scopeOf(context).once(key, compute);
}
