import fc from 'fast-check';

import { dayMs, offsetOfTime, orgCalendar } from '../../nodes/ZohoEmail/trigger/booksZone';

describe("Zoho Email Trigger: the Books organization's calendar", () => {
	it('an IANA zone gives the local date, daylight saving time included', () => {
		const brussels = orgCalendar('Europe/Brussels', undefined);
		// 22:30 UTC on 10 June is 00:30 on 11 June in Brussels (UTC+2 in summer), 23:30 on 10 January (UTC+1).
		expect(brussels.day(Date.parse('2026-06-10T22:30:00Z'))).toBe('2026-06-11');
		expect(brussels.day(Date.parse('2026-01-10T22:30:00Z'))).toBe('2026-01-10');
		const la = orgCalendar('America/Los_Angeles', undefined);
		expect(la.day(Date.parse('2026-06-11T03:00:00Z'))).toBe('2026-06-10');
		expect(orgCalendar('Pacific/Kiritimati', undefined).day(Date.parse('2026-06-10T19:00:00Z'))).toBe('2026-06-11');
	});

	it("a name Intl does not know falls back to the offset of Books' own times, then to UTC", () => {
		expect(offsetOfTime('2013-08-05T12:06:10+0530')).toBe(330);
		expect(offsetOfTime('2016-06-05T02:30:08-0700')).toBe(-420);
		expect(offsetOfTime('2023-10-30T11:19:42+05:30')).toBe(330);
		expect(offsetOfTime('2023-10-30T11:19:42Z')).toBe(0);
		expect(offsetOfTime('')).toBeUndefined();
		expect(offsetOfTime(undefined)).toBeUndefined();
		const at = Date.parse('2026-06-10T20:00:00Z');
		expect(orgCalendar('India Standard Time', 330).day(at)).toBe('2026-06-11');
		expect(orgCalendar('(GMT -7:00) Pacific', -420).day(Date.parse('2026-06-11T03:00:00Z'))).toBe('2026-06-10');
		expect(orgCalendar('', undefined).day(at)).toBe('2026-06-10');
		expect(orgCalendar('Europe/Brussels', undefined).day(Number.NaN)).toBe('');
	});

	it('dayStartBound is no later than the start of the local day, and less than a day and two hours before it', () => {
		const zones = ['Europe/Brussels', 'America/Los_Angeles', 'Pacific/Kiritimati', 'Pacific/Honolulu', 'America/St_Johns', 'Asia/Calcutta', 'UTC', 'Australia/Lord_Howe'];
		fc.assert(
			fc.property(fc.constantFrom(...zones), fc.integer({ min: Date.parse('2025-01-01T00:00:00Z'), max: Date.parse('2027-12-31T00:00:00Z') }), (zone, ms) => {
				const cal = orgCalendar(zone, undefined);
				const bound = cal.dayStartBound(ms);
				expect(bound).toBeLessThanOrEqual(ms);
				// Just before the bound it is still the previous local day (or the bound is within the day's first hours).
				expect(cal.day(bound) <= cal.day(ms)).toBe(true);
				expect(cal.day(bound - 1) < cal.day(ms) || bound === ms).toBe(true);
				expect(ms - bound).toBeLessThan(26 * 3_600_000);
			}),
			{ numRuns: 500, seed: 7 },
		);
	});

	it('dates compare as their UTC midnights', () => {
		expect(dayMs('2026-06-10')).toBe(Date.parse('2026-06-10T00:00:00Z'));
		expect(Number.isNaN(dayMs(''))).toBe(true);
	});
});
