import { z } from 'zod';
import { IdleMinutes, LockSecret, SecretKind } from '../../../../shared/channels/lock';

/** Error codes the forms show, translated under lock:settings.error.<code>. */
export type LockFormError = 'pin' | 'password' | 'mismatch' | 'required';

const NewSecretFields = {
  kind: SecretKind,
  value: z.string(),
  confirm: z.string(),
  idleMinutes: IdleMinutes,
};

/** The new secret checked with the shared LockSecret schema (the backend parses it again), typed twice. */
function checkNewSecret(v: { kind: SecretKind; value: string; confirm: string }, ctx: z.RefinementCtx): void {
  if (!LockSecret.safeParse({ kind: v.kind, value: v.value }).success) {
    ctx.addIssue({ code: 'custom', path: ['value'], message: v.kind satisfies LockFormError });
  } else if (v.confirm !== v.value) {
    ctx.addIssue({ code: 'custom', path: ['confirm'], message: 'mismatch' satisfies LockFormError });
  }
}

const Current = z.string().min(1, 'required' satisfies LockFormError);

export const EnableLockForm = z.object(NewSecretFields).superRefine(checkNewSecret);
export type EnableLockValues = z.infer<typeof EnableLockForm>;

export const ChangeSecretForm = z.object({ ...NewSecretFields, current: Current }).superRefine(checkNewSecret);
export type ChangeSecretValues = z.infer<typeof ChangeSecretForm>;

export const RemoveSecretForm = z.object({ current: Current });
export type RemoveSecretValues = z.infer<typeof RemoveSecretForm>;

export function toLockSecret(v: { kind: SecretKind; value: string }): LockSecret {
  return v.kind === 'pin' ? { kind: 'pin', value: v.value } : { kind: 'password', value: v.value };
}

const KNOWN: readonly string[] = ['pin', 'password', 'mismatch', 'required'] satisfies LockFormError[];

/** A field error's message is one of our codes; anything else (zod's own English) reads as "required". */
export function lockFormError(message: string | undefined): LockFormError {
  return KNOWN.includes(message ?? '') ? (message as LockFormError) : 'required';
}
