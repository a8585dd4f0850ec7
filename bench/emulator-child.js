// @ts-check
'use strict';

/**
 * The emulator in a process of its own, so its CPU does not share an event loop with the node under
 * measurement. Driven over IPC by `remote-emulator.js`: each message names a method of the emulator's
 * programmatic API by its path (`['data', 'crm', 'addEmails']`) with JSON arguments.
 */
const { startEmulator } = require('../emulator');

async function main() {
	const emu = await startEmulator();
	/** Set-up helpers the programmatic API has no single call for. */
	const bench = {
		/** Adds `count` Contacts (copies of the first) with IDs `<prefix><n>`; returns their IDs. */
		addContacts: (/** @type {number} */ count, prefix = '5725767000009') => {
			const contacts = emu.data.store.crm.records.Contacts;
			const ids = Array.from({ length: count }, (_, n) => `${prefix}${String(n).padStart(6, '0')}`);
			for (const id of ids) contacts.push({ ...contacts[0], id });
			return ids;
		},
		cpuMs: () => {
			const usage = process.cpuUsage();
			return (usage.user + usage.system) / 1000;
		},
	};
	const send = (/** @type {any} */ message) => process.send && process.send(message);
	process.on('message', async (/** @type {{ id: number, path: string[], args: any[] }} */ msg) => {
		try {
			/** @type {any} */
			let target = msg.path[0] === 'bench' ? { bench } : emu;
			/** @type {any} */
			let owner = target;
			for (const key of msg.path) {
				owner = target;
				target = target[key];
			}
			const value = typeof target === 'function' ? await target.apply(owner, msg.args) : target;
			send({ id: msg.id, value: value === undefined ? null : value });
			if (msg.path.length === 1 && msg.path[0] === 'stop') process.disconnect();
		} catch (error) {
			send({ id: msg.id, error: String(error && /** @type {any} */ (error).message) });
		}
	});
	// The parent's exit ends this process too.
	process.on('disconnect', () => emu.stop().then(() => process.exit(0)));
	send({ ready: emu.url });
}

main().catch((error) => {
	process.stderr.write(String(error && error.stack));
	process.exit(1);
});
