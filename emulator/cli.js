#!/usr/bin/env node
// @ts-check
'use strict';

const { startEmulator } = require('./index');

/**
 * `node emulator/cli.js [--port N]`: starts the emulator, prints its URL, the OAuth client and a fresh
 * token pair, and stops cleanly on SIGINT/SIGTERM.
 */

/** @param {string[]} argv */
function parsePort(argv) {
	const i = argv.findIndex((a) => a === '--port' || a.startsWith('--port='));
	if (i < 0) return 0;
	const raw = argv[i].includes('=') ? argv[i].split('=')[1] : argv[i + 1];
	const port = Number(raw);
	if (!Number.isInteger(port) || port < 0 || port > 65535) {
		process.stderr.write(`Invalid --port value: ${raw}\n`);
		process.exit(2);
	}
	return port;
}

async function main() {
	const emu = await startEmulator({ port: parsePort(process.argv.slice(2)) });
	const out = process.stdout;
	out.write(`Zoho emulator listening on ${emu.url}\n`);
	out.write(`Client ID: ${emu.clientId}\n`);
	out.write(`Client secret: ${emu.clientSecret}\n`);
	out.write(`Token: ${JSON.stringify(emu.issueToken())}\n`);
	let stopping = false;
	const shutdown = () => {
		if (stopping) return;
		stopping = true;
		emu.stop().then(() => process.exit(0));
	};
	process.on('SIGINT', shutdown);
	process.on('SIGTERM', shutdown);
}

main().catch((err) => {
	process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
	process.exit(1);
});
