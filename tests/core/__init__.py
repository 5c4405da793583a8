"""Tests of `bot.core`."""
