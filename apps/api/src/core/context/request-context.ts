import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { FALLBACK_LOCALE, type Locale, requestLocale } from '../i18n/locale';

export interface RequestContext {
  requestId: string;
  /** The language of the answer's messages (Accept-Language, else DEFAULT_LOCALE). */
  locale: Locale;
  /** TZ_BUSINESS: the zone of local times in files (exports, reports). */
  timeZone: string;
  /** Where this request's reads go (core/database/read-routing); absent: the primary. */
  database?: DatabaseRouting;
}

/** The request's database routing, decided once by the read-routing interceptor and updated by its statements. */
export interface DatabaseRouting {
  /** `replica`: reads outside a transaction go to a replica; a write statement turns it to `primary` for the rest of the request. */
  reads: 'primary' | 'replica';
  /** A statement of this request wrote (so the user's next reads must see it). */
  wrote: boolean;
}

const storage = new AsyncLocalStorage<RequestContext>();

export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}

/** The zone of local times in files made for the request being served (TZ_BUSINESS). */
export function currentTimeZone(): string {
  return storage.getStore()?.timeZone ?? 'Asia/Shanghai';
}

/** The locale of the request being served (the fallback outside one, e.g. in a background job). */
export function currentLocale(): Locale {
  return storage.getStore()?.locale ?? FALLBACK_LOCALE;
}

/**
 * The database routing of the request being served, created on first use (undefined outside a request,
 * e.g. in a background job: everything there stays on the primary).
 */
export function currentDatabaseRouting(): DatabaseRouting | undefined {
  const store = storage.getStore();
  if (!store) return undefined;
  return (store.database ??= { reads: 'primary', wrote: false });
}

const SAFE_ID = /^[A-Za-z0-9._-]{1,64}$/;

export type LocalizedRequest = Request & { id?: string; locale?: Locale };

/**
 * Express middleware: takes a sane X-Request-Id from the caller or makes one, echoes it, resolves the
 * request's locale from Accept-Language (answers vary by it), and scopes both.
 */
export function requestContextMiddleware(defaultLocale: Locale = FALLBACK_LOCALE, timeZone = 'Asia/Shanghai') {
  return (req: Request, res: Response, next: NextFunction): void => {
    const incoming = req.header('x-request-id');
    const requestId = incoming && SAFE_ID.test(incoming) ? incoming : randomUUID();
    const locale = requestLocale(req, defaultLocale);
    Object.assign(req as LocalizedRequest, { id: requestId, locale });
    res.setHeader('X-Request-Id', requestId);
    res.vary('Accept-Language');
    storage.run({ requestId, locale, timeZone }, () => next());
  };
}
