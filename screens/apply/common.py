"""Helpers shared by the apply screens: the draft in the session and invented sample data."""

from __future__ import annotations

from types import SimpleNamespace

from kiosk.application import Draft

SAMPLE_CODE = "BUNDLE-CHUSHENG"


def draft(ctx) -> Draft | None:
    return ctx.session.data.get("draft")


def sample_person():
    """An invented resident (not a real person) for screenshots and audits."""
    return SimpleNamespace(name="张三丰", id_number="110101199003074514", sex_label="男", nation_label="汉",
                           birth_date="1990-03-07", address="湖南省郴州市北湖区人民西路18号", card_type="resident",
                           masked_id=lambda: "110101********4514")


def sample_catalog(ctx):
    catalog = ctx.services.catalog
    if catalog is None:
        from kiosk.catalog import Catalog
        catalog = Catalog.load_dir(ctx.config.catalog_path())
    return catalog


def sample_draft(ctx, code: str | None = None) -> Draft:
    catalog = sample_catalog(ctx)
    code = code or next((c for c in catalog.bundles), next(iter(catalog.matters)))
    person = sample_person()
    ctx.session.person = person
    ctx.session.entry = code
    made = Draft.start(catalog.merged(code), person)
    made.form.setdefault("phone", "13812345678")
    ctx.session.data["draft"] = made
    return made
