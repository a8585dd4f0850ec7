// @ts-check
'use strict';

const { N8n } = require('./n8n');

/**
 * The n8n configurations the scenario suite (e2e/scenarios.js) runs side by side, and an n8n instance
 * that can be given extra environment and be stopped by a chosen signal.
 */

/** n8n 2.x's durable scheduler for poll triggers, with durable poll cursors (names from @n8n/config 2.41.1). */
const DURABLE_ENV = {
	N8N_SCHEDULER_ENABLED: 'true',
	N8N_SCHEDULER_POLL_TRIGGERS_ENABLED: 'true',
	N8N_USE_WORKFLOW_PUBLICATION_SERVICE: 'true',
	N8N_POLLER_DURABLE_CURSORS_ENABLED: 'true',
};

/**
 * @typedef {{ key: string, label: string, major: import('./n8n').Major, env: NodeJS.ProcessEnv, durable: boolean }} Config
 * @type {Config[]}
 */
const CONFIGS = [
	{ key: '2', label: 'n8n 2.41.1 default scheduler', major: 2, env: {}, durable: false },
	{ key: '2d', label: 'n8n 2.41.1 durable scheduler', major: 2, env: DURABLE_ENV, durable: true },
	{ key: '1', label: 'n8n 1.123.81', major: 1, env: {}, durable: false },
];

class ScenarioN8n extends N8n {
	/** @param {ConstructorParameters<typeof N8n>[0] & { extraEnv: NodeJS.ProcessEnv }} opts */
	constructor(opts) {
		super(opts);
		this.extraEnv = opts.extraEnv;
	}

	/** @param {{ brokerPort?: number, logLevel?: string }} [overrides] */
	env(overrides = {}) {
		return { ...super.env(overrides), ...this.extraEnv };
	}

	/** The running server's process id (undefined when stopped). */
	get pid() {
		return this.server?.pid;
	}

	/**
	 * Stops the server with `signal` (by its PID) and waits until it has exited; a SIGTERM that has not
	 * ended it after `graceMs` is followed by SIGKILL.
	 * @param {'SIGTERM' | 'SIGKILL'} signal
	 * @param {number} [graceMs]
	 */
	async stopWith(signal, graceMs = 40000) {
		const server = this.server;
		if (!server) return { ms: 0, exited: null };
		const started = Date.now();
		if (signal === 'SIGKILL') {
			server.child.kill('SIGKILL');
			await server.closed;
		} else {
			await server.stop(graceMs);
		}
		this.log += server.output;
		this.server = null;
		return { ms: Date.now() - started, exited: server.exited };
	}
}

module.exports = { CONFIGS, DURABLE_ENV, ScenarioN8n };
