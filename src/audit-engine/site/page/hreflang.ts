// hreflang values as Google reads them: "x-default", or a language (ISO 639-1; known ISO 639-2/3
// codes are accepted too), an optional script (ISO 15924) and an optional region (ISO 3166-1
// alpha-2). Codes are validated against the ICU data that ships with Node (Intl.DisplayNames), so
// no code list is kept here.

const languages = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });
const regions = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
const scripts = new Intl.DisplayNames(['en'], { type: 'script', fallback: 'none' });

/** Region codes ICU knows that are not ISO 3166-1 countries (or, for UK, not the ISO code). */
const NOT_COUNTRIES: Record<string, string> = {
  UK: 'use GB for the United Kingdom',
  EU: 'EU is not a country: list each country, or use the language alone',
  EZ: 'EZ is not a country',
  UN: 'UN is not a country',
  QO: 'QO is not a country',
  ZZ: 'ZZ is not a country',
};

const known = (names: Intl.DisplayNames, code: string): boolean => {
  try {
    return names.of(code) !== undefined;
  } catch {
    return false;
  }
};

/** Why an hreflang value is invalid, or undefined when it is valid. */
export function hreflangProblem(value: string): string | undefined {
  if (value.toLowerCase() === 'x-default') return undefined;
  if (value.includes('_')) return `"${value}" uses "_"; separate language and region with "-"`;
  const m = /^([a-z]{2,3})(?:-([a-z]{4}))?(?:-([a-z]{2}|\d{3}))?$/i.exec(value);
  if (!m) return `"${value}" is not a language[-script][-region] code`;
  const [, language = '', script, region] = m;
  if (!known(languages, language.toLowerCase()))
    return `"${value}": "${language}" is not a language code${known(regions, language.toUpperCase()) ? ' (a region alone is not enough: add the language, e.g. en-' + language.toUpperCase() + ')' : ''}`;
  if (script && !known(scripts, script[0]?.toUpperCase() + script.slice(1).toLowerCase()))
    return `"${value}": "${script}" is not a script code`;
  if (region) {
    const upper = region.toUpperCase();
    if (/^\d+$/.test(upper))
      return `"${value}": "${region}" is a UN M.49 area, not an ISO 3166-1 country code`;
    const hint = NOT_COUNTRIES[upper];
    if (hint) return `"${value}": ${hint}`;
    if (!known(regions, upper)) return `"${value}": "${region}" is not a country code`;
  }
  return undefined;
}
