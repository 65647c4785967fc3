import { builder } from './builder.js';

/** Ascending or descending, for providers whose lists can be reversed. */
export const SortOrder = builder.enumType('SortOrder', {
  description: 'Which way a list is sorted.',
  values: {
    ASC: { value: 'asc', description: 'Oldest or smallest first.' },
    DESC: { value: 'desc', description: 'Newest or largest first.' },
  } as const,
});
