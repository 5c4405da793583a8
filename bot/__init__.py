"""samverkansbot: a Slack bot for the school leaders of inter-municipal cooperation networks.

The packages, top down: `cli`, `web` and `scheduler` (how the bot runs), `commands` (the
/samverkan dispatcher), the features (`registry`, `followup`, `events`, `answers`) and `core`
(what every feature shares). README, "Architecture", draws the tree."""
