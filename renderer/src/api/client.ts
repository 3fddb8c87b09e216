import type { Channel, ChannelInput, ChannelOutput, EventName, EventPayload } from '../../../shared/api';
import type { ErrorCode, FieldIssue } from '../../../shared/errors';

/** Codes the UI can show: the backend's, plus 'network' when the bridge itself fails. */
export type ClientErrorCode = ErrorCode | 'network';

/** A failed call: `code` picks the user's-language message (errors.<code>), `message` is the English detail. */
export class ApiError extends Error {
  constructor(
    readonly code: ClientErrorCode,
    message: string,
    readonly details?: FieldIssue[],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let appLockedListener: (() => void) | null = null;

/** Told when a call was refused because the app is locked (the lock gate then shows the lock screen). */
export function setAppLockedListener(listener: (() => void) | null): void {
  appLockedListener = listener;
}

export function hasApi(): boolean {
  return typeof window !== 'undefined' && typeof window.api?.invoke === 'function';
}

/** Calls a backend channel and returns its value, or throws ApiError. */
export async function call<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  if (!hasApi()) throw new ApiError('network', 'window.api is not available');
  let result;
  try {
    result = await window.api.invoke(channel, input);
  } catch (e) {
    // The bridge rejected (shell gone, IPC torn down): not a backend answer.
    throw new ApiError('network', e instanceof Error ? e.message : String(e));
  }
  if (result.ok) return result.value;
  if (result.error.code === 'app_locked') appLockedListener?.();
  throw new ApiError(result.error.code, result.error.message, result.error.details);
}

/** Subscribes to a push event; returns the unsubscribe function. */
export function onEvent<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
  if (!hasApi() || typeof window.api.on !== 'function') return () => undefined;
  return window.api.on(event, listener);
}

export function toApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  return new ApiError('internal', e instanceof Error ? e.message : String(e));
}
