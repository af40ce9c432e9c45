import { computed, shallowRef } from 'vue';
import { useAppStore } from '@/stores/app';

type DateInput = string | number | Date | null | undefined;

function toDate(value: DateInput): Date | null {
  if (value === null || value === undefined || value === '') return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

type PhoneLib = typeof import('libphonenumber-js/min');
/** libphonenumber-js with its metadata (~30 KB gzip) is loaded on the first phone shown, not with the app shell. */
const phoneLib = shallowRef<PhoneLib | null>(null);
let phoneLoading: Promise<void> | null = null;

export function loadPhoneFormatter(): Promise<void> {
  phoneLoading ??= import('libphonenumber-js/min').then(
    (lib) => {
      phoneLib.value = lib;
    },
    (err: unknown) => {
      phoneLoading = null;
      throw err;
    },
  );
  return phoneLoading;
}

/**
 * A phone for display: China's numbers in national format (`138 0013 8000`, `021 6088 1234`), others
 * international (`+44 20 7946 0123`). A masked (`138****5678`) or unparsable value is shown as given,
 * and so is every value until the formatter has loaded (a reactive read: the view then re-renders).
 */
export function formatPhone(value: string | null | undefined): string {
  if (!value) return '';
  if (value.includes('*')) return value;
  const lib = phoneLib.value;
  if (!lib) {
    loadPhoneFormatter().catch(() => {});
    return value;
  }
  const parsed = lib.parsePhoneNumberFromString(value, 'CN');
  if (!parsed?.isPossible()) return value;
  return parsed.country === 'CN' ? parsed.formatNational() : parsed.formatInternational();
}

/** Locale-aware formatting of dates, numbers and money (decimal strings stay exact). */
export function createFormatter(locale: string) {
  const dateFmt = new Intl.DateTimeFormat(locale, { year: 'numeric', month: '2-digit', day: '2-digit' });
  const dateTimeFmt = new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });
  const numberFmt = new Intl.NumberFormat(locale);
  const relativeFmt = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });

  return {
    date: (value: DateInput) => {
      const d = toDate(value);
      return d ? dateFmt.format(d) : '';
    },
    dateTime: (value: DateInput) => {
      const d = toDate(value);
      return d ? dateTimeFmt.format(d) : '';
    },
    number: (value: number | string | null | undefined) =>
      value === null || value === undefined || value === '' ? '' : numberFmt.format(Number(value)),
    /** `money('12500.00', 'CNY')` → ¥12,500.00 / CN¥12,500.00; the string is formatted without float rounding. */
    money: (amount: string | number | null | undefined, currency = 'CNY') => {
      if (amount === null || amount === undefined || amount === '') return '';
      const fmt = new Intl.NumberFormat(locale, { style: 'currency', currency });
      return fmt.format(amount as unknown as number);
    },
    phone: formatPhone,
    relative: (value: DateInput, now = Date.now()) => {
      const d = toDate(value);
      if (!d) return '';
      const seconds = Math.round((d.getTime() - now) / 1000);
      const abs = Math.abs(seconds);
      if (abs < 60) return relativeFmt.format(seconds, 'second');
      if (abs < 3600) return relativeFmt.format(Math.round(seconds / 60), 'minute');
      if (abs < 86400) return relativeFmt.format(Math.round(seconds / 3600), 'hour');
      return relativeFmt.format(Math.round(seconds / 86400), 'day');
    },
  };
}

export type Formatter = ReturnType<typeof createFormatter>;

export function useFormat() {
  const app = useAppStore();
  const fmt = computed(() => createFormatter(app.locale));
  return {
    date: (v: DateInput) => fmt.value.date(v),
    dateTime: (v: DateInput) => fmt.value.dateTime(v),
    number: (v: number | string | null | undefined) => fmt.value.number(v),
    money: (v: string | number | null | undefined, currency?: string) => fmt.value.money(v, currency),
    relative: (v: DateInput) => fmt.value.relative(v),
    phone: formatPhone,
  };
}
