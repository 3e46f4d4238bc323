"""The unified social credit code check (GB 32100-2015), on the scenario's published codes."""

import json
from pathlib import Path

import pytest

from domain.errors import InvalidCreditCode
from domain.uscc import check_credit_code, uscc_check_character

SCENARIO = json.loads((Path(__file__).parents[2] / "application/scenarios/ganjingzi.json").read_text("utf-8"))
CODES = SCENARIO["credit_codes_for_validation_tests"]


@pytest.mark.parametrize("entry", CODES["valid_published"], ids=lambda e: e["holder"])
def test_published_codes_pass(entry):
    assert check_credit_code(entry["uscc"]).code == entry["uscc"]


@pytest.mark.parametrize("code", CODES["invalid"])
def test_known_invalid_codes_are_refused_with_a_chinese_message(code):
    with pytest.raises(InvalidCreditCode) as caught:
        check_credit_code(code)
    assert "统一社会信用代码" in caught.value.message
    assert caught.value.field == "uscc"


def test_every_scenario_enterprise_code_is_valid():
    for enterprise in SCENARIO["enterprises"]:
        assert check_credit_code(enterprise["uscc"]).code == enterprise["uscc"]


def test_wrong_check_character_names_the_expected_one():
    good = "91440300100016868X"[:17]
    expected = uscc_check_character(good)
    wrong = "0" if expected != "0" else "1"
    with pytest.raises(InvalidCreditCode, match=f"应为 {expected}"):
        check_credit_code(good + wrong)


def test_bad_organisation_check_digit_is_only_a_warning():
    # Change the 17th character and recompute the 18th so only the old organisation-code check fails.
    base = CODES["valid_published"][1]["uscc"]  # 911000001000013428
    first17 = base[:16] + ("1" if base[16] != "1" else "2")
    code = first17 + uscc_check_character(first17)
    result = check_credit_code(code)
    assert result.code == code
    assert result.warnings and "第17位" in result.warnings[0]


def test_lower_case_and_spaces_are_normalised():
    assert check_credit_code(" 9144030010001686xa ").code == "9144030010001686XA"
