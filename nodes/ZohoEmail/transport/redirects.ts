/**
 * Redirects. n8n's HTTP helper would follow them and, by default, carry the Authorization header to
 * whatever host the Location names (and re-send a POST body on a 307/308). The transport asks it not to
 * follow any redirect and decides here: only a redirect to the same API origin is followed, so the
 * token never leaves the data center's API host and an email is never sent anywhere else.
 */

export const MAX_REDIRECTS = 5;

/** The absolute URL a redirect answer points to, or undefined when it names none that parses. */
export function redirectTarget(headers: Record<string, unknown> | undefined, from: string): string | undefined {
	const raw = headers?.location ?? headers?.Location;
	const location = Array.isArray(raw) ? raw[0] : raw;
	if (typeof location !== 'string' || location === '') return undefined;
	try {
		return new URL(location, from).href;
	} catch {
		return undefined;
	}
}

export function originOf(url: string): string | undefined {
	try {
		return new URL(url).origin;
	} catch {
		return undefined;
	}
}

export function isRedirect(status: number | undefined): status is number {
	return status !== undefined && status >= 300 && status < 400;
}

/**
 * Whether a redirect is followed: same origin only, a bounded number of times, and a request with a
 * body (a send, an upload) only on 307/308, which keep the method and the body and mean the server
 * did not process the request. A 301/302/303 after a POST would turn it into a GET, whose answer
 * would say nothing about the email.
 */
export function followable(
	status: number,
	method: string,
	target: string | undefined,
	apiOrigin: string,
	hops: number,
): target is string {
	if (!target || originOf(target) !== apiOrigin || hops >= MAX_REDIRECTS) return false;
	return method === 'GET' || status === 307 || status === 308;
}
