import fc from 'fast-check';
import nock from 'nock';
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { runZohoNode } from '../harness/engine';
import { usCredential } from '../harness/fixtures';

/**
 * Generated input for the Zoho Email node. A field's generator yields the raw value an expression
 * gives (`{{ $json.<key> }}`) and what the node must make of it: the value that goes into the request,
 * or the field an error must name. A case runs through n8n-core's real engine; the network is closed
 * and every request is recorded, so "refused" means zero requests.
 */

export const API = 'https://www.zohoapis.com';

/** The parameter is left out of the node (its default applies). */
export const ABSENT = Symbol('absent');

export interface Field<T = unknown> {
	raw: unknown;
	/** What the request carries; absent when the value is refused. */
	ok: boolean;
	value?: T;
}

export const ok = <T>(raw: unknown, value: T): Field<T> => ({ raw, ok: true, value });
export const bad = (raw: unknown): Field<never> => ({ raw, ok: false });

// --- texts -------------------------------------------------------------------------------------

const wrongTypes = fc.oneof(
	fc.integer().map((n) => n as unknown),
	fc.double({ noNaN: true, noDefaultInfinity: true }),
	fc.boolean(),
	fc.constant({ a: 1 }),
	fc.constant({ toString: 'x' }),
	fc.array(fc.string(), { maxLength: 2 }),
);

/** Visible text (never only blanks). */
export const someText = fc.string({ minLength: 1, maxLength: 30, unit: 'grapheme' }).filter((s) => s.trim().length > 0);

/** A required text: text, else "is empty" / wrong type. */
export function requiredText(max?: number): fc.Arbitrary<Field<string>> {
	return fc.oneof(
		{ weight: 5, arbitrary: someText.map((s) => ok(s, s)) },
		{ weight: 1, arbitrary: fc.constantFrom('', '   ', undefined, null).map(bad) },
		{ weight: 2, arbitrary: wrongTypes.map(bad) },
		...(max ? [{ weight: 1, arbitrary: fc.constant(bad('x'.repeat(max + 1))) }] : []),
	);
}

/** An optional text: absent / empty is none. */
export function optionalText(): fc.Arbitrary<Field<string>> {
	return fc.oneof(
		{ weight: 3, arbitrary: someText.map((s) => ok(s, s)) },
		{ weight: 2, arbitrary: fc.constantFrom(ABSENT, '', undefined, null).map((raw) => ok(raw, '')) },
		{ weight: 2, arbitrary: wrongTypes.map(bad) },
	);
}

// --- IDs ---------------------------------------------------------------------------------------

const digits = (min: number, max: number) => fc.stringMatching(new RegExp(`^[1-9][0-9]{${min - 1},${max - 1}}$`));

const hostileIds = fc.constantFrom('.', '..', '', ' ', '../Leads', '12345/6789', '123456?x=1', '123456#a', '1234%2e', '%2e%2e', '36523970000abc', '123 456', '-12345', '1e21');

/** A Zoho ID: digits as text, or a safe integer (taken as its digits); everything else refused. */
export function zohoId(required = true): fc.Arbitrary<Field<string | undefined>> {
	return fc.oneof(
		{ weight: 5, arbitrary: digits(5, 19).map((id) => ok(id, id)) },
		{ weight: 1, arbitrary: fc.integer({ min: 10_000, max: Number.MAX_SAFE_INTEGER }).map((n) => ok(n, String(n))) },
		{ weight: 3, arbitrary: hostileIds.map((raw) => (!required && raw === '' ? ok(raw, undefined) : bad(raw))) },
		{ weight: 1, arbitrary: fc.constantFrom(Number('3652397000000624001'), 1.5, -20000, true, { id: '123456' }, ['3652397000000624001']).map(bad) },
		...(required ? [] : [{ weight: 2, arbitrary: fc.constantFrom(ABSENT, undefined, null).map((raw) => ok(raw, undefined)) }]),
	);
}

// --- options and booleans ----------------------------------------------------------------------

export function option<T extends string>(allowed: readonly T[], fallback?: T): fc.Arbitrary<Field<T>> {
	return fc.oneof(
		{ weight: 5, arbitrary: fc.constantFrom(...allowed).map((v) => ok(v, v)) },
		{ weight: 1, arbitrary: fc.constantFrom(allowed[0].toUpperCase() + '!', 'other', 1, true, [allowed[0]], { value: allowed[0] }).map(bad) },
		...(fallback !== undefined ? [{ weight: 1, arbitrary: fc.constant(ok(ABSENT, fallback)) }] : []),
	);
}

