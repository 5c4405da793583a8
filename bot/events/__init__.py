"""The events feature: forums, evaluations and deadlines, their recurrence, reminders,
calendar feeds, RSVPs and broadcasts."""
