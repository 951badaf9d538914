// Looking up and filling in messages. Pure: the language is passed in, views get it from
// the `useT` hook (src/views/use-t.ts).
import { catalogues, type Lang, type MessageKey } from './messages';

export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

export function translator(lang: Lang): Translate {
  const messages = catalogues[lang];
  return (key, params) => {
    const template: string = messages[key];
    if (!params) return template;
    return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
      name in params ? String(params[name]) : whole,
    );
  };
}
