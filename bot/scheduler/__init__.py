"""The scheduler: the clock that ticks, and the tasks each tick runs."""
