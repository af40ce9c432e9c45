import { Foundation1763800000000 } from './1763800000000-foundation';
import { Customers1763900000000 } from './1763900000000-customers';
import { AccountsContacts1763950000000 } from './1763950000000-accounts-contacts';
import { ActivitiesTasks1764000000000 } from './1764000000000-activities-tasks';
import { Imports1764100000000 } from './1764100000000-imports';
import { BenchIndexes1764200000000 } from './1764200000000-bench-indexes';
import { ImportRevertSafety1764300000000 } from './1764300000000-import-revert-safety';
import { SessionsAndLockouts1764400000000 } from './1764400000000-sessions-and-lockouts';
import { ImportPreviewLimits1764410000000 } from './1764410000000-import-preview-limits';
import { MaskedSearch1764430000000 } from './1764430000000-masked-search';
import { NotificationParams1764440000000 } from './1764440000000-notification-params';
import { Approvals1764500000000 } from './1764500000000-approvals';
import { WorkflowRules1764510000000 } from './1764510000000-workflow-rules';
import { ImportRowProblems1764520000000 } from './1764520000000-import-row-problems';
import { OwnersSeeOwnUnmasked1764530000000 } from './1764530000000-owners-see-own-unmasked';
import { ListViews1764540000000 } from './1764540000000-list-views';
import { HomeAndPasswordReset1764560000000 } from './1764560000000-home-and-password-reset';
import { WorkflowRunsRunning1764570000000 } from './1764570000000-workflow-runs-running';
import { Opportunities1764600000000 } from './1764600000000-opportunities';
import { ProductsQuotes1764650000000 } from './1764650000000-products-quotes';
import { QuoteOpportunityLink1764710000000 } from './1764710000000-quote-opportunity-link';
import { OpportunityActivitiesTasks1764950000000 } from './1764950000000-opportunity-activities-tasks';
import { KnowledgeBase1765000000000 } from './1765000000000-knowledge-base';

/** Every migration, in order. Listed explicitly so the same list works from dist and under jest. */
export const MIGRATIONS = [Foundation1763800000000, Customers1763900000000, AccountsContacts1763950000000, ActivitiesTasks1764000000000, Imports1764100000000, BenchIndexes1764200000000, ImportRevertSafety1764300000000, SessionsAndLockouts1764400000000, ImportPreviewLimits1764410000000, MaskedSearch1764430000000, NotificationParams1764440000000, Approvals1764500000000, WorkflowRules1764510000000, ImportRowProblems1764520000000, OwnersSeeOwnUnmasked1764530000000, ListViews1764540000000, HomeAndPasswordReset1764560000000, WorkflowRunsRunning1764570000000, Opportunities1764600000000, ProductsQuotes1764650000000, QuoteOpportunityLink1764710000000, OpportunityActivitiesTasks1764950000000, KnowledgeBase1765000000000];
