/** Messages of the problems feature: Chinese first, English with the same keys. */
export const problemsZh = {};
export const problemsEn: typeof problemsZh = {};
