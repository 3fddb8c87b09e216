/** The visits channels of the contract (merged into shared/api.ts). */
export const visitChannels = {} as const;
