/**
 * The unified social credit code check (GB 32100-2015), as the server does it: 18 characters, the 3rd–8th
 * digits, the 18th the check character 31 − (Σ value × weight mod 31), 31 written as 0. Lets the invoice
 * form say so before sending.
 */
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function isValidUscc(code: string): boolean {
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(code)) return false;
  const sum = WEIGHTS.reduce((s, w, i) => s + CHARSET.indexOf(code[i]) * w, 0);
  const check = 31 - (sum % 31);
  return CHARSET[check === 31 ? 0 : check] === code[17];
}
