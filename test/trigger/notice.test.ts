import type { INodeProperties } from 'n8n-workflow';

import { ZohoEmailTrigger } from '../../nodes/ZohoEmail/ZohoEmailTrigger.node';

/**
 * The trigger's notice puts the cost on screen: n8n's default Poll Times poll every minute, 1,440 times a
 * day, and an idle poll costs 1 credit per watched record, 1 for a module listing, 1 Books call per
 * document type (README, "Cost in Zoho API credits per poll"). One notice per Trigger On option.
 */
describe('the trigger\'s notice', () => {
	const notices = new ZohoEmailTrigger().description.properties.filter((p) => p.name === 'costNotice');
	const shownFor = (source: string): INodeProperties[] => notices.filter((n) => (n.displayOptions?.show?.source as string[]).includes(source));
	const perDay = (24 * 60).toLocaleString('en-US');

	it('shows exactly one notice for each source, with the daily cost and the promise first', () => {
		for (const source of ['crmRecords', 'crmModule', 'booksEmailed']) {
			const [notice, ...more] = shownFor(source);
			expect(more).toEqual([]);
			expect(notice.displayName).toMatch(/^Each (new email|email found|emailed document) is emitted once: never twice/);
			expect(notice.displayName).toContain(perDay);
		}
		expect(shownFor('crmRecords')[0].displayName).toContain(`each watched record costs ${perDay} Zoho CRM credits a day (1 per poll); every 5 minutes, 288`);
		expect(shownFor('booksEmailed')[0].displayName).toContain(`each document type costs ${perDay} Zoho Books API calls a day`);
	});

	it('words the module-mode caveat as advice', () => {
		const caveat = new ZohoEmailTrigger().description.properties.find((p) => p.name === 'moduleNotice');
		expect(caveat?.displayName).toMatch(/^Tip: when every email counts, watch chosen records instead\./);
	});
});
