// The message catalogue's part for erasure on the staff screens (issue 11, Art. 17 DSGVO:
// "Löschen auf Verlangen"). Same rules as messages.ts: German first, English must have every
// key. Every sentence must stay true of server/privacy/person-erasure.ts.
export const staffPrivacyDe = {
  'erase.open': '„{name}“ endgültig löschen …',
  'erase.title': 'Alles löschen, was über „{name}“ gespeichert ist?',
  'erase.partner':
    'Gelöscht werden die Gesprächsperson und alles, was in den Anrufen über sie steht – hier und auf allen Tablets, sobald sie wieder verbunden sind. Es bleibt nur, was gezählt wird: wie viele Anrufe es gab und wie lange sie dauerten.',
  'erase.person':
    'Gelöscht werden der Name, PIN und Passwort, die Anmeldungen und alles, was diese Person eingetragen hat – hier und auf allen Tablets, sobald sie wieder verbunden sind, auch was dort noch nicht übertragen ist. Gesprächspersonen bleiben. Es bleibt nur, was gezählt wird.',
  'erase.final':
    'Das kann nicht rückgängig gemacht werden. Möchte die Person eine Auskunft haben, laden Sie diese bitte vorher herunter.',
  'erase.confirmLabel': 'Zur Bestätigung den Namen eintippen: {name}',
  'erase.confirmHint': 'Groß- und Kleinschreibung ist egal.',
  'erase.mismatch': 'Der Name stimmt nicht. Bitte genau so eintippen: {name}',
  'erase.yes': 'Endgültig löschen',
  'erase.busy': 'Wird gelöscht …',
  'erase.cancel': 'Abbrechen',
  'erase.done': '„{name}“ ist gelöscht. Die Tablets löschen es bei ihrer nächsten Verbindung.',
  'erase.action.partner': 'hat alle Daten einer Gesprächsperson gelöscht',
  'erase.action.person': 'hat alle Daten einer Person gelöscht',
  'erase.count.entries': 'geleerte Einträge',
  'erase.count.partner': 'Gesprächsperson',
  'erase.count.partners_unassigned': 'Gesprächspersonen ohne diese Person als Anrufende',
  'erase.count.entry_history': 'frühere Fassungen',
  'erase.count.mutation_log': 'Zeilen im Übertragungsprotokoll',
  'erase.count.device_users': 'Tablets, auf denen sie angemeldet war',
  'erase.count.person_sessions': 'beendete Anmeldungen auf Tablets',
  'erase.count.staff_sessions': 'Anmeldungen im Team-Bereich',
  'erase.count.sign_in_guards': 'Fehlversuche bei der Anmeldung',
  'erase.count.enrolment_codes': 'Einrichtungscodes ohne Namen',
  'erase.count.follow_ups': 'Nachverfolgungen ohne Zuständige',
  'erase.count.audit_log': 'Protokollzeilen ohne Namen',
};

export type StaffPrivacyMessageKey = keyof typeof staffPrivacyDe;

export const staffPrivacyEn: Record<StaffPrivacyMessageKey, string> = {
  'erase.open': 'Erase “{name}” for good …',
  'erase.title': 'Erase everything stored about “{name}”?',
  'erase.partner':
    'This erases the call partner and everything the calls say about them – here and on every tablet as soon as it connects again. Only what is counted stays: how many calls there were and how long they lasted.',
  'erase.person':
    'This erases the name, PIN and password, the sign-ins and everything this person entered – here and on every tablet as soon as it connects again, including what has not been sent yet. Call partners stay. Only what is counted stays.',
  'erase.final':
    'This cannot be undone. If the person wants a copy of their data, please download it first.',
  'erase.confirmLabel': 'To confirm, type the name: {name}',
  'erase.confirmHint': 'Upper or lower case does not matter.',
  'erase.mismatch': 'The name does not match. Please type exactly: {name}',
  'erase.yes': 'Erase for good',
  'erase.busy': 'Erasing …',
  'erase.cancel': 'Cancel',
  'erase.done': '“{name}” is erased. The tablets erase it when they next connect.',
  'erase.action.partner': 'erased all data of a call partner',
  'erase.action.person': 'erased all data of a person',
  'erase.count.entries': 'emptied entries',
  'erase.count.partner': 'call partner',
  'erase.count.partners_unassigned': 'call partners without this person as caller',
  'erase.count.entry_history': 'earlier versions',
  'erase.count.mutation_log': 'lines of the transfer log',
  'erase.count.device_users': 'tablets they had signed in on',
  'erase.count.person_sessions': 'ended sign-ins on tablets',
  'erase.count.staff_sessions': 'sign-ins to the team screens',
  'erase.count.sign_in_guards': 'failed sign-in attempts',
  'erase.count.enrolment_codes': 'set-up codes without a name',
  'erase.count.follow_ups': 'follow-ups without an owner',
  'erase.count.audit_log': 'log lines without a name',
};