export function bool(fallback = false): fc.Arbitrary<Field<boolean>> {
	return fc.oneof(
		{ weight: 4, arbitrary: fc.boolean().map((b) => ok(b, b)) },
		{ weight: 1, arbitrary: fc.constantFrom('true', 'FALSE', ' false ').map((s) => ok(s, s.trim().toLowerCase() === 'true')) },
		{ weight: 2, arbitrary: fc.constantFrom(ABSENT, undefined, null, '').map((raw) => ok(raw, fallback)) },
		{ weight: 2, arbitrary: fc.constantFrom('yes', 'no', 1, 0, {}, [true]).map(bad) },
	);
}

export function wholeNumber(min: number, max: number): fc.Arbitrary<Field<number>> {
	return fc.oneof(
		{ weight: 4, arbitrary: fc.integer({ min, max }).map((n) => ok(n, n)) },
		{ weight: 1, arbitrary: fc.integer({ min, max }).map((n) => ok(String(n), n)) },
		{ weight: 2, arbitrary: fc.constantFrom(min - 1, -3, 0.5, max + 1, '1.5', 'ten', true, [min], {}).filter((v) => typeof v !== 'number' || v < min || v > max || !Number.isInteger(v)).map(bad) },
	);
}

// --- addresses ---------------------------------------------------------------------------------

export interface Party {
	user_name?: string;
	email: string;
}

const email = fc.tuple(fc.stringMatching(/^[a-z0-9][a-z0-9._+-]{0,8}$/), fc.constantFrom('example.com', 'zylker.co.uk', 'mail.example.org')).map(([l, d]) => `${l}@${d}`);
const displayName = fc.constantFrom('Ana', 'Bo Li', 'Zoë Ünal', "O'Brien", 'J. Smith', '山田 太郎');

/** One recipient in one of the shapes users pass; `parties` is what Zoho must receive. */
const oneRecipient: fc.Arbitrary<{ raw: unknown; parties: Party[]; text: boolean }> = fc.oneof(
	email.map((e) => ({ raw: e, parties: [{ email: e }], text: true })),
	fc.tuple(displayName, email).map(([n, e]) => ({ raw: `${n} <${e}>`, parties: [{ user_name: n, email: e }], text: true })),
	fc.tuple(displayName, email).map(([n, e]) => ({ raw: `"${n}, Sr" <${e}>`, parties: [{ user_name: `${n}, Sr`, email: e }], text: true })),
	email.map((e) => ({ raw: { email: e }, parties: [{ email: e }], text: false })),
	fc.tuple(displayName, email).map(([n, e]) => ({ raw: { email: e, name: n }, parties: [{ user_name: n, email: e }], text: false })),
	fc.tuple(displayName, email).map(([n, e]) => ({ raw: { user_name: n, email: e, type: 'org_email', id: null }, parties: [{ user_name: n, email: e }], text: false })),
);

const badRecipient = fc.constantFrom<unknown>(
	'not-an-address',
	'a@b',
	'Ana <ana>',
	'a b@example.com',
	'Ana\r\nBcc: x <a@example.com>',
	42,
	true,
	{ address: 'a@example.com' },
	{ email: ['a@example.com'] },
	{ email: 'a@example.com, b@example.com' },
	{ email: 'a@example.com', name: 7 },
	{ email: 'a@example.com', name: 'Ana\nBcc' },
);

/**
 * An address field: text (several joined by ", " or "; "), a list, nested lists, objects, a mix.
 * `max` = 1 for single-address fields.
 */
