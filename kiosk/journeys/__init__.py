"""Walkthrough journeys, one module per capability (see kiosk/walkthrough.py)."""
