import { describe, expect, it } from 'vitest';
import type { ColumnSpec } from '../sources/column-spec.ts';
import { parseCell, parseDateCell } from './parse-cell.ts';

const col = (c: Partial<ColumnSpec>): ColumnSpec => ({ name: 'x', type: 'text', required: false, description: '', example: '', ...c });

describe('parseDateCell', () => {
  it.each([
    ['2019-03-14', '2019-03-14'],
    ['14/03/2019', '2019-03-14'],
    ['4/3/2019', '2019-03-04'],
  ])('reads %s as %s', (text, iso) => expect(parseDateCell(text)).toEqual({ ok: true, value: iso }));

  it('never reads US order', () => {
    expect(parseDateCell('03/14/2019')).toEqual({ ok: false, reason: expect.stringContaining('US order') });
  });

  it('rejects dates that do not exist', () => {
    expect(parseDateCell('2019-02-29')).toMatchObject({ ok: false, reason: expect.stringContaining('28 days') });
    expect(parseDateCell('31/04/2019')).toMatchObject({ ok: false });
  });

  it('reads Excel serial numbers and date cells from .xlsx', () => {
    expect(parseDateCell(43538)).toEqual({ ok: true, value: '2019-03-14' });
    expect(parseDateCell(new Date(Date.UTC(2019, 2, 14)))).toEqual({ ok: true, value: '2019-03-14' });
    expect(parseDateCell(60)).toMatchObject({ ok: false });
  });

  it('explains an Excel serial number found in a CSV file', () => {
    expect(parseDateCell('43538')).toMatchObject({ ok: false, reason: expect.stringContaining('Excel date serial') });
  });
});

describe('parseCell', () => {
  it('checks codes case-insensitively and returns the canonical spelling', () => {
    expect(parseCell(col({ type: 'code', codes: ['UC', 'JSA'] }), 'uc')).toEqual({ ok: true, value: 'UC' });
    expect(parseCell(col({ type: 'code', codes: ['UC', 'JSA'] }), 'XX')).toMatchObject({ ok: false, reason: 'is not one of the codes UC, JSA' });
  });

  it('checks numbers, bounds and whole numbers', () => {
    expect(parseCell(col({ type: 'integer', min: 0 }), '12')).toEqual({ ok: true, value: 12 });
    expect(parseCell(col({ type: 'integer', min: 0 }), '-1')).toMatchObject({ ok: false, reason: 'is less than 0' });
    expect(parseCell(col({ type: 'integer' }), '1.5')).toMatchObject({ ok: false });
    expect(parseCell(col({ type: 'decimal' }), '1,200')).toMatchObject({ ok: false });
  });

  it('normalises identifiers and rejects bad check digits', () => {
    expect(parseCell(col({ type: 'nhs-number' }), '943 476 5919')).toEqual({ ok: true, value: '9434765919' });
    expect(parseCell(col({ type: 'nhs-number' }), '943 476 5918')).toMatchObject({ ok: false });
    expect(parseCell(col({ type: 'postcode' }), 'le15ab')).toEqual({ ok: true, value: 'LE1 5AB' });
    expect(parseCell(col({ type: 'ni-number' }), 'qq 12 34 56 c')).toEqual({ ok: true, value: 'QQ123456C' });
  });

  it('flags text that was not valid UTF-8', () => {
    expect(parseCell(col({}), 'Zo\uFFFD')).toMatchObject({ ok: false, reason: expect.stringContaining('UTF-8') });
  });

  it('treats blank cells as no value', () => {
    expect(parseCell(col({ type: 'integer' }), '  ')).toEqual({ ok: true, value: undefined });
  });
});
