"""Reference central platform: the HTTP/JSON contract the kiosk speaks (central/openapi.json).

FastAPI + SQLAlchemy; SQLite by default, PostgreSQL by URL; no state in process memory.
  app.create_app(db_url, faults=None, catalog_dir=None, status_step_s=None) — the ASGI app
  server.PlatformServer(db_url, port=0, faults=…, catalog_dir=…, mode="thread"|"process")
  admin — issue_code / revoke / set_status / stats on the database (kioskctl platform …)
  auth + signing — Ed25519 request signatures, stale/replay checks (nonces in the database)
  api_devices / api_records / api_platform — the endpoints; records — idempotent storage
  faults — --faults fail/drop_after_commit/reset/captive/latency_ms over real TCP
  catalog, progress, status_page, masking — catalog ETag, demo status timeline, /status page
This package imports nothing from kiosk/, screens/, drivers/ or offline_store/.
"""
