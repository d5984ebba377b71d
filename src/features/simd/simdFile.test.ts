import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { demoSimdRows } from '../../demo/demoSimd.ts';
import { editionOf, readSimdFile } from './simdFile.ts';

describe('reading a SIMD postcode lookup', () => {
  it('reads the Scottish Government lookup’s columns, taking the edition from the quintile column', () => {
    const file = readSimdFile(
      'Postcode,DZ,SIMD2020v2_Rank,SIMD2020v2_Decile,SIMD2020v2_Quintile\nab101ab,S01006506,12,1,1\nKY12 7AB,s01012345,6500,10,5\n',
    );
    expect(file.problems).toEqual([]);
    expect(file.rows).toEqual([
      { postcode: 'AB10 1AB', dataZone: 'S01006506', quintile: 1 },
      { postcode: 'KY12 7AB', dataZone: 'S01012345', quintile: 5 },
    ]);
    expect(file.editionFromHeader).toBe('SIMD 2020v2');
    expect(file.columns).toEqual({
      postcode: 'Postcode',
      dataZone: 'DZ',
      quintile: 'SIMD2020v2_Quintile',
      fromDecile: false,
    });
  });

  it('makes a decile a quintile when there is no quintile column, and ignores local quintiles', () => {
    const file = readSimdFile(
      'pc7,DataZone2011,SIMD2020V2HBQuintile,SIMD2020V2CountryDecile\nG12 8QQ,S01010001,5,1\nG12 8QR,S01010001,5,2\nG12 8QS,S01010002,1,3\nG12 8QT,S01010003,1,10\n',
    );
    expect(file.problems).toEqual([]);
    expect(file.rows.map((r) => r.quintile)).toEqual([1, 1, 2, 5]);
    expect(file.columns?.fromDecile).toBe(true);
    expect(file.editionFromHeader).toBe('SIMD 2020v2');
  });

  it('names the edition only when the column says which', () => {
    expect(editionOf('SIMD2016_Quintile')).toBe('SIMD 2016');
    expect(editionOf('simd_2020v2_quintile')).toBe('SIMD 2020v2');
    expect(editionOf('Quintile')).toBeUndefined();
    expect(
      readSimdFile('Postcode,Data_Zone,Quintile\nG1 1AA,S01000001,3\n').editionFromHeader,
    ).toBeUndefined();
  });

  it('reports every bad row with its line number, and a header missing columns at once', () => {
    const file = readSimdFile(
      [
        'Postcode,DZ,SIMD2020v2_Quintile',
        'G1 1AA,S01000001,3',
        'NOT A CODE,S01000001,3',
        'G1 1AB,,3',
        'G1 1AD,S01000001,6',
        'G1 1AE,S01-000001,two',
        'g11aa,S01000001,3',
        'G1 1AF,S01000001',
      ].join('\n'),
    );
    expect(file.problems).toEqual([
      { line: 3, problem: '"NOT A CODE" is not a full postcode' },
      { line: 4, problem: 'the data zone is empty' },
      { line: 5, problem: 'the quintile must be a whole number from 1 to 5' },
      {
        line: 6,
        problem:
          '"S01-000001" is not a data zone code, like S01006506; the quintile must be a whole number from 1 to 5',
      },
      { line: 7, problem: 'G1 1AA is also on line 2' },
      {
        line: 8,
        problem: 'it has 2 columns, the header has 3; the quintile must be a whole number from 1 to 5',
      },
    ]);
    expect(readSimdFile('Postcode,Rank\nG1 1AA,3\n').problems).toEqual([
      {
        line: 1,
        problem:
          'the header has no data zone (DZ, DataZone or Data_Zone), SIMD quintile or decile (like SIMD2020v2_Quintile or SIMD2020v2_Decile) column',
      },
    ]);
    expect(readSimdFile('').problems[0]?.problem).toContain('empty');
    expect(readSimdFile('Postcode,DZ,Quintile\n').problems[0]?.problem).toContain('no rows');
  });

  it('reads the sample file in docs, which agrees with the demo’s lookup', () => {
    const file = readSimdFile(fs.readFileSync('docs/samples/simd-postcode-lookup.csv', 'utf8'));
    expect(file.problems).toEqual([]);
    expect(file.rows.length).toBeGreaterThan(10);
    const demo = new Map(demoSimdRows().map((r) => [r.postcode, r]));
    for (const row of file.rows) expect(demo.get(row.postcode)).toEqual(row);
  });

  it('reads a file with quotes as one without, line for line', () => {
    const plain = 'Postcode,DZ,Quintile\r\nGM1 1AB,S01990110,1\r\n\r\nGM1 ZZZ,S01990110,1\r\n';
    const quoted = 'Postcode,DZ,Quintile\r\n"GM1 1AB",S01990110,1\r\n\r\n"GM1 ZZZ",S01990110,"1"\r\n';
    expect(readSimdFile(quoted)).toEqual(readSimdFile(plain));
    expect(readSimdFile(plain).problems).toEqual([{ line: 4, problem: '"GM1 ZZZ" is not a full postcode' }]);
  });
});
