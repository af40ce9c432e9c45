export enum PaymentErrorCode {
  /** The installments do not add up to the contract amount (`difference` = amount − Σ installments, `expected`, `actual`). */
  PAYMENT_PLAN_SUM_MISMATCH = 'PAYMENT_PLAN_SUM_MISMATCH',
  /** Each installment gives an `amount` or a `percent`, all of them the same way. */
  PAYMENT_PLAN_MIXED = 'PAYMENT_PLAN_MIXED',
  /** The plan of a contract that has received money cannot be replaced (reverse the payments first). */
  PAYMENT_PLAN_HAS_PAYMENTS = 'PAYMENT_PLAN_HAS_PAYMENTS',
  /** Finance starts when the contract is signed (active, expired or terminated), not on a draft (`status`). */
  PAYMENT_CONTRACT_NOT_SIGNED = 'PAYMENT_CONTRACT_NOT_SIGNED',
  /** The payment would take the contract's received total beyond its amount (`balance`: what is still open). */
  PAYMENT_EXCEEDS_BALANCE = 'PAYMENT_EXCEEDS_BALANCE',
  /** A payment is in the contract's currency (`currency`). */
  PAYMENT_CURRENCY_MISMATCH = 'PAYMENT_CURRENCY_MISMATCH',
  /** `installmentIds` names an installment of another contract, or one already paid. */
  PAYMENT_UNKNOWN_INSTALLMENT = 'PAYMENT_UNKNOWN_INSTALLMENT',
  /** The payment was already reversed, or is itself a reversal. */
  PAYMENT_ALREADY_REVERSED = 'PAYMENT_ALREADY_REVERSED',
  /** A confirmed payment is never changed or deleted: record a reversal. */
  PAYMENT_IMMUTABLE = 'PAYMENT_IMMUTABLE',
  /** The invoice would take the contract's invoiced total beyond its amount (`available`). */
  INVOICE_EXCEEDS_CONTRACT = 'INVOICE_EXCEEDS_CONTRACT',
  /** Not an 18-character unified social credit code with a valid GB 32100 check character. */
  INVOICE_TAX_NUMBER_INVALID = 'INVOICE_TAX_NUMBER_INVALID',
  /** A VAT special invoice needs the buyer's tax number, address, phone, bank and account. */
  INVOICE_SPECIAL_FIELDS_REQUIRED = 'INVOICE_SPECIAL_FIELDS_REQUIRED',
  /** The invoice's status does not allow this (`status`, `allowed`). */
  INVOICE_ILLEGAL_TRANSITION = 'INVOICE_ILLEGAL_TRANSITION',
  /** The invoice was already reversed by a red-letter invoice, or is itself one (409). */
  INVOICE_ALREADY_REVERSED = 'INVOICE_ALREADY_REVERSED',
  /** `paymentId` is not a payment of the invoice's contract. */
  INVOICE_UNKNOWN_PAYMENT = 'INVOICE_UNKNOWN_PAYMENT',
}
