// `npm run admin -- <command> [options]`: manage people, devices and call partners of a quarter
// from the server's shell, with the server's own configuration (same environment variables).
// Safe while the server runs (SQLite waits for its write lock, PostgreSQL is concurrent anyway).
// Exit codes: 0 done, 2 wrong input or configuration (German message), 1 anything else.
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config';
import { openDatabase } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import { AdminInputError, COMMANDS, type AdminOptions } from './admin-commands';
import { printable } from '../console-text';
import { readSecret } from './read-secret';
import { loadRetention } from '../retention/retention-rules';

const USAGE = `Verwendung: npm run admin -- <Befehl> [Optionen]
  create-quarter --quarter ID --name "Südliche Innenstadt Krefeld"
      legt ein Quartier an (mit den Themen und Einrichtungen aus dem Projektbericht 2018)
  create-user --name "Erika M." --role volunteer|staff|admin [--pin 4711] [--password]
      [--quarter ID]
      legt eine Person an und gibt einen Anmeldecode für ein Gerät aus; mit --password
      (nur staff/admin) wird ein Passwort für die Team-Ansicht abgefragt (Standardeingabe)
  set-password "Petra L." [--quarter ID]
      neues Passwort für die Team-Ansicht (mindestens 10 Zeichen), von der Standardeingabe
      gelesen, nie als Option: am Terminal zweimal verdeckt, sonst die erste Zeile
  enrol-code [--quarter ID]            neuer Anmeldecode (7 Tage gültig, einmal verwendbar)
  set-pin --name "Erika M." --pin 4711 [--quarter ID]
      PIN aus 4 bis 6 Ziffern, nicht 1234, 1111, 1212 oder eine Jahreszahl; hebt eine Sperre auf
  unlock --name "Erika M." [--quarter ID]
      hebt die Sperre nach zu vielen falschen PINs auf
  list-users [--quarter ID]
  list-devices [--quarter ID]
  revoke-device <Geräte-Kennung>       sperrt ein Gerät
  list-sessions [--quarter ID]         wer auf welchem Gerät angemeldet ist
  revoke-session <Anmeldungs-Kennung>  beendet eine Anmeldung auf einem Gerät
  retention                            löscht jetzt, was seine Frist überschritten hat
      (der Server tut das sonst jede Stunde; Fristen: RETENTION_<ART>_DAYS)

Gesprächspersonen des Begegnungstelefons (nur Vorname oder Spitzname, keine Adresse):
  create-partner --name "Frau K." --phone "02151 123456" [--times "vormittags"]
      [--minutes 15] [--every 7] [--note "…"] [--caller "Erika M."]… [--quarter ID]
      legt eine Gesprächsperson an; --minutes: übliche Dauer eines Anrufs,
      --every: alle wie viele Tage ein Anruf geplant ist; --caller: wer anruft (auch mehrmals)
      [--consent-on 2026-03-03 --consent-form written|oral|electronic
      --consent-scope "wöchentliche Anrufe"]: die Einwilligung (Tag, Form, wozu)
  assign-caller <Kennung> --caller "Erika M." [--quarter ID]
      diese Person ruft die Gesprächsperson an (Name oder Kennung der Person)
  unassign-caller <Kennung> --caller "Erika M." [--quarter ID]
      diese Person ruft nicht mehr an; ihre Geräte entfernen die Gesprächsperson
  set-partner-status <Kennung> --status active|paused|ended [--quarter ID]
      aktiv, pausiert (z. B. im Krankenhaus) oder beendet
  list-partners [--quarter ID]
      alle Gesprächspersonen mit Anrufenden, letztem Anruf und dem Hinweis
      „3× NICHT ERREICHT“ nach drei Anrufen in Folge ohne Erfolg`;

process.exitCode = await main(process.argv.slice(2));

async function main(argv: string[]): Promise<number> {
  let options: AdminOptions;
  try {
    options = parseOptions(argv);
  } catch (err) {
    // parseArgs explains in English; name the option in a German sentence instead.
    const option = err instanceof Error ? /'(-[^']*)'/.exec(err.message)?.[1] : undefined;
    return fail(`Unbekannte oder unvollständige Option${option ? ` „${option}“` : ''}.`);
  }
  const [name, ...positionals] = options.positionals;
  if (name === 'help') {
    console.log(USAGE);
    return 0;
  }
  const command = name === undefined ? undefined : COMMANDS[name];
  if (!command) {
    return fail(name ? `Unbekannter Befehl „${printable(name)}“.` : 'Bitte einen Befehl angeben.');
  }
  let config;
  let retention;
  try {
    config = loadConfig(process.env);
    retention = loadRetention(process.env);
  } catch (err) {
    if (err instanceof ConfigError) return fail(`Konfigurationsfehler: ${err.message}`, false);
    throw err;
  }
  const db = openDatabase(config.database);
  try {
    await migrateToLatest(db);
    const lines = await command(
      { db, defaultQuarter: config.defaultQuarter, readSecret, retention },
      {
        ...options,
        positionals,
      },
    );
    // Every line once more through `printable`: nothing stored reaches the terminal raw.
    console.log(lines.map(printable).join('\n'));
    return 0;
  } catch (err) {
    if (err instanceof AdminInputError) return fail(printable(err.message), false);
    console.error('Fehler:', err);
    return 1;
  } finally {
    await db.destroy();
  }
}

function parseOptions(argv: string[]): AdminOptions {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      name: { type: 'string' },
      role: { type: 'string' },
      quarter: { type: 'string' },
      pin: { type: 'string' },
      password: { type: 'boolean' },
      phone: { type: 'string' },
      times: { type: 'string' },
      minutes: { type: 'string' },
      every: { type: 'string' },
      note: { type: 'string' },
      caller: { type: 'string', multiple: true },
      status: { type: 'string' },
      'consent-on': { type: 'string' },
      'consent-form': { type: 'string' },
      'consent-scope': { type: 'string' },
    },
  });
  const {
    'consent-on': consentOn,
    'consent-form': consentForm,
    'consent-scope': consentScope,
    ...rest
  } = values;
  return { ...rest, consentOn, consentForm, consentScope, positionals };
}

function fail(message: string, withUsage = true): number {
  console.error(withUsage ? `${message}\n\n${USAGE}` : message);
  return 2;
}
