import fc from 'fast-check';
import type { IDataObject } from 'n8n-workflow';

import { htmlToText, idText, isoDateTime, partyText, shapeOutput } from '../../nodes/ZohoEmail/helpers/output';

describe('Simplified output helpers', () => {
	it.each([
		['2023-10-30T11:19:42+05:30', '2023-10-30T05:49:42Z'],
		['2013-08-05T12:06:10+0530', '2013-08-05T06:36:10Z'],
		['2016-06-03T14:33:26-0800', '2016-06-03T22:33:26Z'],
		['2025-03-01T06:00:00Z', '2025-03-01T06:00:00Z'],
		['2025-03-01T06:00:00.250Z', '2025-03-01T06:00:00.250Z'],
		['2025-03-01 06:00+01:00', '2025-03-01T05:00:00Z'],
		['2013-11-19', '2013-11-19'],
		['4 days ago', '4 days ago'],
	])('isoDateTime(%j) is %j', (given, expected) => {
		expect(isoDateTime(given)).toBe(expected);
	});

	it('isoDateTime gives null for what is not text', () => {
		expect([isoDateTime(undefined), isoDateTime(null), isoDateTime(1700000000)]).toEqual([null, null, null]);
	});

	it('htmlToText drops tags, styles, scripts and comments and keeps paragraphs and list items apart', () => {
		const html =
			'<html><head><title>t</title><style>p { color: red }</style></head><body><!-- hidden --><script>alert(1)</script>' +
			'<p>Hi&nbsp;Ana,</p><p>Items:</p><ul><li>One &amp; two</li><li>&#8364;5 &lt;net&gt; &#x263A;</li></ul><div>Bye<br/>Bo</div></body></html>';
		expect(htmlToText(html)).toBe('Hi Ana,\nItems:\n- One & two\n- €5 <net> ☺\nBye\nBo');
		expect(htmlToText('  plain text  ')).toBe('plain text');
		expect(htmlToText(null)).toBe('');
		expect(htmlToText('&bogus; &#0;')).toBe('&bogus; &#0;');
	});

	it('idText keeps text, writes numbers out, and gives null otherwise', () => {
		expect([idText('0012'), idText(460000000026049), idText(undefined), idText({ id: 1 })]).toEqual(['0012', '460000000026049', null, null]);
	});

	it('partyText names the party once', () => {
		expect(partyText({ user_name: 'Ana', email: 'ana@example.com' })).toBe('Ana <ana@example.com>');
		expect(partyText({ user_name: 'ana@example.com', email: 'ana@example.com' })).toBe('ana@example.com');
		expect(partyText({ user_name: null, email: '' })).toBeNull();
		expect(partyText({ name: 'Sales' })).toBe('Sales');
	});

	it('shapeOutput: Raw is the answer itself, Selected Fields only the chosen keys that exist', () => {
		const raw = { a: 1, b: '<p>x</p>', c: null };
		const simplify = () => ({ s: true });
		expect(shapeOutput({ output: 'raw', fields: [] }, raw, simplify)).toBe(raw);
		expect(shapeOutput({ output: 'simple', fields: [] }, raw, simplify)).toEqual({ s: true });
		expect(shapeOutput({ output: 'fields', fields: ['c', 'a', 'zz'] }, raw, simplify)).toEqual({ c: null, a: 1 });
	});
});

/** Names every object inherits: an answer never has them as its own keys unless Zoho sent them. */
const INHERITED = ['constructor', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString', '__proto__', '__defineGetter__'];

describe('Selected Fields picks only the answer\'s own keys', () => {
	const json: fc.Arbitrary<unknown> = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 2 }), fc.dictionary(fc.string(), fc.string(), { maxKeys: 2 }));
	const answer = fc.dictionary(fc.oneof(fc.string({ minLength: 1, maxLength: 8 }), fc.constantFrom(...INHERITED)), json, { maxKeys: 6 });

	it('generated: exactly the chosen keys the answer has, never an inherited function, and a plain object', () => {
		fc.assert(
			fc.property(
				answer.chain((raw) =>
					fc.tuple(fc.constant(raw), fc.uniqueArray(fc.oneof(fc.constantFrom(...INHERITED), fc.constantFrom(...Object.keys(raw), 'absent')), { minLength: 1, maxLength: 8 })),
				),
				([raw, fields]) => {
					// As JSON.parse builds Zoho's answer: "__proto__" there is an own key, not the prototype.
					const parsed = JSON.parse(JSON.stringify(raw)) as IDataObject;
					const picked = shapeOutput({ output: 'fields', fields }, parsed, () => ({}));
					const own = fields.filter((f) => Object.prototype.hasOwnProperty.call(parsed, f));
					expect(Object.getPrototypeOf(picked)).toBe(Object.prototype);
					expect(Object.keys(picked).sort()).toEqual([...own].sort());
					for (const f of own) expect(picked[f]).toEqual(parsed[f]);
					expect(Object.values(picked).some((v) => typeof v === 'function')).toBe(false);
				},
			),
			{ numRuns: 500, seed: 9 },
		);
	});

	it('constructor and toString on an answer without them give an empty item', () => {
		expect(shapeOutput({ output: 'fields', fields: ['constructor', 'toString'] }, { subject: 'Hi' }, () => ({}))).toEqual({});
	});
});
