"""Tests of `bot.commands`."""
