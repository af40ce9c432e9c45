import { plainToInstance } from 'class-transformer';
import { IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, validate } from 'class-validator';
import { toFieldErrors } from './field-errors';
import { IsPhone } from './validators';

class Sample {
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name: string;

  @IsOptional()
  @IsPhone()
  phone?: string;

  @IsOptional()
  @IsEmail()
  email?: string;

  @IsOptional()
  @IsIn(['new', 'contacted'])
  status?: string;

  @IsOptional()
  @IsUUID()
  ownerId?: string;
}

const errorsOf = async (plain: object) => toFieldErrors(await validate(plainToInstance(Sample, plain)));

describe('toFieldErrors', () => {
  it('reports an empty required field once, as required', async () => {
    expect(await errorsOf({ name: '' })).toEqual([{ field: 'name', code: 'required', message: 'name is required' }]);
    expect(await errorsOf({})).toEqual([{ field: 'name', code: 'required', message: 'name is required' }]);
  });

  it('maps constraints to codes with their parameters from the decorators', async () => {
    const errors = await errorsOf({ name: 'x'.repeat(101), phone: '123', email: 'no', status: 'won', ownerId: 'abc' });
    expect(errors.map(({ field, code, params }) => ({ field, code, params }))).toEqual([
      { field: 'name', code: 'too_long', params: { max: 100 } },
      { field: 'phone', code: 'invalid_phone', params: undefined },
      { field: 'email', code: 'invalid_email', params: undefined },
      { field: 'status', code: 'invalid_enum', params: { allowed: ['new', 'contacted'] } },
      { field: 'ownerId', code: 'not_uuid', params: undefined },
    ]);
  });

  it('prefers the type error to the length error of a wrong type', async () => {
    expect((await errorsOf({ name: 5 })).map((e) => e.code)).toEqual(['not_string']);
  });
});
