/** Messages of the photos feature: Chinese first, English with the same keys. */
export const photosZh = {};
export const photosEn: typeof photosZh = {};
