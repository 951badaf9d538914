// Facts from the 2018 project report: the five themes and the participating institutions, with
// their exact German names. These are not example data; `removeExampleData` leaves them in
// place, and `npm run admin -- create-quarter` puts them into a real quarter too.
// The demo itself lives in a quarter of its own (issue 7), never in a real one: its people have
// published PINs, and every start prints a code for it.
import type { NewQuarter } from '../repos/quarter.repo';
import type { InstitutionInput, ThemeInput } from '../repos/catalogue.repo';

export const DEMO_QUARTER: NewQuarter = {
  id: 'demo',
  name: 'Demo-Quartier (Beispieldaten)',
};

export const DEMO_THEMES: ThemeInput[] = [
  'Integration benachteiligter Menschen mit und ohne Migrationshintergrund',
  'Gemeinschaftliche Sozialraumerkundung',
  'Fit fürs Alter',
  'Beratung und Unterstützung im sozialen Nahraum',
  'Nachbarschaftliche Öffnung von sozialen und kommerziellen Einrichtungen',
].map((name, index) => ({ id: `theme-${index + 1}`, number: index + 1, name }));

/** [id, name]; the ids are ours, the names are the report's, character for character. */
const INSTITUTIONS: [string, string][] = [
  ['aktive-bewohner', 'Aktive Quartiersbewohner*innen'],
  ['ak-buergervereine', 'Arbeitskreis Krefelder Bürgervereine'],
  ['bahnhofsmission', 'Bahnhofsmission Krefeld'],
  ['samtweberei', 'Bewohnerin „alte Samtweberei" (urbane Nachbarschaft Samtweberei)'],
  ['bewohnerbeirat-hanseanum', 'Bewohnerbeirat Seniorenresidenz Hanseanum'],
  ['buergerverein-bahnbezirk', 'Bürgerverein Bahnbezirk 1898 Krefeld e. V.'],
  [
    'buero-oberbuergermeister',
    'Büro des Oberbürgermeisters (Region und Europa; Referent Bürgerinteressen)',
  ],
  [
    'caritasverband',
    'Caritasverband für die Region Krefeld e.V. (Fachdienst für Integration und Migration; ' +
      'Geschäftsführung; Sachbereichsleitung Gemeinde- und Stadtteilarbeit)',
  ],
  ['paritaetischer', 'Der Paritätische NRW Kreisgruppe Krefeld'],
  ['grand-city-property', 'Grand City Property (Vermietung Hansa Centrum)'],
  ['hochschule-niederrhein', 'Hochschule Niederrhein (public & social design)'],
  ['ig-ostwall', 'IG Ostwall'],
  ['kath-verein-soziale-dienste', 'Katholischer Verein für soziale Dienste Krefeld e.V.'],
  [
    'caritasheime',
    'Krefelder Caritasheime gGmbH (Hansahaus und Seniorenresidenz Kursana; Altenheim St. Josef)',
  ],
  ['kda', 'Kuratorium Deutsche Altershilfe'],
  ['psag-gerontopsychiatrie', 'PSAG Krefeld, Untergruppe Gerontopsychiatrie'],
  ['seniorenbeirat', 'Seniorenbeirat Stadt Krefeld'],
  ['sc-bayer-uerdingen', 'Sportclub Bayer 05 Uerdingen e.V.'],
  ['stadt-fb-soziales', 'Stadt Krefeld FB Soziales, Senioren, Wohnen'],
  ['stadtsportbund', 'Stadt Sport Bund Krefeld e.V.'],
  ['uni-koeln-grow', 'Universität zu Köln, NRW Forschungskolleg GROW'],
];

export const DEMO_INSTITUTIONS: InstitutionInput[] = INSTITUTIONS.map(([id, name]) => ({
  id,
  name,
}));
