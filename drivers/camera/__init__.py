"""Document camera (高拍仪): frame sources, page detection, quality gates, auto-capture, PDF.

No Qt here: the kiosk's CameraService runs this on its own thread and talks to the GUI.
"""

from drivers.camera.page import PageDetection, correct_page, detect_page, order_corners
from drivers.camera.pipeline import CapturedPage, FrameAnalysis, analyze_frame, capture_page
from drivers.camera.quality import VERDICT_HINTS, VERDICTS, QualityReport, Thresholds, assess
from drivers.camera.sources import FolderSource, FrameSource, OpenCVSource, SourceError, open_source
from drivers.camera.tracker import StillnessTracker

__all__ = [
    "VERDICTS", "VERDICT_HINTS", "CapturedPage", "FolderSource", "FrameAnalysis", "FrameSource",
    "OpenCVSource", "PageDetection", "QualityReport", "SourceError", "StillnessTracker", "Thresholds",
    "analyze_frame", "assess", "capture_page", "correct_page", "detect_page", "open_source",
    "order_corners",
]
