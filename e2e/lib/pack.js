// @ts-check
'use strict';

const path = require('node:path');

const { run } = require('./proc');
const { ROOT } = require('./n8n');

/**
 * Builds the package and packs it (`npm run build`, `npm pack`) into `destination`; returns the tarball path.
 * @param {string} destination
 * @param {{ build?: boolean }} [opts]
 */
async function buildAndPack(destination, opts = {}) {
	if (opts.build !== false) {
		const build = await run('npm', ['run', 'build'], { cwd: ROOT });
		if (build.code !== 0) throw new Error(`npm run build failed:\n${(build.stdout + build.stderr).slice(-3000)}`);
	}
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

module.exports = { buildAndPack, listTarball };
