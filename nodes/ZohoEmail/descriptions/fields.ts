import type { INodeProperties } from 'n8n-workflow';

/**
 * n8n's "Additional Fields" collection of an operation. The options are shown in the order given.
 * @param extra further keys of the collection (e.g. `displayOptions`), placed before its options
 */
export function additionalFields(options: INodeProperties[], extra: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		...extra,
		options,
	};
}
