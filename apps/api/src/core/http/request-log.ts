import { Logger } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

const logger = new Logger('Request');

/**
 * One structured line per API request: method, path, status, duration and request id. Failures (5xx)
 * are logged even when `logRequests` (LOG_REQUESTS) is off.
 */
export function requestLogMiddleware(logRequests: boolean) {
  return (req: Request & { id?: string }, res: Response, next: NextFunction): void => {
    if (!req.originalUrl.startsWith('/api/')) return next();
    const start = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      const line = {
        msg: 'request',
        requestId: req.id,
        method: req.method,
        path: req.originalUrl.split('?')[0],
        status: res.statusCode,
        ms: Math.round(ms * 10) / 10,
      };
      if (res.statusCode >= 500) logger.error(line);
      else if (logRequests) logger.log(line);
    });
    next();
  };
}
