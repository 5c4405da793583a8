"""The registry feature: parties, focus areas, participation, people and roles; its
commands, forms, Home tab and CSV export."""
