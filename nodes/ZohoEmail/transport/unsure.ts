/**
 * The words for a request whose outcome is unknown (no answer, an unreadable answer, a redirect),
 * shared by the transport's failure and redirect messages.
 */

/**
 * What to tell about a request that must not be repeated (`sendsMail`) when its outcome is unknown;
 * undefined for a request that is retried instead.
 */
export function notRetried(req: { sendsMail?: boolean; unsure?: string }): string | undefined {
	return req.sendsMail ? notRepeatedWords(req) : undefined;
}

/**
 * The words for a request that was not repeated: a send by default, or the request's own `unsure`
 * words (a logged email, a scheduled draft), with `aside` after them.
 */
export function notRepeatedWords(req: { unsure?: string }, aside = ''): string {
	const what = req.unsure ?? 'The email may or may not have gone out';
	const why = req.unsure ? 'it is not done twice' : 'nobody is mailed twice';
	return `${what}${aside}. It was not retried, so that ${why}: check the record in Zoho before running this item again.`;
}
