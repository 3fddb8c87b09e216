import { describe, expect, it } from 'vitest';
import {
  changedFields,
  errorKey,
  ProjectFormSchema,
  toFormValues,
  toProjectInput,
} from '../../../renderer/src/pages/project/projectForm';
import { project } from '../db/fixtures';

describe('project form', () => {
  it('money typed in 万元 is stored as integer yuan, and back', () => {
    const p = project('p1', { totalInvestment: 1_234_567_800, annualPlannedInvestment: 300_000_000 });
    const values = toFormValues(p);
    expect(values.totalInvestment).toBe(123_456.78);
    const parsed = ProjectFormSchema.parse({ ...values, totalInvestment: 0.1 + 0.2, annualPlannedInvestment: 0.3 });
    const input = toProjectInput(parsed);
    // 0.1 + 0.2 万元 is 3,000 yuan exactly, not 3000.0000000000005.
    expect(input.totalInvestment).toBe(3000);
    expect(Number.isInteger(input.annualPlannedInvestment)).toBe(true);
  });

  it('blank optional text is stored as null', () => {
    const parsed = ProjectFormSchema.parse({ ...toFormValues(project('p1')), ownerCompany: '  ', location: '' });
    expect(toProjectInput(parsed)).toMatchObject({ ownerCompany: null, location: null });
  });

  it('an edit sends only the fields that changed', () => {
    const p = project('p1');
    const input = toProjectInput(ProjectFormSchema.parse({ ...toFormValues(p), name: '新名称' }));
    expect(changedFields(p, input)).toEqual({ name: '新名称' });
  });

  it('refuses an annual plan above the total, and names each error for translation', () => {
    const r = ProjectFormSchema.safeParse({
      ...toFormValues(project('p1')),
      code: '',
      totalInvestment: 10,
      annualPlannedInvestment: 20,
      chiefOfficerPhone: 'abc',
      plannedStart: '2020-02-30',
    });
    expect(r.success).toBe(false);
    const keys = Object.fromEntries(r.error!.issues.map((i) => [String(i.path[0]), errorKey(i.code, i.message)]));
    expect(keys).toEqual({
      code: 'required',
      annualPlannedInvestment: 'annualExceedsTotal',
      chiefOfficerPhone: 'phone',
      plannedStart: 'date',
    });
    expect(errorKey('too_small', 'Too small: expected number to be >=0')).toBe('notNegative');
    expect(errorKey('invalid_type', 'Invalid input: expected number, received null')).toBe('required');
  });
});
