// The message catalogue's second part: the screens for enrolling, signing in, logging calls and
// the state of the sync. Same rules as messages.ts (German first, English must have every key);
// kept apart only so the start screen does not download it (budget: docs/benchmarks.md).
export const entriesDe = {
  'enrol.title': 'Gerät einrichten',
  'enrol.intro':
    'Damit dieses Gerät Einträge übertragen darf, braucht es einmal einen Gerätecode. Den Code bekommen Sie im Laden.',
  'enrol.again':
    'Dieses Gerät ist beim Server nicht mehr angemeldet. Bitte richten Sie es mit einem neuen Gerätecode wieder ein. Ihre Einträge bleiben auf dem Gerät und werden danach übertragen.',
  'enrol.code': 'Gerätecode',
  'enrol.codeHint': 'Zum Beispiel: K7QM-3XPA-HW9D. Groß- und Kleinschreibung ist egal.',
  'enrol.label': 'Name des Geräts (freiwillig)',
  'enrol.labelHint': 'Zum Beispiel: Tablet Anlaufstelle',
  'enrol.submit': 'Gerät einrichten',
  'enrol.busy': 'Wird eingerichtet …',
  'enrol.done': 'Das Gerät ist eingerichtet für: {quarter}.',
  'enrol.wrongCode':
    'Dieser Code passt nicht. Er ist vielleicht schon benutzt oder abgelaufen. Bitte fragen Sie im Laden nach einem neuen Code.',
  'enrol.tooMany':
    'Zu viele Versuche. Bitte warten Sie eine Minute und versuchen Sie es dann noch einmal.',
  'enrol.offline':
    'Zum Einrichten braucht das Gerät einmal Internet. Bitte versuchen Sie es, sobald eine Verbindung besteht.',
  'enrol.failed': 'Das hat nicht geklappt. Bitte versuchen Sie es gleich noch einmal.',
  'enrol.missing': 'Bitte geben Sie den Gerätecode ein.',

  'signin.title': 'Anmelden',
  'signin.intro': 'Bitte melden Sie sich mit Ihrem Namen und Ihrer PIN an.',
  'signin.current': 'Angemeldet: {name}',
  'signin.name': 'Ihr Name',
  'signin.pin': 'PIN',
  'signin.pinHint': 'Die Zahlen, die Sie im Laden bekommen haben.',
  'signin.submit': 'Anmelden',
  'signin.busy': 'Wird geprüft …',
  'signin.wrong': 'Name oder PIN stimmen nicht. Bitte versuchen Sie es noch einmal.',
  'signin.offline':
    'Ohne Internet können sich hier nur Personen anmelden, die sich auf diesem Gerät schon einmal mit Internet angemeldet haben. Bitte versuchen Sie es, sobald eine Verbindung besteht.',
  'signin.offlineHint':
    'Gerade keine Verbindung zum Server. Anmelden können sich alle, die sich auf diesem Gerät schon einmal angemeldet haben.',
  'signin.offlineWrong':
    'Name oder PIN stimmen nicht. Ohne Internet gibt es nur wenige Versuche, danach geht Anmelden nur noch mit Internet.',
  'signin.offlineLocked':
    'Die PIN war zu oft falsch. Ohne Internet können Sie sich auf diesem Gerät nicht mehr anmelden – bitte melden Sie sich das nächste Mal mit Internet an. Ihre Einträge bleiben gespeichert.',
  'signin.failed': 'Das hat nicht geklappt. Bitte versuchen Sie es gleich noch einmal.',
  'signin.missing': 'Bitte geben Sie Ihren Namen und Ihre PIN ein.',
  'signin.signOut': 'Abmelden',
  'signin.signedOut':
    'Sie sind abgemeldet. Einträge, die noch nicht übertragen sind, bleiben auf dem Gerät und werden übertragen.',
  'signin.wait':
    'Die PIN war mehrmals falsch. Bitte warten Sie einen Moment und versuchen Sie es dann noch einmal.',
  'signin.locked':
    'Die Anmeldung mit diesem Namen ist gesperrt, weil die PIN zu oft falsch war. Bitte lassen Sie sie im Laden wieder freischalten. Ihre Einträge bleiben gespeichert.',
  'signin.needDevice': 'Bitte richten Sie zuerst das Gerät ein.',

  'call.title': 'Anruf eintragen',
  'call.editTitle': 'Anruf ändern',
  'call.partner': 'Mit wem haben Sie telefoniert?',
  'call.partnerHint': 'Vorname oder Kürzel – bitte keinen vollen Namen.',
  'call.when': 'Wann?',
  'call.date': 'Datum',
  'call.time': 'Uhrzeit',
  'call.reached': 'Haben Sie die Person erreicht?',
  'call.reachedYes': 'Ja, wir haben gesprochen',
  'call.reachedNo': 'Nein, nicht erreicht',
  'call.duration': 'Wie lange? (Minuten)',
  'call.concern': 'Ich mache mir Sorgen / es braucht Hilfe',
  'call.concernHint': 'Das Team meldet sich dann bei Ihnen.',
  'call.note': 'Notiz (freiwillig)',
  'call.activity': 'Zu welchem Angebot? (freiwillig)',
  'call.activityNone': 'Kein bestimmtes Angebot',
  'call.save': 'Speichern',
  'call.saveChanges': 'Änderung speichern',
  'call.saving': 'Wird gespeichert …',
  'call.saved':
    'Auf diesem Gerät gespeichert. Der Anruf wird übertragen, sobald eine Verbindung besteht.',
  'call.saveFailed':
    'Der Anruf konnte auf diesem Gerät nicht gespeichert werden. Ihre Eingaben sind noch da – bitte versuchen Sie es noch einmal.',
  'call.invalid': 'Bitte prüfen Sie: {fields}.',
  'call.draftRestored': 'Ihre letzten Eingaben wurden wiederhergestellt.',
  'call.delete': 'Anruf löschen',
  'call.deleteConfirm': 'Wirklich löschen? Das kann man nicht rückgängig machen.',
  'call.deleteYes': 'Ja, löschen',
  'call.deleteNo': 'Nein, behalten',
  'call.deleted': 'Der Anruf wurde gelöscht.',
  'call.notFound': 'Diesen Anruf gibt es auf diesem Gerät nicht (mehr).',
  'call.needSignIn': 'Bitte melden Sie sich zuerst an.',

  'calls.title': 'Meine Anrufe',
  'calls.empty': 'Sie haben noch keine Anrufe eingetragen.',
  'calls.new': 'Neuen Anruf eintragen',
  'calls.minutes': '{count} Minuten',
  'calls.notReached': 'nicht erreicht',
  'calls.concern': 'Sorge gemeldet',
  'calls.edit': 'Ändern',
  'calls.conflict':
    'Dieser Anruf wurde gleichzeitig auf einem anderen Gerät geändert. Das Team schaut es sich an.',

  'state.saved': 'Auf diesem Gerät gespeichert',
  'state.delivered': 'Übertragen',
  'state.rejected': 'Braucht Aufmerksamkeit',

  'sync.title': 'Übertragung',
  'sync.allSent': 'Alles ist übertragen.',
  'sync.waiting': '{count} Einträge warten auf Übertragung (ältester vom {when}).',
  'sync.waitingOne': '1 Eintrag wartet auf Übertragung (vom {when}).',
  'sync.stuck':
    'Ein Eintrag wartet schon über einen Tag, obwohl das Gerät online ist. Bitte sagen Sie im Laden Bescheid und laden Sie die Einträge zur Sicherheit herunter.',
  'sync.now': 'Jetzt übertragen',
  'sync.export': 'Nicht übertragene Einträge herunterladen',
  'sync.exportHint':
    'Eine Datei mit allen Einträgen, die noch nicht beim Server sind – zur Sicherheit, zum Beispiel bevor das Gerät zurückgesetzt wird.',
  'sync.attention': 'Braucht Aufmerksamkeit',
  'sync.attentionIntro':
    'Der Server konnte diese Einträge nicht annehmen. Der Grund steht dabei. Bitte sagen Sie im Laden Bescheid.',
  'sync.attentionNone': 'Nichts braucht Aufmerksamkeit.',
  'sync.dismiss': 'Gelesen – aus der Liste nehmen',
  'sync.clock':
    'Die Uhr dieses Geräts geht um etwa {hours} Stunden falsch. Ihre Einträge werden trotzdem richtig übertragen; bitte stellen Sie bei Gelegenheit Datum und Uhrzeit richtig.',
  'sync.needsEnrolment':
    'Dieses Gerät muss neu eingerichtet werden. Ihre Einträge bleiben gespeichert.',
  'sync.held':
    'Einträge von {name} warten, bis sich {name} auf diesem Gerät wieder anmeldet (einmal mit Internet). So lange warten auch die Einträge danach. Es geht nichts verloren.',
  'sync.heldUnknown':
    'Einträge warten, bis sich die Person, die sie gemacht hat, auf diesem Gerät wieder anmeldet (einmal mit Internet). So lange warten auch die Einträge danach. Es geht nichts verloren.',
  'sync.enrolAgain': 'Gerät neu einrichten',
};

