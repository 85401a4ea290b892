"""Frame codec: known frames from the reference, strict decoding errors, and stream properties."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drivers.idcard.codec import (
    MAX_LENGTH,
    PREAMBLE,
    Command,
    FrameDecoder,
    FrameError,
    Reply,
    build_command,
    build_reply,
    decode_frame,
    parse_hex,
)

# Command frames exactly as listed in the reference's table (checksums cross-checked there).
KNOWN_COMMANDS = {
    (0x10, 0xFF, b""): "AA AA AA 96 69 00 03 10 FF EC",
    (0x11, 0xFF, b""): "AA AA AA 96 69 00 03 11 FF ED",
    (0x12, 0xFF, b""): "AA AA AA 96 69 00 03 12 FF EE",
    (0x20, 0x01, b""): "AA AA AA 96 69 00 03 20 01 22",
    (0x20, 0x02, b""): "AA AA AA 96 69 00 03 20 02 21",
    (0x30, 0x01, b""): "AA AA AA 96 69 00 03 30 01 32",
    (0x30, 0x03, b""): "AA AA AA 96 69 00 03 30 03 30",
    (0x30, 0x10, b""): "AA AA AA 96 69 00 03 30 10 23",
    (0x60, 0x04, b""): "AA AA AA 96 69 00 03 60 04 67",
    (0x61, 0xFF, b"\x50"): "AA AA AA 96 69 00 04 61 FF 50 CA",
}


@pytest.mark.parametrize(("args", "expected"), KNOWN_COMMANDS.items())
def test_command_frames_match_reference(args, expected):
    assert build_command(*args) == bytes.fromhex(expected)


@pytest.mark.parametrize(
    ("hex_frame", "sw3", "data_len"),
    [
        ("AA AA AA 96 69 00 04 00 00 90 94", 0x90, 0),
        ("AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97", 0x9F, 4),
        ("AA AA AA 96 69 00 0C 00 00 90 00 00 00 00 00 00 00 00 9C", 0x90, 8),
        ("AA AA AA 96 69 00 04 00 00 81 85", 0x81, 0),
        ("AA AA AA 96 69 00 04 00 00 60 64", 0x60, 0),
    ],
)
def test_reference_replies_decode(hex_frame, sw3, data_len):
    reply = Reply.from_frame(decode_frame(bytes.fromhex(hex_frame)))
    assert (reply.sw1, reply.sw2, reply.sw3, len(reply.data)) == (0, 0, sw3, data_len)


def test_build_reply_round_trips():
    raw = build_reply(0x90, b"\x01\x02", sw1=0x12, sw2=0x34)
    assert Reply.from_frame(decode_frame(raw)) == Reply(0x12, 0x34, 0x90, b"\x01\x02")
    assert Command.from_frame(decode_frame(build_command(0x61, 0xFF, b"\x50"), min_length=3)) == Command(
        0x61, 0xFF, b"\x50")


@pytest.mark.parametrize(
    ("raw", "offset", "words"),
    [
        ("AA AA AB 96 69 00 04 00 00 90 94", 2, "preamble"),
        ("AA AA AA 96 69 FF FF 00 00 90 94", 5, "length word"),
        ("AA AA AA 96 69 00 02 00 94", 5, "length word"),
        ("AA AA AA 96 69 00 08 00 00 9F 00", 11, "truncated"),
        ("AA AA AA 96 69 00 04 00 00 90 94 00", 11, "unexpected bytes"),
        ("AA AA AA 96 69 00 04 00 00 90 95", 10, "checksum mismatch"),
        ("AA AA", None, "only 2 bytes"),
    ],
)
def test_decode_frame_names_the_byte_and_the_check(raw, offset, words):
    with pytest.raises(FrameError) as info:
        decode_frame(bytes.fromhex(raw))
    assert info.value.offset == offset
    assert words in str(info.value)


def test_parse_hex_accepts_spaces_and_names_bad_digits():
    assert parse_hex("aa AA\n0x96:69") == bytes.fromhex("AAAA9669")
    with pytest.raises(ValueError, match="hex digit 2: 'G'"):
        parse_hex("AAG0")
    with pytest.raises(ValueError, match="odd number"):
        parse_hex("AAA")


def test_stray_byte_before_preamble_is_skipped():
    # The garbled select reply logged by a public Qt project: one stray byte before the preamble.
    select_reply = bytes.fromhex("AA AA AA 96 69 00 0C 00 00 90 00 00 00 00 00 00 00 00 9C")
    decoder = FrameDecoder()
    frames = decoder.feed(b"\xaa\x00" + select_reply + b"\x00")  # also a trailing extra byte
    assert [Reply.from_frame(f).sw3 for f in frames] == [0x90]
    assert decoder.discarded == 3 and decoder.buffered == 0  # 2 before, 1 after: none could start a frame


def test_absurd_length_and_bad_checksum_resync_to_next_frame():
    good = build_reply(0x90)
    decoder = FrameDecoder()
    bad_checksum = good[:-1] + bytes([good[-1] ^ 1])
    absurd = PREAMBLE + (MAX_LENGTH + 1).to_bytes(2, "big")
    frames = decoder.feed(bad_checksum + absurd + good)
    assert frames == [decode_frame(good)]
    assert decoder.rejected == 2


def test_bytes_needed_follows_the_length_word():
    frame = build_reply(0x90, bytes(1284))
    decoder = FrameDecoder()
    assert decoder.bytes_needed() == 7
    decoder.feed(frame[:7])
    assert decoder.bytes_needed() == len(frame) - 7
    assert decoder.feed(frame[7:]) and decoder.bytes_needed() == 7


bodies = st.binary(min_size=3, max_size=300)
# Garbage may contain AA bytes and partial preambles but not 96/69, so it cannot complete a
# preamble with a neighbouring frame's bytes (that case is tested deterministically above).
garbage = st.binary(max_size=40).map(lambda g: bytes(b for b in g if b not in (0x96, 0x69)))


def _split(data: bytes, cuts: list[int]) -> list[bytes]:
    points = sorted({c % (len(data) + 1) for c in cuts})
    pieces, last = [], 0
    for point in points + [len(data)]:
        pieces.append(data[last:point])
        last = point
    return pieces


@settings(max_examples=150, deadline=None)
@given(st.lists(bodies, min_size=1, max_size=6), st.lists(st.integers(0, 10_000), max_size=30))
def test_any_split_or_merge_decodes_the_same_frames(bodies_, cuts):
    stream = b"".join(build_reply(b[2], b[3:], b[0], b[1]) for b in bodies_)
    decoder = FrameDecoder()
    frames = [f for piece in _split(stream, cuts) for f in decoder.feed(piece)]
    assert [f.body for f in frames] == bodies_
    assert decoder.discarded == 0 and decoder.buffered == 0


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(garbage, bodies), min_size=1, max_size=5), garbage,
       st.lists(st.integers(0, 10_000), max_size=20))
def test_garbage_between_frames_is_skipped(pairs, tail, cuts):
    stream = b"".join(g + build_frame_body(b) for g, b in pairs) + tail
    decoder = FrameDecoder()
    frames = [f for piece in _split(stream, cuts) for f in decoder.feed(piece)]
    assert [f.body for f in frames] == [b for _, b in pairs]


def build_frame_body(body: bytes) -> bytes:
    return build_reply(body[2], body[3:], body[0], body[1])


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=600), st.lists(st.integers(0, 10_000), max_size=10))
def test_random_bytes_never_raise_from_the_decoder(data, cuts):
    decoder = FrameDecoder()
    for piece in _split(data, cuts):
        for frame in decoder.feed(piece):
            assert 1 <= len(frame.body) <= MAX_LENGTH
    assert decoder.bytes_needed() >= 1


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.binary(max_size=64), st.binary(max_size=64).map(lambda d: PREAMBLE + d)))
def test_strict_decode_raises_only_frame_error(data):
    try:
        decode_frame(data)
    except FrameError:
        pass
