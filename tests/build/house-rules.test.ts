// The house rules a newcomer relies on (docs/architecture.md, Layers and names), checked on the
// real tree and the real lint configuration: an import against the layers fails `npm run check`,
// SQL outside server/repos fails it too, no two source files share a name, and every hook of
// src/db lives in a file named after it.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(relative);
    return /\.tsx?$/.test(entry.name) ? [relative] : [];
  });
}

describe('layers (eslint.config.js)', () => {
  const eslint = new ESLint({ cwd: ROOT });
  const problems = async (filePath: string, code: string) => {
    const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, filePath) });
    return (result?.messages ?? []).map((message) => message.ruleId);
  };

  it.each([
    ['src/db/zz.ts', "import { Home } from '../views/home';\nexport const x = Home;\n"],
    ['src/domain/zz.ts', "import { db } from '../db/instance';\nexport const x = db;\n"],
    [
      'src/shared/zz.ts',
      "import { normalise } from '../domain/catalogue-search';\nexport const x = normalise;\n",
    ],
    ['src/sync/zz.ts', "import { Home } from '../views/home';\nexport const x = Home;\n"],
    [
      'server/repos/zz.ts',
      "import { pull } from '../sync/pull.service';\nexport const x = pull;\n",
    ],
    [
      'server/sync/zz.ts',
      "import { deviceOf } from '../http/device-auth';\nexport const x = deviceOf;\n",
    ],
    [
      'server/db/zz.ts',
      "import { getEpoch } from '../repos/meta.repo';\nexport const x = getEpoch;\n",
    ],
    [
      'server/demo/zz.ts',
      "import { ROLE_LABELS } from '../admin/admin-format';\nexport const x = ROLE_LABELS;\n",
    ],
    ['server/routes/zz.ts', "import { buildApp } from '../app';\nexport const x = buildApp;\n"],
  ])('%s may not import a layer above it', async (filePath, code) => {
    const rules = await problems(filePath, code);
    expect(rules.length).toBeGreaterThan(0);
    expect(
      rules.every((rule) => rule === 'boundaries/dependencies' || rule === 'no-restricted-imports'),
    ).toBe(true);
  });

  it.each([
    [
      'src/views/zz.ts',
      "import { appWrites } from '../db/app-writes';\nexport const x = appWrites;\n",
    ],
    [
      'server/routes/zz.ts',
      "import { pull } from '../sync/pull.service';\nexport const x = pull;\n",
    ],
    [
      'server/sync/zz.ts',
      "import { getEpoch } from '../repos/meta.repo';\nexport const x = getEpoch;\n",
    ],
  ])('%s may import a layer below it', async (filePath, code) => {
    expect(await problems(filePath, code)).toEqual([]);
  });

  it('keeps SQL in server/repos', async () => {
    const query =
      "import type { Kysely } from 'kysely';\nexport const q = (db: Kysely<never>) => db.selectFrom('users' as never);\n";
    expect(await problems('server/sync/zz.ts', query)).toContain('no-restricted-syntax');
    expect(await problems('server/repos/zz.ts', query)).toEqual([]);
    const tag = "import { sql } from 'kysely';\nexport const q = sql`select 1`;\n";
    expect(await problems('server/routes/zz.ts', tag)).toContain(
      '@typescript-eslint/no-restricted-imports',
    );
  });
});

describe('names', () => {
  const files = [...sourceFiles('src'), ...sourceFiles('server')];

  it('gives no two source files the same name (the entry points `main` aside)', () => {
    const byName = new Map<string, string[]>();
    for (const file of files) {
      const name = path.basename(file).replace(/\.tsx?$/, '');
      byName.set(name, [...(byName.get(name) ?? []), file]);
    }
    const clashes = [...byName].filter(([name, paths]) => paths.length > 1 && name !== 'main');
    expect(clashes).toEqual([]);
  });

  it('keeps every hook of src/db in a file named after it', () => {
    const misplaced: string[] = [];
    for (const file of files.filter((f) => f.startsWith(path.join('src', 'db')))) {
      const text = readFileSync(path.join(ROOT, file), 'utf8');
      for (const match of text.matchAll(/^export (?:const|function) (use[A-Z]\w*)/gm)) {
        const hook = match[1] ?? '';
        const expected = hook.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
        if (path.basename(file).replace(/\.tsx?$/, '') !== expected)
          misplaced.push(`${hook} in ${file}`);
      }
    }
    expect(misplaced).toEqual([]);
  });
});
