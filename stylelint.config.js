// CSS against the browser floor (docs/architecture.md, Old tablets): every property and value in
// src/**/*.css must work in the browsers of package.json's `browserslist` (iOS Safari 12.2,
// Chrome 71 and current ones), checked against the caniuse tables by doiuse through
// stylelint-no-unsupported-browser-features. `npm run check` runs it, and
// tests/build/css-floor.test.ts holds it. No style rules: the look of the code is Prettier's.
import stylelint from 'stylelint';

/**
 * Flex `gap` needs Safari 14.1 / Chrome 84; grid `gap` is on the floor (Safari 12, Chrome 66).
 * doiuse's `flexbox-gap` only sees a gap beside `display: flex` in the same rule, so this asks
 * more: a gap only in a rule that itself lays out a grid (or columns). Between flex items, use
 * margins (`> * + *`, or a negative margin on a wrapping row).
 */
const GAP_RULE = 'quartiersbuch/gap-only-in-grid';
const GAP = /^(grid-)?(gap|row-gap|column-gap)$/i;
const LAYS_OUT_GAPS = (node) =>
  node.type === 'decl' &&
  ((/^display$/i.test(node.prop) && /^(inline-)?grid$/i.test(node.value.trim())) ||
    /^(columns|column-count|column-width)$/i.test(node.prop));

const gapOnlyInGrid = stylelint.createPlugin(GAP_RULE, (enabled) => (root, result) => {
  if (!enabled) return;
  root.walkDecls(GAP, (decl) => {
    if (decl.parent?.some(LAYS_OUT_GAPS)) return;
    stylelint.utils.report({
      ruleName: GAP_RULE,
      result,
      node: decl,
      message: `"${decl.prop}" outside a grid: flex gap needs Safari 14.1 and Chrome 84 — use margins`,
    });
  });
});

/** @type {import('stylelint').Config} */
export default {
  plugins: ['stylelint-no-unsupported-browser-features', gapOnlyInGrid],
  rules: {
    // Browsers come from package.json's `browserslist`, the one place for them.
    'plugin/no-unsupported-browser-features': [
      true,
      {
        ignore: [
          // doiuse finds "max(" inside grid's minmax() (Safari 10.1, Chrome 57) and reports every
          // grid; the real min(), max() and clamp() (Chrome 79) are refused by the rule below.
          'css-math-functions',
          // Partial on the floor only for values we do not use: `overflow: clip` and the
          // two-value shorthand (refused below); hidden, auto and visible work everywhere.
          'css-overflow',
          // Hyphenation where the browser can (Chrome 71 only on Android and Mac); elsewhere the
          // words still break, by overflow-wrap: break-word beside it.
          'css-hyphens',
          // A textarea that cannot be dragged taller on iOS keeps its rows; nothing is lost.
          'css-resize',
          // The Auskunft page's <div>s inside <dl> step aside for the grid (Safari 11.1, Chrome
          // 65); "partial" is about buttons and tables with display: contents, which we avoid.
          'css-display-contents',
          // Print pages only (break-inside/-before/-after), with page-break-* beside each one
          // for older engines.
          'multicolumn',
          'css-page-break',
        ],
      },
    ],
    'function-disallowed-list': [
      ['min', 'max', 'clamp'],
      {
        message: (name) =>
          `${name}() needs Chrome 79: the floor is Chrome 71 (stylelint.config.js)`,
      },
    ],
    'declaration-property-value-disallowed-list': [
      { '/^overflow(-x|-y)?$/': ['clip', '/\\S\\s+\\S/'] },
      { message: 'overflow: clip and two values need Safari 16 / Chrome 90 (stylelint.config.js)' },
    ],
    [GAP_RULE]: true,
  },
};
