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
    # several networks in one workspace (`bot.networks`, `/samverkan nätverk`)
    "networks.which": {
        "sv": "Du är med i flera nätverk. Vilket gäller det?",
        "en": "You are in several networks. Which one is this about?",
    },
    "networks.choose": {"sv": "Välj nätverk", "en": "Choose a network"},
    "networks.remembered": {
        "sv": "Jag kommer ihåg valet tills du byter med `/samverkan nätverk`. I en kanal som hör till ett nätverk gäller alltid kanalens nätverk.",
        "en": "I will remember your choice until you change it with `/samverkan network`. In a channel that belongs to a network, that network always applies.",
    },
    "networks.chosen": {
        "sv": "Du arbetar nu i *{name}*.",
        "en": "You are now working in *{name}*.",
    },
    "networks.title": {"sv": "Dina nätverk", "en": "Your networks"},
    "networks.line": {"sv": "{name} (`{slug}`)", "en": "{name} (`{slug}`)"},
    "networks.line_current": {
        "sv": "*{name}* (`{slug}`) – här arbetar du nu",
        "en": "*{name}* (`{slug}`) – you are working here now",
    },
    "networks.footer": {
        "sv": "Byt med `/samverkan nätverk &lt;namn&gt;`. Samordnare knyter en kanal till sitt nätverk med `/samverkan nätverk kanal &lt;namn&gt;`.",
        "en": "Switch with `/samverkan network &lt;name&gt;`. Coordinators tie a channel to their network with `/samverkan network channel &lt;name&gt;`.",
    },
    "networks.switched": {
        "sv": "Du arbetar nu i *{name}*. I en kanal som hör till ett annat nätverk gäller kanalens nätverk.",
        "en": "You are now working in *{name}*. In a channel that belongs to another network, that network applies.",
    },
    "networks.unknown": {
        "sv": "Jag hittar inget nätverk som heter ”{name}”. Nätverken är: {known}.",
        "en": "I cannot find a network called “{name}”. The networks are: {known}.",
    },
    "networks.channel_needed": {
        "sv": "Skriv det i kanalen som ska höra till nätverket.",
        "en": "Type this in the channel that is to belong to the network.",
    },
    "networks.channel_usage": {
        "sv": "Skriv vilket nätverk kanalen ska höra till: `/samverkan nätverk kanal &lt;namn&gt;`.",
        "en": "Say which network the channel is to belong to: `/samverkan network channel &lt;name&gt;`.",
    },
    "networks.channel_refused": {
        "sv": "Bara samordnare i *{name}* kan knyta en kanal till det nätverket. Fråga en av dem.",
        "en": "Only coordinators of *{name}* can tie a channel to that network. Ask one of them.",
    },
    "networks.channel_bound": {
        "sv": "Kanalen <#{channel}> hör nu till *{name}*: kommandon och frågor här gäller det nätverket.",
        "en": "The channel <#{channel}> now belongs to *{name}*: commands and questions here are about that network.",
    },
    "home.other_network": {"sv": "Även: {network}", "en": "Also: {network}"},
    "home.network_switch": {"sv": "Arbeta i det här nätverket", "en": "Work in this network"},
    "help.network": {
        "sv": "`nätverk [namn]` – dina nätverk, och byt det du arbetar i",
        "en": "`network [name]` – your networks, and switch the one you work in",
    },
    "console.network": {
        "sv": "Konsolen arbetar nu i {network}.",
        "en": "The console now works in {network}.",
    },
    "console.network_unknown": {
        "sv": "Det finns inget nätverk ”{name}”. Nätverken är: {known}.",
        "en": "There is no network “{name}”. The networks are: {known}.",
    },
}
