"""`python -m bot.cli`: the same as the `samverkansbot` command."""

from bot.cli import main

raise SystemExit(main())
