"""Card parser, ID-number checks, code tables, SAM ID and the photo plugin seam."""

from __future__ import annotations

import datetime as dt
import random
import shutil
import subprocess

import pytest

from drivers.idcard import cards, codes, idnumber, wlt
from drivers.idcard.cards import CardFormatError, encode_text_block, parse_text_block
from drivers.idcard.commands import format_sam_id
from drivers.idcard.identities import (
    Identity,
    invented_identities,
    invented_identity,
    load_identities,
)

TODAY = dt.date(2025, 6, 1)

RESIDENT_FIELDS = {
    "name": "张 三丰", "sex": "1", "nation": "01", "birth_date": "19900307",
    "address": "湖南省郴州市北湖区人民西路1号", "id_number": "110101199003071233",
    "authority": "郴州市公安局北湖分局", "valid_from": "20150101", "valid_to": "20350101",
}


def test_check_character_worked_examples():
    assert idnumber.check_char("11010519491231002") == "X"
    assert idnumber.check_char("11010119900307123") == "3"
    assert idnumber.checksum_ok("11010519491231002X")
    assert not idnumber.checksum_ok("11010519491231002x")  # card data always has upper-case X
    assert not idnumber.checksum_ok("110101199003071234")
    with pytest.raises(ValueError, match="position 3"):
        idnumber.check_char("11A01199003071231")


def test_make_number_has_valid_check_and_embeds_birth_and_sex():
    number = idnumber.make_number("431002", dt.date(1985, 2, 28), 17)
    assert idnumber.checksum_ok(number)
    assert idnumber.birth_date(number) == dt.date(1985, 2, 28)
    assert idnumber.sex_code(number) == "1"


def test_resident_card_fields():
    card = parse_text_block(encode_text_block(cards.RESIDENT, RESIDENT_FIELDS), today=TODAY)
    assert card.card_type == "resident"
    assert card.name == "张 三丰"  # inner space kept: right-trim only
    assert (card.sex, card.sex_label, card.nation, card.nation_label) == ("1", "男", "01", "汉")
    assert card.birth_date == "1990-03-07"
    assert card.valid_from == "2015-01-01" and card.valid_to == "2035-01-01"
    assert card.id_checksum_ok and card.birth_date_consistent and card.sex_consistent
    assert card.expired is False and card.problems == ()
    assert card.permit_number is None and card.nationality is None


def test_long_term_validity_and_expiry():
    long_term = parse_text_block(encode_text_block(cards.RESIDENT, {**RESIDENT_FIELDS, "valid_to": "长期"}),
                                 today=TODAY)
    assert long_term.valid_to == "长期" and long_term.expired is False
    expired = parse_text_block(encode_text_block(cards.RESIDENT, {**RESIDENT_FIELDS, "valid_to": "20250531"}),
                               today=TODAY)
    assert expired.expired is True
    same_day = parse_text_block(encode_text_block(cards.RESIDENT, {**RESIDENT_FIELDS, "valid_to": "20250601"}),
                                today=TODAY)
    assert same_day.expired is False


def test_inconsistencies_are_reported_not_raised():
    fields = {**RESIDENT_FIELDS, "id_number": "110101199003071234", "birth_date": "19900308",
              "sex": "2", "nation": "77", "valid_from": "2015XX01"}
    card = parse_text_block(encode_text_block(cards.RESIDENT, fields), today=TODAY)
    assert card.id_checksum_ok is False
    assert card.birth_date_consistent is False
    assert card.sex_consistent is False
    assert card.nation == "77" and card.nation_label is None  # unknown code kept raw
    assert card.valid_from == "2015XX01"
    assert len(card.problems) == 4


@pytest.mark.parametrize(("code", "label"), [("0", "未知的性别"), ("1", "男"), ("2", "女"), ("9", "未说明的性别"),
                                             ("5", None)])
def test_sex_labels_never_default_to_female(code, label):
    assert codes.sex_label(code) == label


def test_hk_mo_tw_card():
    fields = {"name": "陈大文", "sex": "1", "birth_date": "19800101", "address": "湖南省郴州市",
              "id_number": idnumber.make_number("810000", dt.date(1980, 1, 1), 11),
              "authority": "郴州市公安局", "valid_from": "20200101", "valid_to": "20250101",
              "permit_number": "H12345678", "issue_count": "02"}
    card = parse_text_block(encode_text_block(cards.HK_MO_TW, fields), today=TODAY)
    assert card.card_type == "hk_mo_tw"
    assert (card.permit_number, card.issue_count) == ("H12345678", "02")
    assert card.nation is None and card.id_checksum_ok and card.expired is True


