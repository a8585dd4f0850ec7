// @ts-check
'use strict';

const { existsSync, readFileSync } = require('fs');
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

module.exports = { readRepoFile, repoFileExists };
