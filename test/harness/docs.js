// @ts-check
'use strict';

const { existsSync, readdirSync, readFileSync } = require('fs');
const { join } = require('path');

const ROOT = join(__dirname, '..', '..');

/**
 * The repository's own documents, for tests that keep the docs and the code saying the same thing
 * (README tables derived from code, docs/promises.md naming test files that exist).
 * @param {string} path relative to the repository root
 */
function readRepoFile(path) {
	return readFileSync(join(ROOT, path), 'utf8');
}

/** @param {string} path relative to the repository root */
function repoFileExists(path) {
	return existsSync(join(ROOT, path));
}

/**
 * The files below a folder whose names end with `ending`, relative to the repository root.
 * @param {string} dir relative to the repository root
 * @param {string} ending
 * @returns {string[]}
 */
function repoFiles(dir, ending) {
	return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) =>
		entry.isDirectory() ? repoFiles(`${dir}/${entry.name}`, ending) : entry.name.endsWith(ending) ? [`${dir}/${entry.name}`] : [],
	);
}

module.exports = { readRepoFile, repoFileExists, repoFiles };
