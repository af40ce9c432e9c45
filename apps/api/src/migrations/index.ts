import { Foundation1763800000000 } from './1763800000000-foundation';

/** Every migration, in order. Listed explicitly so the same list works from dist and under jest. */
export const MIGRATIONS = [Foundation1763800000000];
