"""Tests of `bot.web`."""
