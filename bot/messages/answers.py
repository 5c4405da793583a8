"""Texts of the answerer (questions in channels, DMs, `/samverkan fråga`) and of documents."""

MESSAGES = {
    "answers.and": {"sv": "och", "en": "and"},
    "answers.source": {"sv": "Källa: {source}", "en": "Source: {source}"},
    "answers.see_also": {"sv": "Se även: {sources}", "en": "See also: {sources}"},
    "answers.source.registry": {
        "sv": "registret för {network}, som det ser ut nu",
        "en": "the registry of {network}, as it is now",
    },
    "answers.source.calendar": {
        "sv": "kalendern för {network}",
        "en": "the calendar of {network}",
    },
    "answers.ask_coordinators": {
        "sv": "Fråga gärna nätverkets samordnare: {people}.",
        "en": "You could ask the network's coordinators: {people}.",
    },
    # contacts
    "answers.contact.party_area": {
        "sv": "Kontaktperson för {party} i {area} är {person}.",
        "en": "The contact for {party} in {area} is {person}.",
    },
    "answers.contact.party_area_none": {
        "sv": "{party} deltar i {area}, men ingen kontaktperson är registrerad för området.",
        "en": "{party} takes part in {area}, but no contact person is registered for it.",
    },
    "answers.contact.not_in_area": {
        "sv": "{party} deltar inte i {area} just nu, så det finns ingen kontaktperson där.",
        "en": "{party} does not take part in {area} at the moment, so it has no contact there.",
    },
    "answers.contact.people_of_party": {
        "sv": "Registrerade personer för {party}:",
        "en": "People registered for {party}:",
    },
    "answers.contact.no_people": {
        "sv": "Det finns ingen person registrerad för {party} ännu, så jag kan inte säga vem som är kontakt.",
        "en": "No one is registered for {party} yet, so I can't tell who the contact is.",
    },
    "answers.contact.party": {
        "sv": "Kontaktpersoner för {party}:",
        "en": "Contacts for {party}:",
    },
    "answers.contact.per_area": {
        "sv": "Kontakt per fokusområde:",
        "en": "Contact per focus area:",
    },
    "answers.contact.area": {
        "sv": "Kontaktpersoner i {area}:",
        "en": "Contacts in {area}:",
    },
    "answers.contact.none_short": {
        "sv": "ingen kontaktperson registrerad",
        "en": "no contact registered",
    },
    "answers.person.leads": {"sv": "Leder {areas}.", "en": "Leads {areas}."},
    # leads
    "answers.lead.is": {"sv": "{area} leds av {person}.", "en": "{area} is led by {person}."},
    "answers.lead.none": {
        "sv": "Ingen ledare är registrerad för {area}.",
        "en": "No lead is registered for {area}.",
    },
    "answers.lead.network": {
        "sv": "{network} samordnas av:",
        "en": "{network} is coordinated by:",
    },
    # participation
    "answers.members.area": {
        "sv": "I {area} deltar {count} kommuner: {parties}.",
        "en": "{count} municipalities take part in {area}: {parties}.",
        "sv_one": "I {area} deltar {count} kommun: {parties}.",
        "en_one": "{count} municipality takes part in {area}: {parties}.",
    },
    "answers.members.others": {
        "sv": "Dessutom deltar {parties}.",
        "en": "{parties} also take part.",
    },
    "answers.members.none": {
        "sv": "Ingen deltar i {area} ännu.",
        "en": "No one takes part in {area} yet.",
    },
    "answers.members.network": {
        "sv": "{network} har {count} kommuner: {parties}.",
        "en": "{network} has {count} municipalities: {parties}.",
        "sv_one": "{network} har {count} kommun: {parties}.",
        "en_one": "{network} has {count} municipality: {parties}.",
    },
    "answers.areas_of.none": {
        "sv": "{party} deltar inte i något fokusområde just nu.",
        "en": "{party} does not take part in any focus area at the moment.",
    },
    "answers.areas_of.some": {
        "sv": "{party} deltar i {count} fokusområden:",
        "en": "{party} takes part in {count} focus areas:",
    },
    "answers.areas_of.line": {"sv": "• {area} (sedan {since})", "en": "• {area} (since {since})"},
    "answers.membership.yes": {
        "sv": "Ja, {party} deltar i {area} sedan {since}.",
        "en": "Yes, {party} has taken part in {area} since {since}.",
    },
    "answers.membership.no": {
        "sv": "Nej, {party} deltar inte i {area} just nu.",
        "en": "No, {party} does not take part in {area} at the moment.",
    },
    "answers.membership.contact": {"sv": "Kontaktperson: {person}.", "en": "Contact: {person}."},
    "answers.outside.area": {
        "sv": "{count} kommuner deltar inte i {area}: {parties}.",
        "en": "{count} municipalities do not take part in {area}: {parties}.",
        "sv_one": "{count} kommun deltar inte i {area}: {parties}.",
        "en_one": "{count} municipality does not take part in {area}: {parties}.",
    },
    "answers.outside.network": {
        "sv": "{count} kommuner deltar inte i något fokusområde just nu: {parties}.",
        "en": "{count} municipalities take part in no focus area at the moment: {parties}.",
        "sv_one": "{count} kommun deltar inte i något fokusområde just nu: {parties}.",
        "en_one": "{count} municipality takes part in no focus area at the moment: {parties}.",
    },
    "answers.outside.none_area": {
        "sv": "Alla kommuner deltar i {area}.",
        "en": "Every municipality takes part in {area}.",
    },
    "answers.outside.none": {
        "sv": "Alla kommuner deltar i minst ett fokusområde.",
        "en": "Every municipality takes part in at least one focus area.",
    },
    "answers.network.valid": {
        "sv": "Överenskommelsen gäller från {start} till {end}.",
        "en": "The agreement is valid from {start} to {end}.",
    },
    "answers.network.size": {
        "sv": "I nätverket finns {municipalities} kommuner och {areas} aktiva fokusområden.",
        "en": "The network has {municipalities} municipalities and {areas} active focus areas.",
    },
    "answers.thanks": {
        "sv": "Varsågod! Fråga gärna igen om du undrar något mer.",
        "en": "You're welcome! Ask again any time.",
    },
    "answers.areas.none": {
        "sv": "Nätverket har inga fokusområden ännu.",
        "en": "The network has no focus areas yet.",
    },
    "answers.areas.some": {
        "sv": "{network} har {count} fokusområden:",
        "en": "{network} has {count} focus areas:",
    },
    "answers.areas.line": {
        "sv": "• {area} – {count} deltagare",
        "en": "• {area} – {count} taking part",
    },
    # counts
    "answers.count.area": {
        "sv": "{count} kommuner deltar i {area}",
        "en": "{count} municipalities take part in {area}",
        "sv_one": "{count} kommun deltar i {area}",
        "en_one": "{count} municipality takes part in {area}",
    },
    "answers.count.area_parties": {
        "sv": "{count} parter deltar i {area}",
        "en": "{count} parties take part in {area}",
    },
    "answers.count.party_areas": {
        "sv": "{party} deltar i {count} fokusområden.",
        "en": "{party} takes part in {count} focus areas.",
    },
    "answers.count.areas": {
        "sv": "Nätverket har {count} aktiva fokusområden.",
        "en": "The network has {count} active focus areas.",
    },
    "answers.count.parties": {
        "sv": "{network} har {count} parter.",
        "en": "{network} has {count} parties.",
    },
    "answers.count.municipalities": {
        "sv": "{count} kommuner deltar i {network}.",
        "en": "{count} municipalities take part in {network}.",
    },
    # commitments
    "answers.commitments.party": {
        "sv": "{who} har åtagit sig att:",
        "en": "{who} has committed to (quoted in Swedish):",
    },
    "answers.commitments.as_municipality": {
        "sv": "(Åtagandena gäller alla deltagande kommuner, även {party}.)",
        "en": "(These bind every participating municipality, {party} included.)",
    },
    "answers.commitments.all": {
        "sv": "Parternas åtaganden enligt överenskommelsen:",
        "en": "The parties' commitments under the agreement (quoted in Swedish):",
    },
    "answers.commitments.none": {
        "sv": "Jag hittar inga åtaganden registrerade för {who}.",
        "en": "I find no commitments registered for {who}.",
    },
    "answers.commitments.none_at_all": {
        "sv": "Jag hittar inga åtaganden registrerade för nätverket.",
        "en": "I find no commitments registered for the network.",
    },
    # events
    "answers.events.kind.forum": {"sv": "Nästa forum", "en": "The next forum"},
    "answers.events.kind.evaluation": {"sv": "Nästa utvärdering", "en": "The next evaluation"},
    "answers.events.kind.deadline": {"sv": "Nästa deadline", "en": "The next deadline"},
    "answers.events.kind.council": {"sv": "Nästa rådsmöte", "en": "The next council meeting"},
    "answers.events.kind.meeting": {"sv": "Nästa möte", "en": "The next meeting"},
    "answers.events.kind.milestone": {"sv": "Nästa milstolpe", "en": "The next milestone"},
    "answers.events.kind.any": {"sv": "Nästa händelse", "en": "The next event"},
    "answers.events.plural.forum": {"sv": "forum", "en": "forums"},
    "answers.events.plural.evaluation": {"sv": "utvärderingar", "en": "evaluations"},
    "answers.events.plural.deadline": {"sv": "deadlines", "en": "deadlines"},
    "answers.events.plural.council": {"sv": "rådsmöten", "en": "council meetings"},
    "answers.events.plural.meeting": {"sv": "möten", "en": "meetings"},
    "answers.events.plural.milestone": {"sv": "milstolpar", "en": "milestones"},
    "answers.events.plural.any": {"sv": "händelser", "en": "events"},
    "answers.events.for_area": {"sv": " för {area}", "en": " for {area}"},
    "answers.events.for_party": {"sv": " för {party}", "en": " for {party}"},
    "answers.events.whole_network": {"sv": "hela nätverket", "en": "whole network"},
    "answers.events.next": {"sv": "{what}{scope} är {event}.", "en": "{what}{scope} is {event}."},
    "answers.events.after": {"sv": "Därefter:", "en": "After that:"},
    "answers.events.none": {
        "sv": "Jag hittar inga kommande {plural}{scope} i kalendern.",
        "en": "I find no upcoming {plural}{scope} in the calendar.",
    },
    "answers.events.in_month": {
        "sv": "Planerade {plural}{scope} i {month}:",
        "en": "Planned {plural}{scope} in {month}:",
    },
    "answers.events.none_in_month": {
        "sv": "Jag hittar inga planerade {plural}{scope} i {month} i kalendern.",
        "en": "I find no planned {plural}{scope} in {month} in the calendar.",
    },
    "answers.events.network_instead": {
        "sv": "Närmast för hela nätverket: {event}",
        "en": "The next one for the whole network: {event}",
    },
    # documents
    "answers.doc.says": {
        "sv": "Så här står det i {section}:",
        "en": "This is what {section} says (in Swedish):",
    },
    "answers.doc.registry_says": {
        "sv": "Så här står det i registret:",
        "en": "This is what the registry says (in Swedish):",
    },
    "answers.doc.fact": {
        "sv": "Kort sagt: {fact}. Så här står det i {section}:",
        "en": "In short: {fact}. This is what {section} says (in Swedish):",
    },
    "answers.doc.party_says": {
        "sv": "Enligt {section} åtar sig {party}:",
        "en": "According to {section}, this is a commitment of {party} (quoted in Swedish):",
    },
    "answers.doc.party_answers": {
        "sv": "{party}, enligt {section}:",
        "en": "{party}, according to {section}, which says (in Swedish):",
    },
    "answers.doc.guess": {
        "sv": "Jag är inte helt säker på att jag förstod frågan, men det här i {section} verkar mest relevant:",
        "en": "I'm not quite sure I understood, but this in {section} looks most relevant (in Swedish):",
    },
    # help and honesty
    "answers.help": {
        "sv": (
            "Hej! Jag svarar på frågor om samverkan, till exempel:\n"
            "• *Kontakter*: ”Vem är kontaktperson för {party}?” ”Vem är {party_genitive} kontakt i {area}?”\n"
            "• *Fokusområden*: ”Vilka kommuner är med i {area}?” ”Vilka områden deltar {party} i?” ”Vem leder {area}?”\n"
            "• *Åtaganden*: ”Vad har regionen åtagit sig?”\n"
            "• *Överenskommelsen*: ”Vad är syftet med överenskommelsen?” ”Hur länge gäller den?”\n"
            "• *Kalendern*: ”När är nästa forum?” ”När är nästa deadline?”\n"
            "• *Antal*: ”Hur många kommuner deltar i {area}?”\n"
            "Du kan också skriva `/samverkan hjälp` för kommandona."
        ),
        "en": (
            "Hi! I answer questions about the cooperation, for example:\n"
            "• *Contacts*: “Who is the contact for {party}?” “Who is {party_genitive}'s contact in {area}?”\n"
            "• *Focus areas*: “Which municipalities are in {area}?” “Which areas is {party} in?” “Who leads {area}?”\n"
            "• *Commitments*: “What has the region committed to?”\n"
            "• *The agreement*: “What is the purpose of the agreement?” “How long is it valid?”\n"
            "• *The calendar*: “When is the next forum?” “When is the next deadline?”\n"
            "• *Counts*: “How many municipalities take part in {area}?”\n"
            "Type `/samverkan help` for the commands."
        ),
    },
    "answers.unknown.question": {
        "sv": "Det vet jag tyvärr inte – jag är inte säker på vad du frågar efter, och jag vill inte gissa.",
        "en": "I'm sorry, I don't know – I'm not sure what you are asking, and I'd rather not guess.",
    },
    "answers.unknown.name": {
        "sv": "Det vet jag inte: jag hittar ingen kommun, organisation, inget fokusområde och ingen person som heter ”{name}” i nätverket.",
        "en": "I don't know: I find no municipality, organisation, focus area or person called “{name}” in the network.",
    },
    "answers.unknown.did_you_mean": {"sv": "Menade du {options}?", "en": "Did you mean {options}?"},
    "answers.unknown.can_answer": {
        "sv": "Jag kan svara på vem som är kontakt för en kommun eller ett område, vilka som deltar i ett fokusområde, vem som leder det, vad parterna har åtagit sig, vad överenskommelsen säger om till exempel syfte, giltighet och process, och när nästa forum, utvärdering eller deadline är.",
        "en": "I can answer who the contact is for a municipality or an area, who takes part in a focus area, who leads it, what the parties have committed to, what the agreement says about, for example, its purpose, validity and process, and when the next forum, evaluation or deadline is.",
    },
    "answers.ambiguous": {
        "sv": "Flera i registret heter ”{name}”. Vem menar du?",
        "en": "More than one in the registry is called “{name}”. Which one do you mean?",
    },
    "answers.members.kind": {
        "sv": "{kind} i {network}: {parties}.",
        "en": "{kind} in {network}: {parties}.",
    },
    "answers.members.kind_none": {
        "sv": "Det finns inga {kind} i registret för {network}.",
        "en": "There are no {kind} in the registry of {network}.",
    },
    "answers.kind.region": {"sv": "regioner", "en": "regions"},
    "answers.kind.association": {"sv": "förbund", "en": "associations"},
    "answers.kind.university": {"sv": "lärosäten", "en": "universities"},
    "answers.kind.independent_school": {"sv": "fristående skolor", "en": "independent schools"},
    "answers.kind.other": {"sv": "övriga", "en": "other"},
    "answers.refuse.amount": {
        "sv": "Det vet jag inte: varken registret eller nätverkets dokument anger några kostnader, priser eller budgetar.",
        "en": "I don't know: neither the registry nor the network's documents state any costs, prices or budgets.",
    },
    "answers.refuse.count": {
        "sv": "Det vet jag inte: registret räknar parter, fokusområden och deltagare, och inget av nätverkets dokument anger det antal du frågar efter.",
        "en": "I don't know: the registry counts parties, focus areas and participants, and none of the network's documents states the number you ask for.",
    },
    "answers.refuse.other_network": {
        "sv": "Det vet jag inte här: ”{name}” hör till {other}, inte till {network}, som jag svarar om i den här arbetsytan.",
        "en": "I don't know that here: “{name}” belongs to {other}, not to {network}, which is the network I answer about in this workspace.",
    },
    "answers.refuse.unknown_name": {
        "sv": "Det vet jag inte: ”{name}” finns inte i registret för {network}, så jag har inga uppgifter om det.",
        "en": "I don't know: “{name}” is not in the registry of {network}, so I have nothing on it.",
    },
    "answers.network.member": {
        "sv": "Ja, {party} är part i {network}.",
        "en": "Yes, {party} is a party to {network}.",
    },
    "answers.network.member_areas": {
        "sv": "Den deltar i {areas}.",
        "en": "It takes part in {areas}.",
    },
    "answers.network.member_no_areas": {
        "sv": "Den deltar ännu inte i något fokusområde.",
        "en": "It takes part in no focus area yet.",
    },
    "answers.history.left": {
        "sv": "De som har lämnat ett fokusområde ({scope}):",
        "en": "Those who have stepped out of a focus area ({scope}):",
    },
    "answers.history.left_line": {
        "sv": "{party} lämnade {area} den {left} (med sedan {joined})",
        "en": "{party} left {area} on {left} (in since {joined})",
    },
    "answers.history.none_left": {
        "sv": "Enligt registret har ingen lämnat ett fokusområde ({scope}).",
        "en": "According to the registry, no one has stepped out of a focus area ({scope}).",
    },
    "answers.history.recent": {
        "sv": "De senaste som gick med i ett fokusområde:",
        "en": "The latest to join a focus area:",
    },
    "answers.history.joined_line": {
        "sv": "{party} gick med i {area} den {joined}",
        "en": "{party} joined {area} on {joined}",
    },
    "answers.history.joined_line_left": {
        "sv": "{party} gick med i {area} den {joined} (lämnade den {left})",
        "en": "{party} joined {area} on {joined} (left on {left})",
    },
    "answers.person.no_phone": {
        "sv": "Inget telefonnummer är registrerat för {name}.",
        "en": "There is no phone number registered for {name}.",
    },
    "answers.failed": {
        "sv": "Något gick fel när jag skulle svara. Försök igen om en liten stund.",
        "en": "Something went wrong while I was answering. Please try again shortly.",
    },
    # /samverkan fråga
    "help.ask": {
        "sv": "`fråga &lt;fråga&gt;` – ställ en fråga, t.ex. `fråga vem är kontakt för Sala?`",
        "en": "`ask &lt;question&gt;` – ask a question, e.g. `ask who is the contact for Sala?`",
    },
    "ask.usage": {
        "sv": "Skriv din fråga efter ordet, till exempel `/samverkan fråga När är nästa forum?`",
        "en": "Type your question after the word, for example `/samverkan ask When is the next forum?`",
    },
    "ask.question": {"sv": "Fråga: {question}", "en": "Question: {question}"},
    # documents shared with the bot
    "docs.added": {
        "sv": "Tack! Jag har lagt till ”{title}” ({sections} avsnitt) och kan nu svara på frågor om den.",
        "en": "Thanks! I have added “{title}” ({sections} sections) and can now answer questions about it.",
    },
    "docs.unchanged": {
        "sv": "”{title}” finns redan, med samma innehåll. Inget ändrades.",
        "en": "“{title}” is already there, with the same content. Nothing changed.",
    },
    "docs.refused": {
        "sv": "Bara samordnare kan lägga till dokument. Kontakta nätverkets samordnare om dokumentet ska med.",
        "en": "Only coordinators can add documents. Contact the network's coordinators if it should be added.",
    },
    "docs.unsupported": {
        "sv": "Jag kan bara läsa in text-, Markdown- och PDF-filer, inte ”{name}”.",
        "en": "I can only read text, Markdown and PDF files, not “{name}”.",
    },
    "docs.too_large": {
        "sv": "Filen ”{name}” är för stor (högst {limit} MB).",
        "en": "The file “{name}” is too large (at most {limit} MB).",
    },
    "docs.failed": {
        "sv": "Jag kunde inte läsa in ”{name}”: {reason}. Inget ändrades.",
        "en": "I could not read “{name}”: {reason}. Nothing changed.",
    },
}
