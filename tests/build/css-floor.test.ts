// CSS against the browser floor (docs/architecture.md, Old tablets): every stylesheet in src/
// passes stylelint.config.js with the browsers of package.json's `browserslist`, and that check
// really refuses what the floor lacks — flex `gap` first (Safari 14.1, Chrome 84: on an old iPad
// "Speichern" would touch its neighbour), also when `display: flex` is set in another rule.
import path from 'node:path';
import stylelint from 'stylelint';
import { describe, expect, it } from 'vitest';
import { BUILD_TARGET } from '../../vite.config';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Lints CSS as if it were a stylesheet in src/, with the project's config and browsers. */
async function problems(code: string): Promise<string[]> {
  const { results } = await stylelint.lint({
    code,
    codeFilename: path.join(ROOT, 'src/views/zz-probe.css'),
    cwd: ROOT,
  });
  return (results[0]?.warnings ?? []).map((warning) => `${warning.rule}: ${warning.text}`);
}

describe('the stylesheets in src/', () => {
  it('use nothing the floor lacks (npm run lint:css)', async () => {
    const { results } = await stylelint.lint({ files: 'src/**/*.css', cwd: ROOT });
    const found = results.flatMap((result) =>
      result.warnings.map(
        (w) => `${path.relative(ROOT, result.source ?? '')}:${w.line} ${w.rule}: ${w.text}`,
      ),
    );
    expect(results.map((result) => path.relative(ROOT, result.source ?? ''))).toEqual(
      expect.arrayContaining(['src/styles.css', 'src/views/entries/entries.css']),
    );
    expect(found).toEqual([]);
  });
});

describe('the check (stylelint.config.js)', () => {
  it('refuses flex gap, naming the floor browsers from package.json', async () => {
    const found = await problems('.actions { display: flex; flex-wrap: wrap; gap: 1rem; }\n');
    const doiuse = found.find((text) => text.includes('"flexbox-gap"'));
    expect(doiuse).toContain('Chrome 71-');
    expect(doiuse).toContain('Safari on iOS 12.2-12.5');
    expect(doiuse).not.toContain('Chrome 70');
    expect(found).toContainEqual(expect.stringMatching(/^quartiersbuch\/gap-only-in-grid: "gap"/));
  });

  it('refuses a gap whose flex layout is set in another rule, which doiuse cannot see', async () => {
    const found = await problems(
      '.row { display: inline-flex; }\n.row { column-gap: 0.5rem; }\n.b { row-gap: 1rem; }\n',
    );
    expect(found).toEqual([
      expect.stringMatching(/^quartiersbuch\/gap-only-in-grid: "column-gap" outside a grid/),
      expect.stringMatching(/^quartiersbuch\/gap-only-in-grid: "row-gap" outside a grid/),
    ]);
  });

  it('lets grid gap, minmax() and column gaps through (all on the floor)', async () => {
    const found = await problems(
      [
        '.list { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 0.75rem; }',
        '.facts { display: inline-grid; row-gap: 0.15rem; }',
        '.text { columns: 2; column-gap: 2rem; }',
        '.card > * + * { margin-top: 0.25rem; }',
      ].join('\n'),
    );
    expect(found).toEqual([]);
  });

  it('refuses min(), max(), clamp() and overflow: clip, which doiuse is told to skip', async () => {
    const found = await problems(
      [
        '.a { width: min(100%, 30rem); }',
        '.b { font-size: clamp(1rem, 2vw, 2rem); }',
        '.c { overflow: clip; }',
        '.d { overflow: hidden auto; }',
      ].join('\n'),
    );
    expect([...found].sort()).toEqual([
      expect.stringMatching(/^declaration-property-value-disallowed-list: overflow: clip/),
      expect.stringMatching(/^declaration-property-value-disallowed-list: overflow: clip/),
      expect.stringMatching(/^function-disallowed-list: clamp\(\) needs Chrome 79/),
      expect.stringMatching(/^function-disallowed-list: min\(\) needs Chrome 79/),
    ]);
  });
});

describe('the browsers', () => {
  it('are the floor: features newer than it are refused (:focus-visible needs Chrome 86)', async () => {
    const found = await problems('a:focus-visible { outline: 0.2rem solid; }\n');
    expect(found).toEqual([
      expect.stringMatching(/"css-focus-visible" is not supported by Chrome 71-.*iOS 12\.2/),
    ]);
  });

  it('are the same floor as the JavaScript build (vite.config.ts)', () => {
    expect(BUILD_TARGET).toEqual(expect.arrayContaining(['safari12', 'chrome71']));
  });
});
