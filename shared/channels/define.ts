import { z } from 'zod';

export const NoInput = z.object({}).strict();

/** A channel: its input schema (parsed at every border) and its output type. */
export function channel<I extends z.ZodType, O>(input: I): { input: I; output: O } {
  return { input, output: undefined as unknown as O };
}
