"""The database: the tables, their queries and changes, the migrations and the seed files.

It imports nothing from `bot`: the bot uses storage, never the other way round."""
