"""Texts of the registry commands: areas, participation, people, commitments."""

MESSAGES = {
    "help.help": {"sv": "`hjälp` – visa den här hjälpen", "en": "`help` – show this help"},
    "help.areas": {"sv": "`områden` – alla fokusområden", "en": "`areas` – all focus areas"},
    "help.area": {
        "sv": "`område &lt;namn&gt;` – ett fokusområde: deltagare, kontakter, ledare",
        "en": "`area &lt;name&gt;` – one focus area: participants, contacts, lead",
    },
    "help.join": {
        "sv": "`gå-med &lt;område&gt; [kommun]` – gå med i ett fokusområde",
        "en": "`join &lt;area&gt; [municipality]` – join a focus area",
    },
    "help.leave": {
        "sv": "`lämna &lt;område&gt; [kommun]` – lämna ett fokusområde",
        "en": "`leave &lt;area&gt; [municipality]` – leave a focus area",
    },
    "help.who": {
        "sv": "`vem &lt;kommun|område|namn&gt;` – vem är kontakt för vad",
        "en": "`who &lt;municipality|area|name&gt;` – who is the contact for what",
    },
    "help.commitments": {
        "sv": "`åtaganden [part]` – vad parterna har åtagit sig",
        "en": "`commitments [party]` – what the parties have committed to",
    },
    "areas.title": {"sv": "Fokusområden – {network}", "en": "Focus areas – {network}"},
    "areas.none": {
        "sv": "Nätverket har inga fokusområden ännu. Samordnare skapar dem med `/samverkan område ny`.",
        "en": "The network has no focus areas yet. Coordinators create them with `/samverkan area new`.",
    },
    "areas.line": {
        "sv": "*{name}* – {count} deltagare{mine}{example}",
        "en": "*{name}* – {count} participants{mine}{example}",
    },
    "areas.mine": {"sv": " · _ni deltar_", "en": " · _you take part_"},
    "areas.example": {"sv": " · _exempel_", "en": " · _example_"},
    "areas.footer": {
        "sv": "Mer om ett område: `/samverkan område &lt;namn&gt;`. Gå med: `/samverkan gå-med &lt;område&gt;`.",
        "en": "More about an area: `/samverkan area &lt;name&gt;`. Join: `/samverkan join &lt;area&gt;`.",
    },
    "area.lead": {"sv": "*Ledare:* {lead}", "en": "*Lead:* {lead}"},
    "area.channel": {"sv": "*Kanal:* <#{channel}>", "en": "*Channel:* <#{channel}>"},
    "area.archived": {"sv": "_Arkiverat område_", "en": "_Archived area_"},
    "area.example": {
        "sv": "_Exempelområde – samordnarna kan byta namn på eller ta bort det._",
        "en": "_Example area – the coordinators may rename or remove it._",
    },
    "area.participants": {"sv": "*Deltagare ({count})*", "en": "*Participants ({count})*"},
    "area.no_participants": {
        "sv": "Ingen part deltar ännu. Gå med: `/samverkan gå-med {slug}`",
        "en": "No party takes part yet. Join: `/samverkan join {slug}`",
    },
    "area.participant_line": {
        "sv": "• {party} – sedan {since}{contact}",
        "en": "• {party} – since {since}{contact}",
    },
    "area.contact_suffix": {"sv": " · kontakt: {contact}", "en": " · contact: {contact}"},
    "join.done": {
        "sv": "✅ *{party}* deltar nu i *{area}*.",
        "en": "✅ *{party}* now takes part in *{area}*.",
    },
    "join.already": {
        "sv": "*{party}* deltar redan i *{area}* (sedan {since}). Inget ändrades.",
        "en": "*{party}* already takes part in *{area}* (since {since}). Nothing changed.",
    },
    "join.usage": {
        "sv": "Skriv vilket område: `/samverkan gå-med &lt;område&gt; [kommun]`, t.ex. `/samverkan gå-med lärarförsörjning`.",
        "en": "Say which area: `/samverkan join &lt;area&gt; [municipality]`, e.g. `/samverkan join lararforsorjning`.",
    },
    "join.archived": {
        "sv": "*{area}* är arkiverat; det går inte att gå med i det.",
        "en": "*{area}* is archived; it cannot be joined.",
    },
    "leave.done": {
        "sv": "*{party}* har lämnat *{area}*. Historiken finns kvar.",
        "en": "*{party}* has left *{area}*. The history is kept.",
    },
    "leave.not_member": {
        "sv": "*{party}* deltar inte i *{area}*. Inget ändrades.",
        "en": "*{party}* does not take part in *{area}*. Nothing changed.",
    },
    "leave.usage": {
        "sv": "Skriv vilket område: `/samverkan lämna &lt;område&gt; [kommun]`.",
        "en": "Say which area: `/samverkan leave &lt;area&gt; [municipality]`.",
    },
    "refused.no_party": {
        "sv": "Du är inte kopplad till någon kommun i registret, så jag vet inte för vem du vill göra det. Be en samordnare koppla dig, eller ange kommunen.",
        "en": "You are not linked to a municipality in the registry, so I don't know for whom you want to do this. Ask a coordinator to link you, or name the municipality.",
    },
    "refused.other_party": {
        "sv": "Du kan bara ändra deltagande för {own}. För {party} kan skolchefen där eller en samordnare göra det.",
        "en": "You can only change participation for {own}. For {party}, its school chief or a coordinator can do it.",
    },
    "refused.not_school_chief": {
        "sv": "Bara skolchefer (för sin egen kommun) och samordnare kan ändra deltagande. Fråga din skolchef eller en samordnare.",
        "en": "Only school chiefs (for their own municipality) and coordinators can change participation. Ask your school chief or a coordinator.",
    },
    "who.usage": {
        "sv": "Skriv vem eller vad: `/samverkan vem &lt;kommun|område|namn&gt;`, t.ex. `/samverkan vem sala`.",
        "en": "Say who or what: `/samverkan who &lt;municipality|area|name&gt;`, e.g. `/samverkan who sala`.",
    },
    "who.party_title": {"sv": "Kontakter – {party}", "en": "Contacts – {party}"},
    "who.no_people": {
        "sv": "Inga personer är registrerade för {party} ännu.",
        "en": "No people are registered for {party} yet.",
    },
    "who.party_areas": {"sv": "*Deltar i:* {areas}", "en": "*Takes part in:* {areas}"},
    "who.party_no_areas": {
        "sv": "{party} deltar inte i något fokusområde ännu.",
        "en": "{party} does not take part in any focus area yet.",
    },
    "who.area_title": {"sv": "Kontakter – {area}", "en": "Contacts – {area}"},
    "who.area_contact_line": {"sv": "• {party}: {contact}", "en": "• {party}: {contact}"},
    "who.no_contact": {"sv": "_ingen kontakt angiven_", "en": "_no contact given_"},
    "who.person_title": {"sv": "{name}", "en": "{name}"},
    "role.school_chief": {"sv": "skolchef", "en": "school chief"},
    "role.chair": {"sv": "ordförande", "en": "chair"},
    "role.coordinator": {"sv": "samordnare", "en": "coordinator"},
    "role.contact": {"sv": "kontaktperson", "en": "contact"},
    "role.member": {"sv": "deltagare", "en": "member"},
    "commitments.title": {"sv": "Åtaganden – {network}", "en": "Commitments – {network}"},
    "commitments.title_party": {"sv": "Åtaganden – {party}", "en": "Commitments – {party}"},
    "commitments.none": {
        "sv": "Inga åtaganden är registrerade för {party}.",
        "en": "No commitments are registered for {party}.",
    },
    "commitments.group": {"sv": "*{who} åtar sig att:*", "en": "*{who} commit to:*"},
    "commitments.source": {"sv": "Källa: {source}, {section}", "en": "Source: {source}, {section}"},
    "kind.municipality": {"sv": "Deltagande kommuner", "en": "Participating municipalities"},
    "kind.region": {"sv": "Regionen", "en": "The region"},
    "kind.association": {"sv": "SKR", "en": "SKR"},
    "kind.university": {"sv": "Lärosäten", "en": "Universities"},
    "kind.independent_school": {"sv": "Fristående skolor", "en": "Independent schools"},
    "kind.other": {"sv": "Övriga parter", "en": "Other parties"},
}
