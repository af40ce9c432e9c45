export enum ContractErrorCode {
  /** The status does not allow the action; `allowed` lists what it allows. */
  CONTRACT_ILLEGAL_TRANSITION = 'CONTRACT_ILLEGAL_TRANSITION',
  /** Only drafts change or delete. */
  CONTRACT_READ_ONLY = 'CONTRACT_READ_ONLY',
  CONTRACT_UNKNOWN_ACCOUNT = 'CONTRACT_UNKNOWN_ACCOUNT',
  /** `opportunityId` is not an opportunity of the contract's account that the user can read. */
  CONTRACT_UNKNOWN_OPPORTUNITY = 'CONTRACT_UNKNOWN_OPPORTUNITY',
  CONTRACT_UNKNOWN_PRODUCT = 'CONTRACT_UNKNOWN_PRODUCT',
  CONTRACT_PRODUCT_INACTIVE = 'CONTRACT_PRODUCT_INACTIVE',
  CONTRACT_PRICE_BELOW_LIST = 'CONTRACT_PRICE_BELOW_LIST',
  /** A product priced in another currency than the contract's (`params.currency`). */
  CONTRACT_PRODUCT_CURRENCY = 'CONTRACT_PRODUCT_CURRENCY',
  CONTRACT_LINE_INCOMPLETE = 'CONTRACT_LINE_INCOMPLETE',
  /** Without lines the amount is required. */
  CONTRACT_AMOUNT_REQUIRED = 'CONTRACT_AMOUNT_REQUIRED',
  /** The end date is before the start date. */
  CONTRACT_DATES_ORDER = 'CONTRACT_DATES_ORDER',
  /** A contract is made from an accepted quote only (`params.status`). */
  CONTRACT_QUOTE_NOT_ACCEPTED = 'CONTRACT_QUOTE_NOT_ACCEPTED',
  /** The quote already has a live contract (`contractId`). */
  CONTRACT_QUOTE_TAKEN = 'CONTRACT_QUOTE_TAKEN',
  /** A contract is submitted with an amount above zero. */
  CONTRACT_NO_AMOUNT = 'CONTRACT_NO_AMOUNT',
}
