"""The apply journey's own screens (form, review, delivery, submit, rating)."""
