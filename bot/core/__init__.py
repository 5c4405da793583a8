"""The cross-cutting parts every feature uses: settings and runtime, the message catalogue,
the Slack client, Block Kit, the actor, permissions, time and name matching."""
