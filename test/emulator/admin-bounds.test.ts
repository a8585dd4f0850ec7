import axios, { type AxiosInstance } from 'axios';
import fc from 'fast-check';

import { parseBody, parseJson } from '../../emulator/body';
import { compileGlob } from '../../emulator/glob';
import { buildMultipart } from '../../emulator/multipart';
import { authed, IDS, startEmulator, type Emulator } from './helpers';

/**
 * Every count, size, delay and pattern the admin API and the body parsers accept is bounded: out of
 * bounds answers 400 (413 for a body too large) with a message naming the field, and the emulator keeps
 * serving.
 */
describe('emulator admin API and parsers: bounded input', () => {
	let emu: Emulator;
	let admin: AxiosInstance;
	beforeAll(async () => {
		emu = await startEmulator();
		admin = axios.create({ baseURL: `${emu.url}/__admin`, validateStatus: () => true });
	});
	afterAll(async () => {
		await emu.stop();
	});
	beforeEach(() => emu.reset());

	const refused = async (path: string, body: unknown, message: RegExp) => {
		const res = await admin.post(path, body);
		expect({ status: res.status, error: res.data.error }).toEqual({ status: 400, error: expect.stringMatching(message) });
	};

	it('refuses an email count beyond 10000 (count 1e9 used to grow the process until it aborted)', async () => {
		const before = emu.data.crm.emails('Leads', IDS.leadEmpty).length;
		await refused('/crm/emails', { module: 'Leads', recordId: IDS.leadEmpty, count: 1e9 }, /^count must be an integer from 1 to 10000$/);
		await refused('/crm/emails', { module: 'Leads', recordId: IDS.leadEmpty, count: 10_001 }, /^count must be/);
		await refused('/crm/emails', { module: 'Leads', recordId: IDS.leadEmpty, count: 2.5 }, /^count must be/);
		await refused('/crm/emails', { module: 'Leads', recordId: IDS.leadEmpty, count: '3' }, /^count must be/);
		await refused('/crm/emails', { module: 'Leads', recordId: IDS.leadEmpty, count: 0 }, /^count must be/);
		await refused('/crm/emails', { module: 'Leads', recordId: IDS.leadEmpty }, /^give count/);
		await refused('/crm/emails', { module: 'Leads', recordId: IDS.leadEmpty, count: 1, emails: [{}] }, /not both/);
		await refused('/crm/emails', { module: 'Leads', recordId: IDS.leadEmpty, emails: Array.from({ length: 1001 }, () => ({})) }, /^emails must be an array of 1 to 1000 objects$/);
		await refused('/crm/emails', { module: 'Leads', recordId: IDS.leadEmpty, emails: [] }, /^emails must be/);
		await refused('/crm/emails', { module: 'L'.repeat(101), recordId: IDS.leadEmpty, count: 1 }, /^module must be a string of at most 100 characters$/);
		await refused('/crm/emails', { module: 'Leads', recordId: 5725767, count: 1 }, /^recordId must be a string/);
		expect(emu.data.crm.emails('Leads', IDS.leadEmpty)).toHaveLength(before);
		const most = await admin.post('/crm/emails', { module: 'Leads', recordId: IDS.leadEmpty, count: 10_000 });
		expect(most.status).toBe(201);
		expect(most.data.emails).toHaveLength(10_000);
	});

	it('takes path globs, never regular expressions, for faults', async () => {
		await refused('/faults', { pathRegex: '^(a+)+$', status: 500 }, /^pathRegex is not accepted/);
		await refused('/faults', { path: '/crm', pathGlob: '/crm/**', status: 500 }, /not both/);
		await refused('/faults', { pathGlob: `/${'*a'.repeat(300)}` }, /^pathGlob must be a string of at most 512 characters$/);
		expect((await admin.post('/faults', { pathGlob: '/crm/v8/*/*/actions/send_mail', status: 503 })).status).toBe(201);
		const http = authed(emu);
		expect((await http.get('/crm/v8/Leads?fields=Email')).status).toBe(200);
		expect((await http.post(`/crm/v8/Leads/${IDS.leadKris}/actions/send_mail`, {})).status).toBe(503);
		// A pattern that sends a backtracking matcher into exponential time answers at once here.
		expect((await admin.post('/faults', { pathGlob: `/${'**a'.repeat(150)}b`, status: 418 })).status).toBe(201);
		expect((await http.get(`/crm/v8/${'a'.repeat(8000)}`)).data.code).toBe('INVALID_MODULE');
	});

	it('bounds every fault field and the number of queued faults', async () => {
		await refused('/faults', { status: 99 }, /^status must be an integer from 100 to 599$/);
		await refused('/faults', { status: 1e9 }, /^status must be/);
		await refused('/faults', { times: 1e9 }, /^times must be an integer from -1 to 100000$/);
		await refused('/faults', { delayMs: 1e9 }, /^delayMs must be an integer from 0 to 60000$/);
		await refused('/faults', { kind: 'explode' }, /^kind must be/);
		await refused('/faults', { method: 'GET /x' }, /^method must be/);
		await refused('/faults', { path: 5 }, /^path must be a string/);
		await refused('/faults', { headers: { 'x-a': 'ok\r\nset-cookie: x' } }, /^headers\.x-a must not contain control characters$/);
		await refused('/faults', { headers: { 'bad name': 'v' } }, /is not a header name$/);
		await refused('/faults', { headers: { 'x-a': 5 } }, /^headers\.x-a must be a string/);
		await refused('/faults', { headers: Object.fromEntries(Array.from({ length: 33 }, (_, i) => [`x-${i}`, 'v'])) }, /^headers may have at most 32 entries$/);
		await refused('/faults', { query: { a: { b: 1 } } }, /^query\.a must be a string/);
		await refused('/faults', { query: 'a=1' }, /^query must be an object$/);
		await refused('/faults', { when: 'always' }, /^unknown fault field when$/);
		for (let i = 0; i < 100; i++) expect((await admin.post('/faults', { path: '/nowhere', times: 0 })).status).toBe(201);
		await refused('/faults', { path: '/nowhere' }, /^at most 100 faults can be queued/);
		await admin.delete('/faults');
		expect((await admin.post('/faults', { path: '/nowhere' })).status).toBe(201);
	});

	it('bounds latency, limits and token options', async () => {
		await refused('/latency', { ms: 1e9 }, /^ms must be an integer from 0 to 60000$/);
		await refused('/latency', { ms: -1 }, /^ms must be/);
		await refused('/latency', {}, /^ms must be/);
		await refused('/limits', { concurrency: 1e12 }, /^concurrency must be an integer from 0 to 1000000000$/);
		await refused('/limits', { concurrency: 0.5 }, /^concurrency must be/);
		await refused('/limits', { concurrency: null }, /^concurrency must be/);
		await refused('/limits', { concurrency: 3, nope: 1 }, /^unknown limit nope$/);
		await refused('/expire-tokens', { issuedBefore: 'now' }, /^issuedBefore must be an integer/);
		await refused('/limits', { tokenLifetimeSeconds: 0 }, /^tokenLifetimeSeconds must be an integer from 1 to 31536000$/);
		expect(emu.limits().concurrency).toBe(10);
		expect((await admin.post('/limits', { dailyCredits: null, concurrency: 3 })).data.limits).toMatchObject({ dailyCredits: null, concurrency: 3 });
		await refused('/tokens', { expiresIn: 1e12 }, /^expiresIn must be a number of seconds above 0 and at most 31536000$/);
		await refused('/tokens', { expiresIn: 0 }, /^expiresIn must be/);
		await refused('/tokens', { scopes: Array.from({ length: 101 }, () => 'ZohoCRM.modules.ALL') }, /^scopes must be a string or an array of at most 100 strings$/);
		await refused('/tokens', { scopes: ['x'.repeat(201)] }, /^scopes\[0\] must be a string of at most 200 characters$/);
		await refused('/tokens', { scopes: [{}] }, /^scopes\[0\] must be a string/);
		await refused('/reset', { keepTokens: 'yes' }, /^keepTokens must be true or false$/);
		await refused('/crm/admin', { admin: 'no' }, /^admin must be true or false$/);
		expect((await admin.post('/tokens', { expiresIn: 0.5 })).data.expires_in).toBe(0.5);
	});

	it('bounds the Books admin calls: counts, ids, entities, text and recipients', async () => {
		const org = '10234695';
		const invoices = () => emu.data.books.transactions(org, 'invoices').length;
		const before = invoices();
		await refused('/books/documents', { organizationId: org, entity: 'invoices', count: 1001 }, /^count must be an integer from 1 to 1000$/);
		await refused('/books/documents', { organizationId: org, entity: 'invoices', count: 0 }, /^count must be/);
		await refused('/books/documents', { organizationId: org, entity: 'bills' }, /^unknown Books entity bills/);
		await refused('/books/documents', { organizationId: 'x'.repeat(101), entity: 'invoices' }, /^organizationId must be a string of at most 100 characters$/);
		await refused('/books/documents', { organizationId: '999', entity: 'invoices' }, /^unknown Books organization 999$/);
		await refused('/books/documents', { organizationId: org, entity: 'invoices', total: 1e12 }, /^total must be a number from 0 to 1000000000$/);
		await refused('/books/documents', { organizationId: org, entity: 'invoices', status: 's'.repeat(33) }, /^status must be a string of at most 32 characters$/);
		await refused('/books/documents', { organizationId: org, entity: 'invoices', emailed: 'yes' }, /^emailed must be true or false$/);
		await refused('/books/documents', { organizationId: org, entity: 'purchaseorders', customerId: '460000000026049' }, /is not a vendor/);
		expect(invoices()).toBe(before);
		const made = await admin.post('/books/documents', { organizationId: org, entity: 'invoices', count: 1000 });
		expect(made.status).toBe(201);
		expect(made.data.documents).toHaveLength(1000);
		expect(invoices()).toBe(before + 1000);
		const id = made.data.documents[0].invoice_id;
		await refused('/books/email', { organizationId: org, entity: 'invoices', id, toMailIds: Array.from({ length: 51 }, () => 'a@b.example') }, /^toMailIds must be an array of 1 to 50 addresses$/);
		await refused('/books/email', { organizationId: org, entity: 'invoices', id, toMailIds: ['x'.repeat(321)] }, /^toMailIds\[0\] must be a string of at most 320 characters$/);
		await refused('/books/email', { organizationId: org, entity: 'invoices', id, toMailIds: ['not an address'] }, /Invalid value passed for to_mail_ids/);
		await refused('/books/email', { organizationId: org, entity: 'invoices', id: '1' }, /^Invoice 1 does not exist$/);
		await refused('/books/reminders', { organizationId: org, invoiceId: id }, /^invoice \d+ is draft: reminders are sent for unpaid invoices only$/);
		await refused('/books/reminders', { organizationId: org, invoiceId: 5 }, /^invoiceId must be a string/);
		await refused('/books/comments', { organizationId: org, entity: 'invoices', id, description: 'd'.repeat(2001) }, /^description must be a string of at most 2000 characters$/);
		expect(emu.mails()).toEqual([]);
		const emailed = await admin.post('/books/email', { organizationId: org, entity: 'invoices', id });
		expect(emailed.status).toBe(201);
		expect(emailed.data.document).toMatchObject({ invoice_id: id, is_emailed: true });
		expect(emu.mails()).toEqual([expect.objectContaining({ product: 'books', kind: 'books', entity: 'invoices', recordId: id, organizationId: org })]);
		const reminded = await admin.post('/books/reminders', { organizationId: org, invoiceId: '460000000040001' });
		expect(reminded.status).toBe(201);
		expect(reminded.data.invoice).toMatchObject({ reminders_sent: 1, last_reminder_sent_date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
		const comment = await admin.post('/books/comments', { organizationId: org, entity: 'invoices', id, description: 'Called the customer' });
		expect(comment.status).toBe(201);
		expect(comment.data.comment).toMatchObject({ description: 'Called the customer', transaction_id: id, transaction_type: 'invoice' });
	});

	it('caps admin bodies at 1 MiB and JSON nesting at 64 levels', async () => {
		const big = await admin.post('/faults', { body: 'x'.repeat(1024 * 1024) });
		expect(big.status).toBe(413);
		expect(big.data).toEqual({ error: 'body is larger than 1048576 bytes' });
		const nested = (depth: number) => `{"body":${'['.repeat(depth - 1)}${']'.repeat(depth - 1)}}`;
		const deep = await admin.post('/faults', nested(65), { headers: { 'content-type': 'application/json' } });
		expect(deep.status).toBe(400);
		expect(deep.data.error).toMatch(/deeper than 64 levels/);
		expect((await admin.post('/faults', nested(64), { headers: { 'content-type': 'application/json' } })).status).toBe(201);
	});

	it('answers 413 for an API body over 64 MiB', async () => {
		const http = authed(emu);
		const res = await http.post('/crm/v8/files', Buffer.alloc(64 * 1024 * 1024 + 1, 0x61), { headers: { 'content-type': 'application/octet-stream' }, maxBodyLength: Infinity });
		expect(res.status).toBe(413);
		expect(res.data).toEqual({ code: 'REQUEST_ENTITY_TOO_LARGE', details: {}, message: 'the request body is too large', status: 'error' });
		expect(emu.requests()[0].rawBody.length).toBeLessThanOrEqual(1024 * 1024 + 20);
	});

	it('refuses API bodies nested past 64 levels, so the request log stays readable', async () => {
		const http = authed(emu);
		const deep = `{"data":${'['.repeat(200_000)}${']'.repeat(200_000)}}`;
		const res = await http.post(`/crm/v8/Leads/${IDS.leadKris}/actions/send_mail`, deep, { headers: { 'content-type': 'application/json' } });
		expect(res.data).toEqual({ code: 'INVALID_DATA', details: {}, message: 'body', status: 'error' });
		const log = await admin.get('/requests');
		expect(log.status).toBe(200);
		expect(log.data).toHaveLength(1);
		expect(log.data[0].body).toBeNull();
	});

	it('refuses multipart bodies with more than 1000 parts', async () => {
		const http = authed(emu);
		const parts = (n: number) => buildMultipart(Array.from({ length: n }, (_, i) => ({ name: 'file', filename: `f${i}.txt`, data: 'x' })));
		const tooMany = parts(1001);
		const res = await http.post('/crm/v8/files', tooMany.body, { headers: { 'content-type': tooMany.contentType } });
		expect(res.status).toBe(400);
		expect(emu.data.crm.files()).toHaveLength(0);
		expect(emu.requests()[0].body).toBeNull();
		const most = parts(1000);
		expect((await http.post('/crm/v8/files', most.body, { headers: { 'content-type': most.contentType } })).status).not.toBe(500);
		expect(emu.requests()[1].body.files).toHaveLength(1000);
	});

	it('keeps the request log within its byte budget, dropping the oldest entries', async () => {
		const small = await startEmulator({ maxLogBytes: 1024 * 1024 });
		try {
			const http = authed(small);
			for (let i = 0; i < 5; i++) {
				await http.post(`/crm/v8/Leads/${IDS.leadKris}/actions/send_mail`, JSON.stringify({ n: i, pad: 'x'.repeat(300_000) }), { headers: { 'content-type': 'application/json' } });
			}
			expect(small.requests().map((r) => r.body.n)).toEqual([4]);
			expect(small.stats().logDropped).toBe(4);
			small.clearRequests();
			await http.get('/crm/v8/Leads?fields=Email');
			expect(small.requests()).toHaveLength(1);
		} finally {
			await small.stop();
		}
	});

	it('listens on 127.0.0.1 only', async () => {
		expect(emu.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		await expect(startEmulator({ host: '0.0.0.0' })).rejects.toThrow('only listens on 127.0.0.1');
		await expect(startEmulator({ host: '::' })).rejects.toThrow('only listens on 127.0.0.1');
	});

	it('generated admin calls: each answers 2xx or 400 with a message, and the emulator stays bounded and up', async () => {
		const value = fc.oneof(
			fc.integer({ min: -5, max: 5 }),
			fc.constantFrom(1e9, 1e12, -1e9, 0.5, 10_001, 60_001, 100_001),
			fc.string({ maxLength: 8 }),
			fc.constantFrom('x'.repeat(1025), 'a\r\nb', '^(a+)+$', '/crm/**', 'Leads', IDS.leadEmpty, '10234695', 'invoices', '460000000040001'),
			fc.boolean(),
			fc.constant(null),
			fc.array(fc.string({ maxLength: 4 }), { maxLength: 3 }),
			fc.dictionary(fc.string({ maxLength: 4 }), fc.oneof(fc.string({ maxLength: 4 }), fc.boolean(), fc.integer()), { maxKeys: 3 }),
		);
		const fields = ['count', 'emails', 'module', 'recordId', 'ms', 'concurrency', 'dailyCredits', 'scopes', 'expiresIn', 'path', 'pathGlob', 'pathRegex', 'status', 'times', 'delayMs', 'kind', 'headers', 'query', 'method', 'keepTokens', 'admin', 'organizationId', 'entity', 'id', 'invoiceId', 'customerId', 'total', 'emailed', 'toMailIds', 'description', 'order', 'timeZone'];
		const endpoints = ['/crm/emails', '/faults', '/latency', '/limits', '/tokens', '/crm/admin', '/books/documents', '/books/email', '/books/reminders', '/books/comments', '/books/list-order', '/books/time-zone'];
		let cases = 0;
		await fc.assert(
			fc.asyncProperty(fc.constantFrom(...endpoints), fc.dictionary(fc.constantFrom(...fields), value, { maxKeys: 4 }), async (endpoint, body) => {
				cases++;
				const res = await admin.post(endpoint, body);
				if (res.status === 400) expect(typeof res.data.error).toBe('string');
				else expect([200, 201]).toContain(res.status);
				const limits = emu.limits();
				for (const v of Object.values(limits) as Array<number | null>) if (v !== null) expect(Number.isInteger(v) && v >= 0 && v <= 1e9).toBe(true);
				expect(emu.data.crm.emails('Leads', IDS.leadEmpty).length).toBeLessThanOrEqual(10_000 * cases);
				await admin.delete('/faults');
				await admin.post('/latency', { ms: 0 });
			}),
			{ numRuns: 250, seed: 12 },
		);
		expect(cases).toBe(250);
		emu.reset();
		expect((await authed(emu).get('/crm/v8/Leads?fields=Email')).status).toBe(200);
	});

	it('glob matching agrees with its definition on generated paths', () => {
		const reference = (glob: string) =>
			new RegExp(`^${glob.split(/(\*\*|\*)/).map((p) => (p === '**' ? '.*' : p === '*' ? '[^/]*' : p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('')}$`);
		fc.assert(
			fc.property(fc.stringMatching(/^[a/*]{0,8}$/), fc.stringMatching(/^[ab/]{0,10}$/), (glob, path) => {
				expect(compileGlob(glob)(path)).toBe(reference(glob.replace(/\*{3,}/g, '**')).test(path));
			}),
			{ numRuns: 500, seed: 12 },
		);
	});

	it('JSON depth check agrees with the real nesting of generated bodies, strings with brackets included', () => {
		const tricky = fc.string({ unit: fc.constantFrom('[', ']', '{', '}', '"', '\\', 'a', ':', ','), maxLength: 6 });
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 90 }), fc.array(fc.boolean(), { minLength: 90, maxLength: 90 }), tricky, (depth, kinds, text) => {
				let value: unknown = text;
				for (let d = 0; d < depth; d++) value = kinds[d] ? [value, text] : { [text]: value };
				const body = JSON.stringify(value);
				if (depth > 64) expect(() => parseJson(body)).toThrow(SyntaxError);
				else expect(parseJson(body)).toEqual(value);
			}),
			{ numRuns: 300, seed: 12 },
		);
	});

	it('body parsing never throws on generated bytes, whatever the content type', () => {
		const contentType = fc.constantFrom('application/json', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=b', 'multipart/form-data', 'text/plain', '');
		const bytes = fc.oneof(
			fc.uint8Array({ maxLength: 200 }).map((a) => Buffer.from(a)),
			fc.array(fc.constantFrom('--b', '\r\n', 'Content-Disposition: form-data; name="x"', '; filename="f"', '\r\n\r\n', '--', '{', '[', '"', 'a'), { maxLength: 30 }).map((parts) => Buffer.from(parts.join(''))),
		);
		fc.assert(
			fc.property(bytes, contentType, (buffer, type) => {
				const parsed = parseBody(buffer, type);
				expect(parsed.bodyError === null || ['json', 'multipart'].includes(parsed.bodyError)).toBe(true);
			}),
			{ numRuns: 500, seed: 12 },
		);
	});
});
