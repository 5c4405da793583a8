"""Texts of the follow-up: lessons learned, the pulse survey and the evaluation report."""

MESSAGES = {
    # ----------------------------------------------------------------- help
    "help.lesson": {
        "sv": "`lärdom &lt;område&gt; &lt;text&gt;` – spara en lärdom (eller använd ”Spara som lärdom” på ett meddelande)",
        "en": "`lesson &lt;area&gt; &lt;text&gt;` – save a lesson learned (or use “Save as lesson” on a message)",
    },
    "help.lessons": {
        "sv": "`lärdomar [område]` – lärdomar hittills, med länk till ursprunget",
        "en": "`lessons [area]` – lessons learned so far, linked to where they came from",
    },
    "help.survey": {
        "sv": "`enkät [status]` – starta en pulsenkät till skolcheferna, eller se svaren hittills (samordnare)",
        "en": "`survey [status]` – start a pulse survey for the school chiefs, or see the answers so far (coordinators)",
    },
    "help.report": {
        "sv": "`rapport [område]` – utvärderingsrapporten som Markdown, CSV och diagram (samordnare)",
        "en": "`report [area]` – the evaluation report as Markdown, CSV and charts (coordinators)",
    },
    # ----------------------------------------------------------------- lessons
    "lesson.refused": {
        "sv": "Lärdomar kan sparas av personer i registret. Skriv `/samverkan registrera` så ber jag en samordnare lägga till dig.",
        "en": "Lessons can be saved by people in the registry. Type `/samverkan register` and I will ask a coordinator to add you.",
    },
    "lesson.usage": {
        "sv": "Skriv område och lärdom: `/samverkan lärdom &lt;område&gt; &lt;text&gt;`, t.ex. `/samverkan lärdom lärarförsörjning Gemensam mentorsutbildning sparade tid. #mentorskap`",
        "en": "Give the area and the lesson: `/samverkan lesson &lt;area&gt; &lt;text&gt;`, e.g. `/samverkan lesson lararforsorjning A joint mentor course saved time. #mentoring`",
    },
    "lesson.no_text": {
        "sv": "Vad var lärdomen? Skriv texten efter området: `/samverkan lärdom {area} &lt;text&gt;`.",
        "en": "What was the lesson? Write it after the area: `/samverkan lesson {area} &lt;text&gt;`.",
    },
    "lesson.saved": {
        "sv": "📚 Lärdomen är sparad i *{area}*. Se alla: `/samverkan lärdomar {slug}`",
        "en": "📚 The lesson is saved in *{area}*. See them all: `/samverkan lessons {slug}`",
    },
    "lesson.modal_title": {"sv": "Spara som lärdom", "en": "Save as lesson"},
    "lesson.modal_submit": {"sv": "Spara", "en": "Save"},
    "lesson.modal_close": {"sv": "Avbryt", "en": "Cancel"},
    "lesson.modal_done": {"sv": "Stäng", "en": "Close"},
    "lesson.field_area": {"sv": "Fokusområde", "en": "Focus area"},
    "lesson.field_area_placeholder": {"sv": "Välj område", "en": "Choose an area"},
    "lesson.field_text": {"sv": "Lärdom", "en": "Lesson"},
    "lesson.field_tags": {"sv": "Taggar (valfritt)", "en": "Tags (optional)"},
    "lesson.field_tags_hint": {
        "sv": "Kommaseparerade, t.ex. rekrytering, mentorskap",
        "en": "Comma-separated, e.g. recruitment, mentoring",
    },
    "lesson.from_message": {
        "sv": "Sparas med en länk till <{link}|meddelandet>.",
        "en": "Saved with a link to <{link}|the message>.",
    },
    "lesson.no_areas": {
        "sv": "Nätverket har inga aktiva fokusområden att spara lärdomen i.",
        "en": "The network has no active focus areas to save the lesson in.",
    },
    "lesson.error_area": {"sv": "Välj ett fokusområde.", "en": "Choose a focus area."},
    "lesson.error_text": {
        "sv": "Skriv lärdomen (högst 3000 tecken).",
        "en": "Write the lesson (at most 3000 characters).",
    },
    "lesson.list_title": {"sv": "Lärdomar – {area}", "en": "Lessons learned – {area}"},
    "lesson.list_title_all": {"sv": "Lärdomar – {network}", "en": "Lessons learned – {network}"},
    "lesson.list_none": {
        "sv": "Inga lärdomar är sparade för {area} ännu. Spara en med `/samverkan lärdom {slug} &lt;text&gt;` eller ”Spara som lärdom” på ett meddelande.",
        "en": "No lessons are saved for {area} yet. Save one with `/samverkan lesson {slug} &lt;text&gt;` or “Save as lesson” on a message.",
    },
    "lesson.list_none_all": {
        "sv": "Inga lärdomar är sparade ännu. Spara en med `/samverkan lärdom &lt;område&gt; &lt;text&gt;` eller ”Spara som lärdom” på ett meddelande.",
        "en": "No lessons are saved yet. Save one with `/samverkan lesson &lt;area&gt; &lt;text&gt;` or “Save as lesson” on a message.",
    },
    "lesson.line": {"sv": "• {text}", "en": "• {text}"},
    "lesson.meta": {
        "sv": "{date} · {who}{area}{tags}{link}",
        "en": "{date} · {who}{area}{tags}{link}",
    },
    "lesson.link": {"sv": " · <{link}|ursprung>", "en": " · <{link}|source>"},
    "lesson.more": {
        "sv": "…och {count} äldre. Hela listan finns i utvärderingsrapporten.",
        "en": "…and {count} older ones. The full list is in the evaluation report.",
    },
    "lesson.answer_title": {
        "sv": "Det här har vi lärt oss om ”{query}”",
        "en": "What we have learned about “{query}”",
    },
    "lesson.answer_footer": {
        "sv": "Ur nätverkets sparade lärdomar. Fler: `/samverkan lärdomar &lt;område&gt;`",
        "en": "From the network's saved lessons. More: `/samverkan lessons &lt;area&gt;`",
    },
    # ----------------------------------------------------------------- survey
    "survey.default_title": {
        "sv": "Pulsenkät: hur fungerar samverkan?",
        "en": "Pulse survey: how is the cooperation working?",
    },
    "survey.default_questions": {
        "sv": "Samverkan ger min kommun ett tydligt mervärde.\n"
        "Vi har tid och mandat att delta i de fokusområden vi har valt.\n"
        "De gemensamma forumen är väl förberedda och användbara.\n"
        "Information och kommunikation inom nätverket fungerar bra.\n"
        "Vi delar erfarenheter och lärdomar mellan kommunerna.\n"
        "Regionens och SKR:s stöd motsvarar våra behov.",
        "en": "The cooperation gives my municipality clear added value.\n"
        "We have time and mandate to take part in the focus areas we chose.\n"
        "The joint forums are well prepared and useful.\n"
        "Information and communication within the network work well.\n"
        "We share experience and lessons between the municipalities.\n"
        "The support from the region and SKR meets our needs.",
    },
    "survey.modal_title": {"sv": "Ny pulsenkät", "en": "New pulse survey"},
    "survey.modal_submit": {"sv": "Skicka ut", "en": "Send out"},
    "survey.modal_close": {"sv": "Avbryt", "en": "Cancel"},
    "survey.modal_done": {"sv": "Stäng", "en": "Close"},
    "survey.field_title": {"sv": "Rubrik", "en": "Title"},
    "survey.field_questions": {
        "sv": "Påståenden (ett per rad)",
        "en": "Statements (one per line)",
    },
    "survey.field_questions_hint": {
        "sv": "Besvaras på en skala 1–5 (1 = stämmer inte alls, 5 = stämmer helt), högst 10. Ett fritextfält ingår alltid.",
        "en": "Answered on a scale of 1–5 (1 = not at all, 5 = completely), at most 10. A free-text field is always included.",
    },
    "survey.field_parties": {"sv": "Vilka parter", "en": "Which parties"},
    "survey.field_parties_hint": {
        "sv": "Varje parts skolchef får enkäten i ett DM. Förvalt: kommuner som deltar i något fokusområde.",
        "en": "Each party's school chief gets the survey in a DM. Preselected: municipalities taking part in a focus area.",
    },
    "survey.field_closes": {"sv": "Sista svarsdag", "en": "Closing date"},
    "survey.error_title": {"sv": "Ge enkäten en rubrik.", "en": "Give the survey a title."},
    "survey.error_questions": {
        "sv": "Skriv 1–10 påståenden, ett per rad, högst 150 tecken vardera.",
        "en": "Write 1–10 statements, one per line, at most 150 characters each.",
    },
    "survey.error_parties": {"sv": "Välj minst en part.", "en": "Choose at least one party."},
    "survey.error_closes": {
        "sv": "Välj en sista svarsdag efter i dag och inom ett år.",
        "en": "Choose a closing date after today and within a year.",
    },
    "survey.created_title": {"sv": "Enkäten skickas", "en": "Survey on its way"},
    "survey.created": {
        "sv": "✅ *{title}* skickas till {count} skolchef(er). Sista svarsdag: {date}. De som inte har svarat påminns {reminder}.",
        "en": "✅ *{title}* goes to {count} school chief(s). Closing date: {date}. Those who have not answered are reminded on {reminder}.",
    },
    "survey.no_chief": {
        "sv": "⚠️ Ingen skolchef med Slack finns i registret för: {parties}. De får ingen enkät förrän en samordnare lägger till dem.",
        "en": "⚠️ No school chief with Slack is in the registry for: {parties}. They get no survey until a coordinator adds them.",
    },
    "survey.invite_title": {"sv": "Pulsenkät: {title}", "en": "Pulse survey: {title}"},
    "survey.invite": {
        "sv": "Hej! Som skolchef för *{party}* ber vi dig svara på en kort enkät om hur samverkan fungerar ({count} påståenden på en skala 1–5 och fritext). Svaret gäller hela {party}; du kan ändra det fram till *{date}*.",
        "en": "Hello! As the school chief of *{party}* we ask you to answer a short survey about how the cooperation works ({count} statements on a scale of 1–5, and free text). The answer is for all of {party}; you may change it until *{date}*.",
    },
    "survey.reminder": {
        "sv": "⏰ Påminnelse: {party} har inte svarat på *{title}* ännu. Enkäten stänger *{date}*.",
        "en": "⏰ Reminder: {party} has not answered *{title}* yet. The survey closes on *{date}*.",
    },
    "survey.button": {"sv": "Svara på enkäten", "en": "Answer the survey"},
    "survey.answer_title": {"sv": "Pulsenkät", "en": "Pulse survey"},
    "survey.answer_submit": {"sv": "Skicka svar", "en": "Send answer"},
    "survey.answer_intro": {
        "sv": "*{title}*\nSvar för *{party}*. 1 = stämmer inte alls, 5 = stämmer helt. Du kan ändra svaret fram till {date}.",
        "en": "*{title}*\nAnswer for *{party}*. 1 = not at all, 5 = completely. You may change the answer until {date}.",
    },
    "survey.answer_previous": {
        "sv": "Ni svarade {date}; skicka igen för att ändra svaret.",
        "en": "You answered on {date}; send again to change the answer.",
    },
    "survey.scale_low": {"sv": "1 – stämmer inte alls", "en": "1 – not at all"},
    "survey.scale_high": {"sv": "5 – stämmer helt", "en": "5 – completely"},
    "survey.field_comment": {
        "sv": "Något mer du vill säga om samverkan? (valfritt)",
        "en": "Anything else about the cooperation? (optional)",
    },
    "survey.error_score": {"sv": "Välj ett värde 1–5.", "en": "Choose a value 1–5."},
    "survey.thanks_title": {"sv": "Tack!", "en": "Thank you!"},
    "survey.thanks": {
        "sv": "Tack! Svaret för *{party}* är sparat. Du kan ändra det fram till {date}.",
        "en": "Thank you! The answer for *{party}* is saved. You may change it until {date}.",
    },
    "survey.thanks_changed": {
        "sv": "Tack! Svaret för *{party}* är ändrat. Du kan ändra det igen fram till {date}.",
        "en": "Thank you! The answer for *{party}* is changed. You may change it again until {date}.",
    },
    "survey.closed": {
        "sv": "Enkäten *{title}* stängde {date}, så jag kan tyvärr inte ta emot fler svar. Tack för att du ville svara! Resultatet finns i utvärderingsrapporten.",
        "en": "The survey *{title}* closed on {date}, so I can no longer take answers. Thank you for wanting to answer! The results are in the evaluation report.",
    },
    "survey.closed_title": {"sv": "Enkäten är stängd", "en": "Survey closed"},
    "survey.missing": {
        "sv": "Jag hittar inte den enkäten. Den kan ha tagits bort.",
        "en": "I can't find that survey. It may have been removed.",
    },
    "survey.refused": {
        "sv": "Enkäten besvaras av skolchefen för varje tillfrågad part. Är det fel i registret? Kontakta en samordnare.",
        "en": "The survey is answered by the school chief of each party asked. Is the registry wrong? Contact a coordinator.",
    },
    # ----------------------------------------------------------------- report
    "report.refused": {
        "sv": "Utvärderingsrapporten kan bara samordnare ta fram.",
        "en": "Only coordinators can produce the evaluation report.",
    },
    "report.started": {
        "sv": "📊 Jag sammanställer utvärderingsrapporten{area} ({start} – {end}) och skickar den till dig i ett DM om en stund.",
        "en": "📊 I am putting the evaluation report together{area} ({start} – {end}) and will send it to you in a DM shortly.",
    },
    "report.started_area": {"sv": " för {area}", "en": " for {area}"},
    "report.no_slack": {
        "sv": "Här utan Slack skriver CLI:t rapporten till disk: `samverkansbot report {network} --out rapport`",
        "en": "Without Slack, the CLI writes the report to disk: `samverkansbot report {network} --out report`",
    },
    "report.upload_comment": {
        "sv": "📊 Utvärderingsrapporten för {network}{area}, {start} – {end}: Markdown, CSV och diagram.",
        "en": "📊 The evaluation report for {network}{area}, {start} – {end}: Markdown, CSV and charts.",
    },
    "report.failed": {
        "sv": "Jag kunde inte ta fram rapporten just nu. Försök igen om en stund.",
        "en": "I could not produce the report right now. Please try again shortly.",
    },
    # ----------------------------------------------------------------- report contents
    "report.md.title": {
        "sv": "Utvärderingsrapport – {network}",
        "en": "Evaluation report – {network}",
    },
    "report.md.period": {"sv": "Period: {start} – {end}", "en": "Period: {start} – {end}"},
    "report.md.area_only": {"sv": "Fokusområde: {area}", "en": "Focus area: {area}"},
    "report.md.intro": {
        "sv": "Sammanställd av samverkansboten ur registret, forumen, utskicken, påminnelserna, lärdomarna och pulsenkäterna. Tabellerna finns också som CSV-filer.",
        "en": "Compiled by the bot from the registry, the forums, notices, reminders, lessons learned and pulse surveys. The tables are also attached as CSV files.",
    },
    "report.md.matrix": {"sv": "Deltagandematris", "en": "Participation matrix"},
    "report.md.matrix_note": {
        "sv": "Datum = med sedan; två datum = med under perioden, sedan lämnat.",
        "en": "Date = taking part since; two dates = took part during the period, then left.",
    },
    "report.md.party": {"sv": "Part", "en": "Party"},
    "report.md.none": {"sv": "Inget att redovisa.", "en": "Nothing to report."},
    "report.md.network_section": {
        "sv": "Hela nätverket (utan fokusområde)",
        "en": "The whole network (no focus area)",
    },
    "report.md.at_start": {
        "sv": "Deltagare vid periodens början ({count}): {parties}",
        "en": "Participants at the start of the period ({count}): {parties}",
    },
    "report.md.at_end": {
        "sv": "Deltagare vid periodens slut ({count}): {parties}",
        "en": "Participants at the end of the period ({count}): {parties}",
    },
    "report.md.changes": {"sv": "Anslutningar och avslut", "en": "Joins and leaves"},
    "report.md.joined": {"sv": "{day}: {party} gick med", "en": "{day}: {party} joined"},
    "report.md.left": {"sv": "{day}: {party} lämnade", "en": "{day}: {party} left"},
    "report.md.no_changes": {
        "sv": "Inga förändringar under perioden.",
        "en": "No changes in the period.",
    },
    "report.md.forums": {"sv": "Forum som hållits ({count})", "en": "Forums held ({count})"},
    "report.md.forum_cols": {
        "sv": "Datum|Forum|Kommer|Kommer inte|Inget svar",
        "en": "Date|Forum|Attending|Not attending|No answer",
    },
    "report.md.attendance": {"sv": "Närvaro per part", "en": "Attendance per party"},
    "report.md.attendance_all": {
        "sv": "Närvaro per part, alla forum",
        "en": "Attendance per party, all forums",
    },
    "report.md.attendance_cols": {
        "sv": "Part|Inbjudna|Deltog|Avböjde|Inget svar",
        "en": "Party|Invited|Attended|Declined|No answer",
    },
    "report.md.delivery": {"sv": "Utskick och påminnelser", "en": "Notices and reminders"},
    "report.md.notices": {
        "sv": "Utskick: {count} (meddelanden skickade: {sent}, misslyckade: {failed})",
        "en": "Notices: {count} (messages sent: {sent}, failed: {failed})",
    },
    "report.md.reminders": {
        "sv": "Påminnelser: {on_time} i tid, {late} sena, {skipped} överhoppade, {cancelled} inställda, {pending} väntande (meddelanden skickade: {messages})",
        "en": "Reminders: {on_time} on time, {late} late, {skipped} skipped, {cancelled} cancelled, {pending} pending (messages sent: {messages})",
    },
    "report.md.lessons": {"sv": "Lärdomar ({count})", "en": "Lessons learned ({count})"},
    "report.md.lesson_link": {"sv": "länk", "en": "link"},
    "report.md.commitments": {"sv": "Åtaganden", "en": "Commitments"},
    "report.md.source": {"sv": "källa: {source} {section}", "en": "source: {source} {section}"},
    "report.md.survey": {"sv": "Pulsenkät: {title}", "en": "Pulse survey: {title}"},
    "report.md.survey_meta": {
        "sv": "Svar från {answered} av {asked} tillfrågade parter. Sista svarsdag: {date}.",
        "en": "Answers from {answered} of {asked} parties asked. Closing date: {date}.",
    },
    "report.md.survey_cols": {
        "sv": "Påstående|Svar|Medel|1|2|3|4|5",
        "en": "Statement|Answers|Mean|1|2|3|4|5",
    },
    "report.md.comments": {"sv": "Kommentarer", "en": "Comments"},
    "report.md.no_surveys": {
        "sv": "Ingen pulsenkät under perioden.",
        "en": "No pulse survey in the period.",
    },
    "report.md.surveys": {"sv": "Pulsenkäter", "en": "Pulse surveys"},
    "report.md.charts": {"sv": "Diagram", "en": "Charts"},
    "report.chart.participation": {
        "sv": "Deltagande parter över tid",
        "en": "Participating parties over time",
    },
    "report.chart.parties": {"sv": "Antal parter", "en": "Number of parties"},
    "report.chart.attendance": {
        "sv": "Närvaro per part (forum)",
        "en": "Attendance per party (forums)",
    },
    "report.chart.invited": {"sv": "Inbjudna", "en": "Invited"},
    "report.chart.attended": {"sv": "Deltog", "en": "Attended"},
    "report.chart.survey": {
        "sv": "Pulsenkät: medelvärde per påstående",
        "en": "Pulse survey: mean per statement",
    },
    "report.chart.mean": {"sv": "Medelvärde (1–5)", "en": "Mean (1–5)"},
    "report.csv.participation_matrix": {"sv": "part,typ", "en": "party,kind"},
    "report.csv.participation_changes": {
        "sv": "datum,område,part,händelse",
        "en": "date,area,party,change",
    },
    "report.csv.change_join": {"sv": "gick med", "en": "joined"},
    "report.csv.change_leave": {"sv": "lämnade", "en": "left"},
    "report.csv.forums": {
        "sv": "datum,område,forum,part,svar",
        "en": "date,area,forum,party,answer",
    },
    "report.csv.answer_yes": {"sv": "kommer", "en": "attending"},
    "report.csv.answer_no": {"sv": "kommer inte", "en": "not attending"},
    "report.csv.answer_none": {"sv": "inget svar", "en": "no answer"},
    "report.csv.attendance": {
        "sv": "part,inbjudna,deltog,avböjde,inget svar",
        "en": "party,invited,attended,declined,no answer",
    },
    "report.csv.deliveries": {
        "sv": "område,utskick,utskick skickade,utskick misslyckade,påminnelser i tid,påminnelser sena,påminnelser överhoppade,påminnelser inställda,påminnelsemeddelanden skickade",
        "en": "area,notices,notice messages sent,notice messages failed,reminders on time,reminders late,reminders skipped,reminders cancelled,reminder messages sent",
    },
    "report.csv.lessons": {
        "sv": "datum,område,part,författare,lärdom,taggar,länk",
        "en": "date,area,party,author,lesson,tags,link",
    },
    "report.csv.commitments": {
        "sv": "vem,åtagande,källa,avsnitt",
        "en": "who,commitment,source,section",
    },
    "report.csv.survey_results": {
        "sv": "enkät,påstående,svar,medel,1,2,3,4,5",
        "en": "survey,statement,answers,mean,1,2,3,4,5",
    },
    "report.csv.whole_network": {"sv": "hela nätverket", "en": "whole network"},
    "lesson.answer_intro": {
        "sv": "Det här har vi lärt oss ({count} sparade lärdomar):",
        "en": "This is what we have learned ({count} saved lessons):",
    },
    "lesson.answer_source": {"sv": "lärdom {date}", "en": "lesson {date}"},
    "lesson.answer_none": {
        "sv": "Jag hittar inga sparade lärdomar om det ännu. Spara en med `/samverkan lärdom &lt;område&gt; &lt;text&gt;` eller ”Spara som lärdom” på ett meddelande.",
        "en": "I find no saved lessons about that yet. Save one with `/samverkan lesson &lt;area&gt; &lt;text&gt;` or “Save as lesson” on a message.",
    },
    "lesson.answer_none_area": {
        "sv": "Inga lärdomar är sparade för *{area}* ännu. Spara en med `/samverkan lärdom &lt;område&gt; &lt;text&gt;`.",
        "en": "No lessons are saved for *{area}* yet. Save one with `/samverkan lesson &lt;area&gt; &lt;text&gt;`.",
    },
    "survey.status_title": {
        "sv": "Pulsenkäter – svar hittills",
        "en": "Pulse surveys – answers so far",
    },
    "survey.status_none": {
        "sv": "Ingen pulsenkät har startats ännu. Starta en med `/samverkan enkät`.",
        "en": "No pulse survey has been started yet. Start one with `/samverkan survey`.",
    },
    "survey.status_line": {
        "sv": "*{title}* – {state} {date}: {answered} av {asked} parter har svarat.",
        "en": "*{title}* – {state} {date}: {answered} of {asked} parties have answered.",
    },
    "survey.status_open": {"sv": "stänger", "en": "closes"},
    "survey.status_closed": {"sv": "stängde", "en": "closed"},
    "survey.status_missing": {
        "sv": "Inte svarat ännu: {parties}",
        "en": "Not answered yet: {parties}",
    },
}
