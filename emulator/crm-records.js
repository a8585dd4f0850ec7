// @ts-check
'use strict';

const { crmError, json, NO_CONTENT } = require('./replies');
const { intParam, isObject } = require('./values');
const { parseIsoDateTime } = require('./zoho-time');

/**
 * Record listing, single record, search and module metadata, shared by CRM v8 and Bigin v2
 * (reference §3.8; Get Records requires `fields` in v8).
 *
 * @typedef {import('./replies').Reply} Reply
 */

const SORTABLE = ['id', 'Created_Time', 'Modified_Time', 'Last_Activity_Time'];

/**
 * @param {Record<string, any>} record
 * @param {string[] | null} fields
 */
function project(record, fields) {
	if (!fields) return { ...record };
	/** @type {Record<string, any>} */
	const out = { id: record.id };
	for (const f of fields) if (f in record) out[f] = record[f];
	return out;
}

/**
 * page/per_page validation; a Reply on error.
 * @param {Record<string, string>} query
 * @returns {{ page: number, perPage: number } | Reply}
 */
function paging(query) {
	const page = intParam(query.page, 1, 1, 100000);
	if (page === null) return crmError(400, 'INVALID_DATA', 'invalid data', { param_name: 'page' });
	const perPage = intParam(query.per_page, 200, 1, 200);
	if (perPage === null) return crmError(400, 'INVALID_DATA', 'invalid data', { param_name: 'per_page' });
	return { page, perPage };
}

/** @param {unknown} value */
function timeOf(value) {
	return parseIsoDateTime(value) ?? 0;
}

/**
 * GET /{module}?fields=…&sort_by=&sort_order=&page=&per_page= (If-Modified-Since honoured: 304 when nothing changed).
 * @param {any} ctx
 * @param {any[]} records
 * @returns {Reply}
 */
function listRecords(ctx, records) {
	const q = ctx.query;
	if (!q.fields) return crmError(400, 'REQUIRED_PARAM_MISSING', 'One of the expected parameter is missing', { param: 'fields' });
	const fields = String(q.fields).split(',').map((f) => f.trim()).filter(Boolean);
	if (fields.length > 50) return crmError(400, 'LIMIT_EXCEEDED', 'the limit for fields has been exceeded', { param_name: 'fields', limit: 50 });
	const pg = paging(q);
	if ('status' in pg) return pg;
	const sortBy = q.sort_by || 'id';
	if (!SORTABLE.includes(sortBy)) return crmError(400, 'INVALID_DATA', 'invalid data', { param_name: 'sort_by', supported_values: SORTABLE });
	const sortOrder = q.sort_order || 'desc';
	if (sortOrder !== 'asc' && sortOrder !== 'desc') return crmError(400, 'INVALID_DATA', 'invalid data', { param_name: 'sort_order' });
	let list = [...records];
	const since = ctx.headers['if-modified-since'];
	if (since) {
		const ms = Date.parse(String(since).replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
		if (!Number.isNaN(ms)) {
			list = list.filter((r) => timeOf(r.Modified_Time) > ms);
			if (list.length === 0) return { status: 304 };
		}
	}
	const dir = sortOrder === 'asc' ? 1 : -1;
	list.sort((a, b) => {
		if (sortBy === 'id') return dir * (BigInt(a.id) < BigInt(b.id) ? -1 : BigInt(a.id) > BigInt(b.id) ? 1 : 0);
		return dir * (timeOf(a[sortBy]) - timeOf(b[sortBy]));
	});
	return page(list, pg, (r) => project(r, fields), { sort_by: sortBy, sort_order: sortOrder, next_page_token: null, previous_page_token: null, page_token_expiry: null });
}

/**
 * One page of items as `{data, info}`, or 204 when empty.
 * @param {any[]} list
 * @param {{ page: number, perPage: number }} pg
 * @param {(r: any) => any} view
 * @param {Record<string, unknown>} [extraInfo]
 * @returns {Reply}
 */
function page(list, pg, view, extraInfo = {}) {
	const start = (pg.page - 1) * pg.perPage;
	const items = list.slice(start, start + pg.perPage);
	if (items.length === 0) return NO_CONTENT;
	return json({
		data: items.map(view),
		info: { per_page: pg.perPage, count: items.length, page: pg.page, ...extraInfo, more_records: start + pg.perPage < list.length },
	});
}

/**
 * GET /{module}/{id}: `{data:[record]}`; 204 when the id does not exist (UNCONFIRMED: Zoho answers 204 for
 * a deleted/unknown record id on the single-record GET in the versions we have seen).
 * @param {any} record
 * @returns {Reply}
 */
function getRecord(record) {
	return record ? json({ data: [{ ...record }] }) : NO_CONTENT;
}

/**
 * Parses `(Field:op:value)` conditions joined by and/or (grouping parentheses are read left to right).
 * @param {string} criteria
 */
function parseCriteria(criteria) {
	const re = /\(\s*([A-Za-z0-9_.]+)\s*:\s*(equals|not_equal|starts_with|ends_with|contains|in|greater_than|less_than)\s*:((?:\\.|[^)\\])*)\)/g;
	/** @type {Array<{ field: string, op: string, value: string, join: string }>} */
	const conds = [];
	let last = 0;
	let m;
	while ((m = re.exec(criteria))) {
		const between = criteria.slice(last, m.index).toLowerCase();
		conds.push({ field: m[1], op: m[2], value: m[3].replace(/\\(.)/g, '$1').trim(), join: between.includes('or') ? 'or' : 'and' });
		last = re.lastIndex;
	}
	return conds;
}

