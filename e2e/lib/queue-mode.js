// @ts-check
'use strict';

const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const { ActionableError } = require('./failure');
const { N8n } = require('./n8n');
const { freePort, run, Service, waitFor } = require('./proc');
const { CREDENTIAL_ID, CREDENTIAL_NAME, ACTION_TYPE, webhookItemNodes } = require('./examples');

/**
 * n8n queue mode for the scale-out scenario (e2e/queue.js): a Redis server of its own, one n8n main
 * in `EXECUTIONS_MODE=queue` and several `n8n worker` processes sharing its user folder, database and
 * encryption key.
 *
 * Environment variables are the ones n8n 2.41.1 reads (`@n8n/config` ScalingModeConfig,
 * ExecutionsConfig and DatabaseConfig): EXECUTIONS_MODE, QUEUE_BULL_REDIS_HOST, QUEUE_BULL_REDIS_PORT,
 * QUEUE_BULL_PREFIX, QUEUE_HEALTH_CHECK_ACTIVE, QUEUE_HEALTH_CHECK_PORT, N8N_WORKER_SERVER_ADDRESS,
 * DB_TYPE and DB_POSTGRESDB_*. Each process also starts a task broker, so each gets its own
 * N8N_RUNNERS_BROKER_PORT. n8n only warns about SQLite in queue mode ("not officially supported"),
 * but several workers writing executions at once get SQLITE_BUSY: PostgreSQL is the default here.
 */

/** Installs Debian's redis-server through e2e/install-service.sh unless it is on PATH. @param {(line: string) => void} log */
async function ensureRedis(log) {
	const found = await run('sh', ['-c', 'command -v redis-server']);
	if (found.code === 0 && found.stdout.trim()) return 0;
	log('installing redis-server (e2e/install-service.sh)');
	const result = await run('bash', [path.join(__dirname, '..', 'install-service.sh'), 'redis-server'], { echo: true });
	if (result.code !== 0) throw serviceInstallFailed('redis-server', result.code);
	return result.ms;
}

/**
 * One RESP command over a fresh connection (enough for PING and INFO).
 * @param {number} port
 * @param {string} command
 * @returns {Promise<string>}
 */
function redisCommand(port, command) {
	return new Promise((resolve, reject) => {
		const socket = net.connect(port, '127.0.0.1');
		let data = '';
		const timer = setTimeout(() => socket.destroy(new Error('redis did not answer in 2 s')), 2000);
		socket.on('connect', () => socket.write(`${command}\r\n`));
		socket.on('data', (chunk) => {
			data += chunk;
			// A simple string, an error or a complete bulk string.
			const bulk = /^\$(\d+)\r\n/.exec(data);
			if ((!bulk && data.endsWith('\r\n')) || (bulk && data.length >= bulk[0].length + Number(bulk[1]) + 2)) {
				clearTimeout(timer);
				socket.end();
				resolve(data);
			}
		});
		socket.on('error', (error) => {
			clearTimeout(timer);
			reject(error);
		});
	});
}

/** Debian's redis-server on 127.0.0.1, its own port and folder, nothing persisted. */
class Redis {
	/** @param {string} dir @param {number} port */
	constructor(dir, port) {
		this.dir = dir;
		this.port = port;
		/** @type {Service | null} */
		this.service = null;
	}

	async start() {
		fs.mkdirSync(this.dir, { recursive: true });
		const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--protected-mode', 'yes', '--dir', this.dir];
		args.push('--save', '', '--appendonly', 'no', '--daemonize', 'no', '--logfile', '');
		const service = new Service('redis', 'redis-server', args);
		this.service = service;
		try {
			await waitFor(
				'redis PING',
				async () => {
					if (service.exited) throw new Error('exited');
					return (await redisCommand(this.port, 'PING')).startsWith('+PONG');
				},
				{ timeoutMs: 15000, intervalMs: 100 },
			);
		} catch (error) {
			await service.stop(3000);
			throw new Error(`redis-server did not start (${error instanceof Error ? error.message : error}):\n${service.output.slice(-1500)}`);
		}
		return this;
	}

	/** `INFO <section>` as key/value pairs. @param {string} section */
	async info(section) {
		const text = await redisCommand(this.port, `INFO ${section}`);
		/** @type {Record<string, string>} */
		const out = {};
		for (const line of text.split('\r\n')) {
			const i = line.indexOf(':');
			if (i > 0 && !line.startsWith('#')) out[line.slice(0, i)] = line.slice(i + 1);
		}
		return out;
	}

