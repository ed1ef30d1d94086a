import { describe, expect, it } from 'vitest';
import { checkHeader, monthsBefore, parseRecord, REQUIRED_COLUMNS, RowError, SANTANDER_CODES } from '../../src/ingest/santander/format';
import { fieldOf, fieldsOf, sampleLines, withField } from './santanderFixture';

const { columns, lines } = sampleLines();
const rowOf = (line: string): Record<string, string> => {
  const f = fieldsOf(line);
  return Object.fromEntries(columns.map((c, i) => [c, f[i]]));
};
const errorOf = (line: string): RowError => {
  try {
    parseRecord(rowOf(line), 7);
  } catch (e) {
    if (e instanceof RowError) return e;
    throw e;
  }
  throw new Error('expected a RowError');
};

// Real lines chosen by what they contain, not by position.
const full = lines.find((l) => fieldOf(l, 'ind_cco_fin_ult1_Tminus5') !== '' && fieldOf(l, 'renta') !== '' && fieldOf(l, 'renta') !== 'NA')!;
const recorded = (line: string, k: number): boolean => SANTANDER_CODES.some((c) => fieldOf(line, `${c}_Tminus${k}`) !== '');
const noT5 = lines.find((l) => !recorded(l, 5) && recorded(l, 4))!;

describe('Santander additions format', () => {
  it('parses a real row: ids, dates, profile, protected attributes, holdings per lag, the added product', () => {
    const r = parseRecord(rowOf(full), 7);
    expect(r.line).toBe(7);
    expect(r.customerId).toBe(fieldOf(full, 'ncodpers'));
    expect(r.snapshotAt.toISOString()).toBe('2016-05-28T00:00:00.000Z');
    expect(r.profile).toMatchObject({
      age: Number(fieldOf(full, 'age')),
      income: Number(fieldOf(full, 'renta')),
      seniorityMonths: Number(fieldOf(full, 'antiguedad')),
      active: fieldOf(full, 'ind_actividad_cliente') === '1',
      region: fieldOf(full, 'nomprov') || null,
    });
    expect(r.protected).toEqual({ sex: fieldOf(full, 'sexo'), residenceCountry: fieldOf(full, 'pais_residencia'), foreignBorn: fieldOf(full, 'indext') === 'S' });
    expect(r.holdings.map((h) => h.at.toISOString().slice(0, 10))).toEqual(['2015-12-28', '2016-01-28', '2016-02-28', '2016-03-28', '2016-04-28']);
    r.holdings.forEach((h, i) => {
      const k = 5 - i;
      expect(h.held).toEqual(SANTANDER_CODES.filter((c) => fieldOf(full, `${c}_Tminus${k}`) === '1'));
    });
    expect(r.added).toBe(fieldOf(full, 'added_products'));
  });

  it('leaves out a month with no record (empty lag) rather than calling it "holds nothing"', () => {
    const r = parseRecord(rowOf(noT5), 2);
    expect(r.holdings.map((h) => h.at.toISOString().slice(0, 10))).toEqual(['2016-01-28', '2016-02-28', '2016-03-28', '2016-04-28']);
  });

  it('reads missing values as null: empty, NA, NaN', () => {
    const r = parseRecord(rowOf(withField(withField(withField(full, 'renta', 'NA'), 'age', ''), 'nomprov', 'NaN')), 3);
    expect(r.profile).toMatchObject({ income: null, age: null, region: null });
  });

  it('treats a negative seniority (the Kaggle sentinel -999999) as unknown, not as an error', () => {
    expect(parseRecord(rowOf(withField(full, 'antiguedad', '-999999')), 2).profile.seniorityMonths).toBeNull();
    expect(parseRecord(rowOf(withField(full, 'antiguedad', '-1')), 2).profile.seniorityMonths).toBeNull();
    expect(parseRecord(rowOf(withField(full, 'antiguedad', '0')), 2).profile.seniorityMonths).toBe(0);
  });

  it('has no added product when the column is empty or absent (files to be scored)', () => {
    expect(parseRecord(rowOf(withField(full, 'added_products', '')), 2).added).toBeNull();
    const { added_products: _, ...row } = rowOf(full);
    expect(parseRecord(row, 2).added).toBeNull();
  });

  it.each([
    ['age', 'abc', /"abc" is not a number/],
    ['age', '45.5', /"45.5" is not a whole number/],
    ['age', '130', /130 is outside 0…120/],
    ['antiguedad', '12.5', /not a whole number/],
    ['renta', 'lots', /not a number/],
    ['ind_actividad_cliente', '2', /outside 0…1/],
    ['indext', 'X', /"X" is neither S nor N/],
    ['fecha_dato', '2016-02-30', /not a YYYY-MM-DD date/],
    ['fecha_dato', '', /is required/],
    ['fecha_alta', '28/04/1995', /not a YYYY-MM-DD date/],
    ['ncodpers', '', /is not a customer code/],
    ['ncodpers', '12a', /"12a" is not a customer code/],
    ['ind_recibo_ult1_Tminus2', '7', /"7" is not 0 or 1/],
    ['added_products', 'ind_xxxx_fin_ult1', /"ind_xxxx_fin_ult1" is not a Santander product code/],
  ])('rejects %s = "%s" with the field and the reason', (field, value, reason) => {
    const e = errorOf(withField(full, field, value));
    expect(e.line).toBe(7);
    expect(e.field).toBe(field);
    expect(e.reason).toMatch(reason);
    expect(e.message).toBe(`line 7: ${field}: ${e.reason}`);
  });

  it('checks the header once: every product lag column and the ids must be there', () => {
    expect(() => checkHeader(columns)).not.toThrow();
    expect(() => checkHeader(columns.filter((c) => c !== 'added_products'))).not.toThrow();
    expect(() => checkHeader(columns.filter((c) => c !== 'ind_cco_fin_ult1_Tminus3')))
      .toThrow('not a Santander additions file: missing 1 column(s): ind_cco_fin_ult1_Tminus3');
    expect(() => checkHeader(['a', 'b'])).toThrow(`missing ${REQUIRED_COLUMNS.length} column(s)`);
  });

  it('counts months back from the snapshot date on the same day of the month', () => {
    const d = new Date(Date.UTC(2016, 4, 28));
    expect([1, 5, 12].map((k) => monthsBefore(d, k).toISOString().slice(0, 10))).toEqual(['2016-04-28', '2015-12-28', '2015-05-28']);
  });
});
