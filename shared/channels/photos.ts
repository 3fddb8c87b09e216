/** The photos channels of the contract (merged into shared/api.ts). */
export const photoChannels = {} as const;
