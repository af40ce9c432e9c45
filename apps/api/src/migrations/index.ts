import { Foundation1763800000000 } from './1763800000000-foundation';
import { Customers1763900000000 } from './1763900000000-customers';
import { AccountsContacts1763950000000 } from './1763950000000-accounts-contacts';

/** Every migration, in order. Listed explicitly so the same list works from dist and under jest. */
export const MIGRATIONS = [Foundation1763800000000, Customers1763900000000, AccountsContacts1763950000000];
