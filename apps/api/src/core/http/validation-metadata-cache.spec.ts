import { getMetadataStorage, IsInt, IsOptional, IsString, MaxLength, Min, validate, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { cacheValidationMetadata } from './validation-metadata-cache';

class Base {
  @IsString()
  @MaxLength(5)
  name!: string;
}

class Child extends Base {
  @IsInt()
  @Min(1, { groups: ['strict'] })
  n!: number;
}

class Holder {
  @ValidateNested()
  @Type(() => Child)
  child!: Child;
}

const codes = async (o: object, groups?: string[]) =>
  (await validate(o, { whitelist: true, forbidNonWhitelisted: true, groups }))
    .flatMap((e) => [
      `${e.property}:${Object.keys(e.constraints ?? {}).sort().join(',')}`,
      ...(e.children ?? []).map((c) => `${e.property}.${c.property}:${Object.keys(c.constraints ?? {}).sort().join(',')}`),
    ])
    .sort();

const make = <T extends object>(cls: new () => T, values: object): T => Object.assign(new cls(), values);

describe('cacheValidationMetadata', () => {
  it('answers what class-validator answers, inherited rules and groups included, and computes each answer once', async () => {
    const cases: [object, string[] | undefined][] = [
      [make(Child, { name: 'toolong', n: 0 }), undefined],
      [make(Child, { name: 'ok', n: 0 }), ['strict']],
      [make(Child, { name: 'ok', n: 2, extra: 1 }), undefined],
      [make(Holder, { child: make(Child, { name: 'x', n: 'a' }) }), undefined],
    ];
    const before = [];
    for (const [o, g] of cases) before.push(await codes(o, g));
    // inherited rules, groups, the whitelist and nested objects all answer something to compare
    expect(before[0]).toContain('name:maxLength');
    expect(before[1]).toContain('n:min');
    expect(before[2]).toEqual(['extra:whitelistValidation']);
    expect(before[3]).toContain('child.n:isInt,min');

    cacheValidationMetadata();
    cacheValidationMetadata(); // idempotent
    const storage = getMetadataStorage();
    const first = storage.getTargetValidationMetadatas(Child, '', false, false);
    expect(storage.getTargetValidationMetadatas(Child, '', false, false)).toBe(first);
    expect(storage.getTargetValidationMetadatas(Child, '', false, false, ['strict'])).not.toBe(first);
    expect(storage.groupByPropertyName(first)).toBe(storage.groupByPropertyName(first));
    for (const [i, [o, g]] of cases.entries()) expect(await codes(o, g)).toEqual(before[i]);
  });

  it('sees rules declared after the first validation (the cache empties when metadata is added)', async () => {
    cacheValidationMetadata();
    class Late {
      @IsOptional()
      @IsString()
      note?: string;
    }
    expect(await codes(make(Late, { note: 1 }))).toEqual(['note:isString']);
    class Later extends Late {
      @IsInt()
      count!: number;
    }
    expect(await codes(make(Later, { note: 2, count: 'x' }))).toEqual(['count:isInt', 'note:isString']);
    expect(await codes(make(Late, { note: 'fine' }))).toEqual([]);
  });
});