def test_foreign_2017_card():
    fields = {"name_en": "SMITH, JOHN PAUL", "sex": "1", "id_number": "CAN431801010017",
              "nationality": "CAN", "name": "史密斯", "valid_from": "20180101", "valid_to": "20280101",
              "birth_date": "19800101", "card_version": "01", "authority_code": "1500"}
    card = parse_text_block(encode_text_block(cards.FOREIGN_2017, fields), today=TODAY)
    assert card.card_type == "foreign_2017"
    assert card.name_en == "SMITH, JOHN PAUL" and card.name == "史密斯"
    assert (card.nationality, card.nationality_label) == ("CAN", "加拿大")
    assert card.birth_date == "1980-01-01"
    assert card.id_checksum_ok is None and card.problems == ()


def test_foreign_2023_card_with_long_english_name():
    name_en = "ABDULRAHMAN MOHAMMED BIN SAUD AL FAISAL JUNIOR"  # 46 chars: spills past 35
    fields = {"name": "阿卜杜", "sex": "1", "renewal_count": "00", "birth_date": "19850101",
              "name_en": name_en, "id_number": "932682198501010017", "valid_from": "20240101",
              "valid_to": "20340101", "nationality": "682"}
    block = encode_text_block(cards.FOREIGN_2023, fields)
    assert block[220:242].decode("utf-16-le").rstrip() == name_en[35:]
    card = parse_text_block(block, today=TODAY)
    assert card.card_type == "foreign_2023"
    assert card.name_en == name_en
    assert card.id_checksum_ok and card.birth_date_consistent
    assert card.nationality_label == "沙特阿拉伯"


@pytest.mark.parametrize(
    ("number", "expected"),
    [("932682198501010017", "foreign_2023"), ("CAN431801010017", "foreign_2017"),
     ("810000198001010018", "hk_mo_tw"), ("110101199003071233", "resident")],
)
def test_unexpected_flag_falls_back_to_number_shape(number, expected):
    block = bytearray(encode_text_block(cards.RESIDENT, {"id_number": number}))
    block[248:250] = b"\x00\x00"
    assert cards.detect_card_type(bytes(block)) == expected


def test_envelope_lengths_come_from_length_words():
    ident = invented_identities(1, seed=7)[0]
    for fp_size in (0, 512, 1024):
        ident.fingerprint = bytes(fp_size) or None
        data = ident.read_data(with_fingerprint=True)
        assert len(data) + 11 == {0: 1297, 512: 1809, 1024: 2321}[fp_size]
        envelope = cards.parse_read_data(data)
        assert envelope.has_fingerprint_block and len(envelope.fingerprint) == fp_size
        assert envelope.photo_wlt[:3] == b"WLf"
    base = cards.parse_read_data(ident.read_data(with_fingerprint=False))
    assert not base.has_fingerprint_block and len(base.text) == 256


def test_envelope_errors_name_frame_bytes():
    data = invented_identities(1)[0].read_data(False)
    with pytest.raises(CardFormatError, match=r"frame bytes 10\.\.15: length words"):
        cards.parse_read_data(data[:-1])
    odd_text = (200).to_bytes(2, "big") + (1084).to_bytes(2, "big") + bytes(1284)
    with pytest.raises(CardFormatError, match="text length 200"):
        cards.parse_read_data(odd_text)


def test_masking_hash_and_repr_keep_personal_data_out():
    card = parse_text_block(encode_text_block(cards.RESIDENT, RESIDENT_FIELDS), today=TODAY)
    assert card.masked_id() == "110101********1233"
    assert len(card.id_hash()) == 64 and card.id_number not in card.id_hash()
    text = repr(card) + str(card)
    assert "张" not in text and "199003071" not in text


def test_json_dict_has_the_cli_keys():
    card = cards.card_from_read_data(invented_identities(1)[0].read_data(False))
    keys = {"card_type", "name", "name_en", "sex", "sex_label", "nation", "nation_label", "birth_date",
            "address", "id_number", "authority", "valid_from", "valid_to", "permit_number",
            "issue_count", "nationality", "id_checksum_ok", "expired"}
    assert keys <= set(card.to_json_dict())
    assert len(card.photo_wlt) == 1024


