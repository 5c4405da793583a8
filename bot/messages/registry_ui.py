"""Texts of the registry's forms, App Home, approvals, history, people, areas and export."""

MESSAGES = {
    # ------------------------------------------------------------------ help
    "help.register": {
        "sv": "`registrera` – be att bli tillagd i registret",
        "en": "`register` – ask to be added to the registry",
    },
    "help.history": {
        "sv": "`historik [område|kommun]` – vem gick med i eller lämnade vad, och när",
        "en": "`history [area|municipality]` – who joined or left what, and when",
    },
    "help.person": {
        "sv": "`person ny|ändra|ta-bort|roll &lt;namn&gt;` – personer och roller (samordnare)",
        "en": "`person new|edit|remove|role &lt;name&gt;` – people and roles (coordinators)",
    },
    "help.export": {
        "sv": "`export` – registret som CSV i ett DM (samordnare)",
        "en": "`export` – the registry as CSV in a DM (coordinators)",
    },
    "what.party_or_area": {
        "sv": "ingen kommun, organisation eller inget fokusområde",
        "en": "no municipality, organisation or focus area",
    },
    # ------------------------------------------------------------------ forms, shared
    "form.save": {"sv": "Spara", "en": "Save"},
    "form.cancel": {"sv": "Avbryt", "en": "Cancel"},
    "form.close": {"sv": "Stäng", "en": "Close"},
    "form.name": {"sv": "Namn", "en": "Name"},
    "form.title": {"sv": "Titel", "en": "Title"},
    "form.title_placeholder": {"sv": "t.ex. förvaltningschef", "en": "e.g. head of education"},
    "form.party_placeholder": {"sv": "Välj kommun eller organisation", "en": "Choose a party"},
    "form.party_type": {"sv": "Skriv kommunens namn", "en": "Type the municipality's name"},
    "form.party_type_hint": {
        "sv": "Stavningen behöver inte vara exakt: ”vasteras” hittar Västerås stad.",
        "en": "The spelling need not be exact: “vasteras” finds Västerås stad.",
    },
    "form.refused_title": {"sv": "Inte tillåtet", "en": "Not allowed"},
    "form.error_required": {"sv": "Fyll i det här fältet.", "en": "Please fill in this field."},
    "form.error_too_long": {
        "sv": "Högst {limit} tecken.",
        "en": "At most {limit} characters.",
    },
    "form.error_party_unknown": {
        "sv": "Den parten finns inte i nätverket.",
        "en": "That party is not in the network.",
    },
    "form.error_party_ambiguous": {
        "sv": "Flera passar: {options}. Skriv mer av namnet.",
        "en": "Several match: {options}. Type more of the name.",
    },
    "form.error_party_none": {
        "sv": "Jag hittar ingen kommun eller organisation som heter ”{query}”.",
        "en": "I found no municipality or organisation called “{query}”.",
    },
    "field.name": {"sv": "namn", "en": "name"},
    "field.title": {"sv": "titel", "en": "title"},
    "field.email": {"sv": "e-post", "en": "e-mail"},
    "field.phone": {"sv": "telefon", "en": "phone"},
    "field.slack_user_id": {"sv": "Slack-konto", "en": "Slack account"},
    "field.party_id": {"sv": "part", "en": "party"},
    "field.active": {"sv": "aktiv", "en": "active"},
    "field.roles": {"sv": "roller", "en": "roles"},
    "field.description": {"sv": "beskrivning", "en": "description"},
    "field.lead": {"sv": "ledare", "en": "lead"},
    "field.channel": {"sv": "kanal", "en": "channel"},
    # ------------------------------------------------------------------ join form
    "join_form.title": {"sv": "Fokusområden", "en": "Focus areas"},
    "join_form.party": {"sv": "Kommun eller organisation", "en": "Municipality or organisation"},
    "join_form.party_fixed": {"sv": "*Deltagande för:* {party}", "en": "*Taking part:* {party}"},
    "join_form.areas": {"sv": "Fokusområden ni deltar i", "en": "Focus areas you take part in"},
    "join_form.areas_placeholder": {"sv": "Välj fokusområden", "en": "Choose focus areas"},
    "join_form.areas_hint": {
        "sv": "De ni redan deltar i är förvalda. Ta bort ett för att lämna det; historiken sparas.",
        "en": "The ones you already take part in are selected. Remove one to leave it; the history is kept.",
    },
    "join_form.no_areas": {
        "sv": "Nätverket har inga aktiva fokusområden ännu.",
        "en": "The network has no active focus areas yet.",
    },
    "join_form.contact": {"sv": "Kontaktperson", "en": "Contact person"},
    "join_form.contact_hint": {
        "sv": "Valfritt. Personen behöver finnas i registret.",
        "en": "Optional. The person must be in the registry.",
    },
    "join_form.note": {"sv": "Vad ni åtar er", "en": "What you commit"},
    "join_form.note_hint": {
        "sv": "Enligt §5: tid, mandat och personer ni avsätter.",
        "en": "As in §5: time, mandate and people you set aside.",
    },
    "join_form.commitments_intro": {
        "sv": "_Överenskommelsens åtaganden för er:_",
        "en": "_The agreement's commitments for you:_",
    },
    "join_form.no_parties": {
        "sv": "Nätverket har inga parter ännu.",
        "en": "The network has no parties yet.",
    },
    "join_form.error_area": {
        "sv": "Ett av områdena finns inte (längre) bland de aktiva.",
        "en": "One of the areas is not (or no longer) active.",
    },
    "join_form.error_contact_unknown": {
        "sv": "Den personen finns inte i registret. Be en samordnare lägga till hen först.",
        "en": "That person is not in the registry. Ask a coordinator to add them first.",
    },
    "join_form.done_title": {"sv": "Sparat", "en": "Saved"},
    "join_form.done_intro": {"sv": "*{party}:*", "en": "*{party}:*"},
    "join_form.joined": {"sv": "✅ gick med i *{area}*", "en": "✅ joined *{area}*"},
    "join_form.left": {
        "sv": "↩️ lämnade *{area}* (historiken finns kvar)",
        "en": "↩️ left *{area}* (the history is kept)",
    },
    "join_form.updated": {
        "sv": "✏️ ny kontakt eller anteckning för *{area}*",
        "en": "✏️ new contact or note for *{area}*",
    },
    "join_form.nothing_changed": {
        "sv": "Inget ändrades för *{party}*.",
        "en": "Nothing changed for *{party}*.",
    },
    # ------------------------------------------------------------------ registration
    "register_form.title": {"sv": "Registrera dig", "en": "Register"},
    "register_form.intro": {
        "sv": "Berätta vem du är. En samordnare godkänner och du får besked i ett DM.",
        "en": "Tell us who you are. A coordinator approves and you hear back in a DM.",
    },
    "register_form.party": {"sv": "Din kommun eller organisation", "en": "Your party"},
    "register_form.role": {"sv": "Din roll", "en": "Your role"},
    "register_form.submit": {"sv": "Skicka", "en": "Send"},
    "register_form.error_role": {
        "sv": "Välj en av rollerna i listan.",
        "en": "Choose one of the roles in the list.",
    },
    "register_form.error_party_kind": {
        "sv": "{party} kan inte ha rollen {role}. En skolchef företräder en kommun eller en fristående huvudman: välj en av dem, eller en annan roll.",
        "en": "{party} cannot have the role {role}. A school chief represents a municipality or an independent school organiser: choose one of those, or another role.",
    },
    "register_form.sent_title": {"sv": "Skickat", "en": "Sent"},
    "register_form.sent": {
        "sv": "Tack! Samordnarna har fått din förfrågan; du får besked i ett DM.",
        "en": "Thank you! The coordinators have your request; you will hear back in a DM.",
    },
    "register.already": {
        "sv": "Du finns redan i registret ({party}). Be en samordnare om du behöver ändra något.",
        "en": "You are already in the registry ({party}). Ask a coordinator if something needs changing.",
    },
    "register.pending": {
        "sv": "Din förfrågan väntar redan på en samordnare. Du får besked i ett DM.",
        "en": "Your request is already waiting for a coordinator. You will hear back in a DM.",
    },
    "register.console": {
        "sv": "Registrering görs i ett formulär i Slack.",
        "en": "Registration is a form in Slack.",
    },
    "approval.request": {
        "sv": "*Ny registrering:* <@{user}> – {name}{title}\n*Part:* {party} · *Roll:* {role}",
        "en": "*New registration:* <@{user}> – {name}{title}\n*Party:* {party} · *Role:* {role}",
    },
    "approval.no_party": {"sv": "_ingen angiven_", "en": "_none given_"},
    "approval.approve": {"sv": "Godkänn", "en": "Approve"},
    "approval.reject": {"sv": "Avslå", "en": "Reject"},
    "approval.approved_by": {
        "sv": "✅ Godkänd av <@{user}> {when}",
        "en": "✅ Approved by <@{user}> on {when}",
    },
    "approval.rejected_by": {
        "sv": "❌ Avslagen av <@{user}> {when}",
        "en": "❌ Rejected by <@{user}> on {when}",
    },
    "approval.not_found": {
        "sv": "Jag hittar inte den registreringen.",
        "en": "I can't find that registration.",
    },
    "approval.already_approved": {
        "sv": "Tack! {name} är redan godkänd av <@{user}> {when}, så du behöver inte göra något.",
        "en": "Thank you! <@{user}> already approved {name} on {when}, so there is nothing left to do.",
    },
    "approval.already_rejected": {
        "sv": "Tack! <@{user}> har redan avslagit registreringen från {name} {when}, så du behöver inte göra något.",
        "en": "Thank you! <@{user}> already rejected the registration from {name} on {when}, so there is nothing left to do.",
    },
    "approval.told_approved": {
        "sv": "✅ Välkommen! <@{user}> har godkänt dig i *{network}* ({party}). Skriv `/samverkan hjälp` för att komma igång.",
        "en": "✅ Welcome! <@{user}> has approved you in *{network}* ({party}). Type `/samverkan help` to get started.",
    },
    "approval.told_rejected": {
        "sv": "Din registrering i *{network}* godkändes inte. Hör av dig till <@{user}> om du har frågor.",
        "en": "Your registration in *{network}* was not approved. Contact <@{user}> if you have questions.",
    },
    # ------------------------------------------------------------------ people
    "person_form.title_new": {"sv": "Ny person", "en": "New person"},
    "person_form.title_edit": {"sv": "Ändra person", "en": "Edit person"},
    "person_form.user": {"sv": "Slack-konto", "en": "Slack account"},
    "person_form.user_hint": {
        "sv": "Kopplar personen till Slack, så att hen känns igen.",
        "en": "Links the person to Slack, so that they are recognised.",
    },
    "person_form.party": {"sv": "Kommun eller organisation", "en": "Municipality or organisation"},
    "person_form.roles": {"sv": "Roller", "en": "Roles"},
    "person_form.email": {"sv": "E-post", "en": "E-mail"},
    "person_form.phone": {"sv": "Telefon", "en": "Phone"},
    "person_form.error_email": {
        "sv": "Det ser inte ut som en e-postadress.",
        "en": "That does not look like an e-mail address.",
    },
    "person_form.error_phone": {
        "sv": "Skriv bara siffror, mellanslag, + och -.",
        "en": "Use only digits, spaces, + and -.",
    },
    "person_form.error_role": {"sv": "Okänd roll.", "en": "Unknown role."},
    "person_form.error_user_taken": {
        "sv": "Det Slack-kontot hör redan till {name}.",
        "en": "That Slack account already belongs to {name}.",
    },
    "person_form.done_title": {"sv": "Sparat", "en": "Saved"},
    "person_form.added": {
        "sv": "✅ *{name}* finns nu i registret.",
        "en": "✅ *{name}* is now in the registry.",
    },
    "person_form.changed": {
        "sv": "✏️ *{name}*: ändrade {fields}.",
        "en": "✏️ *{name}*: changed {fields}.",
    },
    "person_form.unchanged": {
        "sv": "Inget ändrades för *{name}*.",
        "en": "Nothing changed for *{name}*.",
    },
    "person_form.roles_now": {"sv": "Roller: {roles}", "en": "Roles: {roles}"},
    "person.usage": {
        "sv": "Personer och roller:\n• `/samverkan person ny [namn]` – lägg till (formulär)\n• `/samverkan person ändra &lt;namn&gt;` – ändra (formulär)\n• `/samverkan person roll &lt;namn&gt; +skolchef -kontakt` – ändra roller\n• `/samverkan person ta-bort &lt;namn&gt;` – ta bort ur registret",
        "en": "People and roles:\n• `/samverkan person new [name]` – add (form)\n• `/samverkan person edit &lt;name&gt;` – edit (form)\n• `/samverkan person role &lt;name&gt; +school-chief -contact` – change roles\n• `/samverkan person remove &lt;name&gt;` – remove from the registry",
    },
    "person.missing_arg": {"sv": "Vilken person menar du?", "en": "Which person do you mean?"},
    "person.not_in_registry": {
        "sv": "<@{user}> finns inte i registret.",
        "en": "<@{user}> is not in the registry.",
    },
    "person.not_found": {
        "sv": "Den personen finns inte (längre) i registret.",
        "en": "That person is not (or no longer) in the registry.",
    },
    "person.removed": {
        "sv": "*{name}* är borttagen ur registret. Historiken finns kvar.",
        "en": "*{name}* has been removed from the registry. The history is kept.",
    },
    "person.role_unknown": {
        "sv": "Jag känner inte till rollen ”{role}”. Roller: {roles}.",
        "en": "I don't know the role “{role}”. Roles: {roles}.",
    },
    "person.role_usage": {
        "sv": "Skriv till exempel `/samverkan person roll Anna Svensson +skolchef -kontakt`.",
        "en": "For example: `/samverkan person role Anna Svensson +school-chief -contact`.",
    },
    "person.roles_changed": {"sv": "✅ *{name}*: {roles}.", "en": "✅ *{name}*: {roles}."},
    "person.roles_unchanged": {
        "sv": "*{name}* har redan de rollerna: {roles}.",
        "en": "*{name}* already has those roles: {roles}.",
    },
    "person.no_roles": {"sv": "inga roller", "en": "no roles"},
    # ------------------------------------------------------------------ areas
    "area_form.title_new": {"sv": "Nytt fokusområde", "en": "New focus area"},
    "area_form.title_edit": {"sv": "Ändra fokusområde", "en": "Edit focus area"},
    "area_form.name": {"sv": "Namn", "en": "Name"},
    "area_form.description": {"sv": "Beskrivning", "en": "Description"},
    "area_form.lead": {"sv": "Ledare", "en": "Lead"},
    "area_form.lead_hint": {
        "sv": "Personen behöver finnas i registret.",
        "en": "The person must be in the registry.",
    },
    "area_form.channel": {"sv": "Slack-kanal", "en": "Slack channel"},
    "area_form.error_name_taken": {
        "sv": "Det finns redan ett område som heter {name}.",
        "en": "There is already an area called {name}.",
    },
    "area_form.error_lead_unknown": {
        "sv": "Den personen finns inte i registret. Lägg till hen först (`/samverkan person ny`).",
        "en": "That person is not in the registry. Add them first (`/samverkan person new`).",
    },
    "area_form.error_channel": {"sv": "Välj en kanal.", "en": "Choose a channel."},
    "area_admin.usage": {
        "sv": "Fokusområden (samordnare):\n• `/samverkan område ny [namn]`\n• `/samverkan område ändra &lt;område&gt;`\n• `/samverkan område byt-namn &lt;område&gt; = &lt;nytt namn&gt;`\n• `/samverkan område beskriv &lt;område&gt; = &lt;text&gt;`\n• `/samverkan område ledare &lt;område&gt; = &lt;person&gt;`\n• `/samverkan område kanal &lt;område&gt; = #kanal`\n• `/samverkan område arkivera|återställ &lt;område&gt;`",
        "en": "Focus areas (coordinators):\n• `/samverkan area new [name]`\n• `/samverkan area edit &lt;area&gt;`\n• `/samverkan area rename &lt;area&gt; = &lt;new name&gt;`\n• `/samverkan area describe &lt;area&gt; = &lt;text&gt;`\n• `/samverkan area lead &lt;area&gt; = &lt;person&gt;`\n• `/samverkan area channel &lt;area&gt; = #channel`\n• `/samverkan area archive|restore &lt;area&gt;`",
    },
    "area_admin.not_found": {
        "sv": "Det området finns inte (längre).",
        "en": "That area does not exist (any more).",
    },
    "area_admin.done_title": {"sv": "Sparat", "en": "Saved"},
    "area_admin.created": {
        "sv": "✅ Fokusområdet *{area}* är skapat. Gå med: `/samverkan gå-med {slug}`",
        "en": "✅ The focus area *{area}* is created. Join: `/samverkan join {slug}`",
    },
    "area_admin.changed": {
        "sv": "✏️ *{area}*: ändrade {fields}.",
        "en": "✏️ *{area}*: changed {fields}.",
    },
    "area_admin.unchanged": {
        "sv": "Inget ändrades för *{area}*.",
        "en": "Nothing changed for *{area}*.",
    },
    "area_admin.refused": {"sv": "Det gick inte: {reason}", "en": "That didn't work: {reason}"},
    "area_admin.renamed": {
        "sv": "✅ *{old}* heter nu *{area}*.",
        "en": "✅ *{old}* is now called *{area}*.",
    },
    "area_admin.described": {
        "sv": "✅ Beskrivningen av *{area}* är uppdaterad.",
        "en": "✅ The description of *{area}* is updated.",
    },
    "area_admin.archived": {
        "sv": "✅ *{area}* är arkiverat. Deltagande och historik finns kvar; `återställ` tar tillbaka det.",
        "en": "✅ *{area}* is archived. Participation and history are kept; `restore` brings it back.",
    },
    "area_admin.restored": {
        "sv": "✅ *{area}* är aktivt igen.",
        "en": "✅ *{area}* is active again.",
    },
    "area_admin.already_archived": {
        "sv": "*{area}* är redan arkiverat.",
        "en": "*{area}* is already archived.",
    },
    "area_admin.already_restored": {
        "sv": "*{area}* är redan aktivt.",
        "en": "*{area}* is already active.",
    },
    "area_admin.lead_set": {
        "sv": "✅ *{lead}* leder nu *{area}*.",
        "en": "✅ *{lead}* now leads *{area}*.",
    },
    "area_admin.lead_cleared": {
        "sv": "✅ *{area}* har ingen ledare nu.",
        "en": "✅ *{area}* has no lead now.",
    },
    "area_admin.channel_set": {
        "sv": "✅ *{area}* har nu kanalen <#{channel}>.",
        "en": "✅ *{area}* now has the channel <#{channel}>.",
    },
    "area_admin.channel_cleared": {
        "sv": "✅ *{area}* har ingen kanal nu.",
        "en": "✅ *{area}* has no channel now.",
    },
    "area_admin.channel_format": {
        "sv": "Ange kanalen som #kanal (länkad) eller dess ID, t.ex. C0123ABCD – eller använd `/samverkan område ändra &lt;område&gt;`.",
        "en": "Give the channel as a linked #channel or its ID, e.g. C0123ABCD – or use `/samverkan area edit &lt;area&gt;`.",
    },
    # ------------------------------------------------------------------ ask
    "ask_form.title": {"sv": "Ställ en fråga", "en": "Ask a question"},
    "ask_form.question": {"sv": "Din fråga", "en": "Your question"},
    "ask_form.hint": {
        "sv": "Om överenskommelsen, fokusområden, kontakter eller datum. Svaret kommer i ett DM.",
        "en": "About the agreement, focus areas, contacts or dates. The answer comes in a DM.",
    },
    "ask_form.submit": {"sv": "Fråga", "en": "Ask"},
    # ------------------------------------------------------------------ home
    "home.title": {"sv": "Samverkan – {network}", "en": "Cooperation – {network}"},
    "home.intro": {
        "sv": "Här ser du er kommuns fokusområden, kontakter och kommande datum. Skriv `/samverkan hjälp` för alla kommandon.",
        "en": "Here you see your party's focus areas, contacts and coming dates. Type `/samverkan help` for all commands.",
    },
    "home.not_registered": {
        "sv": "Du finns inte i registret ännu. Registrera dig så kopplar en samordnare dig till din kommun.",
        "en": "You are not in the registry yet. Register and a coordinator links you to your municipality.",
    },
    "home.admin_unregistered": {
        "sv": "Du är samordnare (SAMVERKAN_ADMINS) men finns inte i registret som person. Lägg gärna till dig själv med `/samverkan person ny`.",
        "en": "You are a coordinator (SAMVERKAN_ADMINS) but not in the registry as a person. Consider adding yourself with `/samverkan person new`.",
    },
    "home.pending_own": {
        "sv": "⏳ Din registrering väntar på en samordnare.",
        "en": "⏳ Your registration is waiting for a coordinator.",
    },
    "home.no_party": {
        "sv": "Du är inte kopplad till någon kommun eller organisation i registret.",
        "en": "You are not linked to a municipality or organisation in the registry.",
    },
    "home.party_title": {"sv": "{party}", "en": "{party}"},
    "home.party_areas": {
        "sv": "*Fokusområden ni deltar i*",
        "en": "*Focus areas you take part in*",
    },
    "home.party_no_areas": {
        "sv": "{party} deltar inte i något fokusområde ännu.",
        "en": "{party} does not take part in any focus area yet.",
    },
    "home.party_contacts": {
        "sv": "*Era personer i registret*",
        "en": "*Your people in the registry*",
    },
    "home.area_line": {
        "sv": "• *{area}* – sedan {since}{contact}",
        "en": "• *{area}* – since {since}{contact}",
    },
    "home.events_title": {"sv": "Kommande forum och datum", "en": "Coming forums and dates"},
    "home.no_events": {"sv": "Inga planerade datum just nu.", "en": "No dates planned right now."},
    "home.event_line": {
        "sv": "• *{title}* – {when} · {kind}{area}",
        "en": "• *{title}* – {when} · {kind}{area}",
    },
    "home.kind.forum": {"sv": "forum", "en": "forum"},
    "home.kind.evaluation": {"sv": "utvärdering", "en": "evaluation"},
    "home.kind.deadline": {"sv": "sista dag", "en": "deadline"},
    "home.kind.council": {"sv": "rådsmöte", "en": "council meeting"},
    "home.kind.meeting": {"sv": "nätverksmöte", "en": "network meeting"},
    "home.kind.milestone": {"sv": "milstolpe", "en": "milestone"},
    "home.button_join": {"sv": "Välj fokusområden", "en": "Choose focus areas"},
    "home.button_register": {"sv": "Registrera mig", "en": "Register"},
    "home.button_ask": {"sv": "Ställ en fråga", "en": "Ask a question"},
    "home.coordinator_title": {"sv": "För samordnare", "en": "For coordinators"},
    "home.button_export": {"sv": "Exportera CSV", "en": "Export CSV"},
    "home.button_new_area": {"sv": "Nytt fokusområde", "en": "New focus area"},
    "home.button_new_person": {"sv": "Ny person", "en": "New person"},
    "home.pending_title": {
        "sv": "*Väntande registreringar:* {count}",
        "en": "*Pending registrations:* {count}",
    },
    "home.pending_more": {
        "sv": "… och {count} till, som visas när de första är avgjorda.",
        "en": "… and {count} more, shown once the first are decided.",
    },
    "home.matrix_title": {
        "sv": "Deltagande: parter × fokusområden",
        "en": "Participation: parties × focus areas",
    },
    "home.matrix_empty": {"sv": "Inga aktiva fokusområden.", "en": "No active focus areas."},
    "home.matrix_area_line": {
        "sv": "*{number}. {area}* – {count} av {total}{latest}",
        "en": "*{number}. {area}* – {count} of {total}{latest}",
    },
    "home.matrix_latest": {
        "sv": " · senast {party} ({when})",
        "en": " · latest {party} ({when})",
    },
    "home.matrix_page": {
        "sv": "*Parter, sida {page} av {pages}* ({total} parter; x = deltar)",
        "en": "*Parties, page {page} of {pages}* ({total} parties; x = takes part)",
    },
    "home.matrix_prev": {"sv": "◀ Föregående", "en": "◀ Previous"},
    "home.matrix_next": {"sv": "Nästa ▶", "en": "Next ▶"},
    "home.matrix_footer": {
        "sv": "Vem som gick med när: `/samverkan historik &lt;område|kommun&gt;` eller CSV-exporten.",
        "en": "Who joined when: `/samverkan history &lt;area|municipality&gt;` or the CSV export.",
    },
    # ------------------------------------------------------------------ history
    "history.title": {"sv": "Historik – {what}", "en": "History – {what}"},
    "history.title_network": {"sv": "Historik – {network}", "en": "History – {network}"},
    "history.none": {"sv": "Inga ändringar ännu.", "en": "No changes yet."},
    "history.footer": {
        "sv": "Senaste först, ur registrets ändringslogg.",
        "en": "Newest first, from the registry's change log.",
    },
    "history.line": {"sv": "• {when} – {what} ({who})", "en": "• {when} – {what} ({who})"},
    "history.action.participation.join": {
        "sv": "*{party}* gick med i *{area}*",
        "en": "*{party}* joined *{area}*",
    },
    "history.action.participation.leave": {
        "sv": "*{party}* lämnade *{area}*",
        "en": "*{party}* left *{area}*",
    },
    "history.action.participation.update": {
        "sv": "*{party}* ändrade kontakt/anteckning i *{area}*",
        "en": "*{party}* changed contact/note in *{area}*",
    },
    "history.action.area.create": {
        "sv": "området *{area}* skapades",
        "en": "the area *{area}* was created",
    },
    "history.action.area.rename": {"sv": "bytte namn: {summary}", "en": "renamed: {summary}"},
    "history.action.area.describe": {
        "sv": "ny beskrivning av *{area}*",
        "en": "new description of *{area}*",
    },
    "history.action.area.lead": {"sv": "ny ledare för *{area}*", "en": "new lead for *{area}*"},
    "history.action.area.channel": {
        "sv": "ny kanal för *{area}*",
        "en": "new channel for *{area}*",
    },
    "history.action.area.update": {"sv": "*{area}* ändrades", "en": "*{area}* was changed"},
    "history.action.area.archive": {"sv": "*{area}* arkiverades", "en": "*{area}* was archived"},
    "history.action.area.restore": {"sv": "*{area}* återställdes", "en": "*{area}* was restored"},
    "history.action.person.create": {"sv": "*{summary}* lades till", "en": "*{summary}* was added"},
    "history.action.person.update": {"sv": "*{summary}* ändrades", "en": "*{summary}* was changed"},
    "history.action.person.roles": {
        "sv": "*{summary}* fick nya roller",
        "en": "*{summary}* got new roles",
    },
    "history.action.person.remove": {
        "sv": "*{summary}* togs bort",
        "en": "*{summary}* was removed",
    },
    "history.action.registration.create": {
        "sv": "*{summary}* bad om att registreras",
        "en": "*{summary}* asked to be registered",
    },
    "history.action.registration.approve": {
        "sv": "*{summary}* godkändes",
        "en": "*{summary}* was approved",
    },
    "history.action.registration.reject": {
        "sv": "*{summary}* avslogs",
        "en": "*{summary}* was rejected",
    },
    "history.action.other": {"sv": "{action}: {summary}", "en": "{action}: {summary}"},
    # ------------------------------------------------------------------ export
    "export.started": {
        "sv": "Jag tar fram registret som CSV och skickar filerna till dig i ett DM.",
        "en": "I'm preparing the registry as CSV and will send you the files in a DM.",
    },
    "export.failed": {
        "sv": "Jag kunde inte ladda upp CSV-filerna. Försök igen om en stund.",
        "en": "I couldn't upload the CSV files. Please try again shortly.",
    },
    "export.comment": {
        "sv": "Registret för *{network}*: {count} CSV-filer (deltagande, historik, kontakter, åtaganden).",
        "en": "The registry of *{network}*: {count} CSV files (participation, history, contacts, commitments).",
    },
    "export.file_matrix": {"sv": "deltagande", "en": "participation-matrix"},
    "export.file_participation": {"sv": "deltagandehistorik", "en": "participation-history"},
    "export.file_contacts": {"sv": "kontakter", "en": "contacts"},
    "export.file_commitments": {"sv": "ataganden", "en": "commitments"},
    "export.col_party": {"sv": "Part", "en": "Party"},
    "export.col_area": {"sv": "Fokusområde", "en": "Focus area"},
    "export.col_joined": {"sv": "Gick med", "en": "Joined"},
    "export.col_joined_by": {"sv": "Tillagd av", "en": "Joined by"},
    "export.col_left": {"sv": "Lämnade", "en": "Left"},
    "export.col_left_by": {"sv": "Borttagen av", "en": "Left by"},
    "export.col_contact": {"sv": "Kontaktperson", "en": "Contact"},
    "export.col_note": {"sv": "Åtagande (anteckning)", "en": "Commitment (note)"},
    "export.col_name": {"sv": "Namn", "en": "Name"},
    "export.col_roles": {"sv": "Roller", "en": "Roles"},
    "export.col_title": {"sv": "Titel", "en": "Title"},
    "export.col_email": {"sv": "E-post", "en": "E-mail"},
    "export.col_phone": {"sv": "Telefon", "en": "Phone"},
    "export.col_slack": {"sv": "Slack-ID", "en": "Slack ID"},
    "export.col_binds": {"sv": "Gäller", "en": "Binds"},
    "export.col_text": {"sv": "Åtagande", "en": "Commitment"},
    "export.col_source": {"sv": "Källa", "en": "Source"},
    "export.col_section": {"sv": "Avsnitt", "en": "Section"},
}
