// @ts-check
'use strict';

const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const { N8n } = require('./n8n');
const { freePort, run, Service, waitFor } = require('./proc');
const { CREDENTIAL_ID, CREDENTIAL_NAME, ACTION_TYPE } = require('./examples');

/**
 * n8n queue mode for the scale-out scenario (e2e/queue.js): a Redis server of its own, one n8n main
 * in `EXECUTIONS_MODE=queue` and several `n8n worker` processes sharing its user folder, database and
 * encryption key.
 *
 * Environment variables are the ones n8n 2.41.1 reads (`@n8n/config` ScalingModeConfig and
 * ExecutionsConfig): EXECUTIONS_MODE, QUEUE_BULL_REDIS_HOST, QUEUE_BULL_REDIS_PORT,
 * QUEUE_HEALTH_CHECK_ACTIVE, QUEUE_HEALTH_CHECK_PORT, N8N_WORKER_SERVER_ADDRESS. Each process also
 * starts a task broker, so each gets its own N8N_RUNNERS_BROKER_PORT.
 */

/** Installs Debian's redis-server through e2e/install-redis.sh unless it is on PATH. @param {(line: string) => void} log */
async function ensureRedis(log) {
	const found = await run('sh', ['-c', 'command -v redis-server']);
	if (found.code === 0 && found.stdout.trim()) return 0;
	log('installing redis-server (e2e/install-redis.sh)');
	const result = await run('bash', [path.join(__dirname, '..', 'install-redis.sh')], { echo: true });
	if (result.code !== 0) throw new Error(`install-redis.sh failed (exit ${result.code})`);
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
 * The requests/429 counters each execution's request gate logged at debug level (actions/router.ts).
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
	 * @param {ConstructorParameters<typeof N8n>[0] & { redisPort: number }} opts
	 */
	constructor(opts) {
		super(opts);
		this.redisPort = opts.redisPort;
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
			{
				id: uuid(1),
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: uuid(101),
				parameters: { httpMethod: 'POST', path: opts.path, responseMode: 'onReceived', options: {} },
			},
			{
				id: uuid(2),
				name: 'Split Out',
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				position: [220, 0],
				parameters: { fieldToSplitOut: 'body.items', include: 'noOtherFields', options: {} },
			},
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
					simplify: true,
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

module.exports = { ensureRedis, Redis, QueueN8n, Worker, workerExecutions, gateStats, loadWorkflow };
