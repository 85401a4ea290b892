"""Open the terminal's offline store: the configured data folder, with the site and device codes
from enrolment once the terminal is enrolled (the configuration's until then). A brand-new data
folder gets its data key; an existing one never silently does (a lost key is reported)."""

from __future__ import annotations


def open_configured_store(config, *, create_key: bool | None = None):
    from kiosk.sync.enrolment import load_enrolment
    from offline_store import Store
    from offline_store.store import DB_NAME

    data_dir = config.paths.data_path()
    enrolment = load_enrolment(data_dir) if data_dir.exists() else None
    site = enrolment.site_code if enrolment else config.site.site_code
    device = enrolment.device_code if enrolment else config.site.device_code
    if create_key is None:
        create_key = not (data_dir / DB_NAME).exists()
    return Store.open(data_dir, site_code=site, device_code=device,
                      min_free_mb=config.store.min_free_mb, create_key=create_key,
                      retention_days=config.store.retention_days)
