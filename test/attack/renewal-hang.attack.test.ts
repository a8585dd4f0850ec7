/**
 * A token renewal whose accounts server never answers, met by a trigger poll on n8n 2.x's durable
 * scheduler: README "One poll at a time, each fitting its time" (the scheduler abandons a poll after its
 * timeout and gives the node a budget below it).
 */
import { sleep } from 'n8n-workflow';

import { crmRecordsParameters, harness, KAYLEIGH, startZoho } from '../trigger/helpers';
import { type Emu, T0, tokenRequests } from './support';

test('a poll whose token renewal hangs ends within its budget', async () => {
	const emu = (await startZoho()) as Emu;
	let poll: Promise<unknown> = Promise.resolve();
	try {
		emu.setClock(T0);
		const budget = 1_500;
		const h = harness(emu, crmRecordsParameters([KAYLEIGH]), 'n8n2durable', budget);
		expect((await h.poll()).error).toBeUndefined();
		emu.setClock(T0 + 60_000);
		emu.expireTokens();
		emu.addFault({ path: '/oauth/v2/token', kind: 'timeout', times: 0 } as never);
		const started = Date.now();
		poll = h.poll().then(() => Date.now() - started);
		const outcome = await Promise.race([poll, sleep(budget + 4_000).then(() => 'still running')]);
		expect(tokenRequests(emu)).toBe(1);
		expect(outcome).not.toBe('still running');
	} finally {
		// Closes the hanging socket: the poll, if still waiting, ends now.
		await emu.stop();
		await Promise.race([poll, sleep(10_000)]);
	}
});
