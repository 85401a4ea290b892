"""Thermal receipt printer (ESC/POS): Chinese encoder, layout, templates, status, transport,
stream parser, renderer and a virtual network printer. No Qt here."""

from drivers.printer.device import PrintResult, ReceiptPrinter
from drivers.printer.layout import PAPER_58, PAPER_80, Paper, paper_for
from drivers.printer.status import PrinterStatus
from drivers.printer.templates import TemplateDataError, render

__all__ = [
    "PAPER_58", "PAPER_80", "Paper", "PrintResult", "PrinterStatus", "ReceiptPrinter",
    "TemplateDataError", "paper_for", "render",
]
