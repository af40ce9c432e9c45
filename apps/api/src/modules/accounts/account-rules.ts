/** Union of tag lists, survivor's first, without repeats. */
export const mergedTags = (lists: string[][]): string[] => [...new Set(lists.flat())];
