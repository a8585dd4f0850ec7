import { readRepoFile, repoFiles } from '../harness/docs';

/**
 * Comments cite Zoho's public pages by title or an entry of docs/zoho-api-decisions.md: a reader of the
 * repository has no "reference §3.3" or "seed 004" to open.
 */
describe('citations in the shipped code', () => {
	const files = [...repoFiles('nodes', '.ts'), ...repoFiles('credentials', '.ts')];

	it('reads every file of nodes/ and credentials/', () => {
		expect(files).toContain('nodes/ZohoEmail/transport/request.ts');
		expect(files).toContain('credentials/ZohoEmailOAuth2Api.credentials.ts');
	});

	it('point at nothing outside the repository', () => {
		const outside = files.flatMap((file) =>
			readRepoFile(file)
				.split('\n')
				.map((line, n) => [`${file}:${n + 1}`, line] as const)
				.filter(([, line]) => /reference §|\bseeds?\s*\/?\s*0\d\d\b|§\s*\d/i.test(line))
				.map(([where]) => where),
		);
		expect(outside).toEqual([]);
	});
});
