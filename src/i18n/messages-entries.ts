// The message catalogue's second part: the screens for enrolling, signing in, logging entries
// (calls, advice sessions), "Meine Einträge" and the state of the sync. Same rules as messages.ts (German first, English must have every key);
// kept apart only so the start screen does not download it (budget: docs/benchmarks.md).
export const entriesDe = {
  'enrol.title': 'Gerät einrichten',
  'enrol.intro':
    'Damit dieses Gerät Einträge übertragen darf, braucht es einmal einen Gerätecode. Den Code bekommen Sie im Laden.',
  'enrol.again':
    'Dieses Gerät ist beim Server nicht mehr angemeldet. Persönliche Daten wurden deshalb vom Gerät entfernt. Bitte richten Sie es mit einem neuen Gerätecode wieder ein. Einträge, die noch nicht übertragen sind, bleiben auf dem Gerät und werden danach übertragen.',
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
  'signin.signOutHint':
    'Beim Abmelden werden Ihre Einträge und Gesprächspersonen von diesem Gerät entfernt. Zum Wechseln müssen Sie sich nicht abmelden: Die nächste Person meldet sich einfach an.',
  'signin.signedOut':
    'Sie sind abgemeldet. Ihre Daten sind nicht mehr auf diesem Gerät. Was noch nicht übertragen ist, bleibt, bis es übertragen ist. Beim nächsten Anmelden kommt alles wieder.',
  'signin.wait':
    'Die PIN war mehrmals falsch. Bitte warten Sie einen Moment und versuchen Sie es dann noch einmal.',
  'signin.locked':
    'Die Anmeldung mit diesem Namen ist gesperrt, weil die PIN zu oft falsch war. Bitte lassen Sie sie im Laden wieder freischalten. Ihre Einträge bleiben gespeichert.',
  'signin.needDevice': 'Bitte richten Sie zuerst das Gerät ein.',

  'entry.title': 'Eintrag',
  'entry.when': 'Wann?',
  'entry.date': 'Datum',
  'entry.time': 'Uhrzeit',
  'entry.duration': 'Wie lange? (Minuten)',
  'entry.concern': 'Ich mache mir Sorgen / es braucht Hilfe',
  'entry.concernHint': 'Das Team meldet sich dann bei Ihnen.',
  'entry.note': 'Notiz (freiwillig)',
  'entry.save': 'Speichern',
  'entry.saveChanges': 'Änderung speichern',
  'entry.saving': 'Wird gespeichert …',
  'entry.saveFailed':
    'Das Speichern auf diesem Gerät hat nicht geklappt. Ihre Eingaben sind noch da – bitte versuchen Sie es noch einmal.',
  'entry.checkFields': 'Noch nicht gespeichert. Bitte prüfen Sie die markierten Angaben.',
  'entry.draftRestored': 'Ihre letzten Eingaben wurden wiederhergestellt.',
  'entry.discard': 'Entwurf verwerfen',
  'entry.discardConfirm': 'Alles löschen, was Sie hier eingegeben haben, und neu anfangen?',
  'entry.discardEditConfirm': 'Ihre Änderungen verwerfen? Der Eintrag bleibt, wie er war.',
  'entry.discardYes': 'Ja, verwerfen',
  'entry.discardNo': 'Nein, behalten',
  'entry.discarded': 'Der Entwurf wurde verworfen.',
  'entry.delete': 'Eintrag löschen',
  'entry.deleteConfirm': 'Diesen Eintrag wirklich löschen?',
  'entry.deleteYes': 'Ja, löschen',
  'entry.deleteNo': 'Nein, behalten',
  'entry.deletedUndo': 'Eintrag gelöscht.',
  'entry.undo': 'Rückgängig',
  'entry.deleted': 'Der Eintrag wurde gelöscht.',
  'entry.notFound': 'Diesen Eintrag gibt es auf diesem Gerät nicht (mehr).',
  'entry.needSignIn': 'Bitte melden Sie sich zuerst an.',
  'entry.toList': 'Zu meinen Einträgen',
  'entry.error.when': 'Bitte ein richtiges Datum und eine Uhrzeit eintragen, zum Beispiel 14:30.',
  'entry.error.duration':
    'Bitte die Minuten als ganze Zahl eintragen, zum Beispiel 20 (höchstens 600).',
  'entry.error.note':
    'Die Notiz ist zu lang (höchstens 2000 Zeichen) oder enthält Zeichen, die nicht gehen.',
  'entry.error.other': 'Bitte prüfen Sie diese Angabe.',

  'kind.call': 'Anruf',
  'kind.call.many': 'Anrufe',
  'kind.advice': 'Beratung',
  'kind.advice.many': 'Beratungen',

  'call.title': 'Anruf eintragen',
  'call.editTitle': 'Anruf ändern',
  'call.new': 'Neuen Anruf eintragen',
  'call.partner': 'Mit wem haben Sie telefoniert?',
  'call.partnerHint': 'Vorname oder Kürzel – bitte keinen vollen Namen.',
  'call.reached': 'Haben Sie die Person erreicht?',
  'call.reachedYes': 'Ja, wir haben gesprochen',
  'call.reachedNo': 'Nein, nicht erreicht',
  'call.notReached': 'nicht erreicht',
  'call.activity': 'Zu welchem Angebot? (freiwillig)',
  'call.activityNone': 'Kein bestimmtes Angebot',
  'call.error.partner': 'Bitte einen Vornamen oder ein Kürzel eintragen (höchstens 80 Zeichen).',
  'call.saved':
    'Auf diesem Gerät gespeichert. Der Anruf wird übertragen, sobald eine Verbindung besteht.',

  'advice.title': 'Beratung eintragen',
  'advice.editTitle': 'Beratung ändern',
  'advice.new': 'Neue Beratung eintragen',
  'advice.place': 'Wo war die Beratung?',
  'advice.place.shop': 'Im Laden',
  'advice.place.home': 'Zu Hause bei der Person',
  'advice.place.phone': 'Am Telefon',
  'advice.place.elsewhere': 'Woanders',
  'advice.topics': 'Worum ging es? (mindestens ein Thema)',
  'advice.topicsNone':
    'Die Themen sind noch nicht auf diesem Gerät. Sobald eine Verbindung besteht, werden sie geladen.',
  'advice.moreTopics': 'und {count} weitere',
  'advice.ageBand': 'Wie alt ist die Person ungefähr?',
  'advice.age.under60': 'unter 60',
  'advice.age.60to69': '60 bis 69',
  'advice.age.70to79': '70 bis 79',
  'advice.age.80to89': '80 bis 89',
  'advice.age.90plus': '90 oder älter',
  'advice.age.unknown': 'Weiß nicht',
  'advice.firstContact': 'Hatte die Person zum ersten Mal Kontakt mit uns?',
  'advice.firstContact.yes': 'Ja',
  'advice.firstContact.no': 'Nein',
  'advice.firstContact.unknown': 'Weiß nicht',
  'advice.referral': 'Weitervermittelt an (freiwillig)',
  'advice.referralNone': 'keine Weitervermittlung',
  'advice.followUp': 'Wiedervorlage (freiwillig)',
  'advice.followUpHint':
    'An welchem Tag soll jemand nachfragen? Leer lassen, wenn es nicht nötig ist.',
  'advice.followUpOn': 'Wiedervorlage {day}',
  'advice.noteHint': 'Bitte keine Namen oder Adressen eintragen.',
  'advice.error.place': 'Bitte wählen Sie, wo die Beratung war.',
  'advice.error.topics': 'Bitte wählen Sie mindestens ein Thema.',
  'advice.error.ageBand': 'Bitte wählen Sie eine Altersgruppe – oder „Weiß nicht“.',
  'advice.error.followUp':
    'Bitte ein richtiges Datum eintragen, nicht vor dem Tag der Beratung – oder das Feld leer lassen.',
  'advice.saved':
    'Auf diesem Gerät gespeichert. Die Beratung wird übertragen, sobald eine Verbindung besteht.',

  'entries.title': 'Meine Einträge',
  'entries.empty': 'Sie haben noch nichts eingetragen.',
  'entries.emptyFilter': 'Davon haben Sie noch nichts eingetragen.',
  'entries.filter': 'Was soll angezeigt werden?',
  'entries.filterAll': 'Alle',
  'entries.week': 'Woche {week} · {range}',
  'entries.open': 'ansehen oder ändern',
  'entries.minutes': '{count} Minuten',
  'entries.minuteOne': '1 Minute',
  'entries.concern': 'Sorge gemeldet',
  'entries.conflict':
    'Dieser Eintrag wurde gleichzeitig auf einem anderen Gerät geändert. Das Team schaut es sich an.',

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
  'sync.changeRoute': 'Ein Abschnitt einer Route wurde nicht übernommen: {reason}',
  'sync.changeOther': 'Eine Änderung wurde nicht übernommen: {reason}',
  'sync.clock':
    'Die Uhr dieses Geräts geht um etwa {hours} Stunden falsch. Ihre Einträge werden trotzdem richtig übertragen; bitte stellen Sie bei Gelegenheit Datum und Uhrzeit richtig.',
  'sync.needsEnrolment':
    'Dieses Gerät muss neu eingerichtet werden. Persönliche Daten wurden vom Gerät entfernt; Einträge, die noch nicht übertragen sind, bleiben.',
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
    'This device is no longer registered with the server, so personal data was removed from it. Please set it up again with a new device code. Entries not sent yet stay on the device and will be sent afterwards.',
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
  'signin.signOutHint':
    'Signing out removes your entries and call partners from this device. To switch, nobody needs to sign out: the next person simply signs in.',
  'signin.signedOut':
    'You are signed out. Your data is no longer on this device. What is not sent yet stays until it is sent. It all comes back when you sign in again.',
  'signin.wait': 'The PIN was wrong several times. Please wait a moment and try again.',
  'signin.locked':
    'Signing in with this name is locked because the PIN was wrong too often. Please have it unlocked at the storefront. Your entries stay saved.',
  'signin.needDevice': 'Please set up the device first.',

  'entry.title': 'Entry',
  'entry.when': 'When?',
  'entry.date': 'Date',
  'entry.time': 'Time',
  'entry.duration': 'How long? (minutes)',
  'entry.concern': 'I am worried / help is needed',
  'entry.concernHint': 'The team will get in touch with you.',
  'entry.note': 'Note (optional)',
  'entry.save': 'Save',
  'entry.saveChanges': 'Save change',
  'entry.saving': 'Saving …',
  'entry.saveFailed':
    'Saving on this device did not work. Your input is still here – please try again.',
  'entry.checkFields': 'Not saved yet. Please check the marked answers.',
  'entry.draftRestored': 'Your last input was restored.',
  'entry.discard': 'Discard draft',
  'entry.discardConfirm': 'Delete everything you typed here and start again?',
  'entry.discardEditConfirm': 'Discard your changes? The entry stays as it was.',
  'entry.discardYes': 'Yes, discard',
  'entry.discardNo': 'No, keep it',
  'entry.discarded': 'The draft was discarded.',
  'entry.delete': 'Delete entry',
  'entry.deleteConfirm': 'Really delete this entry?',
  'entry.deleteYes': 'Yes, delete',
  'entry.deleteNo': 'No, keep it',
  'entry.deletedUndo': 'Entry deleted.',
  'entry.undo': 'Undo',
  'entry.deleted': 'The entry was deleted.',
  'entry.notFound': 'This entry does not exist on this device (any more).',
  'entry.needSignIn': 'Please sign in first.',
  'entry.toList': 'To my entries',
  'entry.error.when': 'Please enter a real date and a time, for example 14:30.',
  'entry.error.duration':
    'Please enter the minutes as a whole number, for example 20 (at most 600).',
  'entry.error.note':
    'The note is too long (at most 2000 characters) or has characters that cannot be used.',
  'entry.error.other': 'Please check this answer.',

  'kind.call': 'Call',
  'kind.call.many': 'Calls',
  'kind.advice': 'Advice',
  'kind.advice.many': 'Advice sessions',

  'call.title': 'Log a call',
  'call.editTitle': 'Change a call',
  'call.new': 'Log a new call',
  'call.partner': 'Who did you talk to?',
  'call.partnerHint': 'First name or initials – please no full name.',
  'call.reached': 'Did you reach the person?',
  'call.reachedYes': 'Yes, we talked',
  'call.reachedNo': 'No, not reached',
  'call.notReached': 'not reached',
  'call.activity': 'Which activity? (optional)',
  'call.activityNone': 'No particular activity',
  'call.error.partner': 'Please enter a first name or initials (at most 80 characters).',
  'call.saved': 'Saved on this device. The call will be sent as soon as there is a connection.',

  'advice.title': 'Log an advice session',
  'advice.editTitle': 'Change an advice session',
  'advice.new': 'Log a new advice session',
  'advice.place': 'Where was the advice session?',
  'advice.place.shop': 'At the shop',
  'advice.place.home': 'At the person’s home',
  'advice.place.phone': 'On the phone',
  'advice.place.elsewhere': 'Somewhere else',
  'advice.topics': 'What was it about? (at least one topic)',
  'advice.topicsNone':
    'The topics are not on this device yet. They load as soon as there is a connection.',
  'advice.moreTopics': 'and {count} more',
  'advice.ageBand': 'About how old is the person?',
  'advice.age.under60': 'under 60',
  'advice.age.60to69': '60 to 69',
  'advice.age.70to79': '70 to 79',
  'advice.age.80to89': '80 to 89',
  'advice.age.90plus': '90 or older',
  'advice.age.unknown': 'don’t know',
  'advice.firstContact': 'Was this the person’s first contact with us?',
  'advice.firstContact.yes': 'Yes',
  'advice.firstContact.no': 'No',
  'advice.firstContact.unknown': 'Don’t know',
  'advice.referral': 'Referred to (optional)',
  'advice.referralNone': 'no referral',
  'advice.followUp': 'Follow-up (optional)',
  'advice.followUpHint': 'On which day should someone check back? Leave empty if not needed.',
  'advice.followUpOn': 'follow-up {day}',
  'advice.noteHint': 'Please do not enter names or addresses.',
  'advice.error.place': 'Please choose where the advice session was.',
  'advice.error.topics': 'Please choose at least one topic.',
  'advice.error.ageBand': 'Please choose an age group – or “don’t know”.',
  'advice.error.followUp':
    'Please enter a real date, not before the day of the session – or leave the field empty.',
  'advice.saved':
    'Saved on this device. The advice session will be sent as soon as there is a connection.',

  'entries.title': 'My entries',
  'entries.empty': 'You have not logged anything yet.',
  'entries.emptyFilter': 'You have not logged any of these yet.',
  'entries.filter': 'What should be shown?',
  'entries.filterAll': 'All',
  'entries.week': 'Week {week} · {range}',
  'entries.open': 'view or change',
  'entries.minutes': '{count} minutes',
  'entries.minuteOne': '1 minute',
  'entries.concern': 'concern reported',
  'entries.conflict':
    'This entry was changed on another device at the same time. The team will look at it.',

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
  'sync.changeRoute': 'A part of a route was not accepted: {reason}',
  'sync.changeOther': 'A change was not accepted: {reason}',
  'sync.clock':
    'The clock of this device is off by about {hours} hours. Your entries are still sent correctly; please set the date and time when you can.',
  'sync.needsEnrolment':
    'This device must be set up again. Personal data was removed from it; entries not sent yet stay.',
  'sync.held':
    'Entries by {name} are waiting until {name} signs in on this device again (once with internet). Until then, the entries after them wait too. Nothing is lost.',
  'sync.heldUnknown':
    'Entries are waiting until the person who made them signs in on this device again (once with internet). Until then, the entries after them wait too. Nothing is lost.',
  'sync.enrolAgain': 'Set up device again',
};