def test_invented_identities_are_valid_for_all_types():
    rng = random.Random(1)
    for card_type in cards.LAYOUTS:
        for _ in range(20):
            ident = invented_identity(card_type, rng, TODAY)
            card = cards.card_from_read_data(ident.read_data(True), today=TODAY)
            assert card.card_type == card_type
            assert card.problems == ()
            assert card.id_checksum_ok is (None if card_type == cards.FOREIGN_2017 else True)


def test_invented_cards_are_in_date():
    """A journey places "a resident" from a random seed: an expired one among them hid the
    confirm button and failed CI now and then (5-year cards of the young, issued 2000 days ago)."""
    for seed in range(300):
        for ident in invented_identities(4, seed=seed, today=TODAY):
            card = cards.card_from_read_data(ident.read_data(True), today=TODAY)
            assert card.expired is False, (seed, ident.fields["valid_from"], ident.fields["valid_to"])


def test_identity_json_errors_name_file_entry_and_key(tmp_path):
    path = tmp_path / "ids.json"
    path.write_text('[{"card_type": "resident", "name": "王五"}, {"card_type": "passport"}]', "utf-8")
    with pytest.raises(ValueError, match=r"ids.json: entry 1: key 'card_type' is 'passport'"):
        load_identities(path)
    path.write_text('[{"card_type": "resident", "nickname": "x"}]', "utf-8")
    with pytest.raises(ValueError, match="entry 0: field 'nickname' does not exist"):
        load_identities(path)
    path.write_text('[{"card_type": "resident", "name": "一二三四五六七八九十一二三四五六"}]', "utf-8")
    with pytest.raises(ValueError, match="name: 16 characters"):
        load_identities(path)


def test_identity_json_round_trip(tmp_path):
    from drivers.idcard.identities import save_identities

    originals = invented_identities(4, seed=3)
    save_identities(originals, tmp_path / "ids.json")
    loaded = load_identities(tmp_path / "ids.json")
    assert [i.text_block() for i in loaded] == [i.text_block() for i in originals]
    assert isinstance(loaded[0], Identity)


def test_sam_id_decoding():
    data = bytes([5, 0, 1, 0]) + (20220101).to_bytes(4, "little") + (12345678).to_bytes(4, "little") \
        + (987654321).to_bytes(4, "little")
    assert format_sam_id(data) == "05.01-20220101-0012345678-0987654321"
    with pytest.raises(ValueError, match="16 data bytes"):
        format_sam_id(data[:8])


def test_appended_address():
    data = cards.encode_field("湖南省郴州市苏仙区1号", 70, "address")
    assert cards.parse_appended_address(data) == "湖南省郴州市苏仙区1号"


def test_photo_plugin_absent_or_failing_never_fails(tmp_path):
    assert wlt.load_decoder("") is None
    assert wlt.load_decoder(str(tmp_path / "missing.so")) is None
    (tmp_path / "junk.so").write_bytes(b"not a library")
    assert wlt.load_decoder(str(tmp_path / "junk.so")) is None

    class Broken:
        def decode(self, data):
            raise RuntimeError("vendor crash")

    assert wlt.decode_photo(Broken(), b"WLf" + bytes(1021)) is None


@pytest.mark.skipif(shutil.which("cc") is None, reason="no C compiler to build a stand-in decoder")
def test_photo_plugin_loads_a_vendor_style_library(tmp_path):
    # A stand-in with the libwlt2bmp signature: writes "BM" and the first WLT byte, returns 1.
    source = tmp_path / "fake.c"
    source.write_text("int unpack(char *src, char *dst, int flag) { dst[0]='B'; dst[1]='M'; "
                      "dst[2]=src[0]; return flag == 1 ? 1 : 0; }\n")
    library = tmp_path / "libfakewlt.so"
    subprocess.run(["cc", "-shared", "-fPIC", "-o", str(library), str(source)], check=True)
    decoder = wlt.load_decoder(str(library))
    assert decoder is not None
    bmp = wlt.decode_photo(decoder, b"W" + bytes(1023))
    assert bmp is not None and len(bmp) == wlt.BMP_SIZE and bmp[:3] == b"BMW"
    assert wlt.decode_photo(decoder, b"short") is None
