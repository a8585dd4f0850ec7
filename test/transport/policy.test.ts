import fc from 'fast-check';

import {
	counterOf,
	decide,
	isUnknown,
	KIND_NAMES,
	MAX_RATE_LIMIT_RETRIES,
	MAX_UNKNOWN_RETRIES,
	OUTCOMES,
	type Outcome,
	type RequestKind,
	type RetryCounter,
} from '../../nodes/ZohoEmail/transport/policy';
import { wordsFor } from '../../nodes/ZohoEmail/transport/words';
import { readRepoFile } from '../harness/docs';

/**
 * The table stated a second time, by hand: which kinds of request are sent again after an outcome
 * nobody can read (a 5xx, a timeout, a reset, a cut-off answer). Doing one of these twice mails nobody.
 */
const REPEATABLE: Record<RequestKind, boolean> = {
	read: true,
	send: false,
	reminder: false,
	bulk: false,
	associate: false,
	scheduledDraft: false,
	scheduledEmail: false,
	draft: true,
	cancel: true,
	toggle: true,
	unblock: true,
	upload: true,
};
const UNKNOWN: Outcome[] = ['serverError', 'serverErrorBare', 'timeout', 'reset', 'cutOff'];
const PRODUCTS = ['crm', 'bigin', 'books'] as const;

describe('the retry table: decide(kind, outcome, attempt)', () => {
	it('knows every kind stated here and every outcome', () => {
		expect([...KIND_NAMES].sort()).toEqual(Object.keys(REPEATABLE).sort());
		expect(OUTCOMES.filter(isUnknown).sort()).toEqual([...UNKNOWN].sort());
		expect(MAX_RATE_LIMIT_RETRIES).toBe(15);
		expect(MAX_UNKNOWN_RETRIES).toBe(2);
	});

	// Every cell, attempts 0 to 20.
	const cells = KIND_NAMES.flatMap((kind) => OUTCOMES.map((outcome) => [kind, outcome] as const));
	it.each(cells)('%s × %s', (kind, outcome) => {
		for (let attempt = 0; attempt <= 20; attempt++) {
			let expected: ReturnType<typeof decide> = { retry: false };
			if (outcome === 'rateLimited' && attempt < 15) expected = { retry: true, wait: 'rateLimit' };
			if (outcome === 'redirect') expected = { retry: true, wait: 'none' };
			if (UNKNOWN.includes(outcome) && REPEATABLE[kind] && attempt < 2) expected = { retry: true, wait: 'backoff' };
			expect(decide(kind, outcome, attempt)).toEqual(expected);
		}
	});

	it('bounds the tries of any sequence of answers, and never repeats a write that may mail after an unknown outcome (generated)', () => {
		const outcome = fc.constantFrom(...OUTCOMES.filter((o) => o !== 'redirect'));
		fc.assert(
			fc.property(fc.constantFrom(...KIND_NAMES), fc.array(outcome, { maxLength: 60 }), (kind, answers) => {
				const tries: Record<RetryCounter, number> = { rateLimit: 0, unknown: 0, redirect: 0 };
				let sent = 0;
				for (const answer of answers) {
					sent++;
					const counter = counterOf(answer);
					const decision = decide(kind, answer, tries[counter]);
					// Pure: the same question, the same answer.
					expect(decide(kind, answer, tries[counter])).toEqual(decision);
					if (!decision.retry) break;
					if (isUnknown(answer)) expect(REPEATABLE[kind]).toBe(true);
					tries[counter]++;
				}
				expect(sent).toBeLessThanOrEqual(1 + MAX_RATE_LIMIT_RETRIES + MAX_UNKNOWN_RETRIES);
				expect(tries.unknown).toBeLessThanOrEqual(REPEATABLE[kind] ? MAX_UNKNOWN_RETRIES : 0);
			}),
			{ numRuns: 500 },
		);
	});
});

