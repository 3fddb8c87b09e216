/** The problems channels of the contract (merged into shared/api.ts). */
export const problemChannels = {} as const;
