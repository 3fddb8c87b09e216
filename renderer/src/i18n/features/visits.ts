/** Messages of the visits feature: Chinese first, English with the same keys. */
export const visitsZh = {};
export const visitsEn: typeof visitsZh = {};
