/**
 * What must hold right before a request that may send email goes out (a write kind that is not
 * repeated after an unknown outcome, transport/policy.ts): the action node's item loop hangs "Max Emails per Execution" here (engine/sendCap.ts), so an item takes
 * its place only once its checks and reads are done and its send is next. Called once per request,
 * before its first attempt (never again for a retry); throwing stops the request before it is made.
 */
export type SendGuard = (itemIndex: number | undefined) => void;

const GUARD = Symbol('zohoSendGuard');

/** The context with `guard` for its sending requests. */
export function withSendGuard<T extends object>(context: T, guard: SendGuard): T {
	return Object.assign(Object.create(context) as T, { [GUARD]: guard });
}

export function sendGuardOf(context: object): SendGuard | undefined {
	return (context as { [GUARD]?: SendGuard })[GUARD];
}