	async stop() {
		if (this.service) await this.service.stop(5000);
		this.service = null;
	}
}

/** Debian's PostgreSQL binaries (newest installed major), or null. */
function postgresBin() {
	const root = '/usr/lib/postgresql';
	if (!fs.existsSync(root)) return null;
	const majors = fs
		.readdirSync(root)
		.filter((v) => fs.existsSync(path.join(root, v, 'bin', 'postgres')))
		.sort((a, b) => Number(b) - Number(a));
	return majors.length ? path.join(root, majors[0], 'bin') : null;
}

/** Installs Debian's postgresql through e2e/install-service.sh unless it is there. @param {(line: string) => void} log */
async function ensurePostgres(log) {
	if (postgresBin()) return 0;
	log('installing postgresql (e2e/install-service.sh)');
	const result = await run('bash', [path.join(__dirname, '..', 'install-service.sh'), 'postgresql'], { echo: true });
	if (result.code !== 0 || !postgresBin()) throw serviceInstallFailed('postgresql', result.code);
	return result.ms;
}

/** @param {string} name @param {number | null} code */
function serviceInstallFailed(name, code) {
	return new ActionableError(
		`installing ${name} from Debian's packages failed (e2e/install-service.sh, exit ${code})`,
		`install it yourself (\`sudo apt-get install -y ${name}\`; the lines above say what apt-get reported), then rerun.`,
	);
}

/**
 * A throw-away PostgreSQL: its own data folder, 127.0.0.1 only, trust authentication for user `n8n`,
 * durability off (test data). PostgreSQL refuses to run as root, so as root it runs as the `postgres`
 * user through setpriv, which execs: the PID is the server's own.
 */
class Postgres {
	/** @param {string} dir an empty folder outside any private temp folder @param {number} port */
	constructor(dir, port) {
		this.dir = dir;
		this.port = port;
		this.user = 'n8n';
		this.database = 'postgres';
		/** @type {Service | null} */
		this.service = null;
	}

	/**
	 * @param {string} bin
	 * @param {string[]} args
	 * @returns {[string, string[]]}
	 */
	command(bin, args) {
		const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
		return asRoot ? ['setpriv', ['--reuid=postgres', '--regid=postgres', '--init-groups', bin, ...args]] : [bin, args];
	}

	async start() {
		const bin = postgresBin();
		if (!bin) throw new Error('PostgreSQL is not installed (e2e/install-service.sh postgresql)');
		fs.mkdirSync(this.dir, { recursive: true });
		if (typeof process.getuid === 'function' && process.getuid() === 0) {
			const uid = Number((await run('id', ['-u', 'postgres'])).stdout.trim());
			const gid = Number((await run('id', ['-g', 'postgres'])).stdout.trim());
			fs.chownSync(this.dir, uid, gid);
		}
		const data = path.join(this.dir, 'data');
		const initdb = await run(...this.command(path.join(bin, 'initdb'), ['-D', data, '-U', this.user, '--auth=trust', '-E', 'UTF8', '--no-sync', '--no-instructions']), { timeoutMs: 120000 });
		if (initdb.code !== 0) throw new Error(`initdb failed (exit ${initdb.code}):\n${(initdb.stdout + initdb.stderr).slice(-1500)}`);
		const args = ['-D', data, '-h', '127.0.0.1', '-p', String(this.port), '-k', this.dir];
		for (const setting of ['fsync=off', 'synchronous_commit=off', 'full_page_writes=off', 'max_connections=200']) args.push('-c', setting);
		const service = new Service('postgres', ...this.command(path.join(bin, 'postgres'), args));
		this.service = service;
		try {
			await waitFor(
				'postgres readiness',
				async () => {
					if (service.exited) throw new Error('exited');
					const ready = await run(path.join(bin, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(this.port), '-U', this.user, '-d', this.database]);
					return ready.code === 0;
				},
				{ timeoutMs: 30000, intervalMs: 200 },
			);
		} catch (error) {
			await this.stop();
			throw new Error(`postgres did not start (${error instanceof Error ? error.message : error}):\n${service.output.slice(-1500)}`);
		}
		return this;
	}

	/** n8n's database settings for this server. @returns {NodeJS.ProcessEnv} */
	n8nEnv() {
		return {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(this.port),
			DB_POSTGRESDB_USER: this.user,
			DB_POSTGRESDB_PASSWORD: '',
			DB_POSTGRESDB_DATABASE: this.database,
		};
	}

