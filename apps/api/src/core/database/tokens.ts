/** The resolved database URL (DATABASE_URL or the embedded server's), for components that open their own pool. */
export const DATABASE_URL = Symbol('DATABASE_URL');
