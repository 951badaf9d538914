// A catalogue big enough that the pull figures are not noise: `count` extra activities written
// through the server's own writers (validation, reference checks, one quarter version) into the
// benchmark server's throw-away database. Texts are as long as the demo's longer ones.
import type { Kysely } from 'kysely';
import type { Database } from '../server/db/tables';
import { putActivity, type ActivityInput } from '../server/repos/catalogue.repo';
import { writeInQuarter } from '../server/repos/quarter-version.repo';
import { AMPEL_VALUES } from '../src/shared/catalogue';

export async function addActivities(db: Kysely<Database>, count: number): Promise<void> {
  const quarter = await db.selectFrom('quarters').select('id').executeTakeFirstOrThrow();
  const themes = await db
    .selectFrom('themes')
    .select('id')
    .where('quarter_id', '=', quarter.id)
    .execute();
  const institutions = await db
    .selectFrom('institutions')
    .select('id')
    .where('quarter_id', '=', quarter.id)
    .execute();
  if (themes.length === 0 || institutions.length < 2) {
    throw new Error('The benchmark needs the demo themes and institutions.');
  }
  const pick = <T>(list: T[], index: number) => list[index % list.length] as T;
  await writeInQuarter(db, quarter.id, async (w) => {
    for (let index = 0; index < count; index += 1) {
      const number = String(index + 1).padStart(5, '0');
      const activity: ActivityInput = {
        id: `bench-angebot-${number}`,
        themeId: pick(themes, index).id,
        name: `Nachbarschaftstreff ${number} im Quartier`,
        description:
          `Offenes Angebot Nr. ${number} für ältere Nachbar*innen: gemeinsam Kaffee trinken, ` +
          'Neuigkeiten aus dem Quartier austauschen und Unterstützung im Alltag finden. ' +
          'Eine Anmeldung ist nicht nötig; Begleitpersonen sind willkommen. (Benchmark-Daten)',
        actorIds: [pick(institutions, index).id, pick(institutions, index + 1).id],
        schedule: 'jeden Dienstag und Donnerstag, 14:30–16:30 Uhr',
        place: 'Anlaufstelle im Hansa Centrum, Raum 2 (barrierefrei)',
        contact: 'Über die Anlaufstelle im Hansa Centrum, Telefon 02151 000000',
        ampel: pick([...AMPEL_VALUES], index),
        ampelCondition: 'Wird fortgeführt, solange sich Ehrenamtliche für die Leitung finden.',
        isExample: false,
      };
      await putActivity(w, activity);
    }
  });
}
