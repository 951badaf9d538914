// The 18 catalogue activities of the demo. ALL are example data (is_example): four names come
// from the 2018 report (Begegnungstelefon, Stadtspaziergänge unter neuen Vorzeichen,
// Sonderöffnungszeit für Senioren im Elektronikmarkt, Beratung und Unterstützung im Laden), but
// every detail — times, places, contacts, actors, Ampel — is invented, and the 14 other
// activities are invented altogether. Descriptions say so, so nobody takes them for facts.
// As in the report: 14 of 18 green.
import type { Ampel } from '../../src/shared/catalogue';
import type { ActivityInput } from '../repos/catalogue.repo';
import { addDays } from './demo-dates';

const INVENTED = ' (Erfundenes Beispiel für die Demo – kein echtes Angebot.)';
const NAMED = ' (Name aus dem Projektbericht 2018; alle Einzelheiten sind Beispielangaben.)';
const STOREFRONT = 'Anlaufstelle im Hansa Centrum';
const CONTACT = 'Über die Anlaufstelle im Hansa Centrum (Beispielangabe)';

type Row = [
  id: string,
  theme: number,
  name: string,
  ampel: Ampel,
  description: string,
  schedule: string,
  place: string,
  actorIds: string[],
  ampelCondition: string,
];

const ROWS: Row[] = [
  // 1 · Integration benachteiligter Menschen mit und ohne Migrationshintergrund
  [
    'interkulturelles-fruehstueck',
    1,
    'Interkulturelles Frühstück',
    'green',
    'Nachbar*innen unterschiedlicher Herkunft frühstücken gemeinsam; jede*r bringt etwas mit.' +
      INVENTED,
    'jeden 1. Samstag im Monat, 10:00–12:00 Uhr',
    STOREFRONT,
    ['caritasverband', 'aktive-bewohner'],
    'Wird von Ehrenamtlichen weitergeführt; der Raum bleibt in der Anlaufstelle.',
  ],
  [
    'sprachcafe',
    1,
    'Sprachcafé für Ältere',
    'green',
    'Deutsch sprechen in lockerer Runde, für ältere Zugewanderte und alle, die gern erzählen.' +
      INVENTED,
    'dienstags 15:00–16:30 Uhr',
    STOREFRONT,
    ['kath-verein-soziale-dienste'],
    'Wird fortgeführt, solange die Gruppe der Ehrenamtlichen besteht.',
  ],
  [
    'begleitung-aemter',
    1,
    'Begleitung zu Ämtern und Arztpraxen',
    'yellow',
    'Ehrenamtliche begleiten zu Terminen und helfen beim Verstehen von Formularen.' + INVENTED,
    'nach Vereinbarung',
    'Treffpunkt in der Anlaufstelle, dann vor Ort',
    ['caritasverband'],
    'Nur wenn weitere Ehrenamtliche mit Fremdsprachenkenntnissen gewonnen werden.',
  ],
  [
    'nachbarschaftskochen',
    1,
    'Nachbarschaftliches Kochen',
    'green',
    'Reihum kochen Nachbar*innen Gerichte aus ihrer Heimat, danach wird gemeinsam gegessen.' +
      INVENTED,
    'jeden letzten Freitag im Monat, 17:00 Uhr',
    'Gemeinschaftsküche (Beispielort)',
    ['aktive-bewohner'],
    'Wird fortgeführt, solange eine Küche kostenlos zur Verfügung steht.',
  ],
  // 2 · Gemeinschaftliche Sozialraumerkundung
  [
    'stadtspaziergaenge',
    2,
    'Stadtspaziergänge unter neuen Vorzeichen',
    'green',
    'Ältere Bewohner*innen erkunden gemeinsam ihr Quartier: Wege, Barrieren, Sitzplätze, Treffpunkte.' +
      NAMED,
    'jeden 2. Mittwoch im Monat, 14:00 Uhr',
    `Treffpunkt vor der ${STOREFRONT}`,
    ['aktive-bewohner', 'seniorenbeirat'],
    'Wird von ehrenamtlichen Spaziergangsleiter*innen weitergeführt.',
  ],
  [
    'barrierecheck',
    2,
    'Barrierecheck im Quartier',
    'green',
    'Kleine Gruppen prüfen Gehwege, Ampeln und Eingänge und melden Hindernisse gesammelt.' +
      INVENTED,
    'zweimal im Jahr, Termine in der Anlaufstelle',
    'im ganzen Quartier',
    ['seniorenbeirat', 'hochschule-niederrhein'],
    'Wird fortgeführt; die Meldungen nimmt die Anlaufstelle entgegen.',
  ],
  [
    'ruhebaenke',
    2,
    'Ruhebänke kartieren',
    'red',
    'Sitzgelegenheiten im Quartier werden erfasst und ihr Zustand beschrieben.' + INVENTED,
    'ruht derzeit',
    'im ganzen Quartier',
    ['hochschule-niederrhein'],
    'Nur wenn jemand die gesammelten Daten dauerhaft übernimmt und pflegt.',
  ],
  [
    'fotospaziergang',
    2,
    'Fotospaziergang „Mein Quartier“',
    'green',
    'Mit Kamera oder Handy unterwegs: Lieblingsorte und Ärgernisse im Quartier festhalten.' +
      INVENTED,
    'im Frühjahr und Herbst, samstags 11:00 Uhr',
    `Treffpunkt vor der ${STOREFRONT}`,
    ['aktive-bewohner'],
    'Wird von Ehrenamtlichen weitergeführt.',
  ],
  // 3 · Fit fürs Alter
  [
    'bewegungstreff',
    3,
    'Bewegungstreff im Park',
    'green',
    'Sanfte Gymnastik und Gleichgewichtsübungen im Freien, ohne Anmeldung.' + INVENTED,
    'donnerstags 10:00–11:00 Uhr, April bis Oktober',
    'Grünanlage im Quartier (Beispielort)',
    ['stadtsportbund'],
    'Wird fortgeführt, solange Übungsleiter*innen ehrenamtlich zur Verfügung stehen.',
  ],
  [
    'sturzpraevention',
    3,
    'Kurs Sturzprävention',
    'green',
    'Übungen für Kraft und Balance, damit der Alltag sicher bleibt.' + INVENTED,
    'montags 14:00–15:00 Uhr',
    'Vereinsheim (Beispielort)',
    ['sc-bayer-uerdingen'],
    'Wird als regelmäßiges Kursangebot weitergeführt.',
  ],
  [
    'smartphone-sprechstunde',
    3,
    'Smartphone-Sprechstunde',
    'yellow',
    'Hilfe bei Fragen zu Handy, Tablet und Videotelefonie, in Ruhe und Schritt für Schritt.' +
      INVENTED,
    'mittwochs 10:00–12:00 Uhr',
    STOREFRONT,
    ['aktive-bewohner'],
    'Nur wenn ein Raum mit WLAN dauerhaft kostenlos zur Verfügung steht.',
  ],
  // 4 · Beratung und Unterstützung im sozialen Nahraum
  [
    'begegnungstelefon',
    4,
    'Begegnungstelefon',
    'green',
    'Ehrenamtliche rufen ältere Menschen an, die allein leben, und halten regelmäßig Kontakt.' +
      NAMED,
    'werktags nach Absprache',
    'telefonisch',
    ['caritasverband'],
    'Wird fortgeführt, solange genug ehrenamtliche Anrufer*innen mitmachen.',
  ],
  [
    'beratung-im-laden',
    4,
    'Beratung und Unterstützung im Laden',
    'green',
    'Beratung zu Alltagsfragen, Hilfen und Ansprechpartnern direkt in der Anlaufstelle.' + NAMED,
    'während der Öffnungszeiten der Anlaufstelle',
    STOREFRONT,
    ['stadt-fb-soziales', 'caritasverband'],
    'Wird im Rahmen des Quartiersmanagements fortgeführt.',
  ],
  [
    'wohnberatung',
    4,
    'Wohnberatung für Ältere',
    'green',
    'Tipps, wie die eigene Wohnung sicherer und bequemer wird, auch als Hausbesuch.' + INVENTED,
    'nach Vereinbarung',
    `${STOREFRONT} oder zu Hause`,
    ['stadt-fb-soziales'],
    'Wird als Sprechstunde in der Anlaufstelle weitergeführt.',
  ],
  [
    'besuchsdienst',
    4,
    'Ehrenamtlicher Besuchsdienst',
    'red',
    'Ehrenamtliche besuchen Menschen, die ihre Wohnung kaum noch verlassen.' + INVENTED,
    'nach Vereinbarung',
    'bei den Besuchten zu Hause',
    ['paritaetischer'],
    'Nicht ohne bezahlte Koordination nach dem Ende der Förderung.',
  ],
  // 5 · Nachbarschaftliche Öffnung von sozialen und kommerziellen Einrichtungen
  [
    'seniorenoeffnung-elektronikmarkt',
    5,
    'Sonderöffnungszeit für Senioren im Elektronikmarkt',
    'green',
    'Ein Elektronikmarkt öffnet zu einer ruhigen Sonderzeit mit Zeit für Fragen zu Geräten.' +
      NAMED,
    'einmal im Monat, vormittags',
    'Elektronikmarkt im Quartier',
    ['ig-ostwall'],
    'Wird fortgeführt, solange der Markt die Sonderzeit anbietet.',
  ],
  [
    'offener-mittagstisch',
    5,
    'Offener Mittagstisch im Seniorenheim',
    'green',
    'Nachbar*innen essen mittags gemeinsam mit den Bewohner*innen eines Seniorenheims.' + INVENTED,
    'werktags 12:00–13:00 Uhr, Anmeldung am Vortag',
    'Seniorenheim im Quartier (Beispielort)',
    ['caritasheime'],
    'Wird fortgeführt; das Essen wird zum Selbstkostenpreis angeboten.',
  ],
  [
    'offene-tuer-sportverein',
    5,
    'Offene Tür im Sportverein',
    'green',
    'Schnupperstunden für Ältere: Vereinsangebote ausprobieren, ohne Mitglied zu sein.' + INVENTED,
    'viermal im Jahr, samstags',
    'Vereinsgelände (Beispielort)',
    ['sc-bayer-uerdingen'],
    'Wird vom Verein als fester Termin weitergeführt.',
  ],
];

/**
 * The activities as seeded on `today` (a Berlin day): the Ampel was judged at an invented team
 * meeting, green ones a month ago, yellow and red ones (looked at more often) nine days ago.
 */
export function demoActivities(today: string): ActivityInput[] {
  return ROWS.map(
    ([id, theme, name, ampel, description, schedule, place, actorIds, ampelCondition]) => ({
      id,
      themeId: `theme-${theme}`,
      name,
      description,
      actorIds,
      schedule,
      place,
      contact: CONTACT,
      ampel,
      ampelCondition,
      ampelAsOf: addDays(today, ampel === 'green' ? -30 : -9),
      isExample: true,
    }),
  );
}
