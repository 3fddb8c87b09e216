import type { WireErrorCode } from '../../shared/sync/wire';

/**
 * A refused account operation, in plain English. The HTTP layer turns it into
 * a WireError with the matching status; the CLI prints it and exits non-zero.
 */
export class AccountError extends Error {
  constructor(
    readonly code: Extract<WireErrorCode, 'invalid_payload' | 'forbidden' | 'not_found' | 'conflict'>,
    message: string,
  ) {
    super(message);
    this.name = 'AccountError';
  }
}
