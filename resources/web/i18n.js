// LanChat browser client: its words and formats. The strings live in one catalogue per language
// (/i18n/<language>.json, flat keys, {name} placeholders); the language is the first of the
// browser's languages (navigator.languages, what it also sends as Accept-Language) that has a
// catalogue, else English. Times, dates and numbers follow that locale through Intl.

// The catalogues in resources/web/i18n/ (tst_webpage checks the list against the files); the
// first is the fallback.
const LANGUAGES = ['en', 'de'];

let catalogue = {};
let language = LANGUAGES[0];
let locale = LANGUAGES[0];
let formats = null;

// The language of the first preferred tag that has a catalogue; its tag stays the locale for
// formats (en-GB keeps its 24-hour clock).
function choose(preferred) {
  for (const tag of preferred) {
    const primary = String(tag).toLowerCase().split('-')[0];
    if (!LANGUAGES.includes(primary)) continue;
    try {
      return { language: primary, locale: Intl.getCanonicalLocales(String(tag))[0] };
    } catch {
      return { language: primary, locale: primary };
    }
  }
  return { language: LANGUAGES[0], locale: LANGUAGES[0] };
}

async function fetchCatalogue(name) {
  const response = await fetch(`/i18n/${name}.json`, { credentials: 'omit' });
  if (!response.ok) throw new Error(`/i18n/${name}.json: HTTP ${response.status}`);
  const body = await response.json();
  if (!body || typeof body !== 'object') throw new Error(`/i18n/${name}.json: not an object`);
  return body;
}

export async function load() {
  const preferred = navigator.languages?.length ? navigator.languages : [navigator.language];
  const choice = choose(preferred);
  try {
    catalogue = await fetchCatalogue(choice.language);
  } catch (error) {
    if (choice.language === LANGUAGES[0]) throw error;
    console.warn(`No ${choice.language} catalogue (${error.message}); using ${LANGUAGES[0]}.`);
    choice.language = LANGUAGES[0];
    choice.locale = LANGUAGES[0];
    catalogue = await fetchCatalogue(LANGUAGES[0]);
  }
  language = choice.language;
  locale = choice.locale;
  formats = {
    plural: new Intl.PluralRules(locale),
    number: new Intl.NumberFormat(locale),
    clock: new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }),
    day: new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric' }),
    dateTime: new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }),
    full: new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeStyle: 'medium' }),
    collator: new Intl.Collator(locale, { sensitivity: 'base' }),
  };
  document.documentElement.lang = language;
  translate(document);
}

// The catalogue's text for `key` with {name} placeholders filled from `params`, in one pass (a
// value that itself contains "{x}" stays as it is).
export function t(key, params = {}) {
  const text = catalogue[key];
  if (typeof text !== 'string') {
    console.warn(`No text for "${key}" in the ${language} catalogue.`);
    return key;
  }
  return text.replace(/\{(\w+)\}/g, (match, name) =>
    (Object.hasOwn(params, name) ? String(params[name]) : match));
}

// Counted texts: `key.one`, `key.other` (the plural categories of the language).
export function tn(key, count, params = {}) {
  const category = formats.plural.select(count);
  const chosen = Object.hasOwn(catalogue, `${key}.${category}`) ? category : 'other';
  return t(`${key}.${chosen}`, params);
}

// data-i18n: the element's text; data-i18n-placeholder, -aria-label, -title: that attribute.
function translate(root) {
  for (const node of root.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
  for (const attribute of ['placeholder', 'aria-label', 'title']) {
    for (const node of root.querySelectorAll(`[data-i18n-${attribute}]`)) {
      node.setAttribute(attribute, t(node.getAttribute(`data-i18n-${attribute}`)));
    }
  }
}

export const has = (key) => Object.hasOwn(catalogue, key) && typeof catalogue[key] === 'string';
export const number = (value) => formats.number.format(value);
export const clock = (date) => formats.clock.format(date);
export const day = (date) => formats.day.format(date);
export const dateTime = (date) => formats.dateTime.format(date);
export const fullDate = (date) => formats.full.format(date);
export const compare = (a, b) => formats.collator.compare(a, b);
