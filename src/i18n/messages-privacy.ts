// The message catalogue's part for the privacy notice (issue 11, `#/datenschutz`). Same rules as
// messages.ts: German first, English must have every key, words an 80-year-old understands.
// Loaded only with the privacy screen's chunk. Every sentence must stay true of the code;
// the periods come from the server's last pull (or, before any, src/shared/retention-defaults.ts),
// never written here as numbers.
// The operator fills in the bracketed contact lines (README.md, "Datenschutz").
export const privacyDe = {
  'privacy.title': 'Datenschutz: was mit Ihren Daten geschieht',
  'privacy.intro':
    'Hier steht in einfachen Worten, was diese App über Sie speichert, warum, wer es sieht und wie lange.',

  'privacy.what.title': 'Was gespeichert wird',
  'privacy.what.you':
    'Ihr Name, wie das Team ihn eingetragen hat. Ihre PIN wird nicht lesbar gespeichert: nur so, dass man sie prüfen, aber nicht ablesen kann.',
  'privacy.what.calls':
    'Bei Anrufen: der Vorname oder ein Kürzel der angerufenen Person, die Dauer, ob Sie die Person erreicht haben, Ihre Notiz und ob Sie sich Sorgen machen.',
  'privacy.what.partners':
    'Bei Gesprächspartnern: Vorname, Telefonnummer, wann man am besten anruft, und eine Notiz.',
  'privacy.what.advice':
    'Bei Beratungen: keine Namen. Ort, Dauer, Themen, Altersgruppe, ob es das erste Gespräch war, wohin Sie weitervermittelt haben, wann nachgefragt wird, und Ihre Notiz.',
  'privacy.what.walks':
    'Bei Spaziergängen: der Weg, den das Gerät per GPS aufzeichnet – nur während Sie aufzeichnen –, wie viele mitgegangen sind (auch wie viele mit Rollator oder Rollstuhl), Beobachtungen unterwegs mit ihrem Ort und Ihre Notizen.',

  'privacy.why.title': 'Warum',
  'privacy.why.text':
    'Damit das Team Ihre Arbeit begleiten kann und merkt, wenn jemand Hilfe braucht. Und damit der Träger den Geldgebern Zahlen nennen kann – diese Zahlen enthalten keine Namen.',

  'privacy.who.title': 'Wer es sieht',
  'privacy.who.you':
    'Sie sehen Ihre eigenen Einträge und die Gesprächspartner, die Ihnen zugeteilt sind. Andere Ehrenamtliche sehen Ihre Einträge nicht. Einen Gesprächspartner sehen alle, die ihn anrufen.',
  'privacy.who.team':
    'Das Team des Trägers in Ihrem Quartier sieht die Einträge, um zu helfen und nachzuhaken. Die App schreibt auf, wann das Team welche Daten angesehen oder geändert hat.',
  'privacy.who.nobody':
    'Die App schickt Ihre Daten an niemanden sonst: nur zwischen diesem Gerät und dem Server des Trägers.',

  'privacy.where.title': 'Wo es gespeichert wird',
  'privacy.where.text':
    'Auf diesem Gerät und auf dem Server des Trägers. Auf dem Gerät liegen nur die Daten der Personen, die hier angemeldet sind.',
  'privacy.signOut':
    'Wenn Sie sich abmelden, löscht das Gerät Ihre Daten. Was noch nicht beim Server angekommen ist, wird zuerst übertragen und dann vom Gerät gelöscht.',
  'privacy.lock':
    'Wenn eine Weile niemand das Gerät bedient, sperrt sich der Bildschirm. Dann ist nichts mehr von Ihren Daten zu sehen, bis Sie Ihre PIN eingeben. Wie lange das dauert, stellen Sie unter „Schriftgröße und Sprache“ ein.',

  'privacy.howLong.title': 'Wie lange',
  'privacy.howLong.intro': 'Der Server löscht von selbst:',
  'privacy.howLong.about': ' (etwa {months} Monaten)',
  'privacy.howLong.notes': 'Notizen nach {days} Tagen{about}.',
  'privacy.howLong.entries':
    'Einträge nach {days} Tagen{about}. Danach bleibt nur die Zahl für die Statistik, ohne Namen und Notizen.',
  'privacy.howLong.routes':
    'Die Wege von Spaziergängen nach {days} Tagen{about}. Auch dieses Gerät löscht sie dann, sobald es wieder mit dem Server verbunden ist. Die Länge des Weges bleibt.',
  'privacy.howLong.partners':
    'Gesprächspartner, deren Anrufe beendet sind, nach {days} Tagen{about}.',
  'privacy.howLong.history': 'Frühere Fassungen geänderter Einträge nach {days} Tagen.',
  'privacy.howLong.operator':
    'Das sind die Standard-Fristen. Der Träger kann diese Fristen ändern; fragen Sie ihn, welche gelten.',
  'privacy.howLong.inForce':
    'Diese Fristen gelten hier. Der Server des Trägers hat sie diesem Gerät mitgeteilt, als es zuletzt mit ihm verbunden war.',

  'privacy.rights.title': 'Ihre Rechte',
  'privacy.rights.text':
    'Sie dürfen fragen, was über Sie gespeichert ist. Sie dürfen verlangen, dass Falsches berichtigt und dass Ihre Daten gelöscht werden. Sie dürfen sich bei der Aufsichtsbehörde für Datenschutz beschweren.',

  'privacy.contact.title': 'An wen Sie sich wenden',
  'privacy.contact.owner': 'Verantwortlich: [Name und Anschrift des Trägers]',
  'privacy.contact.dpo': 'Datenschutzbeauftragte oder Datenschutzbeauftragter: [Kontakt]',
  'privacy.contact.authority': 'Aufsichtsbehörde: [Name und Anschrift der Aufsichtsbehörde]',
  'privacy.contact.shop': 'Sie können auch im Quartiersbüro fragen: {name}, {address}.',
};

