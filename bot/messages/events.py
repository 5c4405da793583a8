"""Texts of events, reminders, broadcasts, RSVP, calendar feeds and deliveries."""

MESSAGES = {
    # help lines
    "help.forum": {
        "sv": "`forum` – kommande forum, möten och deadlines (samordnare: `forum ny`, `forum ändra|flytta|ställ-in|svar &lt;nr&gt;`)",
        "en": "`forums` – coming forums, meetings and deadlines (coordinators: `forum new`, `forum edit|move|cancel|rsvps &lt;no&gt;`)",
    },
    "help.broadcast": {
        "sv": "`utskick &lt;område&gt;` – skicka ett meddelande till ett områdes kanal och kontakter (samordnare)",
        "en": "`broadcast &lt;area&gt;` – send a notice to an area's channel and contacts (coordinators)",
    },
    "help.calendar": {
        "sv": "`kalender [område]` – länk att prenumerera på i Outlook eller Google Kalender",
        "en": "`calendar [area]` – a link to subscribe to in Outlook or Google Calendar",
    },
    "help.deliveries": {
        "sv": "`leveranser` – påminnelser och utskick som inte gått fram (samordnare)",
        "en": "`deliveries` – reminders and notices that did not get through (coordinators)",
    },
    # kinds
    "event.kind.forum": {"sv": "Forum", "en": "Forum"},
    "event.kind.evaluation": {"sv": "Utvärdering", "en": "Evaluation"},
    "event.kind.deadline": {"sv": "Deadline", "en": "Deadline"},
    "event.kind.council": {"sv": "Rådsmöte", "en": "Council meeting"},
    "event.kind.meeting": {"sv": "Nätverksmöte", "en": "Network meeting"},
    "event.kind.milestone": {"sv": "Milstolpe", "en": "Milestone"},
    "event.whole_network": {"sv": "Hela nätverket", "en": "Whole network"},
    # listing
    "events.title": {"sv": "Kommande – {network}", "en": "Coming up – {network}"},
    "events.none": {
        "sv": "Inget inplanerat framöver.",
        "en": "Nothing planned ahead.",
    },
    "events.mine": {"sv": "*Dina områden*", "en": "*Your areas*"},
    "events.others": {"sv": "*Övrigt i nätverket*", "en": "*Elsewhere in the network*"},
    "events.line": {
        "sv": "{id}*{title}* – {when}{where}{area}{recurs}",
        "en": "{id}*{title}* – {when}{where}{area}{recurs}",
    },
    "events.footer_coordinator": {
        "sv": "Ny: `/samverkan forum ny` · ändra: `forum ändra &lt;nr&gt;` · flytta: `forum flytta &lt;nr&gt; ÅÅÅÅ-MM-DD [TT:MM]` · ställ in: `forum ställ-in &lt;nr&gt;` · svar: `forum svar &lt;nr&gt;`",
        "en": "New: `/samverkan forum new` · edit: `forum edit &lt;no&gt;` · move: `forum move &lt;no&gt; YYYY-MM-DD [HH:MM]` · cancel: `forum cancel &lt;no&gt;` · answers: `forum rsvps &lt;no&gt;`",
    },
    "events.footer": {
        "sv": "Prenumerera i din kalender: `/samverkan kalender`",
        "en": "Subscribe in your calendar: `/samverkan calendar`",
    },
    "events.usage_id": {
        "sv": "Ange evenemangets nummer, t.ex. `/samverkan forum {word} 12`. Numren står i `/samverkan forum`.",
        "en": "Give the event's number, e.g. `/samverkan forum {word} 12`. The numbers are in `/samverkan forums`.",
    },
    "events.not_found": {
        "sv": "Jag hittar inget evenemang nr {id}. Se `/samverkan forum`.",
        "en": "I found no event no. {id}. See `/samverkan forums`.",
    },
    "events.unknown_action": {
        "sv": "Jag förstår inte `forum {word}`. Använd `ny`, `ändra`, `flytta`, `ställ-in` eller `svar`.",
        "en": "I don't understand `forum {word}`. Use `new`, `edit`, `move`, `cancel` or `rsvps`.",
    },
    "events.move_usage": {
        "sv": "Skriv `/samverkan forum flytta &lt;nr&gt; ÅÅÅÅ-MM-DD [TT:MM]`, t.ex. `forum flytta 12 2026-12-10 13:00`.",
        "en": "Type `/samverkan forum move &lt;no&gt; YYYY-MM-DD [HH:MM]`, e.g. `forum move 12 2026-12-10 13:00`.",
    },
    "events.moved": {
        "sv": "📅 *{title}* är flyttat till {when}. Påminnelserna följer med.",
        "en": "📅 *{title}* moved to {when}. The reminders follow it.",
    },
    "events.cancelled": {
        "sv": "🚫 *{title}* är inställt. Inga påminnelser skickas.",
        "en": "🚫 *{title}* is cancelled. No reminders will be sent.",
    },
    "events.already_cancelled": {
        "sv": "*{title}* är redan inställt.",
        "en": "*{title}* is already cancelled.",
    },
    "events.is_cancelled": {
        "sv": "*{title}* är inställt och kan inte ändras.",
        "en": "*{title}* is cancelled and cannot be changed.",
    },
    "events.saved": {
        "sv": "✅ *{title}* är sparat: {when}. {reminders}",
        "en": "✅ *{title}* is saved: {when}. {reminders}",
    },
    "events.reminders_planned": {
        "sv": "Påminnelser: {list}.",
        "en": "Reminders: {list}.",
    },
    "events.no_reminders": {"sv": "Inga påminnelser.", "en": "No reminders."},
    "events.rsvps_title": {"sv": "Svar – {title}", "en": "Answers – {title}"},
    "events.rsvps_none": {
        "sv": "Ingen har svarat ännu för {when}.",
        "en": "Nobody has answered yet for {when}.",
    },
    "events.rsvps_line": {"sv": "• {party}: {who}", "en": "• {party}: {who}"},
    "events.rsvps_summary": {
        "sv": "{when}: *{yes}* kommer, *{no}* kommer inte.",
        "en": "{when}: *{yes}* coming, *{no}* not coming.",
    },
    "events.no_party": {"sv": "Utan part", "en": "No party"},
    "events.past_date": {
        "sv": "Tiden {when} har redan passerat. Välj en tid framåt.",
        "en": "{when} has already passed. Choose a time ahead.",
    },
    "events.bad_date": {
        "sv": "Jag förstår inte datumet ”{text}”. Skriv ÅÅÅÅ-MM-DD och eventuellt TT:MM.",
        "en": "I don't understand the date “{text}”. Write YYYY-MM-DD and optionally HH:MM.",
    },
    # where/when fragments
    "events.where": {"sv": " · {where}", "en": " · {where}"},
    "events.area": {"sv": " · _{area}_", "en": " · _{area}_"},
    "events.recurs": {"sv": " · 🔁 {rule}", "en": " · 🔁 {rule}"},
    "events.id": {"sv": "`#{id}` ", "en": "`#{id}` "},
    "events.offset_days": {"sv": "{n} d före kl. 09", "en": "{n} d before at 09:00"},
    "events.offset_hours": {"sv": "{n} h före", "en": "{n} h before"},
    "events.offset_minutes": {"sv": "{n} min före", "en": "{n} min before"},
    "events.offset_start": {"sv": "vid start", "en": "at the start"},
    # modal
    "events.modal_new": {"sv": "Nytt evenemang", "en": "New event"},
    "events.modal_edit": {"sv": "Ändra evenemang", "en": "Edit event"},
    "events.modal_save": {"sv": "Spara", "en": "Save"},
    "events.modal_close": {"sv": "Avbryt", "en": "Cancel"},
    "events.field_title": {"sv": "Rubrik", "en": "Title"},
    "events.field_kind": {"sv": "Typ", "en": "Kind"},
    "events.field_area": {"sv": "Område", "en": "Area"},
    "events.field_date": {"sv": "Datum", "en": "Date"},
    "events.field_time": {"sv": "Starttid (tomt = heldag)", "en": "Start time (empty = all day)"},
    "events.field_end_time": {"sv": "Sluttid", "en": "End time"},
    "events.field_location": {"sv": "Plats", "en": "Place"},
    "events.field_link": {"sv": "Videolänk", "en": "Video link"},
    "events.field_agenda": {"sv": "Dagordning", "en": "Agenda"},
    "events.field_recurrence": {"sv": "Återkommer", "en": "Recurs"},
    "events.hint_recurrence": {
        "sv": "T.ex. ”första tisdagen varje månad”, ”varje kvartal”, ”varannan vecka”. Tomt = en gång.",
        "en": "E.g. “first Tuesday each month”, “every quarter”, “every other week”. Empty = once.",
    },
    "events.field_reminders": {"sv": "Påminnelser", "en": "Reminders"},
    "events.hint_reminders": {
        "sv": "Tid före start: t.ex. ”7d, 1d, 1h” eller ”30m”. Tomt = standard (7 d och 1 d före kl. 09, och 1 h före ett möte). ”ingen” = inga.",
        "en": "Time before the start: e.g. “7d, 1d, 1h” or “30m”. Empty = default (7 d and 1 d before at 09:00, and 1 h before a meeting). “none” = none.",
    },
    "events.error_title": {
        "sv": "Ge evenemanget en rubrik (högst 200 tecken).",
        "en": "Give the event a title (at most 200 characters).",
    },
    "events.menu_edit": {"sv": "Ändra…", "en": "Edit…"},
    "events.menu_cancel": {"sv": "Ställ in…", "en": "Cancel…"},
    "events.cancel_submit": {"sv": "Ställ in", "en": "Cancel event"},
    "events.cancel_confirm": {
        "sv": "Ställa in *{title}* ({when})? Inga fler påminnelser skickas, och kalendrarna visar det som inställt.",
        "en": "Cancel *{title}* ({when})? No more reminders are sent, and calendars show it as cancelled.",
    },
    "events.error_kind": {"sv": "Välj en typ i listan.", "en": "Choose a kind from the list."},
    "events.error_date": {"sv": "Välj ett datum.", "en": "Choose a date."},
    "events.error_end": {
        "sv": "Sluttiden måste vara efter starttiden.",
        "en": "The end time must be after the start time.",
    },
    "events.error_link": {
        "sv": "Länken måste börja med https://",
        "en": "The link must start with https://",
    },
    "events.error_recurrence": {
        "sv": "Jag förstår inte ”{text}”. Skriv t.ex. ”första tisdagen varje månad” eller ”varje kvartal”.",
        "en": "I don't understand “{text}”. Write e.g. “first Tuesday each month” or “every quarter”.",
    },
    "events.error_reminders": {
        "sv": "Jag förstår inte ”{text}”. Skriv tider före start som ”7d, 1d, 1h, 30m” (högst 10, högst 365 d).",
        "en": "I don't understand “{text}”. Write times before the start like “7d, 1d, 1h, 30m” (at most 10, at most 365 d).",
    },
    "events.error_too_long": {"sv": "Högst {limit} tecken.", "en": "At most {limit} characters."},
    "events.error_area": {
        "sv": "Välj ett område eller hela nätverket.",
        "en": "Choose an area or the whole network.",
    },
    "events.done_title": {"sv": "Sparat", "en": "Saved"},
    # messages posted
    "reminder.in_days": {"sv": "om {n} dagar", "en": "in {n} days"},
    "reminder.tomorrow": {"sv": "i morgon", "en": "tomorrow"},
    "reminder.today": {"sv": "i dag", "en": "today"},
    "reminder.title": {"sv": "⏰ Påminnelse: {title}", "en": "⏰ Reminder: {title}"},
    "reminder.when": {"sv": "*{kind}* {relative} – {when}", "en": "*{kind}* {relative} – {when}"},
    "reminder.late": {
        "sv": "_Den här påminnelsen skickas sent: boten var inte igång när den skulle ha gått ut._",
        "en": "_This reminder is sent late: the bot was not running when it was due._",
    },
    "reminder.for_party": {
        "sv": "Du får detta som kontakt för *{party}*.",
        "en": "You get this as the contact for *{party}*.",
    },
    "reminder.place": {"sv": "*Plats:* {place}", "en": "*Place:* {place}"},
    "reminder.link": {"sv": "*Länk:* {link}", "en": "*Link:* {link}"},
    "reminder.agenda": {"sv": "*Dagordning:*\n{agenda}", "en": "*Agenda:*\n{agenda}"},
    "rsvp.yes": {"sv": "Kommer", "en": "Coming"},
    "rsvp.no": {"sv": "Kommer inte", "en": "Not coming"},
    "rsvp.count": {
        "sv": "✅ {yes} kommer · ❌ {no} kommer inte",
        "en": "✅ {yes} coming · ❌ {no} not coming",
    },
    "rsvp.thanks_yes": {
        "sv": "Tack! Du är anmäld till *{title}* ({when}).",
        "en": "Thanks! You are signed up for *{title}* ({when}).",
    },
    "rsvp.thanks_no": {
        "sv": "Tack, noterat att du inte kommer till *{title}* ({when}).",
        "en": "Thanks, noted that you are not coming to *{title}* ({when}).",
    },
    "rsvp.gone": {
        "sv": "Det här evenemanget finns inte längre eller är inställt.",
        "en": "This event no longer exists or is cancelled.",
    },
    # broadcast
    "broadcast.usage": {
        "sv": "Skriv `/samverkan utskick &lt;område&gt;`, t.ex. `/samverkan utskick lärarförsörjning`.",
        "en": "Type `/samverkan broadcast &lt;area&gt;`, e.g. `/samverkan broadcast teacher supply`.",
    },
    "broadcast.modal_title": {"sv": "Utskick", "en": "Notice"},
    "broadcast.preview_button": {"sv": "Förhandsgranska", "en": "Preview"},
    "broadcast.send_button": {"sv": "Skicka", "en": "Send"},
    "broadcast.field_title": {"sv": "Rubrik (valfri)", "en": "Title (optional)"},
    "broadcast.field_text": {"sv": "Meddelande", "en": "Message"},
    "broadcast.field_event": {
        "sv": "Gäller evenemang (ger Kommer/Kommer inte-knappar)",
        "en": "About event (adds Coming/Not coming buttons)",
    },
    "broadcast.field_mentions": {"sv": "Tillåt @-omnämnanden", "en": "Allow @-mentions"},
    "broadcast.mentions_option": {
        "sv": "Ja, låt @here/@channel och &lt;@användare&gt; i texten nå fram",
        "en": "Yes, let @here/@channel and &lt;@user&gt; in the text notify people",
    },
    "broadcast.recipients": {
        "sv": "Går till {channel} och som DM till kontakten för {count} deltagande part(er): {parties}.",
        "en": "Goes to {channel} and as a DM to the contact of {count} participating part(ies): {parties}.",
    },
    "broadcast.no_channel": {"sv": "(områdets kanal saknas)", "en": "(the area has no channel)"},
    "broadcast.preview_heading": {"sv": "*Förhandsgranskning:*", "en": "*Preview:*"},
    "broadcast.preview_changed": {
        "sv": "Texten ändrades – granska förhandsvisningen igen och tryck Skicka.",
        "en": "The text changed – check the preview again and press Send.",
    },
    "broadcast.error_text": {
        "sv": "Skriv ett meddelande (högst {limit} tecken).",
        "en": "Write a message (at most {limit} characters).",
    },
    "broadcast.nobody": {
        "sv": "Området har ingen kanal och inga deltagande parter med kontakt i Slack, så utskicket skulle inte nå någon.",
        "en": "The area has no channel and no participating parties with a contact in Slack, so the notice would reach nobody.",
    },
    "broadcast.from": {
        "sv": "Utskick från <@{user}> · {area}",
        "en": "Notice from <@{user}> · {area}",
    },
    "broadcast.queued_title": {"sv": "Skickas", "en": "Sending"},
    "broadcast.queued": {
        "sv": "Utskicket går ut till {count} mottagare inom någon minut. Se `/samverkan leveranser` om något inte går fram.",
        "en": "The notice goes out to {count} recipients within a minute. See `/samverkan deliveries` if anything does not get through.",
    },
    "broadcast.none": {"sv": "(ingen rubrik)", "en": "(no title)"},
    # calendar
    "calendar.link": {
        "sv": "📅 Prenumerera på *{name}* i Outlook eller Google Kalender med den här adressen:\n{url}\nDela den bara med dem som ska se kalendern.",
        "en": "📅 Subscribe to *{name}* in Outlook or Google Calendar with this address:\n{url}\nShare it only with those who should see the calendar.",
    },
    "calendar.no_public_url": {
        "sv": "Kalenderflödet behöver en publik adress: be den som driftar boten att sätta PUBLIC_URL.",
        "en": "The calendar feed needs a public address: ask whoever runs the bot to set PUBLIC_URL.",
    },
    "calendar.name_network": {"sv": "{network}", "en": "{network}"},
    "calendar.name_area": {"sv": "{network} – {area}", "en": "{network} – {area}"},
    # deliveries
    "deliveries.title": {
        "sv": "Leveranser som inte gått fram",
        "en": "Deliveries that did not get through",
    },
    "deliveries.none": {
        "sv": "Alla påminnelser och utskick har gått fram. 👍",
        "en": "Every reminder and notice got through. 👍",
    },
    "deliveries.failed": {"sv": "*Misslyckade ({count})*", "en": "*Failed ({count})*"},
    "deliveries.failed_line": {
        "sv": "• {what} → {recipient}: `{error}`",
        "en": "• {what} → {recipient}: `{error}`",
    },
    "deliveries.skipped": {
        "sv": "*Missade medan boten låg nere ({count})*",
        "en": "*Missed while the bot was down ({count})*",
    },
    "deliveries.skipped_line": {
        "sv": "• {title} – påminnelsen {due} hann inte gå ut före start",
        "en": "• {title} – the reminder due {due} could not go out before the start",
    },
    "deliveries.broadcasts": {"sv": "*Senaste utskick*", "en": "*Recent notices*"},
    "deliveries.broadcast_line": {
        "sv": "• {title} ({when}): {sent} skickade, {waiting} väntar, {failed} misslyckade",
        "en": "• {title} ({when}): {sent} sent, {waiting} waiting, {failed} failed",
    },
    "deliveries.what_reminder": {"sv": "Påminnelse {title}", "en": "Reminder {title}"},
    "deliveries.what_broadcast": {"sv": "Utskick {title}", "en": "Notice {title}"},
    "deliveries.what_other": {"sv": "{kind} #{id}", "en": "{kind} #{id}"},
    "deliveries.footer": {
        "sv": "Rätta kanalen eller kontakten (t.ex. bjud in boten till kanalen) och gör ett nytt utskick vid behov.",
        "en": "Fix the channel or contact (e.g. invite the bot to the channel) and send again if needed.",
    },
    # what will fire, and when (bot/upcoming.py)
    "upcoming.line": {"sv": "⏰ {when} → {where}{moved}", "en": "⏰ {when} → {where}{moved}"},
    "upcoming.none": {"sv": "⏰ inga påminnelser planerade", "en": "⏰ no reminders planned"},
    "upcoming.dms": {
        "sv": "DM till {count} kontakter",
        "sv_one": "DM till {count} kontakt",
        "en": "DMs to {count} contacts",
        "en_one": "a DM to {count} contact",
    },
    "upcoming.channel_and_dms": {"sv": "{channel} och {dms}", "en": "{channel} and {dms}"},
    "upcoming.nowhere": {
        "sv": "ingen kanal och inga kontakter: inget skickas",
        "en": "no channel and no contacts: nothing will be sent",
    },
    "upcoming.moved": {
        "sv": " (flyttad från {day}: {reason})",
        "en": " (moved from {day}: {reason})",
    },
    "upcoming.weekend": {"sv": "helg", "en": "weekend"},
}