describe('the words of the table: wordsFor(kind, outcome, product)', () => {
	const cells = KIND_NAMES.flatMap((kind) => OUTCOMES.map((outcome) => [kind, outcome] as const));

	it.each(cells)('%s × %s', (kind, outcome) => {
		for (const product of PRODUCTS) expectWords(kind, outcome, product);
	});

	function expectWords(kind: RequestKind, outcome: Outcome, product: (typeof PRODUCTS)[number]) {
		const words = wordsFor(kind, outcome, product);
		const agent = words.advice ?? words.fallbackAdvice;
		if (outcome === 'redirect' || outcome === 'renewalFailed') {
			// A followed redirect has no error; a failed renewal has auth.ts's words (nothing was sent).
			expect(words).toEqual({});
			return;
		}
		// A clause n8n appends to a tool's message: lower case, no final period, short (engine/toolErrors.ts).
		expect(agent).toMatch(/^[a-z].*[^.]$/);
		expect(agent!.length).toBeLessThanOrEqual(400);
		// Plainly whether it is safe to try again.
		expect(agent).toMatch(/^(do not retry|safe to try again)/);
		if (!isUnknown(outcome)) return;
		const repeatable = REPEATABLE[kind];
		expect(words.advice).toMatch(repeatable ? /^safe to try again/ : /^do not retry/);
		if (kind === 'read') expect(words.hint).toBe('It was tried 3 times. Nothing was changed: try again later.');
		else if (repeatable) expect(words.hint).toMatch(/ may or may not .*\. It was tried 3 times\. Running this item again is safe: /);
		else expect(words.hint).toMatch(/ may or may not .*\. It was not retried, so that (nobody is mailed twice|it is not done twice): check .+ before running this item again\.$/);
	}

	it('names the place to look after a send per product', () => {
		expect(wordsFor('send', 'serverError', 'crm').advice).toBe('do not retry: the email may already have been sent; check the record\'s emails first');
		expect(wordsFor('send', 'timeout', 'bigin').advice).toBe('do not retry: the email may already have been sent; check the record in Zoho Bigin first');
		expect(wordsFor('send', 'cutOff', 'books').advice).toBe('do not retry: the email may already have been sent; check the history in Zoho Books (List Email History) first');
	});

	it('says a 307/308 that was not followed left a send undone, and a 302 after it unknown', () => {
		expect(wordsFor('send', 'redirectRepeat', 'crm').hint).toBe('The email was not sent: the answer asked for it to be sent again elsewhere, which the node does not do.');
		expect(wordsFor('associate', 'redirectRepeat', 'crm').hint).toBe('Zoho did not act on it: the answer asked for it to be sent again elsewhere, which the node does not do.');
		expect(wordsFor('read', 'redirectMoved', 'crm').hint).toBe('Check the data center and the API URL of the credential.');
		expect(wordsFor('send', 'redirectMoved', 'crm').hint).toMatch(/^The email may or may not have gone out \(a redirect after a send does not say\)\. It was not repeated/);
	});
});

describe('the README states the table', () => {
	const readme = readRepoFile('README.md');
	const section = readme.slice(readme.indexOf('## Errors, retries and safety'), readme.indexOf('## Performance and fault tolerance'));
	const rows = [...section.matchAll(/^\s*\| `(\w+)` \| [^|]+ \| (retried twice|not retried) \| ([^|]+) \|$/gm)].map((m) => ({ kind: m[1], retried: m[2], agent: m[3].trim() }));

	it('with one row per kind, as decide() and wordsFor() have it', () => {
		expect(rows.map((r) => r.kind).sort()).toEqual([...KIND_NAMES].sort());
		for (const row of rows) {
			const kind = row.kind as RequestKind;
			expect([kind, row.retried]).toEqual([kind, decide(kind, 'timeout', 1).retry ? 'retried twice' : 'not retried']);
			expect(decide(kind, 'timeout', 2).retry).toBe(false);
			expect([kind, row.agent]).toEqual([kind, wordsFor(kind, 'timeout', 'crm').advice]);
		}
	});
});
