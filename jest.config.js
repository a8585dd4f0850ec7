/** @type {import('jest').Config} */
module.exports = {
	preset: 'ts-jest',
	// n8n's log is recorded per test and shown only with a failing test (test/harness/logger.js).
	testEnvironment: '<rootDir>/test/harness/environment.js',
	setupFiles: ['<rootDir>/test/harness/logger.js', '<rootDir>/test/harness/regex.js'],
	testMatch: ['<rootDir>/test/**/*.test.ts'],
	testPathIgnorePatterns: ['/node_modules/', '/dist/'],
	testTimeout: 30000,
	transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: { warnOnly: false } }] },
};
