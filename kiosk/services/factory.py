"""Build the terminal's services from the configuration. Each part that fails to come up is
reported (log + device health) and left None; the screens then say plainly what is missing.

`prepare()` is the slow part (imports, store migrations, catalog validation) and makes no QObject,
so the bootstrap runs it on a worker thread; `attach()` creates the Qt services on the GUI thread."""

from __future__ import annotations

import logging

from kiosk.config import KioskConfig
from kiosk.context import Services
from kiosk.health import Health

log = logging.getLogger(__name__)


def open_store(config: KioskConfig, health: Health, create_key: bool | None = None):
    """The raw offline store (None, reported, when it cannot be opened)."""
    from kiosk.storage import open_configured_store
    from offline_store import StoreError
    try:
        store = open_configured_store(config, create_key=create_key)
    except StoreError as exc:
        log.error("offline store unavailable: %s", exc)
        health.set_device("storage", "fail", str(exc))
        return None
    health.set_device("storage", "ok")
    return store


def load_catalog(config: KioskConfig, store):
    from kiosk.catalog import load_with_fallback
    cached = None
    if store is not None:
        entry = store.catalog_cache_get()
        cached = entry[1] if entry else None
    return load_with_fallback(cached, config.catalog_path())


def prepare(config: KioskConfig, health: Health, *, create_key: bool | None = None) -> tuple:
    """Returns (store, catalog); safe off the GUI thread."""
    import kiosk.services.camera  # noqa: F401  (warm the imports for attach())
    import kiosk.services.idcard  # noqa: F401
    import kiosk.services.printer  # noqa: F401
    import kiosk.services.sync  # noqa: F401
    store = open_store(config, health, create_key)
    catalog = load_catalog(config, store)
    # the pinyin index (~70 ms): loaded here, not on the first touch of a text field
    from kiosk.ime.shared import shared_dictionary_loaded
    shared_dictionary_loaded()
    return store, catalog


def build_services(config: KioskConfig, health: Health, *, create_key: bool | None = None,
                   voice=None) -> Services:
    services = Services()
    attach(config, health, services, prepare(config, health, create_key=create_key), voice=voice)
    return services


def attach(config: KioskConfig, health: Health, services: Services, prepared: tuple, voice=None) -> Services:
    """Create the device services (QObjects, GUI thread) into `services` and start them."""
    store, services.catalog = prepared
    if store is not None:
        from kiosk.services.applications import ApplicationStore
        services.store = ApplicationStore(store)
        services.sync = _sync(config, health, store, services.store)
    from kiosk.services.printer import PrinterService
    services.printer = PrinterService(config.printer.uri, config.printer.paper_width_mm, config.printer.profile,
                                      config.printer.native_qr, health=health)
    services.printer.start()
    if config.idcard.port:
        from kiosk.services.idcard import IdCardService
        services.idcard = IdCardService.from_config(config.idcard)
        services.idcard.outOfService.connect(lambda reason: health.set_device("idcard", "fail", reason))
        services.idcard.statusChanged.connect(
            lambda status: health.set_device("idcard", "ok") if status in ("idle", "card_present") else None)
        services.idcard.start()
    else:
        health.set_device("idcard", "absent", "no reader configured")
    if config.camera.source:
        from kiosk.services.camera import CameraService
        services.camera = CameraService.from_config(config.camera, config.barcode)
        services.camera.error.connect(lambda reason: health.set_device("camera", "fail", reason))
        health.set_device("camera", "ok", config.camera.source)
    if voice is None:
        from kiosk.services.voice import VoiceService
        voice = VoiceService()
    services.voice = voice
    return services


def _sync(config: KioskConfig, health: Health, store, application_store):
    """The sync engine for an enrolled terminal; None (and "offline" health) when not enrolled."""
    from kiosk.services.sync import SyncService
    from kiosk.sync.enrolment import EnrolmentError
    from kiosk.sync.signing import DeviceKeyMissing
    try:
        service = SyncService.from_config(config, store)
    except (EnrolmentError, DeviceKeyMissing) as exc:
        log.error("sync disabled: %s", exc)
        health.set_online(None)
        return None
    service.queueChanged.connect(lambda counts: health.set_queue_depth(
        sum(n for state, n in counts.items() if state in ("queued", "sending"))))
    service.online.connect(health.set_online)
    application_store.listeners.append(service.wake)
    service.start()
    return service
