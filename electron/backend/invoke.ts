import { z } from 'zod';
import { channels, isChannel } from '../../shared/api';
import { AppError, type Result } from '../../shared/errors';
import type { HandlerContext, HandlerRegistry } from './registry';

/**
 * The one border every call crosses, from Electron IPC or the browser shell:
 * unknown channel and bad input are refused here and never reach a handler;
 * any failure becomes `{ok:false, error:{code, message}}` the UI can show.
 */
export async function invokeChannel(
  registry: HandlerRegistry,
  ctx: HandlerContext,
  channel: string,
  rawInput: unknown,
): Promise<Result<unknown>> {
  if (!isChannel(channel)) {
    return { ok: false, error: { code: 'unknown_channel', message: `unknown channel: ${channel}` } };
  }
  const parsed = channels[channel].input.safeParse(rawInput ?? {});
  if (!parsed.success) {
    return { ok: false, error: invalidInput(parsed.error).toShape() };
  }
  try {
    const handler = registry[channel] as (input: unknown, ctx: HandlerContext) => unknown;
    const value = await handler(parsed.data, ctx);
    return { ok: true, value };
  } catch (err) {
    return { ok: false, error: toAppError(err).toShape() };
  }
}

export function invalidInput(error: z.ZodError): AppError {
  const details = error.issues.map((i) => ({
    path: i.path.filter((p): p is string | number => typeof p !== 'symbol'),
    message: i.message,
  }));
  const first = details[0];
  const where = first && first.path.length > 0 ? ` at ${first.path.join('.')}` : '';
  return new AppError('invalid_input', `invalid input${where}: ${first?.message ?? 'unknown'}`, details);
}

export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof z.ZodError) return invalidInput(err);
  const code = (err as { code?: unknown } | null)?.code;
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') return new AppError('disk_full', 'the disk is full');
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB')
    return new AppError('database_corrupt', 'the database file is damaged');
  const message = err instanceof Error ? err.message : String(err);
  return new AppError('internal', message);
}
