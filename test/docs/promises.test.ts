import { readRepoFile, repoFileExists } from '../harness/docs';

/** docs/promises.md maps the README's promises to the tests that attack them; it must not name a file that is gone. */
describe('docs/promises.md', () => {
	const doc = readRepoFile('docs/promises.md');
	const rows = doc.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| Promise') && !line.startsWith('| Limit') && !line.startsWith('|---'));

	it('covers the four README sections it names', () => {
		const readme = readRepoFile('README.md');
		for (const section of ['### Guarantees', '### Limits', '## Errors, retries and safety', '## Performance and fault tolerance']) expect(readme).toContain(section);
		expect(rows.length).toBeGreaterThan(30);
	});

	it('names, in every row, test files that exist, or says none', () => {
		for (const row of rows) {
			const attackers = row.split('|')[2];
			const files = [...attackers.matchAll(/`((?:test|bench|e2e)\/[^`*]+)`/g)].map((m) => m[1]);
			expect([row, files.length > 0 || attackers.includes('**none**')]).toEqual([row, true]);
			for (const file of files) expect([file, repoFileExists(file)]).toEqual([file, true]);
		}
	});
});
