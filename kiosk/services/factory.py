"""Build the terminal's services from the configuration. Each part that fails to come up is
reported (log + device health) and left None; the screens then say plainly what is missing."""

from __future__ import annotations

import logging

from kiosk.config import KioskConfig
from kiosk.context import Services
from kiosk.health import Health

log = logging.getLogger(__name__)


def open_store(config: KioskConfig, health: Health, create_key: bool = False):
    from kiosk.services.applications import ApplicationStore
    from offline_store import Store, StoreError
    try:
        store = Store.open(config.paths.data_path(), site_code=config.site.site_code,
                           device_code=config.site.device_code, min_free_mb=config.store.min_free_mb,
                           create_key=create_key)
    except StoreError as exc:
        log.error("offline store unavailable: %s", exc)
        health.set_device("storage", "fail", str(exc))
        return None
    health.set_device("storage", "ok")
    return ApplicationStore(store)


def load_catalog(config: KioskConfig, store):
    from kiosk.catalog import load_with_fallback
    cached = None
    if store is not None:
        entry = store.catalog_cache_get()
        cached = entry[1] if entry else None
    return load_with_fallback(cached, config.catalog_path())


def prepare(config: KioskConfig, health: Health, *, create_key: bool = False) -> tuple:
    """The slow part (imports, store migrations, catalog validation), safe off the GUI thread:
    it makes no QObject. Returns (store, catalog)."""
    import kiosk.services.camera  # noqa: F401  (warm the imports for attach())
    import kiosk.services.idcard  # noqa: F401
    import kiosk.services.printer  # noqa: F401
    store = open_store(config, health, create_key)
    return store, load_catalog(config, store)


def build_services(config: KioskConfig, health: Health, *, create_key: bool = False) -> Services:
    services = Services()
    attach(config, health, services, prepare(config, health, create_key=create_key))
    return services


def attach(config: KioskConfig, health: Health, services: Services, prepared: tuple) -> Services:
    """Create the device services (QObjects, GUI thread) into `services` and start them."""
    services.store, services.catalog = prepared
    from kiosk.services.printer import PrinterService
    services.printer = PrinterService(config.printer.uri, config.printer.paper_width_mm, config.printer.profile,
                                      config.printer.native_qr, health=health)
    services.printer.start()
    if config.idcard.port:
        from kiosk.services.idcard import IdCardService
        services.idcard = IdCardService.from_config(config.idcard)
        services.idcard.outOfService.connect(lambda reason: health.set_device("idcard", "fail", reason))
        services.idcard.cardRead.connect(lambda _card: health.set_device("idcard", "ok"))
        services.idcard.start()
    else:
        health.set_device("idcard", "absent", "no reader configured")
    if config.camera.source:
        from kiosk.services.camera import CameraService
        services.camera = CameraService.from_config(config.camera, config.barcode)
        services.camera.error.connect(lambda reason: health.set_device("camera", "fail", reason))
        health.set_device("camera", "ok", config.camera.source)
    return services
