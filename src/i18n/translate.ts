// Looking up and filling in messages. Pure: the language is passed in, views get it from
// the `useT` hook (src/views/settings-context.ts). The catalogue has two parts (messages.ts
// for the start screen, messages-entries.ts loaded with the entry screens); both go through
// `makeTranslator`.
import { catalogues, type Lang, type MessageKey } from './messages';

export type Params = Record<string, string | number>;
export type Translate<K extends string = MessageKey> = (key: K, params?: Params) => string;

export function makeTranslator<K extends string>(messages: Record<K, string>): Translate<K> {
  return (key, params) => {
    const template: string = messages[key];
    if (!params) return template;
    return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
      name in params ? String(params[name]) : whole,
    );
  };
}

export function translator(lang: Lang): Translate {
  return makeTranslator(catalogues[lang]);
}
