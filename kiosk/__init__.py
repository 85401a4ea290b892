"""The kiosk application core: configuration, session, flow, services, sync, CLI."""

__version__ = "0.1.0"
