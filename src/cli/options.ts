/** A repeatable option's parser for commander: each occurrence appends its value (`--step a --step b`). */
export const collect = (value: string, previous: string[] = []): string[] => [...previous, value];
