// @ts-check
'use strict';

/**
 * n8n's safe regular expressions in tests (a jest setup file). n8n-workflow runs the regular
 * expressions of parameter checks (a resource locator's By ID pattern, display conditions) in a `vm`
 * script with a 250 ms time limit. With several jest workers on two cores a worker can be paused longer
 * than that, and a pattern that takes microseconds fails the test with "Regular expression execution
 * timed out". The same `vm` engine with a 10 s limit keeps n8n's semantics (and still stops a runaway
 * pattern) without making the tests depend on the machine's load.
 */

const vm = require('node:vm');
const { setSafeRegexEngine } = require('n8n-workflow');

const LIMIT_MS = 10_000;
const context = vm.createContext({ pattern: '', flags: '', input: '', replacement: '', result: undefined });
/** @param {string} body */
const script = (body) => new vm.Script(`result = ${body}`);
const scripts = {
	exec: script('new RegExp(pattern, flags).exec(input)'),
	test: script('new RegExp(pattern, flags).test(input)'),
	replace: script('input.replace(new RegExp(pattern, flags), replacement)'),
	matchAll: script('Array.from(input.matchAll(new RegExp(pattern, flags)))'),
	split: script('input.split(new RegExp(pattern, flags))'),
};
/** @param {keyof typeof scripts} name @param {Record<string, unknown>} values */
function run(name, values) {
	Object.assign(context, { flags: '', replacement: '', ...values, result: undefined });
	scripts[name].runInContext(context, { timeout: LIMIT_MS });
	return context.result;
}
/** @param {string | undefined} flags */
const globalFlag = (flags) => (flags?.includes('g') ? flags : `${flags ?? ''}g`);

setSafeRegexEngine({
	exec: (pattern, input, flags) => run('exec', { pattern, input, flags: flags ?? '' }),
	test: (pattern, input, flags) => run('test', { pattern, input, flags: flags ?? '' }),
	replace: (pattern, input, flags, replacement) => run('replace', { pattern, input, flags: flags ?? '', replacement }),
	matchAll: (pattern, input, flags) => run('matchAll', { pattern, input, flags: globalFlag(flags) }),
	split: (pattern, input, flags) => run('split', { pattern, input, flags: flags ?? '' }),
});