export type PrivacyMessageKey = keyof typeof privacyDe;

export const privacyEn: Record<PrivacyMessageKey, string> = {
  'privacy.title': 'Privacy: what happens to your data',
  'privacy.intro':
    'Here it says in plain words what this app stores about you, why, who sees it and for how long.',

  'privacy.what.title': 'What is stored',
  'privacy.what.you':
    'Your name, as the team entered it. Your PIN is not stored readably: only in a form that can check it but not show it.',
  'privacy.what.calls':
    'For calls: the first name or a short code of the person called, how long, whether you reached them, your note and whether you are worried.',
  'privacy.what.partners':
    'For call partners: first name, phone number, the best time to call, and a note.',
  'privacy.what.advice':
    'For advice sessions: no names. The place, how long, topics, age group, whether it was the first talk, where you referred them, when to follow up, and your note.',
  'privacy.what.walks':
    'For walks: the route the device records by GPS – only while you record –, how many came along (also how many with a walker or wheelchair), what you noticed on the way with its place, and your notes.',

  'privacy.why.title': 'Why',
  'privacy.why.text':
    'So that the team can support your work and notices when someone needs help. And so that the association can give figures to those who fund it – these figures contain no names.',

  'privacy.who.title': 'Who sees it',
  'privacy.who.you':
    'You see your own entries and the call partners given to you. Other volunteers do not see your entries. A call partner is seen by everyone who calls them.',
  'privacy.who.team':
    'The association’s team for your quarter sees the entries, to help and to follow up. The app writes down when the team looked at or changed which data.',
  'privacy.who.nobody':
    'The app sends your data to nobody else: only between this device and the association’s server.',

  'privacy.where.title': 'Where it is stored',
  'privacy.where.text':
    'On this device and on the association’s server. The device holds only the data of the people signed in here.',
  'privacy.signOut':
    'When you sign out, the device deletes your data. Anything not yet at the server is sent first and then deleted from the device.',
  'privacy.lock':
    'When nobody uses the device for a while, the screen locks. Then none of your data can be seen until you enter your PIN. You choose how long under “Text size and language”.',

  'privacy.howLong.title': 'How long',
  'privacy.howLong.intro': 'The server deletes by itself:',
  'privacy.howLong.about': ' (about {months} months)',
  'privacy.howLong.notes': 'Notes after {days} days{about}.',
  'privacy.howLong.entries':
    'Entries after {days} days{about}. Then only the number for the statistics stays, without names or notes.',
  'privacy.howLong.routes':
    'The routes of walks after {days} days{about}. This device then deletes them too, once it is connected to the server again. The length of the route stays.',
  'privacy.howLong.partners': 'Call partners whose calls have ended, after {days} days{about}.',
  'privacy.howLong.history': 'Earlier versions of changed entries after {days} days.',
  'privacy.howLong.operator':
    'These are the standard periods. The association can change them; ask which ones apply.',
  'privacy.howLong.inForce':
    'These periods apply here: the association’s server told this device so the last time it was connected.',

  'privacy.rights.title': 'Your rights',
  'privacy.rights.text':
    'You may ask what is stored about you. You may ask for wrong data to be corrected and for your data to be deleted. You may complain to the data protection authority.',

  'privacy.contact.title': 'Whom to contact',
  'privacy.contact.owner': 'Responsible: [name and address of the association]',
  'privacy.contact.dpo': 'Data protection officer: [contact]',
  'privacy.contact.authority': 'Supervisory authority: [name and address of the authority]',
  'privacy.contact.shop': 'You can also ask at the neighbourhood office: {name}, {address}.',
};