/**
 * @param {Record<string, any>} record
 * @param {{ field: string, op: string, value: string }} c
 */
function test(record, c) {
	const [field, sub] = c.field.split('.');
	let raw = record[field];
	if (isObject(raw)) raw = sub ? raw[sub] : raw.name;
	const text = raw === undefined || raw === null ? '' : String(raw).toLowerCase();
	const v = c.value.toLowerCase();
	switch (c.op) {
		case 'equals': // "equals" on text behaves like contains in Zoho search for some fields; exact match here
			return text === v;
		case 'not_equal':
			return text !== v;
		case 'starts_with':
			return text.startsWith(v);
		case 'ends_with':
			return text.endsWith(v);
		case 'contains':
			return text.includes(v);
		case 'in':
			return v.split(',').map((s) => s.trim()).includes(text);
		case 'greater_than':
			return Number(raw) > Number(c.value);
		default:
			return Number(raw) < Number(c.value);
	}
}

/**
 * GET /{module}/search?email=|phone=|word=|criteria= (204 when nothing matches).
 * @param {any} ctx
 * @param {any[]} records
 * @returns {Reply}
 */
function searchRecords(ctx, records) {
	const q = ctx.query;
	const pg = paging(q);
	if ('status' in pg) return pg;
	/** @type {(r: any) => boolean} */
	let predicate;
	if (q.criteria) {
		const conds = parseCriteria(String(q.criteria));
		if (conds.length === 0 || conds.length > 10) {
			return crmError(400, 'INVALID_QUERY', 'invalid query formed', { reason: 'the criteria is invalid', param_name: 'criteria' });
		}
		predicate = (r) => conds.reduce((acc, c, i) => (i === 0 ? test(r, c) : c.join === 'or' ? acc || test(r, c) : acc && test(r, c)), false);
	} else if (q.email) {
		const email = String(q.email).toLowerCase();
		predicate = (r) => Object.keys(r).some((k) => /email/i.test(k) && typeof r[k] === 'string' && r[k].toLowerCase() === email);
	} else if (q.phone) {
		const digits = String(q.phone).replace(/\D/g, '');
		predicate = (r) => ['Phone', 'Mobile'].some((k) => typeof r[k] === 'string' && digits !== '' && r[k].replace(/\D/g, '').includes(digits));
	} else if (q.word) {
		const word = String(q.word).toLowerCase();
		if (word.length < 2) return crmError(400, 'INVALID_DATA', 'invalid data', { param_name: 'word' });
		predicate = (r) => Object.values(r).some((v) => (typeof v === 'string' ? v : isObject(v) ? String(v.name || '') : '').toLowerCase().includes(word));
	} else {
		return crmError(400, 'REQUIRED_PARAM_MISSING', 'One of the expected parameter is missing', { param: 'criteria' });
	}
	const fields = q.fields ? String(q.fields).split(',').map((f) => f.trim()).filter(Boolean) : null;
	return page(records.filter(predicate), pg, (r) => project(r, fields));
}

/**
 * GET /settings/modules.
 * @param {{ modules: any[] }} product
 * @returns {Reply}
 */
function listModules(product) {
	return json({
		modules: product.modules.map((m) => ({
			api_name: m.api_name,
			module_name: m.module_name,
			singular_label: m.singular_label,
			plural_label: m.plural_label,
			id: m.id,
			api_supported: m.api_supported,
			generated_type: m.generated_type,
			creatable: m.api_supported,
			editable: m.api_supported,
			viewable: true,
			deletable: m.api_supported,
			status: 'visible',
		})),
	});
}

module.exports = { listRecords, getRecord, searchRecords, listModules };
