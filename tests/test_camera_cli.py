"""kioskctl camera detect / capture, sim camera, barcode decode: run as the technician would."""

from __future__ import annotations

import json

import cv2
import numpy as np
import qrcode
from camera_helpers import polygon_iou

from kiosk.cli.main import main


def test_sim_camera_writes_frames_and_ground_truth(tmp_path, capsys):
    assert main(["sim", "camera", "--out", str(tmp_path), "--count", "4", "--seed", "3",
                 "--width", "640", "--height", "360"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["frames"] == 4 and sum(summary["degradations"].values()) == 4
    truth = json.loads((tmp_path / "ground_truth.json").read_text(encoding="utf-8"))
    assert truth["corner_order"] == ["TL", "TR", "BR", "BL"] and len(truth["frames"]) == 4
    for item in truth["frames"]:
        assert cv2.imread(str(tmp_path / item["file"])).shape == (360, 640, 3)
        assert {"corners", "fully_visible", "degradation"} <= set(item)
    # same seed, same scenes
    again = tmp_path / "again"
    main(["sim", "camera", "--out", str(again), "--count", "4", "--seed", "3", "--width", "640", "--height", "360"])
    assert json.loads((again / "ground_truth.json").read_text(encoding="utf-8"))["frames"] == truth["frames"]
    assert main(["sim", "camera", "--out", str(again), "--count", "0"]) == 2


def test_camera_detect_json_and_corrected_page(tmp_path, capsys):
    main(["sim", "camera", "--out", str(tmp_path), "--count", "1", "--seed", "8"])
    truth = json.loads((tmp_path / "ground_truth.json").read_text(encoding="utf-8"))["frames"][0]
    capsys.readouterr()
    out = tmp_path / "page.png"
    assert main(["camera", "detect", str(tmp_path / truth["file"]), "--json", "--out", str(out)]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["found"] and result["verdict"] == "ok"
    assert polygon_iou(result["corners"], truth["corners"]) >= 0.9
    assert {"sharpness", "brightness", "glare_fraction", "area_fraction"} <= set(result["quality"])
    assert cv2.imread(str(out), cv2.IMREAD_UNCHANGED).shape[:2] in {(1754, 1240), (1240, 1754), (319, 506), (506, 319)}


def test_camera_detect_reports_no_page_and_bad_files(tmp_path, capsys):
    blank = tmp_path / "blank.png"
    cv2.imwrite(str(blank), np.full((360, 640, 3), 35, np.uint8))
    assert main(["camera", "detect", str(blank), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["verdict"] == "none"
    assert main(["camera", "detect", str(tmp_path / "missing.png")]) == 2
    assert "missing.png" in capsys.readouterr().err
    junk = tmp_path / "junk.jpg"
    junk.write_bytes(b"nope")
    assert main(["camera", "detect", str(junk)]) == 2
    assert "not a readable image" in capsys.readouterr().err


def test_camera_capture_from_the_scene_generator(tmp_path, capsys):
    out = tmp_path / "pages"
    assert main(["camera", "capture", "--device", "scene:1", "--out", str(out), "--count", "1",
                 "--timeout", "60"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["pages"] == 1
    assert (out / "page_001.jpg").stat().st_size <= 400 * 1024
    assert (out / "materials.pdf").read_bytes().startswith(b"%PDF")


def test_camera_capture_names_an_unopenable_device(tmp_path, capsys):
    assert main(["camera", "capture", "--device", "97", "--out", str(tmp_path)]) == 2
    assert "97" in capsys.readouterr().err


def test_barcode_decode_both_backends(tmp_path, capsys):
    path = tmp_path / "qr.png"
    qrcode.make("社保卡补办 办件编号 0042".encode("utf-8")).save(path)
    for backend in ("zxing", "zbar"):
        assert main(["barcode", "decode", str(path), "--json", "--backend", backend]) == 0
        assert json.loads(capsys.readouterr().out) == [{"format": "QRCode", "text": "社保卡补办 办件编号 0042"}]
    assert main(["barcode", "decode", str(tmp_path / "none.png")]) == 2