export type EntriesMessageKey = keyof typeof entriesDe;

export const entriesEn: Record<EntriesMessageKey, string> = {
  'enrol.title': 'Set up this device',
  'enrol.intro':
    'To send entries, this device needs a device code once. You get the code at the storefront.',
  'enrol.again':
    'This device is no longer registered with the server. Please set it up again with a new device code. Your entries stay on the device and will be sent afterwards.',
  'enrol.code': 'Device code',
  'enrol.codeHint': 'For example: K7QM-3XPA-HW9D. Upper or lower case does not matter.',
  'enrol.label': 'Name of the device (optional)',
  'enrol.labelHint': 'For example: Storefront tablet',
  'enrol.submit': 'Set up device',
  'enrol.busy': 'Setting up …',
  'enrol.done': 'The device is set up for: {quarter}.',
  'enrol.wrongCode':
    'This code does not fit. It may have been used or expired. Please ask at the storefront for a new code.',
  'enrol.tooMany': 'Too many attempts. Please wait a minute and try again.',
  'enrol.offline':
    'Setting up needs the internet once. Please try again as soon as there is a connection.',
  'enrol.failed': 'That did not work. Please try again in a moment.',
  'enrol.missing': 'Please enter the device code.',

  'signin.title': 'Sign in',
  'signin.intro': 'Please sign in with your name and your PIN.',
  'signin.current': 'Signed in: {name}',
  'signin.name': 'Your name',
  'signin.pin': 'PIN',
  'signin.pinHint': 'The numbers you got at the storefront.',
  'signin.submit': 'Sign in',
  'signin.busy': 'Checking …',
  'signin.wrong': 'Name or PIN is not right. Please try again.',
  'signin.offline':
    'Without internet, only people who have signed in on this device with internet before can sign in here. Please try again once there is a connection.',
  'signin.offlineHint':
    'No connection to the server right now. Everyone who has signed in on this device before can sign in.',
  'signin.offlineWrong':
    'Name or PIN is not right. Without internet there are only a few tries; after that, signing in needs the internet.',
  'signin.offlineLocked':
    'The PIN was wrong too often. You can no longer sign in on this device without internet – please sign in with internet next time. Your entries stay saved.',
  'signin.failed': 'That did not work. Please try again in a moment.',
  'signin.missing': 'Please enter your name and your PIN.',
  'signin.signOut': 'Sign out',
  'signin.signedOut':
    'You are signed out. Entries not sent yet stay on the device and will be sent.',
  'signin.wait': 'The PIN was wrong several times. Please wait a moment and try again.',
  'signin.locked':
    'Signing in with this name is locked because the PIN was wrong too often. Please have it unlocked at the storefront. Your entries stay saved.',
  'signin.needDevice': 'Please set up the device first.',

  'call.title': 'Log a call',
  'call.editTitle': 'Change a call',
  'call.partner': 'Who did you talk to?',
  'call.partnerHint': 'First name or initials – please no full name.',
  'call.when': 'When?',
  'call.date': 'Date',
  'call.time': 'Time',
  'call.reached': 'Did you reach the person?',
  'call.reachedYes': 'Yes, we talked',
  'call.reachedNo': 'No, not reached',
  'call.duration': 'How long? (minutes)',
  'call.concern': 'I am worried / help is needed',
  'call.concernHint': 'The team will get in touch with you.',
  'call.note': 'Note (optional)',
  'call.activity': 'Which activity? (optional)',
  'call.activityNone': 'No particular activity',
  'call.save': 'Save',
  'call.saveChanges': 'Save change',
  'call.saving': 'Saving …',
  'call.saved': 'Saved on this device. The call will be sent as soon as there is a connection.',
  'call.saveFailed':
    'The call could not be saved on this device. Your input is still here – please try again.',
  'call.invalid': 'Please check: {fields}.',
  'call.draftRestored': 'Your last input was restored.',
  'call.delete': 'Delete call',
  'call.deleteConfirm': 'Really delete? This cannot be undone.',
  'call.deleteYes': 'Yes, delete',
  'call.deleteNo': 'No, keep it',
  'call.deleted': 'The call was deleted.',
  'call.notFound': 'This call does not exist on this device (any more).',
  'call.needSignIn': 'Please sign in first.',

  'calls.title': 'My calls',
  'calls.empty': 'You have not logged any calls yet.',
  'calls.new': 'Log a new call',
  'calls.minutes': '{count} minutes',
  'calls.notReached': 'not reached',
  'calls.concern': 'concern reported',
  'calls.edit': 'Change',
  'calls.conflict':
    'This call was changed on another device at the same time. The team will look at it.',

  'state.saved': 'Saved on this device',
  'state.delivered': 'Sent',
  'state.rejected': 'Needs attention',

  'sync.title': 'Sending',
  'sync.allSent': 'Everything has been sent.',
  'sync.waiting': '{count} entries are waiting to be sent (oldest from {when}).',
  'sync.waitingOne': '1 entry is waiting to be sent (from {when}).',
  'sync.stuck':
    'An entry has been waiting for over a day although the device is online. Please tell the storefront team and download the entries to be safe.',
  'sync.now': 'Send now',
  'sync.export': 'Download entries not sent yet',
  'sync.exportHint':
    'A file with all entries the server does not have yet – to be safe, for example before the device is reset.',
  'sync.attention': 'Needs attention',
  'sync.attentionIntro':
    'The server could not accept these entries. The reason is shown with each. Please tell the storefront team.',
  'sync.attentionNone': 'Nothing needs attention.',
  'sync.dismiss': 'Read – remove from the list',
  'sync.clock':
    'The clock of this device is off by about {hours} hours. Your entries are still sent correctly; please set the date and time when you can.',
  'sync.needsEnrolment': 'This device must be set up again. Your entries stay saved.',
  'sync.held':
    'Entries by {name} are waiting until {name} signs in on this device again (once with internet). Until then, the entries after them wait too. Nothing is lost.',
  'sync.heldUnknown':
    'Entries are waiting until the person who made them signs in on this device again (once with internet). Until then, the entries after them wait too. Nothing is lost.',
  'sync.enrolAgain': 'Set up device again',
};
