import { loadOptions, runZohoNode } from '../../harness/engine';
import { emulatorCredential, requestsTo, useEmulator } from './emulator';

const ORG = '10234695';
const INVOICE = '460000000040001';

type Results = { results: Array<{ name: string; value: string }> };

/**
 * Email a Transaction's sender (Additional Fields → From Address ID): from node version 1.1 a picker of
 * the senders Books offers for the transaction (`from_emails` of GET …/email); version 1 keeps the typed
 * ID, and both shapes send the same `from_address_id`.
 */
describe('Books Email a Transaction: the sender picker', () => {
	const emulator = useEmulator();
	const base = {
		resource: 'booksEmail',
		operation: 'emailTransaction',
		transactionType: 'invoice',
		organizationId: { __rl: true, mode: 'id', value: ORG },
		transactionId: { __rl: true, mode: 'id', value: INVOICE },
	};
	const pick = (parameters: Record<string, unknown>) =>
		loadOptions('listSearch', 'searchBooksSenders', parameters as never, emulatorCredential(emulator())) as Promise<Results>;

	it('lists the senders Books offers for the transaction, its default marked', async () => {
		const { results } = await pick(base);
		expect(requestsTo(emulator(), 'books').map((r) => `${r.method} ${r.path}`)).toEqual([`GET /books/v3/invoices/${INVOICE}/email`]);
		expect(results.length).toBeGreaterThan(0);
		expect(results[0].name).toMatch(/<[^>]+@[^>]+> \(Books' default\)$/);
		expect(results[0].value).toMatch(/^\d+$/);
	});

	it('asks nothing for a transaction given by number or a type without a sender choice', async () => {
		expect(await pick({ ...base, transactionId: { __rl: true, mode: 'number', value: 'INV-00001' } })).toEqual({ results: [] });
		expect(await pick({ ...base, transactionType: 'estimate' })).toEqual({ results: [] });
		expect(requestsTo(emulator(), 'books')).toEqual([]);
	});

	it('sends the picked sender (version 1.1) and the typed ID (version 1) as the same from_address_id', async () => {
		const [sender] = (await pick(base)).results;
		const credential = emulatorCredential(emulator());
		const to = 'willsmith@bowmanfurniture.example';
		const picked = await runZohoNode({
			parameters: { ...base, sendTo: 'addresses', to, additionalFields: { fromAddressId: { __rl: true, mode: 'list', value: sender.value } } },
			credential,
			typeVersion: 1.1,
		});
		const typed = await runZohoNode({ parameters: { ...base, to, additionalFields: { fromAddressId: sender.value } }, credential });
		expect(picked.error).toBeUndefined();
		expect(typed.error).toBeUndefined();
		const sends = requestsTo(emulator(), 'books').filter((r) => r.method === 'POST');
		expect(sends.map((r) => r.body)).toEqual([
			{ from_address_id: sender.value, to_mail_ids: [to] },
			{ from_address_id: sender.value, to_mail_ids: [to] },
		]);
	});
});
