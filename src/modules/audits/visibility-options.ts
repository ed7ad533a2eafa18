// The VISIBILITY-only options of an audit's input (samples, fresh answers …): how they are stored
// with the audit and checked when it is created. No GraphQL here: the input type is structural.
import { AuditInputError } from '../../audit-engine/report.js';
import {
  checkBudget,
  resolveEngines,
  type AnswerLocale,
  type BrandFact,
} from '../../audit-engine/visibility/index.js';
import { badUserInput } from '../../common/errors.js';
import type { Config } from '../../config.js';

/** Stored in `audits.input` next to brand and prompts; a rerun copies them. */
export interface VisibilityOptionsData {
  /** Answers per prompt and engine; null = the server's VISIBILITY_SAMPLES. */
  samples?: number | null;
  /** Ask afresh instead of reusing cached answers. */
  fresh?: boolean;
  /** Location and language of the user the engines answer (null = none asked). */
  locale?: AnswerLocale | null;
  /** Most USD the audit may spend on answers (null = no limit). */
  budgetUsd?: number | null;
  /** True facts about the brand that answers are checked against. */
  brandFacts?: BrandFact[];
}

/** The GraphQL enum of fact kinds (the engine's names). */
export enum BrandFactKind {
  YEAR = 'YEAR',
  NUMBER = 'NUMBER',
  MONEY = 'MONEY',
  NAME = 'NAME',
}

export interface BrandFactInputData {
  label: string;
  value: string;
  kind?: BrandFactKind | null;
  keywords?: string[] | null;
}

export interface LocationInput {
  country?: string | null;
  region?: string | null;
  city?: string | null;
  timezone?: string | null;
  latitude?: number | null;
  longitude?: number | null;
}

/** What CreateAuditInput carries for these options. */
export interface VisibilityOptionsInput {
  samples?: number | null;
  fresh?: boolean | null;
  location?: LocationInput | null;
  language?: string | null;
  budget?: number | null;
  engines?: string[] | null;
  brandFacts?: BrandFactInputData[] | null;
}

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** The locale of a valid location and language, null when neither is given. */
function localeOf(location: LocationInput | null | undefined, language: string | null | undefined) {
  const locale: AnswerLocale = {};
  const text = (value: string | null | undefined) => value?.trim() || undefined;
  const country = text(location?.country);
  if (country !== undefined) {
    if (!/^[A-Za-z]{2}$/.test(country))
      throw fieldError(
        'location.country',
        'location.country must be a two-letter ISO 3166-1 code, e.g. "DE"',
      );
    locale.country = country.toUpperCase();
  }
  for (const name of ['region', 'city'] as const) {
    const value = text(location?.[name]);
    if (value !== undefined) locale[name] = value;
  }
  const timezone = text(location?.timezone);
  if (timezone !== undefined) {
    if (!isTimeZone(timezone))
      throw fieldError(
        'location.timezone',
        'location.timezone must be an IANA time zone, e.g. "Europe/Berlin"',
      );
    locale.timezone = timezone;
  }
  const { latitude, longitude } = location ?? {};
  if ((latitude == null) !== (longitude == null))
    throw fieldError('location', 'location.latitude and location.longitude go together');
  if (latitude != null && longitude != null) {
    if (latitude < -90 || latitude > 90)
      throw fieldError('location.latitude', 'location.latitude must be within -90..90');
    if (longitude < -180 || longitude > 180)
      throw fieldError('location.longitude', 'location.longitude must be within -180..180');
    locale.latitude = latitude;
    locale.longitude = longitude;
  }
  const code = text(language);
  if (code !== undefined) {
    if (!/^[A-Za-z]{2}$/.test(code))
      throw fieldError('language', 'language must be a two-letter ISO 639-1 code, e.g. "de"');
    locale.language = code.toLowerCase();
  }
  return Object.keys(locale).length > 0 ? locale : null;
}

const fieldError = (name: string, message: string) =>
  badUserInput(`Invalid input: ${message}`, [{ field: name, messages: [message] }]);

/** The options of a valid input (BAD_USER_INPUT naming the field otherwise). */
export function visibilityOptionsOf(input: VisibilityOptionsInput, config: Config): VisibilityOptionsData {
  const { maxSamples } = config.visibility;
  if (
    input.samples != null &&
    (!Number.isInteger(input.samples) || input.samples < 1 || input.samples > maxSamples)
  ) {
    throw fieldError('samples', `samples must be an integer from 1 to ${maxSamples}`);
  }
  return {
    samples: input.samples ?? null,
    fresh: input.fresh ?? false,
    locale: localeOf(input.location, input.language),
    budgetUsd: budgetOf(input, config),
    brandFacts: (input.brandFacts ?? []).map((fact, index) => {
      const label = fact.label.trim();
      const value = fact.value.trim();
      if (!label || !value) throw fieldError(`brandFacts.${index}`, 'a brand fact needs a label and a value');
      const keywords = [...new Set((fact.keywords ?? []).map((k) => k.trim()).filter(Boolean))];
      return {
        label,
        value,
        ...(fact.kind ? { kind: fact.kind } : {}),
        ...(keywords.length > 0 ? { keywords } : {}),
      };
    }),
  };
}

/** A budget the engines' prices can honour (BAD_USER_INPUT saying why not otherwise). */
function budgetOf(input: VisibilityOptionsInput, config: Config): number | null {
  if (input.budget == null) return null;
  try {
    const engines = resolveEngines([...new Set(input.engines ?? [])], config.visibility.engines);
    checkBudget(input.budget, engines, config.visibility.prices);
  } catch (error) {
    if (error instanceof AuditInputError) throw fieldError('budget', error.message);
    throw error;
  }
  return input.budget;
}
