"""Sync engine: signed HTTP client, enrolment, sender, back-off, heartbeat, engine thread."""
