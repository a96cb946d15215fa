"""Ninth-round rules on made-up sentences: official names that hold "of the" and "on" ("the
Department of the Treasury", "the Committee on Foreign Investment"), but not after a
document's word ("the Work Plan of the … Center" names two things); a title and a person's
name end at "of" and the body follows; a title "of" a body names the body; a body's unit
named with its possessive is part of it, and a person "of" a body holds a position there."""

from __future__ import annotations

from tests.drafting import draft_text
from tests.drafting import names_in as _names


def test_official_names_hold_of_the_and_on() -> None:
    assert _names("Kestrel Microsystems met the Department of the Treasury and the Committee "
                  "on Foreign Investment.") == [
        ("Kestrel Microsystems", "Company"), ("Department of the Treasury", "GovernmentBody"),
        ("Committee on Foreign Investment", "PartyBody")]


def test_a_documents_name_ends_before_of_the() -> None:
    assert _names("The Work Plan of the Kestrel Transfer Center was issued.") == [
        ("Work Plan", "Programme"), ("Kestrel Transfer Center", "InnovationBase")]


def test_a_titled_person_ends_at_of_and_a_title_of_a_body_names_the_body() -> None:
    assert _names("Trial Attorney Mira Okafor of the Zeta Harbour Office met the Chairman of "
                  "the Kestrel Securities Commission.") == [
        ("Mira Okafor", "Person"), ("Zeta Harbour Office", "GovernmentBody"),
        ("Kestrel Securities Commission", "GovernmentBody")]
    assert _names("Assistant U.S. Attorneys Mira Okafor and Tom Reed of the Zeta Harbour "
                  "Office spoke.") == [
        ("U.S.", "Place"), ("Mira Okafor", "Person"), ("Tom Reed", "Person"),
        ("Zeta Harbour Office", "GovernmentBody")]


def _facts(text: str) -> list[tuple[str, str, str, str]]:
    d = draft_text(text)
    return [(s.subject, s.type, s.object, s.status) for s in d.stubs]


def test_a_bodys_unit_named_with_its_possessive_is_part_of_it() -> None:
    assert _facts("The attack was traced by Kestrel Microsystems's Security Division.") == [
        ("security-division", "PART_OF", "kestrel-microsystems", "reported")]
    # (a body named with another's possessive, not a unit, is run by it)
    assert _facts("The attack was traced by Kestrel Microsystems's Beta Networks.") == [
        ("kestrel-microsystems", "RUNS", "beta-networks", "reported")]


def test_a_person_of_a_body_holds_a_position_there() -> None:
    assert _facts("The case is prosecuted by Trial Attorney Mira Okafor of the Zeta Harbour "
                  "Office.") == [("mira-okafor", "HOLDS_POSITION", "zeta-harbour-office",
                                  "reported")]