	/** Fast shutdown (SIGINT: disconnect clients, stop), SIGKILL after 10 s. */
	async stop() {
		const service = this.service;
		if (!service || service.exited) return;
		service.child.kill('SIGINT');
		const timer = setTimeout(() => {
			if (!service.exited) service.child.kill('SIGKILL');
		}, 10000);
		await service.closed;
		clearTimeout(timer);
		this.service = null;
	}
}

/** An `n8n worker` process of a queue-mode instance. */
class Worker {
	/**
	 * @param {string} name
	 * @param {Service} service
	 * @param {number} healthPort
	 */
	constructor(name, service, healthPort) {
		this.name = name;
		this.service = service;
		this.healthPort = healthPort;
	}

	get pid() {
		return this.service.pid;
	}

	/** Executions this worker started and finished, from its log. */
	executions() {
		return workerExecutions(this.service.output);
	}
}

/**
 * "Worker started/finished execution <id> (job <n>)" lines of a worker's JSON log.
 * @param {string} output
 */
function workerExecutions(output) {
	/** @type {Set<string>} */
	const started = new Set();
	/** @type {Set<string>} */
	const finished = new Set();
	for (const m of output.matchAll(/Worker (started|finished) execution (\d+) \(job/g)) (m[1] === 'started' ? started : finished).add(m[2]);
	return { started, finished };
}

/**
 * The requests/429 counters each execution's request gate logged at debug level (engine/router.ts).
 * @param {string} output
 * @returns {Array<{ max: number, allowance: number, requests: number, rateLimited: number, peakInFlight: number, minAllowance: number }>}
 */
function gateStats(output) {
	const out = [];
	for (const line of output.split('\n')) {
		if (!line.includes('Zoho Email requests')) continue;
		try {
			const entry = JSON.parse(line);
			if (entry.message === 'Zoho Email requests' && entry.metadata) out.push(entry.metadata);
		} catch {
			// not a JSON log line
		}
	}
	return out;
}

/** A queue-mode n8n: the main (`start`) plus workers, all with the same folder, database and key. */
class QueueN8n extends N8n {
	/**
	 * @param {ConstructorParameters<typeof N8n>[0] & { redisPort: number, database?: NodeJS.ProcessEnv }} opts
	 *   `database`: DB_* settings (e.g. `Postgres#n8nEnv()`); SQLite in the user folder when absent
	 */
	constructor(opts) {
		super(opts);
		this.redisPort = opts.redisPort;
		this.database = opts.database ?? {};
		/** @type {Worker[]} */
		this.workers = [];
		/** Output of workers already stopped. */
		this.workerLog = '';
	}

	/** @param {{ brokerPort?: number, logLevel?: string }} [overrides] */
	env(overrides = {}) {
		return {
			...super.env(overrides),
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(this.redisPort),
			// Nothing else may reach the queue: a prefix of its own.
			QUEUE_BULL_PREFIX: 'zoho-e2e-queue',
			...this.database,
		};
	}

	/**
	 * Starts `n8n worker` and waits until its health endpoint reports it ready.
	 * @param {string} name
	 * @param {{ concurrency?: number, logLevel?: string }} [opts]
	 */
	async startWorker(name, opts = {}) {
		const healthPort = await freePort();
		const env = {
			...this.env({ brokerPort: await freePort(), logLevel: opts.logLevel }),
			QUEUE_HEALTH_CHECK_ACTIVE: 'true',
			QUEUE_HEALTH_CHECK_PORT: String(healthPort),
			N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
		};
		const args = [this.bin, 'worker', `--concurrency=${opts.concurrency ?? 10}`];
		const service = new Service(`n8n worker ${name}`, this.node, args, { env });
		const worker = new Worker(name, service, healthPort);
		this.workers.push(worker);
		return worker;
	}

	/** Waits until every worker answers /healthz/readiness (bounded). @param {number} timeoutMs */
	async workersReady(timeoutMs) {
		for (const worker of this.workers) {
			try {
				await waitFor(
					`worker ${worker.name} readiness`,
					async () => {
						if (worker.service.exited) throw new Error('exited');
						const res = await fetch(`http://127.0.0.1:${worker.healthPort}/healthz/readiness`);
						return res.ok;
					},
					{ timeoutMs, intervalMs: 300 },
				);
			} catch (error) {
				const tail = worker.service.output.split('\n').slice(-15).join('\n');
				throw new Error(`worker ${worker.name} did not become ready (${error instanceof Error ? error.message : error}):\n${tail}`);
			}
		}
	}

	async stopWorkers() {
		await Promise.all(
			this.workers.map(async (worker) => {
				await worker.service.stop(30000);
				this.workerLog += worker.service.output;
			}),
		);
		this.workers = [];
	}

	allLogs() {
		return super.allLogs() + this.workerLog + this.workers.map((w) => w.service.output).join('');
	}
}

/**
 * The load workflow: a production webhook (answered at once; the execution is queued for a worker),
 * Split Out of `body.items`, then per item a CRM send and an associate, then one list of the contact's
 * emails. Subjects and message ids carry the run and item numbers, so duplicates can be counted.
 * @param {{ id: string, path: string, requestsInFlight?: number }} opts
 */
function loadWorkflow(opts) {
	const credentials = { zohoEmailOAuth2Api: { id: CREDENTIAL_ID, name: CREDENTIAL_NAME } };
	const performance = opts.requestsInFlight ? { requestsInFlight: opts.requestsInFlight } : {};
	/** @param {string} value @param {string} name */
	const rl = (value, name) => ({ __rl: true, mode: 'id', value, cachedResultName: name });
	/** @param {number} n */
	const uuid = (n) => `9e0a1000-0000-4000-8000-${String(n).padStart(12, '0')}`;
	return {
		id: opts.id,
		name: 'Queue mode: send, associate and list from a webhook',
		active: false,
		settings: { executionOrder: 'v1', saveDataSuccessExecution: 'all', saveDataErrorExecution: 'all' },
		nodes: [
			...webhookItemNodes(uuid, opts.path),
			{
				id: uuid(3),
				name: 'Send',
				type: ACTION_TYPE,
				typeVersion: 1,
				position: [440, 0],
				parameters: {
					resource: 'crmEmail',
					operation: 'send',
					module: { __rl: true, mode: 'list', value: 'Contacts', cachedResultName: 'Contacts' },
					recordId: rl('5725767000000502001', 'Christopher Maclead'),
					from: { __rl: true, mode: 'list', value: 'Patricia Boyle <patricia.boyle@zylker.com>', cachedResultName: 'Patricia Boyle' },
					to: 'Christopher Maclead <christopher.maclead@rangoni.example>',
					subject: '={{ $json.subject }}',
					content: '=<p>Queue-mode load test, run {{ $json.run }}, item {{ $json.n }}.</p>',
					additionalFields: {},
					performance,
				},
				credentials,
			},
			{
				id: uuid(4),
				name: 'Associate',
				type: ACTION_TYPE,
				typeVersion: 1,
				position: [660, 0],
				parameters: {
					resource: 'crmEmail',
					operation: 'associate',
					module: { __rl: true, mode: 'list', value: 'Deals', cachedResultName: 'Deals' },
					recordId: rl('5725767000000504001', 'Rangoni - 200 Widgets'),
					direction: 'received',
					from: 'Christopher Maclead <christopher.maclead@rangoni.example>',
					to: 'Patricia Boyle <patricia.boyle@zylker.com>',
					subject: "={{ $('Split Out').item.json.subject }}",
					content: '<p>Logged by the queue-mode load test.</p>',
					mailFormat: 'html',
					dateTime: '2025-05-29T09:30:00+02:00',
					originalMessageId: "={{ '<' + $('Split Out').item.json.subject + '@queue.example>' }}",
					additionalFields: {},
					options: {},
					performance,
				},
				credentials,
			},
			{
				id: uuid(5),
				name: 'List',
				type: ACTION_TYPE,
				typeVersion: 1,
				position: [880, 0],
				executeOnce: true,
				parameters: {
					resource: 'crmEmail',
					operation: 'list',
					module: { __rl: true, mode: 'list', value: 'Contacts', cachedResultName: 'Contacts' },
					recordId: rl('5725767000000502003', 'Sage Wieser'),
					returnAll: false,
					limit: 5,
					output: 'simple',
					filters: {},
					performance,
				},
				credentials,
			},
		],
		connections: {
			Webhook: { main: [[{ node: 'Split Out', type: 'main', index: 0 }]] },
			'Split Out': { main: [[{ node: 'Send', type: 'main', index: 0 }]] },
			Send: { main: [[{ node: 'Associate', type: 'main', index: 0 }]] },
			Associate: { main: [[{ node: 'List', type: 'main', index: 0 }]] },
		},
		pinData: {},
	};
}

module.exports = { ensureRedis, ensurePostgres, Redis, Postgres, QueueN8n, Worker, workerExecutions, gateStats, loadWorkflow };
