import fc from 'fast-check';
import nock from 'nock';
import type { INodeParameters } from 'n8n-workflow';

import { redact, redactDeep } from '../../nodes/ZohoEmail/transport/redact';
import { runZohoNode } from '../harness/engine';
import { crmSendParameters, fakeToken, usCredential } from '../harness/fixtures';
import { captureLogs } from '../faults/helpers';

const hex = (n: number) => fc.stringMatching(new RegExp(`^[0-9a-f]{${n}}$`));
/** Zoho's access and refresh tokens: `1000.<32 hex>.<32 hex>`. */
const zohoToken = fc.tuple(hex(32), hex(32)).map(([a, b]) => `1000.${a}.${b}`);
/** Any bearer value (other issuers, other formats). */
const opaque = fc.stringMatching(/^[A-Za-z0-9._~+/=-]{12,40}$/);
const clientSecret = fc.stringMatching(/^[A-Za-z0-9!#$%*_-]{12,30}$/);
const noise = fc.string({ maxLength: 12 });

/** A secret and a text that carries it the way an echoed request would. */
const embedded = fc.oneof(
	zohoToken.chain((t) => fc.constantFrom(t, `Bearer ${t}`, `Zoho-oauthtoken ${t}`, `token ${t} expired`).map((text) => ({ secret: t, text }))),
	fc.tuple(fc.oneof(opaque, zohoToken), fc.integer({ min: 0, max: 7 })).map(([t, form]) => ({
		secret: t,
		text: [
			`Bearer ${t}`,
			`Authorization: Zoho-oauthtoken ${t}`,
			`"Authorization":"Bearer ${t}"`,
			`access_token=${t}&scope=x`,
			`{"refresh_token":"${t}"}`,
			`client_secret=${t}`,
			`Zoho-oauthtoken%20${t}`,
			`authorization=${t}`,
		][form],
	})),
);

const inContext = fc.tuple(noise, embedded, noise).map(([before, { secret, text }, after]) => ({ secret, text: `${before}${text} ${after}` }));

describe('redact', () => {
	it('removes generated token shapes from any text around them', () => {
		fc.assert(
			fc.property(inContext, ({ secret, text }) => {
				expect(redact(text)).not.toContain(secret);
				// Texts pass through more than once (Zoho's message, then the description built from it).
				expect(redact(redact(text))).toBe(redact(text));
			}),
			{ numRuns: 2000 },
		);
	});

	it('removes a known client secret, raw or URL-encoded, wherever it is', () => {
		fc.assert(
			fc.property(clientSecret, noise, noise, (secret, before, after) => {
				const text = `${before}${secret}${after} client_id=x&secret=${encodeURIComponent(secret)}`;
				const out = redact(text, [secret]);
				expect(out).not.toContain(secret);
				expect(out).not.toContain(encodeURIComponent(secret));
			}),
			{ numRuns: 500 },
		);
	});

	it('redacts every string of nested JSON, keys included', () => {
		fc.assert(
			fc.property(inContext, inContext, ({ secret: a, text: ta }, { secret: b, text: tb }) => {
				const value = { message: ta, details: { list: [1, { deep: tb }], [ta]: true } };
				const out = JSON.stringify(redactDeep(value));
				expect(out).not.toContain(a);
				expect(out).not.toContain(b);
			}),
			{ numRuns: 500 },
		);
	});

	it('leaves ordinary error words alone', () => {
		const text = 'Zoho code: INVALID_DATA\nZoho message: invalid data\nField: to\nDetails: {"api_name":"to","json_path":"$.data[0].to"}\nAmount 1000.50';
		expect(redact(text)).toBe(text);
	});
});

const API = 'https://www.zohoapis.com';
const SEND_PATH = '/crm/v8/Contacts/3652397000000624001/actions/send_mail';
const BOOKS_PATH = '/books/v3/contacts/460000000026049/email';
const rl = (mode: string, value: string) => ({ __rl: true, mode, value });
const send: INodeParameters = crmSendParameters();

/** Zoho error answers that echo the request: CRM's bare envelope, a per-item error in a 2xx, a 500. */
const echoingAnswer = fc.tuple(inContext, inContext, inContext, fc.constantFrom('bare', 'item', 'server')).map(([m, d, k, shape]) => {
	const error = { code: 'INVALID_DATA', message: `invalid data: ${m.text}`, details: { api_name: 'to', echo: { headers: [d.text] }, [k.text]: 1 }, status: 'error' };
	const [status, body] = shape === 'bare' ? [400, error] : shape === 'item' ? [200, { data: [error] }] : [500, { ...error, code: 'INTERNAL_ERROR' }];
	return { status, body, secrets: [m.secret, d.secret, k.secret], header: d.text };
});

describe('no secret from an echoing Zoho error reaches the run', () => {
	const logs = captureLogs();
	beforeAll(() => nock.disableNetConnect());
	afterEach(() => nock.cleanAll());
	afterAll(() => nock.enableNetConnect());

	it('generated echoes in error bodies: never in the NodeApiError, the Continue On Fail output, the run data or the log', async () => {
		await fc.assert(
			fc.asyncProperty(echoingAnswer, clientSecret, fc.boolean(), async (answer, secret, continueOnFail) => {
				nock.cleanAll();
				nock(API).post(SEND_PATH).reply(answer.status, answer.body, { 'X-Echo': encodeURIComponent(answer.header) });
				const credential = usCredential({ clientSecret: secret });
				const own = credential.oauthTokenData as { access_token: string; refresh_token: string };
				const result = await runZohoNode({ parameters: send, credential, continueOnFail });
				const error = result.error as unknown as { message?: string; description?: string; context?: unknown } | undefined;
				if (!continueOnFail) expect(error?.message).toMatch(/^Zoho CRM could not send the email: /);
				else expect(String(result.items[0].json.error)).toMatch(/^Zoho CRM could not send the email: /);
				const said = [error?.message, error?.description, JSON.stringify(error?.context ?? null), JSON.stringify(result.items), JSON.stringify(result.run), ...logs()].join('\n');
				for (const s of [...answer.secrets, secret, own.access_token, own.refresh_token]) expect(said).not.toContain(s);
			}),
			{ numRuns: 40 },
		);
		// Forty runs of the real engine: a generous limit for a loaded machine, not a timing assertion.
	}, 120_000);

	it('a Books error echoing the token and the client secret', async () => {
		const echoed = fakeToken('0123456789abcdef0123456789abcdef.fedcba9876543210fedcba9876543210');
		nock(API)
			.get('/books/v3/organizations')
			.reply(200, { code: 0, message: 'success', organizations: [{ organization_id: '10234695', name: 'Zylker', is_default_org: true }] })
			.post(BOOKS_PATH)
			.query(true)
			.reply(400, { code: 1002, message: `Invalid request Authorization: Zoho-oauthtoken ${echoed} client_secret=client-secret-value` });
		const result = await runZohoNode({
			parameters: { resource: 'booksEmail', operation: 'emailContact', contactId: rl('id', '460000000026049'), to: 'a@example.com', subject: 's', content: 'b' },
			credential: usCredential({ clientSecret: 'client-secret-value' }),
			continueOnFail: true,
		});
		expect(result.items[0].json.error).toBe('Zoho Books could not email the contact: the record does not exist in the organization Zylker (10234695)');
		expect(result.items[0].json.description).toContain('Zoho message: Invalid request Authorization: Zoho-oauthtoken [redacted] client_secret=[redacted]');
		const said = JSON.stringify(result.run);
		expect(said).not.toContain(echoed);
		expect(said).not.toContain('client-secret-value');
	});
});

/**
 * n8n renews the access token during the run (Zoho answered 401) and Zoho's next answer echoes the new
 * token. Known secrets are read when a failure is built, so a token of any shape is redacted, not only
 * the Zoho-shaped ones.
 */
describe('a token renewed during the run is redacted too', () => {
	const logs = captureLogs();
	beforeAll(() => nock.disableNetConnect());
	afterEach(() => nock.cleanAll());
	afterAll(() => nock.enableNetConnect());

	/** Tokens another issuer (or a proxy) might hand out: no `1000.` prefix, no key or scheme before them. */
	const renewed = fc.stringMatching(/^[A-Za-z0-9]{16,40}$/).filter((t) => !t.startsWith('1000'));

	it('generated: a renewed token echoed in a CRM error reaches no message, output, run data or log', async () => {
		await fc.assert(
			fc.asyncProperty(renewed, fc.constantFrom(400, 500), fc.boolean(), async (token, status, continueOnFail) => {
				nock.cleanAll();
				nock('https://accounts.zoho.com').post('/oauth/v2/token').reply(200, { access_token: token, api_domain: API, token_type: 'Bearer', expires_in: 3600 });
				nock(API).post(SEND_PATH).reply(401, { code: 'INVALID_TOKEN', details: {}, message: 'invalid oauth token', status: 'error' });
				nock(API)
					.post(SEND_PATH)
					.reply(status, { code: 'INVALID_DATA', details: { api_name: 'to', seen: [token] }, message: `the request signed with ${token} was refused`, status: 'error' });
				const result = await runZohoNode({ parameters: send, credential: usCredential(), continueOnFail });
				expect(result.credentials.tokenUpdates.map((t) => t.access_token)).toEqual([token]);
				const error = result.error as unknown as { message?: string; description?: string } | undefined;
				const said = [error?.message, error?.description, JSON.stringify(result.items), JSON.stringify(result.run.data.resultData), ...logs()].join('\n');
				expect(said).toContain('[redacted]');
				expect(said).not.toContain(token);
			}),
			{ numRuns: 25, seed: 6 },
		);
	}, 120_000);

	it('a renewed token echoed in a bulk reminder\'s per-invoice refusal', async () => {
		const token = ['renewed', 'TokenOfAnotherShape', '0123456789'].join('');
		nock('https://accounts.zoho.com').post('/oauth/v2/token').reply(200, { access_token: token, api_domain: API, token_type: 'Bearer', expires_in: 3600 });
		nock(API).post('/books/v3/invoices/paymentreminder').query(true).reply(401, { code: 57, message: 'You are not authorized to perform this operation' });
		nock(API)
			.post('/books/v3/invoices/paymentreminder')
			.query(true)
			.reply(201, {
				code: 0,
				message: 'success',
				info: { code: 4083, email_success_info: { message: 'sent', sent_count: 0 }, email_errors_info: [{ message: `Not sent (request ${token})`, ids: ['460000000040002'] }] },
			});
		const result = await runZohoNode({
			parameters: { resource: 'booksEmail', operation: 'sendPaymentRemindersInBulk', organizationId: rl('id', '10234695'), transactionId: rl('id', '460000000040002') },
			credential: usCredential(),
			continueOnFail: true,
		});
		expect(result.credentials.tokenUpdates.map((t) => t.access_token)).toEqual([token]);
		expect(result.items[0].json.error).toBe('Zoho Books could not send the payment reminder for invoice 460000000040002: Not sent (request [redacted])');
		expect(JSON.stringify(result.run.data.resultData)).not.toContain(token);
	});
});
