"""Tests of `bot.registry`."""
