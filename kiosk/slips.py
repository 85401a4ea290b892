"""Printing the feedback slip through the PrinterService: rendered here for the service's own
paper width and profile, then sent as bytes (screens never touch drivers/)."""

from __future__ import annotations


def print_feedback_slip(printer, data: dict) -> str:
    """Queue the slip on `printer` (a PrinterService); returns the job id.
    Raises drivers.printer.TemplateDataError naming a missing field."""
    # imported here: python-escpos costs ~0.5 s at import, and screens import this module
    from drivers.printer.slips import render_feedback_slip

    device = printer.printer
    return printer.print_bytes(render_feedback_slip(data, device.paper_width_mm, device.profile,
                                                    device.native_qr))
