"""Second-generation ID card reader (GA 467 "SAM" serial protocol): codec, commands, card parser,
reader device class and a simulator that speaks the same bytes. No Qt here (see kiosk/services)."""

from drivers.idcard.cards import CardFormatError, IdCard, parse_read_data, parse_text_block
from drivers.idcard.codec import FrameDecoder, FrameError, Reply, build_command, decode_frame
from drivers.idcard.reader import IdCardReader, ReaderEvent

__all__ = [
    "CardFormatError",
    "FrameDecoder",
    "FrameError",
    "IdCard",
    "IdCardReader",
    "ReaderEvent",
    "Reply",
    "build_command",
    "decode_frame",
    "parse_read_data",
    "parse_text_block",
]
