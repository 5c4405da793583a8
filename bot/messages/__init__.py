"""Message catalogue modules, one per feature; merged by `bot.i18n.catalogue()`."""
