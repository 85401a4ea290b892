"""Accessibility audit of every registered screen in elder mode, portrait and landscape.
New screens are audited automatically: the audit walks the flow's registry."""

import subprocess
import sys

import pytest

from kiosk.a11y import audit, cut_off
from kiosk.showcase import iter_screens, screen_names

REPO = __import__("pathlib").Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("orientation", ["portrait", "landscape"])
def test_every_screen_meets_elder_rules(make_kiosk, orientation):
    size = {"portrait": (1080, 1920), "landscape": (1920, 1080)}[orientation]
    kiosk = make_kiosk(KIOSK_SCREEN__ORIENTATION=orientation, KIOSK_SCREEN__WIDTH=size[0],
                       KIOSK_SCREEN__HEIGHT=size[1])
    kiosk.window.resize(*size)
    problems = []
    seen = []
    for name, screen in iter_screens(kiosk, elder=True):
        seen.append(name)
        problems += [f"{name}: {finding}" for finding in audit(kiosk.window)]
        # nothing may be cut off: the screen fits the panel
        if screen.minimumSizeHint().height() > size[1] or screen.minimumSizeHint().width() > size[0]:
            problems.append(f"{name}: needs {screen.minimumSizeHint().width()}×{screen.minimumSizeHint().height()}")
        if kiosk.window.width() > size[0] or kiosk.window.height() > size[1]:
            problems.append(f"{name}: window grew to {kiosk.window.width()}×{kiosk.window.height()}")
            kiosk.window.resize(*size)
    assert len(seen) == len(screen_names(kiosk)) >= 9
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("orientation", ["portrait", "landscape"])
def test_nothing_is_cut_off_in_normal_mode(make_kiosk, orientation):
    size = {"portrait": (1080, 1920), "landscape": (1920, 1080)}[orientation]
    kiosk = make_kiosk(KIOSK_SCREEN__ORIENTATION=orientation, KIOSK_SCREEN__WIDTH=size[0],
                       KIOSK_SCREEN__HEIGHT=size[1])
    kiosk.window.resize(*size)
    problems = []
    for name, _screen in iter_screens(kiosk, elder=False):
        problems += [f"{name}: {finding}" for finding in cut_off(kiosk.window)]
        if kiosk.window.width() > size[0] or kiosk.window.height() > size[1]:
            problems.append(f"{name}: window grew to {kiosk.window.width()}×{kiosk.window.height()}")
            kiosk.window.resize(*size)
    assert not problems, "\n".join(problems)


def test_audit_catches_small_text_and_small_buttons(make_kiosk):
    from PySide6.QtWidgets import QLabel, QPushButton
    kiosk = make_kiosk()
    kiosk.ctx.set_elder(True)
    screen = kiosk.flow.go("query")
    tiny = QLabel("小字", screen)
    tiny.setStyleSheet("font-size: 12px")
    grey = QLabel("浅色", screen)
    grey.setStyleSheet("color: #BBBBBB; font-size: 40px")
    small_button = QPushButton("点", screen)
    small_button.setStyleSheet("min-height: 20px; min-width: 20px; max-height: 20px; max-width: 20px")
    for widget in (tiny, grey, small_button):
        screen.body.addWidget(widget)
    kiosk.app.processEvents()
    found = "\n".join(str(f) for f in audit(kiosk.window))
    assert "'小字': font 12px < 24px" in found
    assert "'浅色': contrast" in found
    assert "'点': touch target" in found
    wide = QLabel("宽", screen)
    wide.setMinimumWidth(3000)
    screen.body.addWidget(wide)
    kiosk.app.processEvents()
    assert any("content cut off: needs" in str(f) for f in cut_off(kiosk.window))


def test_no_unfinished_chinese_translation():
    result = subprocess.run([sys.executable, str(REPO / "scripts" / "i18n.py"), "check"], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


def test_layer_rules_hold():
    result = subprocess.run([str(REPO / ".venv" / "bin" / "lint-imports") if (REPO / ".venv").exists() else "lint-imports"],
                            cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
