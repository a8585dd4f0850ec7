// @ts-check
'use strict';

const { spawn } = require('node:child_process');
const net = require('node:net');

/**
 * Small process and timing helpers shared by the e2e suite, the demo and the screenshot script.
 */

/** @param {number} ms */
function sleep(ms) {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Polls `probe` until it returns a truthy value or `timeoutMs` passes (then throws `what` timed out).
 * @template T
 * @param {string} what
 * @param {() => Promise<T | undefined | null | false>} probe
 * @param {{ timeoutMs: number, intervalMs?: number, giveUpIf?: () => string | false | null | undefined }} opts
 * `giveUpIf` returns why waiting is pointless (e.g. the process exited), which stops it at once.
 * @returns {Promise<T>}
 */
async function waitFor(what, probe, opts) {
	const deadline = Date.now() + opts.timeoutMs;
	for (;;) {
		const hopeless = opts.giveUpIf?.();
		if (hopeless) throw new Error(hopeless);
		let value;
		try {
			value = await probe();
		} catch {
			value = undefined;
		}
		if (value) return value;
		if (Date.now() > deadline) throw new Error(`timed out after ${opts.timeoutMs} ms waiting for ${what}`);
		await sleep(opts.intervalMs ?? 300);
	}
}

/** A free TCP port on 127.0.0.1 (asked from the OS, then released). */
function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => resolve(port));
		});
	});
}

/**
 * @typedef {{ code: number | null, signal: string | null, stdout: string, stderr: string, ms: number }} RunResult
 */

/**
 * Runs a command to completion, capturing its output.
 * @param {string} cmd
 * @param {string[]} args
 * @param {{ env?: NodeJS.ProcessEnv, cwd?: string, timeoutMs?: number, echo?: boolean, onLine?: (line: string, stream: 'stdout' | 'stderr') => void }} [opts]
 * `echo` copies the output to this process's; `onLine` receives it line by line.
 * @returns {Promise<RunResult>}
 */
function run(cmd, args, opts = {}) {
	const started = Date.now();
	return new Promise((resolve, reject) => {
		const child = spawn(cmd, args, { env: opts.env ?? process.env, cwd: opts.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
		let stdout = '';
		let stderr = '';
		const pending = { stdout: '', stderr: '' };
		/** @param {'stdout' | 'stderr'} stream @param {string} chunk @param {boolean} [end] */
		const lines = (stream, chunk, end = false) => {
			if (!opts.onLine) return;
			const parts = (pending[stream] + chunk).split('\n');
			pending[stream] = end ? '' : (parts.pop() ?? '');
			for (const line of parts) if (line || !end) opts.onLine(line, stream);
		};
		child.stdout.on('data', (chunk) => {
			stdout += chunk;
			if (opts.echo) process.stdout.write(chunk);
			lines('stdout', String(chunk));
		});
		child.stderr.on('data', (chunk) => {
			stderr += chunk;
			if (opts.echo) process.stderr.write(chunk);
			lines('stderr', String(chunk));
		});
		const timer = opts.timeoutMs
			? setTimeout(() => {
					stderr += `\n[killed after ${opts.timeoutMs} ms]\n`;
					child.kill('SIGKILL');
				}, opts.timeoutMs)
			: undefined;
		child.on('error', reject);
		child.on('close', (code, signal) => {
			if (timer) clearTimeout(timer);
			lines('stdout', '', true);
			lines('stderr', '', true);
			resolve({ code, signal, stdout, stderr, ms: Date.now() - started });
		});
	});
}

/**
 * A long-running child process whose output is kept in memory.
 */
class Service {
	/**
	 * @param {string} name
	 * @param {string} cmd
	 * @param {string[]} args
	 * @param {{ env?: NodeJS.ProcessEnv, cwd?: string }} [opts]
	 */
	constructor(name, cmd, args, opts = {}) {
		this.name = name;
		this.output = '';
		/** @type {{ code: number | null, signal: string | null } | null} */
		this.exited = null;
		this.child = spawn(cmd, args, { env: opts.env ?? process.env, cwd: opts.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
		this.child.stdout.on('data', (chunk) => (this.output += chunk));
		this.child.stderr.on('data', (chunk) => (this.output += chunk));
		/** @type {Promise<void>} */
		this.closed = new Promise((resolve) => {
			this.child.on('close', (code, signal) => {
				this.exited = { code, signal };
				resolve();
			});
		});
		this.child.on('error', (error) => {
			this.output += `\n[spawn error] ${error.message}\n`;
		});
	}

	get pid() {
		return this.child.pid;
	}

	/** Sends SIGTERM to this process (by its PID) and waits up to `graceMs` before SIGKILL. */
	async stop(graceMs = 15000) {
		if (this.exited) return;
		this.child.kill('SIGTERM');
		const timer = setTimeout(() => {
			if (!this.exited) this.child.kill('SIGKILL');
		}, graceMs);
		await this.closed;
		clearTimeout(timer);
	}
}

/** @param {number} ms */
function seconds(ms) {
	return `${(ms / 1000).toFixed(1)}s`;
}

module.exports = { sleep, waitFor, freePort, run, Service, seconds };