export function recipients({ required, max }: { required: boolean; max?: number }): fc.Arbitrary<Field<Party[]>> {
	const list = fc.array(oneRecipient, { minLength: 1, maxLength: 4 });
	const good = fc.tuple(list, fc.constantFrom('joined', 'array', 'nested')).map(([entries, shape]): Field<Party[]> => {
		const parties = entries.flatMap((e) => e.parties);
		const value = max !== undefined && parties.length > max ? undefined : parties;
		let raw: unknown;
		if (shape === 'joined' && entries.every((e) => e.text)) raw = entries.map((e) => e.raw).join(entries.length % 2 ? ', ' : '; ');
		else if (shape === 'nested') raw = [entries.slice(0, 1).map((e) => e.raw), ...entries.slice(1).map((e) => e.raw)];
		else raw = entries.length === 1 ? entries[0].raw : entries.map((e) => e.raw);
		return value ? ok(raw, value) : bad(raw);
	});
	const withBad = fc.tuple(list, badRecipient, fc.nat()).map(([entries, wrong, at]) => {
		const raws: unknown[] = entries.map((e) => e.raw);
		raws.splice(at % (raws.length + 1), 0, wrong);
		return bad(raws.length === 1 ? raws[0] : raws);
	});
	// A required parameter left out entirely is refused by n8n itself before the node runs; only empty values are generated.
	const empty = fc.constantFrom<unknown>(...(required ? [] : [ABSENT]), '', undefined, null, [], ' , ').map((raw) => (required ? bad(raw) : ok(raw, [] as Party[])));
	return fc.oneof({ weight: 6, arbitrary: good }, { weight: 2, arbitrary: withBad }, { weight: 1, arbitrary: empty });
}

/** Zoho's documented party object: every party named (the address when no name was given). */
/**
 * The fields CRM's and Bigin's Send share, each generated the same way: the record, the parties, the
 * subject, the content, the format and the organization address. Spread after the module.
 */
export const sendFields = () => ({
	recordId: zohoId(),
	from: recipients({ required: true, max: 1 }),
	to: recipients({ required: true }),
	cc: recipients({ required: false }),
	bcc: recipients({ required: false }),
	replyTo: recipients({ required: false, max: 1 }),
	subject: requiredText(),
	content: optionalText(),
	mailFormat: option(['html', 'text'] as const, 'html'),
	orgEmail: bool(),
});

export const named = (p: Party) => ({ user_name: p.user_name ?? p.email, email: p.email });

// --- date-times --------------------------------------------------------------------------------

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Time zones without daylight saving time since 2000 (Bogotá had it in 1992–93), so the expected offset is fixed. */
export const ZONES = { UTC: 0, 'Asia/Kolkata': 330, 'Asia/Tokyo': 540, 'America/Bogota': -300 } as const;
export type Zone = keyof typeof ZONES;

const offsetText = (m: number) => `${m < 0 ? '-' : '+'}${pad(Math.trunc(Math.abs(m) / 60))}:${pad(Math.abs(m) % 60)}`;

/**
 * A date-time in the forms people type, with what Zoho must receive: `yyyy-mm-ddThh:mm:ss±hh:mm`,
 * seconds added, "Z" as +00:00, no offset = the workflow's time zone.
 */
export function dateTime(zone: Zone, years: [number, number]): fc.Arbitrary<Field<string>> {
	const wall = fc.record({
		y: fc.integer({ min: years[0], max: years[1] }),
		mo: fc.integer({ min: 1, max: 12 }),
		d: fc.integer({ min: 1, max: 28 }),
		h: fc.integer({ min: 0, max: 23 }),
		mi: fc.integer({ min: 0, max: 59 }),
		s: fc.integer({ min: 0, max: 59 }),
		offset: fc.constantFrom<number | 'Z' | 'none'>(330, -480, 0, 60, 'Z', 'none', 'none'),
		sep: fc.constantFrom('T', ' '),
		seconds: fc.constantFrom('yes', 'no', 'fraction'),
	});
	const good = wall.map(({ y, mo, d, h, mi, s, offset, sep, seconds }) => {
		const date = `${y}-${pad(mo)}-${pad(d)}`;
		const sec = seconds === 'no' ? 0 : s;
		const timeText = `${pad(h)}:${pad(mi)}${seconds === 'no' ? '' : `:${pad(s)}${seconds === 'fraction' ? '.250' : ''}`}`;
		const suffix = offset === 'Z' ? 'Z' : offset === 'none' ? '' : offsetText(offset);
		const sent = offset === 'Z' ? 0 : offset === 'none' ? ZONES[zone] : offset;
		return ok(`${date}${sep}${timeText}${suffix}`, `${date}T${pad(h)}:${pad(mi)}:${pad(sec)}${offsetText(sent)}`);
	});
	const wrong = fc.constantFrom<unknown>(
		`${years[0]}-02-30T10:00:00+05:30`,
		`${years[0]}-13-01T10:00:00Z`,
		`${years[0]}-06-12T24:00:00Z`,
		`${years[0]}-06-12`,
		`${years[0]}-06-12T10:00:00+05:30 please`,
		`${years[0]}/06/12 10:00`,
		'tomorrow',
		`${years[0]}-06-12T10:00:00+25:00`,
		1718174532,
		true,
		{ date: `${years[0]}-06-12` },
		[`${years[0]}-06-12T10:00:00Z`],
	);
	return fc.oneof({ weight: 4, arbitrary: good }, { weight: 2, arbitrary: wrong.map(bad) });
}

