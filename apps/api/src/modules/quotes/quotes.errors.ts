export enum QuoteErrorCode {
  /** The status does not allow the action; `allowed` lists what it allows. */
  QUOTE_ILLEGAL_TRANSITION = 'QUOTE_ILLEGAL_TRANSITION',
  /** Only drafts and rejected quotes change; a superseded version never does. */
  QUOTE_READ_ONLY = 'QUOTE_READ_ONLY',
  QUOTE_UNKNOWN_ACCOUNT = 'QUOTE_UNKNOWN_ACCOUNT',
  QUOTE_UNKNOWN_CONTACT = 'QUOTE_UNKNOWN_CONTACT',
  QUOTE_CONTACT_MISMATCH = 'QUOTE_CONTACT_MISMATCH',
  /** `opportunityId` is not an opportunity of the quote's account that the user can read. */
  QUOTE_UNKNOWN_OPPORTUNITY = 'QUOTE_UNKNOWN_OPPORTUNITY',
  QUOTE_UNKNOWN_PRODUCT = 'QUOTE_UNKNOWN_PRODUCT',
  QUOTE_PRODUCT_INACTIVE = 'QUOTE_PRODUCT_INACTIVE',
  /** A product priced in another currency than the quote's (`params.currency`). */
  QUOTE_PRODUCT_CURRENCY = 'QUOTE_PRODUCT_CURRENCY',
  /** A product line's unit price below the product's (tier) price: a lower price is a discount, which approvals see. */
  QUOTE_PRICE_BELOW_LIST = 'QUOTE_PRICE_BELOW_LIST',
  QUOTE_LINE_INCOMPLETE = 'QUOTE_LINE_INCOMPLETE',
  QUOTE_NO_LINES = 'QUOTE_NO_LINES',
}
