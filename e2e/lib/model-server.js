// @ts-check
'use strict';

const http = require('node:http');

/**
 * A scripted OpenAI-compatible chat model for the agent end-to-end tests, listening on 127.0.0.1.
 * It answers `POST <base>/chat/completions` (plain JSON or `stream: true` server-sent events) and
 * `GET <base>/models`, and records every request it receives. What it answers comes from the current
 * script, a function of the request: no model, no randomness, no network.
 *
 * A script turn is either `{ toolCalls: [{ name, arguments }] }` (the assistant asks for tools) or
 * `{ content }` (the final answer).
 */

/**
 * @typedef {{ name: string, arguments: Record<string, unknown> }} ToolCall
 * @typedef {{ toolCalls: ToolCall[] } | { content: string }} Turn
 * @typedef {{ method: string, path: string, body: any }} ModelRequest
 * @typedef {(request: { messages: any[], tools: any[], body: any }) => Turn} Script
 */

/** Request bodies above this size are refused (the agent's prompts are a few kilobytes). */
const MAX_BODY_BYTES = 4 * 1024 * 1024;

class ModelServer {
	constructor() {
		/** @type {ModelRequest[]} */
		this.requests = [];
		/** @type {Script} */
		this.script = () => ({ content: 'No script is set.' });
		/** @type {http.Server | null} */
		this.server = null;
		this.url = '';
		this.calls = 0;
	}

	/** @returns {Promise<this>} */
	start() {
		const server = http.createServer((req, res) => this.handle(req, res));
		this.server = server;
		return new Promise((resolve, reject) => {
			server.once('error', reject);
			server.listen(0, '127.0.0.1', () => {
				const address = server.address();
				const port = typeof address === 'object' && address ? address.port : 0;
				this.url = `http://127.0.0.1:${port}/v1`;
				resolve(this);
			});
		});
	}

	/** @returns {Promise<void>} */
	stop() {
		const server = this.server;
		this.server = null;
		if (!server) return Promise.resolve();
		return new Promise((resolve) => {
			server.close(() => resolve());
			server.closeAllConnections();
		});
	}

	/**
	 * Sets what the model answers next and forgets the requests recorded so far.
	 * @param {Script} script
	 */
	use(script) {
		this.script = script;
		this.requests = [];
	}

	/** The chat-completion requests recorded since the last `use`. */
	completions() {
		return this.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/chat/completions'));
	}

	/**
	 * @param {http.IncomingMessage} req
	 * @param {http.ServerResponse} res
	 */
	handle(req, res) {
		/** @type {Buffer[]} */
		const chunks = [];
		let size = 0;
		req.on('data', (chunk) => {
			size += chunk.length;
			if (size <= MAX_BODY_BYTES) chunks.push(chunk);
		});
		req.on('end', () => {
			const path = String(req.url ?? '').split('?')[0];
			/** @type {any} */
			let body = null;
			const text = Buffer.concat(chunks).toString('utf8');
			try {
				body = text ? JSON.parse(text) : null;
			} catch {
				body = text;
			}
			const method = String(req.method ?? 'GET');
			this.requests.push({ method, path, body });
			if (size > MAX_BODY_BYTES) return json(res, 413, { error: { message: 'request too large' } });
			if (method === 'GET' && path.endsWith('/models')) {
				return json(res, 200, { object: 'list', data: [{ id: 'scripted-model', object: 'model', created: 0, owned_by: 'e2e' }] });
			}
			if (method !== 'POST' || !path.endsWith('/chat/completions')) {
				return json(res, 404, { error: { message: `no route ${method} ${path}` } });
			}
			/** @type {Turn} */
			let turn;
			try {
				turn = this.script({ messages: body?.messages ?? [], tools: body?.tools ?? [], body });
			} catch (error) {
				turn = { content: `script error: ${error instanceof Error ? error.message : String(error)}` };
			}
			this.calls++;
			return body?.stream ? stream(res, body, turn, this.calls) : json(res, 200, completion(body, turn, this.calls));
		});
	}
}

/**
 * @param {http.ServerResponse} res
 * @param {number} status
 * @param {unknown} body
 */
function json(res, status, body) {
	const payload = Buffer.from(JSON.stringify(body));
	res.writeHead(status, { 'content-type': 'application/json', 'content-length': payload.length });
	res.end(payload);
}

/**
 * @param {Turn} turn
 * @param {number} n
 */
function toolCallsOf(turn, n) {
	if (!('toolCalls' in turn)) return [];
	return turn.toolCalls.map((call, i) => ({
		id: `call_${n}_${i}`,
		type: 'function',
		function: { name: call.name, arguments: JSON.stringify(call.arguments) },
	}));
}

const USAGE = { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 };

/**
 * @param {any} body
 * @param {Turn} turn
 * @param {number} n
 */
function completion(body, turn, n) {
	const calls = toolCallsOf(turn, n);
	return {
		id: `chatcmpl-e2e-${n}`,
		object: 'chat.completion',
		created: 1700000000 + n,
		model: String(body?.model ?? 'scripted-model'),
		choices: [
			{
				index: 0,
				message: calls.length
					? { role: 'assistant', content: null, tool_calls: calls }
					: { role: 'assistant', content: 'content' in turn ? turn.content : '' },
				logprobs: null,
				finish_reason: calls.length ? 'tool_calls' : 'stop',
			},
		],
		usage: USAGE,
	};
}

/**
 * The same answer as server-sent `chat.completion.chunk` events.
 * @param {http.ServerResponse} res
 * @param {any} body
 * @param {Turn} turn
 * @param {number} n
 */
function stream(res, body, turn, n) {
	const calls = toolCallsOf(turn, n);
	const base = { id: `chatcmpl-e2e-${n}`, object: 'chat.completion.chunk', created: 1700000000 + n, model: String(body?.model ?? 'scripted-model') };
	/** @type {any[]} */
	const events = [];
	if (calls.length) {
		events.push({ ...base, choices: [{ index: 0, delta: { role: 'assistant', content: null, tool_calls: calls.map((c, index) => ({ index, ...c })) }, finish_reason: null }] });
		events.push({ ...base, choices: [{ index: 0, delta: {}, finish_reason: 'tool_calls' }] });
	} else {
		events.push({ ...base, choices: [{ index: 0, delta: { role: 'assistant', content: 'content' in turn ? turn.content : '' }, finish_reason: null }] });
		events.push({ ...base, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] });
	}
	if (body?.stream_options?.include_usage) events.push({ ...base, choices: [], usage: USAGE });
	res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
	for (const event of events) res.write(`data: ${JSON.stringify(event)}\n\n`);
	res.end('data: [DONE]\n\n');
}

/**
 * The content of the tool messages in a chat request (what the tools returned to the model).
 * @param {any[]} messages
 * @returns {string[]}
 */
function toolResults(messages) {
	return messages
		.filter((m) => m && m.role === 'tool')
		.map((m) => (typeof m.content === 'string' ? m.content : JSON.stringify(m.content)));
}

module.exports = { ModelServer, toolResults };
