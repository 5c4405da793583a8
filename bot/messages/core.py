"""Texts shared by every surface: help, refusals, errors, lookups."""

MESSAGES = {
    "help.title": {"sv": "Samverkansboten – kommandon", "en": "Samverkansbot – commands"},
    "help.intro": {
        "sv": "Skriv `/samverkan` följt av ett kommando. Du kan också fråga mig direkt, i en kanal (@-nämn mig) eller i ett DM.",
        "en": "Type `/samverkan` followed by a command. You can also ask me directly, in a channel (@-mention me) or in a DM.",
    },
    "help.footer": {
        "sv": "Namn matchas utan hänsyn till stora/små bokstäver och å/ä/ö: `vasteras` hittar Västerås stad.",
        "en": "Names match regardless of case and å/ä/ö: `vasteras` finds Västerås stad.",
    },
    "command.unknown": {
        "sv": "Jag känner inte till kommandot `{word}`. Skriv `/samverkan hjälp` för att se vad jag kan.",
        "en": "I don't know the command `{word}`. Type `/samverkan help` to see what I can do.",
    },
    "command.unknown_suggest": {
        "sv": "Jag känner inte till kommandot `{word}`. Menade du `/samverkan {suggestion}`?",
        "en": "I don't know the command `{word}`. Did you mean `/samverkan {suggestion}`?",
    },
    "command.working": {
        "sv": "Ett ögonblick, jag tar fram svaret …",
        "en": "One moment, I'm getting the answer …",
    },
    "command.form_expired": {
        "sv": "Det tog för lång tid att öppna formuläret. Försök igen; inget har ändrats.",
        "en": "Opening the form took too long. Please try again; nothing was changed.",
    },
    "refused.coordinators_only": {
        "sv": "Det här kan bara samordnare göra. Kontakta nätverkets samordnare om du behöver hjälp.",
        "en": "Only coordinators can do this. Contact the network's coordinators if you need help.",
    },
    "refused.not_registered": {
        "sv": "Du finns inte i registret ännu. Skriv `/samverkan registrera` så ber jag en samordnare lägga till dig.",
        "en": "You are not in the registry yet. Type `/samverkan register` and I will ask a coordinator to add you.",
    },
    "error.generic": {
        "sv": "Något gick fel hos mig. Försök igen om en liten stund; inget har ändrats.",
        "en": "Something went wrong on my side. Please try again shortly; nothing was changed.",
    },
    "error.database": {
        "sv": "Jag når inte registret just nu. Försök igen om en liten stund; inget har ändrats.",
        "en": "I can't reach the registry right now. Please try again shortly; nothing was changed.",
    },
    "lookup.party_missing_arg": {
        "sv": "Vilken kommun eller organisation menar du?",
        "en": "Which municipality or organisation do you mean?",
    },
    "lookup.area_missing_arg": {
        "sv": "Vilket fokusområde menar du? Skriv `/samverkan områden` för att se alla.",
        "en": "Which focus area do you mean? Type `/samverkan areas` to see them all.",
    },
    "lookup.ambiguous": {
        "sv": "”{query}” kan betyda flera saker: {options}. Vilken menar du?",
        "en": "“{query}” could mean several things: {options}. Which one do you mean?",
    },
    "lookup.none_suggest": {
        "sv": "Jag hittar {what} som heter ”{query}”. Menade du {options}?",
        "en": "I found {what} called “{query}”. Did you mean {options}?",
    },
    "lookup.none": {
        "sv": "Jag hittar {what} som heter ”{query}”.",
        "en": "I found {what} called “{query}”.",
    },
    "what.party": {
        "sv": "ingen kommun eller organisation",
        "en": "no municipality or organisation",
    },
    "what.area": {"sv": "inget fokusområde", "en": "no focus area"},
    "what.person": {"sv": "ingen person", "en": "no person"},
    "what.anything": {
        "sv": "ingen kommun, organisation, inget fokusområde och ingen person",
        "en": "no municipality, organisation, focus area or person",
    },
    "word.or": {"sv": "eller", "en": "or"},
    "console.banner": {
        "sv": "Samverkansboten – lokal konsol ({network}). Du agerar som {who}. Skriv /samverkan hjälp, en fråga, eller :som <Slack-ID> för att byta person, :avsluta för att sluta.",
        "en": "Samverkansbot – local console ({network}). You act as {who}. Type /samverkan help, a question, or :as <Slack ID> to switch person, :quit to stop.",
    },
    "console.connect": {
        "sv": "Koppla till Slack: sätt SLACK_BOT_TOKEN och SLACK_SIGNING_SECRET (HTTP, `samverkansbot serve`) eller SLACK_APP_TOKEN (Socket Mode) i .env – se README.",
        "en": "Connect to Slack: set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (HTTP, `samverkansbot serve`) or SLACK_APP_TOKEN (Socket Mode) in .env – see the README.",
    },
    "console.modal": {
        "sv": "(I Slack öppnas här formuläret ”{title}”.)",
        "en": "(In Slack this opens the form “{title}”.)",
    },
    "console.switched": {"sv": "Du agerar nu som {who}.", "en": "You now act as {who}."},
}