// --- running a case ------------------------------------------------------------------------------

export interface Recorded {
	method: string;
	path: string;
	query: Record<string, string>;
	body: unknown;
}

/** Answers by path, recording every request; anything else the node tries fails the test. */
export function recordZoho(answer: (req: Recorded) => [number, unknown]): Recorded[] {
	const recorded: Recorded[] = [];
	for (const method of ['GET', 'POST', 'PUT', 'DELETE', 'PATCH']) {
		nock(API)
			.persist()
			.intercept(/.*/, method)
			.reply((uri, body) => {
				const url = new URL(uri, API);
				const req: Recorded = { method, path: url.pathname, query: Object.fromEntries(url.searchParams), body: typeof body === 'string' && body.startsWith('{') ? JSON.parse(body) : body };
				recorded.push(req);
				return answer(req);
			});
	}
	return recorded;
}

export interface CaseRun {
	items: INodeExecutionData[];
	error?: { message: string; description?: string; name?: string; constructor: { name: string }; context?: { itemIndex?: number } };
}

/**
 * Runs one generated case as item `position` of the input: the items before it carry no values
 * (they fail on their own, without requests). With Continue On Fail every item yields an output;
 * without it the case runs alone.
 */
export async function runCase(parameters: INodeParameters, json: IDataObject, opts: { position: number; continueOnFail: boolean; timezone?: string }): Promise<CaseRun> {
	const items = [...Array.from({ length: opts.continueOnFail ? opts.position : 0 }, () => ({})), json];
	const result = await runZohoNode({ parameters, items, credential: usCredential(), continueOnFail: opts.continueOnFail, timezone: opts.timezone });
	return { items: result.items, error: result.error as unknown as CaseRun['error'] };
}

/** `={{ $json.key }}` for fields given, nothing for ABSENT ones; the item's json holds the raw values. */
export function wire(fields: Record<string, Field>): { expr: (key: string) => string | undefined; json: IDataObject } {
	const json: IDataObject = {};
	for (const [key, field] of Object.entries(fields)) if (field.raw !== ABSENT) json[key] = field.raw as IDataObject[string];
	return { json, expr: (key) => (fields[key] && fields[key].raw !== ABSENT ? `={{ $json[${JSON.stringify(key)}] }}` : undefined) };
}

/** Parameters without the keys left undefined (ABSENT fields). */
export function compact<T extends Record<string, unknown>>(value: T): T {
	const out: Record<string, unknown> = {};
	for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = v;
	return out as T;
}

/** Labels of the refused fields (the error must name one of them). */
export const refused = (fields: Record<string, Field>, labels: Record<string, string>): string[] =>
	Object.entries(fields)
		.filter(([, f]) => !f.ok)
		.map(([k]) => labels[k] ?? k);

/**
 * The outcome of a case: refused → an error naming one of `expectedFields` and the item, zero requests;
 * else the case's output item, with `requests` recorded.
 */
export function expectRefused(run: CaseRun, recorded: Recorded[], expectedFields: string[], opts: Placement): void {
	expect(recorded).toEqual([]);
	let message: string;
	let description: string;
	if (opts.continueOnFail) {
		const out = run.items.filter((i) => (i.pairedItem as { item: number }).item === opts.position);
		expect(out).toHaveLength(1);
		message = String(out[0].json.error);
		description = String(out[0].json.description ?? '');
	} else {
		expect(run.error).toBeDefined();
		// n8n keeps the error as a plain object in the run data; its name survives.
		expect(run.error?.name).toBe('NodeOperationError');
		expect(run.error?.context?.itemIndex).toBe(opts.position);
		message = run.error!.message;
		description = String(run.error!.description ?? '');
	}
	expect(message).not.toMatch(/\[object Object\]|is not a function|undefined|Cannot read/);
	// A label is named in quotes ("To"); 'Module|the module' lists another accepted wording.
	const named = expectedFields.some((label) => {
		const [quoted, ...other] = label.split('|');
		return message.includes(`"${quoted}"`) || other.some((words) => message.includes(words));
	});
	if (!named) throw new Error(`The error names none of ${expectedFields.join(', ')}: ${message}`);
	expect(`${message} ${description}`).toMatch(new RegExp(`item ${opts.position}\\b`, 'i'));
}

