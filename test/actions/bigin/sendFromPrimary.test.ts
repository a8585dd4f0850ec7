import { runZohoNode } from '../../harness/engine';
import { emulatorCredential, requestsTo, useEmulator } from '../books/emulator';

const CONTACT = '6120845000000601001';

/** Bigin Send with From left empty: the primary sender of Bigin's from-addresses list, read once per execution. */
describe('Bigin Email: Send from the primary address', () => {
	const emulator = useEmulator();

	it('reads the sender addresses once for all items and sends from the default one', async () => {
		const emu = emulator();
		const result = await runZohoNode({
			parameters: {
				resource: 'biginEmail',
				operation: 'send',
				biginModule: 'Contacts',
				recordId: { __rl: true, mode: 'id', value: CONTACT },
				to: 'jason@example.com',
				subject: 'Spring offer',
				content: 'Hello',
			},
			items: [{}, {}],
			credential: emulatorCredential(emu),
		});
		expect(result.error).toBeUndefined();
		const requests = requestsTo(emu, 'bigin');
		expect(requests.filter((r) => r.path.endsWith('/from_addresses'))).toHaveLength(1);
		const sends = requests.filter((r) => r.method === 'POST');
		expect(sends).toHaveLength(2);
		for (const send of sends) expect((send.body as { data: Array<{ from: unknown }> }).data[0].from).toEqual({ user_name: 'Amelia Burrows', email: 'amelia.burrows@zylker.com' });
	});
});
