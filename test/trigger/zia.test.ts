import { crmRecordsParameters, harness, MACLEAD, requestLines, SAGE } from './helpers';
import { useZoho } from './modelSupport';

describe('Zoho Email Trigger: Zia intent and sentiment filters on new received emails', () => {
	const zoho = useZoho({ perTest: { clockFromNow: 0 } });

	it('emits only received emails with a chosen intent and sentiment (a list or a string from an expression); sent emails pass; Zia left empty does not', async () => {
		// Sentiment as an expression's string, intents as saved.
		const h = harness(zoho.emu, crmRecordsParameters([MACLEAD, SAGE], { ziaIntents: ['complaints', 'request'], ziaSentiments: ' negative ' }));
		await h.poll();
		zoho.tick(10_000);
		const time = new Date(zoho.clock).toISOString();
		// Through the admin API, as the demo makes Zia's fields happen.
		const added = await zoho.admin('crm/emails', {
			module: 'Contacts',
			recordId: MACLEAD,
			emails: [
				{ time, message_id: 'complaint', sent: false, intent: 'complaints', sentiment_info: 'negative', emotion: 'anger' },
				{ time, message_id: 'happy', sent: false, intent: 'complaints', sentiment_info: 'positive' },
				{ time, message_id: 'query', sent: false, intent: 'query', sentiment_info: 'negative' },
				{ time, message_id: 'no-zia', sent: false },
				{ time, message_id: 'ours', sent: true },
			],
		});
		expect(added.status).toBe(201);
		zoho.tick(1000);
		zoho.emu.clearRequests();
		const out = await h.poll();
		// Same second: in any order.
		expect(out.items.map((i) => [i.json.message_id, i.json.intent, i.json.sentiment_info, i.json.emotion]).sort()).toEqual([
			['complaint', 'complaints', 'negative', 'anger'],
			['ours', null, null, null],
		]);
		// No extra call: the list carries Zia's fields.
		expect(requestLines(zoho.emu)).toEqual([`GET /crm/v8/Contacts/${MACLEAD}/Emails`, `GET /crm/v8/Contacts/${SAGE}/Emails`]);
		expect((await h.poll()).items).toEqual([]);
	});

	it('refuses an unknown value before any request, naming the field', async () => {
		const out = await harness(zoho.emu, crmRecordsParameters([MACLEAD], { ziaSentiments: ['angry'] })).poll();
		expect(out.error?.message).toBe('"Zia Sentiment" holds an unknown value: "angry"');
		const inString = await harness(zoho.emu, crmRecordsParameters([MACLEAD], { ziaSentiments: 'negative, angry' })).poll();
		expect(inString.error?.message).toBe('"Zia Sentiment" holds an unknown value: "angry"');
		const number = await harness(zoho.emu, crmRecordsParameters([MACLEAD], { ziaIntents: 3 })).poll();
		expect(number.error?.message).toBe('"Zia Intent" must be a list or a comma-separated string: 3');
		expect(requestLines(zoho.emu)).toEqual([]);
	});
});
