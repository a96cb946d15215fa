"""The fourteenth drafting round (docs/adding-an-article.md), one rule at a time on made-up
sentences: bills' and laws' numbers, dates, US states, bodies named by one word, a place's
policy as a topic; and (round fifteen) a name printed with a straight apostrophe, and the
states listed in one order whatever the run."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from techkg.loaders.draft import Draft
from tests.drafting import draft_text as _draft

ROOT = Path(__file__).resolve().parents[1]


def _names(d: Draft) -> list[tuple[str, str, list[str]]]:
    return [(e.name, e.type, e.aliases) for e in d.entities]


def test_a_bills_number_is_a_name_and_in_brackets_an_alias() -> None:
    assert _names(_draft("In the 119th Congress, H.R. 3524 and S. 1260 would require the "
                         "Testland Bureau of Commerce to act.")) == [
        ("Congress", "GovernmentBody", []),
        ("Testland Bureau of Commerce", "GovernmentBody", []),
        ("H.R. 3524", "Programme", []), ("S. 1260", "Programme", [])]
    # the number's full stops end no sentence, so the bracket closes in it
    assert _names(_draft("Congress passed the Uyghur Forced Labor Prevention Act (UFLPA; "
                         "P.L. 117-78) in 2021.")) == [
        ("Congress", "GovernmentBody", []),
        ("Uyghur Forced Labor Prevention Act", "Programme", ["UFLPA", "P.L. 117-78"])]


def test_a_date_is_no_part_of_a_name() -> None:
    d = _draft("Kestrel Labs Inc. met Omega Cloud Ltd. on June 3 and again in August 2022.")
    assert _names(d) == [("Kestrel Labs Inc.", "Company", []),
                         ("Omega Cloud Ltd.", "Company", [])]
    assert [(s.subject, s.type, s.object) for s in d.stubs] == [
        ("kestrel-labs-inc", "MEETS_WITH", "omega-cloud-ltd")]


def test_a_us_state_is_a_place() -> None:
    assert _names(_draft("Vermont and Kestrel Labs Inc. signed an agreement.")) == [
        ("Vermont", "Place", []), ("Kestrel Labs Inc.", "Company", [])]


def test_a_body_named_by_one_word_and_a_places_policy_as_a_topic() -> None:
    assert _names(_draft("A review of U.S. policy found that the China strategy of Kestrel "
                         "Labs Inc. failed, unlike the one China policy.")) == [
        ("China", "Place", []), ("U.S.", "Place", []), ("Kestrel Labs Inc.", "Company", []),
        ("China policy", "Programme", [])]
    assert _names(_draft("In 2020, Congress passed the law.")) == [
        ("Congress", "GovernmentBody", [])]


def test_a_name_with_a_straight_apostrophe_is_found_in_the_text() -> None:
    # (its pattern had turned the apostrophe into a class no text matches)
    d = _draft("Kestrel Labs Inc. opened an office in Xi'an.")
    assert [(s.subject, s.type, s.object) for s in d.stubs] == [
        ("kestrel-labs-inc", "LOCATED_IN", "xi-an")]


_STATES = ("from tests.drafting import draft_text\n"
           "d = draft_text('Plants in Vermont, Ohio, Texas and Maine supplied Kestrel Labs Inc.')\n"
           "print([e.name for e in d.entities])")


def test_a_draft_lists_us_states_in_the_same_order_in_every_run() -> None:
    # pycountry gives the states as a set, whose order changed with each run's string hashes
    runs = {subprocess.run([sys.executable, "-c", _STATES], cwd=ROOT, check=True, text=True,
                           capture_output=True, env={**os.environ, "PYTHONHASHSEED": seed}
                           ).stdout for seed in ("1", "2", "3", "4")}
    assert runs == {"['Texas', 'Maine', 'Ohio', 'Vermont']\n"}