export function caseOutput(run: CaseRun, opts: Placement): INodeExecutionData[] {
	if (run.error) throw new Error(`A valid case failed: ${run.error.message} — ${run.error.description ?? ''}`);
	const out = run.items.filter((i) => (i.pairedItem as { item: number }).item === opts.position);
	if (out.length === 1 && out[0].json.error) throw new Error(`A valid case failed: ${String(out[0].json.error)} — ${String(out[0].json.description ?? '')}`);
	return out;
}

export interface GeneratedCase {
	parameters: INodeParameters;
	json: IDataObject;
	/** The fields that count for the operation, and their labels as error messages name them. */
	fields: Record<string, Field>;
	labels: Record<string, string>;
	recorded: Recorded[];
	at: Placement;
	timezone?: string;
	counts: { refused: number };
}

export interface AcceptedCase {
	out: INodeExecutionData[];
	v: (key: string) => never;
	parties: (key: string) => Array<ReturnType<typeof named>>;
}

/** What the request must carry for a field (undefined for a field the operation does not take). */
export const valueOf =
	(fields: Record<string, Field>) =>
	(key: string): never =>
		fields[key]?.value as never;

/**
 * Runs a generated case and settles a refusal: when a field is refused, the error must name one of
 * them with no request sent; the case counts in `counts.refused` and the result is undefined. Else the run.
 */
export async function runUnlessRefused(c: GeneratedCase): Promise<CaseRun | undefined> {
	const run = await runCase(c.parameters, c.json, { ...c.at, timezone: c.timezone });
	const wrong = refused(c.fields, c.labels);
	if (!wrong.length) return run;
	c.counts.refused++;
	expectRefused(run, c.recorded, wrong, c.at);
	return undefined;
}

/**
 * `runUnlessRefused` for a case that must then succeed: its output items, `v(key)` (what the request
 * must carry for the field) and `parties(key)` (an address field as Zoho's named party objects).
 */
export async function runAccepted(c: GeneratedCase): Promise<AcceptedCase | undefined> {
	const run = await runUnlessRefused(c);
	if (!run) return undefined;
	const v = valueOf(c.fields);
	return { out: caseOutput(run, c.at), v, parties: (key) => (v(key) as Party[]).map(named) };
}

/** Closes the network for the suite (only `recordZoho`'s interceptors answer) and drops them after each test. */
export function useClosedNetwork(): void {
	beforeAll(() => nock.disableNetConnect());
	afterEach(() => nock.cleanAll());
	afterAll(() => nock.enableNetConnect());
}

export interface Placement {
	position: number;
	continueOnFail: boolean;
}

export const placement: fc.Arbitrary<Placement> = fc.oneof(fc.constant({ position: 0, continueOnFail: false }), fc.integer({ min: 0, max: 2 }).map((position) => ({ position, continueOnFail: true })));

/** Runs per file: at least 200 generated cases. */
export const RUNS = 220;
/**
 * fast-check settings of every suite: a fixed seed, so CI sees the same cases on every run (the suites
 * also check how many cases of each kind they drew); change the seed here to explore others.
 */
export const GENERATED = { numRuns: RUNS, seed: 20261201 };

/**
 * A case's fields: all valid (the request must be exactly the documented one), one refused field
 * (the error must name it), or anything (several may be wrong).
 */
export function fieldsOf<K extends string>(gens: Record<K, fc.Arbitrary<Field>>): fc.Arbitrary<Record<K, Field>> {
	const keys = Object.keys(gens) as K[];
	const only = (wanted: boolean) => Object.fromEntries(keys.map((k) => [k, gens[k].filter((f) => f.ok === wanted)])) as Record<K, fc.Arbitrary<Field>>;
	const valid = fc.record(only(true)) as fc.Arbitrary<Record<K, Field>>;
	const bads = only(false);
	const oneBad = fc.tuple(valid, fc.constantFrom(...keys)).chain(([fields, key]) => bads[key].map((wrong) => ({ ...fields, [key]: wrong }) as Record<K, Field>));
	return fc.oneof({ weight: 2, arbitrary: valid }, { weight: 2, arbitrary: oneBad }, { weight: 1, arbitrary: fc.record(gens) as fc.Arbitrary<Record<K, Field>> });
}
