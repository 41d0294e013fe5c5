/**
 * The two display preferences a person keeps between visits: language and elder mode (长者模式).
 * Both live in localStorage and are applied to <html> (its `lang` attribute and the `elder` class
 * that switches the CSS variables in styles.css).
 */
import type { Lang } from './i18n.ts';
import { htmlLang } from './i18n.ts';

const LANG_KEY = 'fuwu.lang';
const ELDER_KEY = 'fuwu.elderMode';

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null; // storage blocked: fall back to defaults
  }
}

function write(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // storage blocked: the preference lasts for this page only
  }
}

/** Chinese first: English only when the person chose it. */
export function loadLang(): Lang {
  return read(LANG_KEY) === 'en' ? 'en' : 'zh';
}

export function saveLang(lang: Lang): void {
  write(LANG_KEY, lang);
  applyLang(lang);
}

export function applyLang(lang: Lang): void {
  document.documentElement.lang = htmlLang(lang);
}

export function loadElderMode(): boolean {
  return read(ELDER_KEY) === 'on';
}

export function saveElderMode(on: boolean): void {
  write(ELDER_KEY, on ? 'on' : 'off');
  applyElderMode(on);
}

export function applyElderMode(on: boolean): void {
  document.documentElement.classList.toggle('elder', on);
}
