"""The service guide (办事指南) of one matter or bundle: every element of the implementation list,
readable on the touchscreen, in one kinetic scroll; "print notice" (一次性告知单) and "apply"."""

from __future__ import annotations

import logging

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.catalog import CatalogError
from screens.base import Screen, button, inner_scroll, label
from screens.catalog_browse import catalog_of, days_text

log = logging.getLogger(__name__)


class GuideScreen(Screen):
    name = "guide"

    def __init__(self, ctx, code: str | None = None, parent=None) -> None:
        super().__init__(ctx, parent)
        self.code = code if code is not None else ctx.session.entry
        self.merged = None
        self.catalog = None
        self.job_id: str | None = None
        self.sections: dict[str, QFrame] = {}
        self.printer = ctx.services.printer
        try:
            self.catalog = catalog_of(ctx)
            self.merged = self.catalog.merged(self.code) if self.code else None
        except CatalogError as exc:
            log.error("catalog unavailable for the guide: %s", exc)
        except KeyError:
            log.error("guide asked for an entry the catalog does not have: %s", self.code)
        if self.merged is None:
            self.body.addWidget(label(self.tr("This service guide cannot be found. "
                                              "Please choose the service again or ask the staff."), "error"))
            self.body.addStretch(1)
            self.status_label = label("", "hint")
            self.print_button = self.apply_button = None
            self.scroll = None
            return
        self.body.addWidget(label(self.merged.name, "key"))
        self.body.addWidget(label(self._summary(), "body"))
        self.scroll = inner_scroll()
        # the scroll area joins the screen before it gets its content: setWidget() lays the
        # content out (polishing it), and adopting a polished tree polishes it all again
        self.body.addWidget(self.scroll, 1)
        self.scroll.setWidget(self._content())
        self.status_label = label("", "hint")
        self.status_label.hide()
        self.body.addWidget(self.status_label)
        self.print_button = button(self.tr("Print notice"))
        self.print_button.setObjectName("print-notice")
        self.print_button.clicked.connect(self.print_notice)
        self.apply_button = button(self.tr("Apply now"), "primary")
        self.apply_button.setObjectName("apply-now")
        self.apply_button.clicked.connect(self.start_application)
        if ctx.landscape:
            # a 1080-px-high panel needs the height for the guide: actions go between 返回 and 退出
            self.footer.insertWidget(2, self.print_button)
            self.footer.insertWidget(3, self.apply_button)
        else:
            actions = QHBoxLayout()
            actions.setSpacing(24)
            actions.addWidget(self.print_button, 1)
            actions.addWidget(self.apply_button, 1)
            self.body.addLayout(actions)
        if self.printer is not None:
            self.printer.printed.connect(self._on_printed)
            self.printer.failed.connect(self._on_failed)

    def title(self) -> str:
        return self.tr("Service guide")

    def voice_prompt(self) -> str:
        return self.tr("Here is what you need. You can print this list, or start applying.")

    # --- content ----------------------------------------------------------------------------
    def _summary(self) -> str:
        merged = self.merged
        departments = "、".join(dict.fromkeys(m.department for m in merged.matters))
        if merged.kind == "bundle":
            return (self.tr("One-thing bundle of %1 matters · %2")
                    .replace("%1", str(len(merged.matters))).replace("%2", departments))
        return departments

    def _content(self) -> QWidget:
        merged = self.merged
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 8, 0)
        column.setSpacing(16)
        sections = [
            ("time", self.tr("Time limit"), self._time_lines()),
            ("audience", self.tr("Who can apply"), ["、".join(merged.audience)]),
            ("conditions", self.tr("Conditions"), [("body", f"· {c}") for c in merged.conditions]),
            ("steps", self.tr("Steps"), self._step_lines()),
            ("materials", self.tr("Materials (%1)").replace("%1", str(len(merged.materials))),
             self._material_lines()),
            ("fees", self.tr("Fees"), [merged.fees]),
            ("result", self.tr("Result"), self._per_matter(lambda m: [m.result])),
            ("place", self.tr("Where"), [merged.place]),
            ("phone", self.tr("Enquiries"), [merged.phone]),
            ("legal", self.tr("Legal basis"), self._per_matter(lambda m: [f"· {b}" for b in m.legal_basis])),
        ]
        for key, heading, lines in sections:
            card = self._card(heading, lines)
            card.setObjectName(f"section-{key}")
            self.sections[key] = card
            column.addWidget(card)
        column.addStretch(1)
        return content

    @staticmethod
    def _card(heading: str, lines: list) -> QFrame:
        card = QFrame()
        card.setProperty("role", "card")
        column = QVBoxLayout(card)
        column.setContentsMargins(24, 20, 24, 20)
        column.setSpacing(8)
        column.addWidget(label(heading, "key"))
        for role, text in GuideScreen._runs(lines):
            column.addWidget(label(text, role))
        return card

    @staticmethod
    def _runs(lines: list) -> list[tuple[str, str]]:
        """Consecutive lines of one text role joined into one label: a bundle's guide had ~135
        labels and each costs ~0.5 ms to build and lay out (guide 120 → ~60 ms, measured)."""
        runs: list[tuple[str, list[str]]] = []
        for line in lines:
            role, text = line if isinstance(line, tuple) else ("body", line)
            if not text:
                continue
            if runs and runs[-1][0] == role:
                runs[-1][1].append(text)
            else:
                runs.append((role, [text]))
        return [(role, "\n".join(texts)) for role, texts in runs]

    def _time_lines(self) -> list:
        merged = self.merged
        if merged.kind == "matter":
            matter = merged.matters[0]
            return [
                self.tr("Statutory limit: %1").replace("%1", days_text(matter.statutory_days)),
                self.tr("Promised limit: %1").replace("%1", days_text(matter.promised_days)),
            ]
        lines: list = [
            ("ok", self.tr("Whole bundle done within %1").replace("%1", days_text(merged.time_limit_days))),
            self._mode_text(),
        ]
        for number, stage in enumerate(merged.stages, 1):
            names = "、".join(self.catalog.matters[c].name for c in stage)
            if len(merged.stages) > 1:
                lines.append(self.tr("Stage %1: %2").replace("%1", str(number)).replace("%2", names))
        for matter in merged.matters:
            lines.append(("hint", self.tr("%1: statutory %2, promised %3").replace("%1", matter.name)
                          .replace("%2", days_text(matter.statutory_days))
                          .replace("%3", days_text(matter.promised_days))))
        lines.append(("hint", self.tr("Statutory limits added up: %1")
                      .replace("%1", days_text(merged.statutory_days_sum))))
        return lines

    def _mode_text(self) -> str:
        mode = self.merged.mode
        if mode == "parallel":
            return self.tr("All matters are handled at the same time; the longest single limit applies.")
        if mode == "sequential":
            return self.tr("Matters are handled one after another; their statutory limits added up "
                           "are cut by at least 70%.")
        return (self.tr("Handled in %1 stages one after another (matters of one stage at the same "
                        "time); the stages' statutory limits added up are cut by at least 70%.")
                .replace("%1", str(len(self.merged.stages))))

    def _step_lines(self) -> list:
        lines: list = []
        bundle = self.merged.kind == "bundle"
        for matter_steps in self.merged.steps:
            if bundle:
                lines.append(("ok", f"【{matter_steps.name}】"))
            lines += [f"{n}. {step}" for n, step in enumerate(matter_steps.steps, 1)]
        return lines

    def _material_lines(self) -> list:
        merged = self.merged
        if not merged.materials:
            return [self.tr("No paper materials are needed.")]
        names = {m.code: m.name for m in merged.matters}
        lines: list = []
        for number, material in enumerate(merged.materials, 1):
            lines.append(("body", f"{number}. {material.name}"))
            counts = (self.tr("Originals: %1 · Copies: %2").replace("%1", str(material.originals))
                      .replace("%2", str(material.copies)))
            if not material.required:
                counts += " · " + self.tr("only if it applies to you")
            lines.append(("hint", counts))
            if material.deferrable:
                lines.append(("ok", "✓ " + self.tr("May be handed in later (accepted without it)")))
            if material.reusable:
                lines.append(("ok", "✓ " + self.tr("Already on file or e-licence: no need to bring it")))
            if material.sample:
                lines.append(("hint", material.sample))
            if merged.kind == "bundle" and material.for_matters:
                used = "、".join(names.get(code, code) for code in material.for_matters)
                lines.append(("hint", self.tr("Used for: %1").replace("%1", used)))
        return lines

    def _per_matter(self, lines_of) -> list:
        if self.merged.kind == "matter":
            return lines_of(self.merged.matters[0])
        lines: list = []
        for matter in self.merged.matters:
            lines.append(("ok", f"【{matter.name}】"))
            lines += lines_of(matter)
        return lines

    # --- actions ----------------------------------------------------------------------------
    def _status(self, text: str, role: str) -> None:
        self.status_label.setText(text)
        self.status_label.setProperty("role", role)
        self.status_label.style().unpolish(self.status_label)
        self.status_label.style().polish(self.status_label)
        self.status_label.show()

    def print_notice(self) -> None:
        if self.printer is None:
            self._status(self.tr("The printer is not connected. Please note the list "
                                 "or ask the staff for a printed copy."), "error")
            return
        self.job_id = self.printer.print_notice(self.merged.notice_data(self.ctx.config.site.site_name))
        self.print_button.setEnabled(False)
        self._status(self.tr("Printing…"), "hint")

    @Slot(str)
    def _on_printed(self, job_id: str) -> None:
        if job_id != self.job_id:
            return
        self.job_id = None
        self.print_button.setEnabled(True)
        self._status(self.tr("Printed. Please take the notice from the slot."), "ok")

    @Slot(str, str)
    def _on_failed(self, job_id: str, reason: str) -> None:
        if job_id != self.job_id:
            return
        self.job_id = None
        self.print_button.setEnabled(True)
        self._status(self.tr("Printing failed: %1. Please ask the staff.").replace("%1", reason), "error")

    def start_application(self) -> None:
        """Record the choice, start the draft, then identify the person (or go to the form)."""
        from kiosk.application import Draft

        session = self.ctx.session
        registry = self.ctx.flow.registry
        target = "identify" if session.person is None and "identify" in registry else "form"
        if target not in registry:
            log.error("cannot start an application: no %r screen is registered", target)
            self._status(self.tr("Applying is not available on this terminal yet. "
                                 "Please ask at the service hall window."), "error")
            return
        session.entry = self.code
        session.data["draft"] = Draft.start(self.merged, session.person)
        self.ctx.flow.go(target)

    def wipe(self) -> None:
        if self.printer is not None:
            for signal, slot in ((self.printer.printed, self._on_printed), (self.printer.failed, self._on_failed)):
                try:
                    signal.disconnect(slot)
                except (RuntimeError, TypeError) as exc:   # already gone with the screen
                    log.debug("guide: printer signal already disconnected: %s", exc)
        self.job_id = None

    @classmethod
    def sample(cls, ctx) -> dict:
        """The first bundle of the catalog (its guide has every kind of line)."""
        catalog = catalog_of(ctx)
        code = next(iter(catalog.bundles), None) or next(iter(catalog.matters))
        ctx.session.entry = code
        return {"code": code}


SCREENS = (GuideScreen,)
