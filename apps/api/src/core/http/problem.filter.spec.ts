import { BadRequestException, ForbiddenException, HttpException, NotFoundException } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { conflict, notFound, staleVersion } from './domain-error';
import { ProblemFilter } from './problem.filter';

const pgError = (code: string, constraint?: string) =>
  new QueryFailedError('INSERT ...', [], Object.assign(new Error('duplicate key value'), { code, constraint, detail: 'Key (email)=(a@b.c)' }));

describe('ProblemFilter', () => {
  const filter = new ProblemFilter();

  it('maps a unique violation to 409 with the field from the index name, without SQL', () => {
    const p = filter.toProblem(pgError('23505', 'uq_users_email'));
    expect(p).toMatchObject({ status: 409, code: 'DUPLICATE', errors: [{ field: 'email', message: 'already exists' }] });
    expect(JSON.stringify(p)).not.toMatch(/INSERT|Key \(/);
    expect(filter.toProblem(pgError('23505', 'uq_departments_parent_name')).errors).toEqual([
      { field: 'parentName', code: 'already_exists', message: 'already exists' },
    ]);
  });

  it('keeps domain codes and extra members, and hides unknown errors', () => {
    expect(filter.toProblem(staleVersion(4))).toMatchObject({ status: 412, code: 'STALE_VERSION', currentVersion: 4 });
    expect(filter.toProblem(conflict('X_Y', 'nope'))).toMatchObject({ status: 409, type: 'urn:keyuan:problem:x-y' });
    expect(filter.toProblem(new ForbiddenException('no'))).toMatchObject({ status: 403, code: 'FORBIDDEN', detail: 'no' });
    expect(filter.toProblem(new BadRequestException({ errors: [{ field: 'a', message: 'b' }] })).errors).toEqual([
      { field: 'a', code: 'invalid', message: 'b' },
    ]);
    const hidden = filter.toProblem(new Error('secret stack detail'));
    expect(hidden).toMatchObject({ status: 500, code: 'INTERNAL_ERROR' });
    expect(JSON.stringify(hidden)).not.toContain('secret');
  });

  it('words title, detail and field messages in the asked language; codes stay', () => {
    expect(filter.toProblem(notFound('lead'), 'zh-CN')).toMatchObject({ code: 'NOT_FOUND', title: '未找到', detail: '线索不存在' });
    expect(filter.toProblem(notFound('lead'), 'en-US')).toMatchObject({ code: 'NOT_FOUND', title: 'Not Found', detail: 'lead not found' });
    const invalid = new BadRequestException({ errors: [{ field: 'name', code: 'too_long', params: { max: 100 }, message: 'x' }] });
    expect(filter.toProblem(invalid, 'zh-CN')).toMatchObject({
      detail: '请求中有字段无效。',
      errors: [{ field: 'name', code: 'too_long', params: { max: 100 }, message: 'name不能超过 100 个字符' }],
    });
    const limit = conflict('POOL_CLAIM_LIMIT', 'english', undefined, { limit: 5, held: 5 });
    expect(filter.toProblem(limit, 'zh-CN').detail).toBe('您已从此公海领取 5 条，上限为 5 条。');
    expect(filter.toProblem(new NotFoundException('Cannot GET /api/v1/nope'), 'zh-CN').detail).toBe('没有这个接口（Cannot GET /api/v1/nope）。');
    // a code the catalogue does not know keeps the thrower's sentence
    expect(filter.toProblem(conflict('SOMETHING_NEW', 'as thrown'), 'zh-CN').detail).toBe('as thrown');
  });

  it('maps body-parser errors by their type, raw or wrapped by Nest, to stable codes', () => {
    const parserError = (type: string, status: number) => Object.assign(new Error('raw parser text'), { type, status, statusCode: status });
    const wrapped = (type: string, status: number) => new HttpException('raw', status, { cause: parserError(type, status) });
    expect(filter.toProblem(wrapped('entity.parse.failed', 400))).toMatchObject({ status: 400, code: 'MALFORMED_JSON' });
    expect(filter.toProblem(wrapped('entity.too.deep', 400))).toMatchObject({ status: 400, code: 'JSON_TOO_DEEP' });
    expect(filter.toProblem(parserError('entity.too.large', 413))).toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
    expect(filter.toProblem(wrapped('charset.unsupported', 415))).toMatchObject({ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
  });

  it('answers bad dates, NUL characters and bad byte sequences with 400 INVALID_VALUE', () => {
    for (const code of ['22007', '22008', '22P05', '22021']) {
      expect(filter.toProblem(pgError(code))).toMatchObject({ status: 400, code: 'INVALID_VALUE' });
    }
  });

  it('cuts a response whose headers are already sent (a failing download) instead of leaving it hanging', () => {
    const res = { headersSent: true, writableEnded: false, destroy: jest.fn(), status: jest.fn() };
    const host = { switchToHttp: () => ({ getResponse: () => res, getRequest: () => ({ originalUrl: '/x' }) }) };
    jest.spyOn((filter as unknown as { logger: { error: () => void } }).logger, 'error').mockImplementation(() => undefined);
    const err = new Error('page 2 failed');
    filter.catch(err, host as never);
    expect(res.destroy).toHaveBeenCalledWith(err);
    expect(res.status).not.toHaveBeenCalled();
  });
});
