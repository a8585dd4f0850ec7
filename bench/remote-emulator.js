// @ts-check
'use strict';

/**
 * Starts `emulator-child.js` and returns a client with the parts of the emulator's API the benchmark
 * uses, each returning a promise. Also reports the child's CPU time.
 */
const path = require('path');
const { fork } = require('child_process');

async function startRemoteEmulator() {
	const child = fork(path.join(__dirname, 'emulator-child.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
	/** @type {Map<number, { resolve: (v: any) => void, reject: (e: Error) => void }>} */
	const pending = new Map();
	let seq = 0;
	const url = await new Promise((resolve, reject) => {
		child.once('error', reject);
		child.once('exit', (code) => reject(new Error(`emulator process exited (${code})`)));
		child.on('message', (/** @type {any} */ msg) => {
			if (msg.ready) return resolve(msg.ready);
			const waiter = pending.get(msg.id);
			if (!waiter) return;
			pending.delete(msg.id);
			if (msg.error) waiter.reject(new Error(msg.error));
			else waiter.resolve(msg.value);
		});
	});
	const call = (/** @type {string} */ name, /** @type {any[]} */ ...args) =>
		new Promise((resolve, reject) => {
			const id = ++seq;
			pending.set(id, { resolve, reject });
			child.send({ id, path: name.split('.'), args });
		});
	return {
		url,
		clientId: /** @type {string} */ (await call('clientId')),
		clientSecret: /** @type {string} */ (await call('clientSecret')),
		call,
		pid: child.pid,
		stop: async () => {
			if (child.connected) await call('stop').catch(() => undefined);
		},
	};
}

module.exports = { startRemoteEmulator };
