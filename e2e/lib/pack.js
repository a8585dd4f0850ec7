// @ts-check
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { ActionableError } = require('./failure');
const { run } = require('./proc');
const { ROOT } = require('./n8n');

/** What `npm run build` reads: when any of it is newer than everything in dist/, dist/ is stale. */
const BUILD_INPUTS = ['nodes', 'credentials', 'package.json', 'tsconfig.json', 'tsconfig.build.json', 'gulpfile.js'];

/**
 * The newest modification time under `target` (a file or a folder), 0 when it does not exist.
 * @param {string} target
 * @returns {number}
 */
function newest(target) {
	let stat;
	try {
		stat = fs.statSync(target);
	} catch {
		return 0;
	}
	if (!stat.isDirectory()) return stat.mtimeMs;
	let max = 0;
	for (const entry of fs.readdirSync(target)) max = Math.max(max, newest(path.join(target, entry)));
	return max;
}

/** Why dist/ must be (re)built, or '' when it is up to date with the sources. */
function buildReason() {
	const built = newest(path.join(ROOT, 'dist'));
	if (!built) return 'dist/ is missing';
	const changed = BUILD_INPUTS.filter((input) => newest(path.join(ROOT, input)) > built);
	return changed.length ? `${changed.join(', ')} changed since the last build` : '';
}

/**
 * Runs `npm run build` when dist/ is missing or older than the sources.
 * @param {(line: string) => void} log
 * @returns {Promise<boolean>} whether it built
 */
async function buildIfStale(log) {
	const reason = buildReason();
	if (!reason) return false;
	log(`building the package (${reason}) ...`);
	await build();
	return true;
}

async function build() {
	if (!fs.existsSync(path.join(ROOT, 'node_modules', '.bin', 'tsc'))) {
		throw new ActionableError('the project\'s dependencies are not installed (no TypeScript compiler in node_modules)', 'run `npm ci` in the project folder first, then rerun.');
	}
	const result = await run('npm', ['run', 'build'], { cwd: ROOT });
	if (result.code !== 0) {
		const logFile = path.join(os.tmpdir(), 'n8n-nodes-zoho-email-build.log');
		fs.writeFileSync(logFile, result.stdout + result.stderr);
		throw new ActionableError('`npm run build` failed', 'fix the compile errors it reports, or run `npm ci` if the dependencies are out of date, then rerun.', logFile);
	}
}

/**
 * Builds the package and packs it (`npm run build`, `npm pack`) into `destination`; returns the tarball path.
 * @param {string} destination
 * @param {{ build?: boolean }} [opts]
 */
async function buildAndPack(destination, opts = {}) {
	if (opts.build !== false) await build();
	const pack = await run('npm', ['pack', '--json', '--pack-destination', destination], { cwd: ROOT });
	if (pack.code !== 0) throw new Error(`npm pack failed:\n${pack.stderr.slice(-3000)}`);
	const info = JSON.parse(pack.stdout.slice(pack.stdout.indexOf('[')));
	/** @type {string[]} */
	const files = info[0].files.map((/** @type {{ path: string }} */ f) => f.path);
	return { tarball: path.join(destination, info[0].filename), files };
}

/**
 * The files of an existing tarball, as `buildAndPack` reports them.
 * @param {string} tarball
 */
async function listTarball(tarball) {
	const list = await run('tar', ['-tzf', tarball]);
	if (list.code !== 0) throw new Error(`tar -tzf ${tarball}: ${list.stderr}`);
	const files = list.stdout
		.split('\n')
		.filter((f) => f && !f.endsWith('/'))
		.map((f) => f.replace(/^package\//, ''));
	return { tarball, files };
}

module.exports = { buildAndPack, buildIfStale, buildReason, listTarball };
