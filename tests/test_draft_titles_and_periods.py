"""Eighth-round rules on made-up sentences: a title alone names no one, a title before two
names is both persons', surnames with a capital inside, an organisation word that ends two
names joined by "and" names the whole (but a company's legal ending ends its name), a past
post and an opening period of years are `former`, as is removing a supplier's equipment,
and a capitalised cue word inside a name is no cue."""

from __future__ import annotations

from techkg.loaders.draft import Draft
from tests.drafting import draft_text as _draft
from tests.drafting import entity_names as _names


def _facts(d: Draft) -> list[tuple[str, str, str, str]]:
    return [(s.subject, s.type, s.object, s.status) for s in d.stubs]


def test_titles_name_no_one_and_go_with_the_names_after_them() -> None:
    d = _draft("The case is prosecuted by Assistant U.S. Attorneys Mira Okafor and Tom Reed "
               "of the Zeta Harbour Office, said FBI Special Agent in Charge Jan McAllister. "
               "Acting U.S. Attorney Lena DeVries thanked the Zeta Harbour Office.")
    # (not "Assistant U.S. Attorneys Mira Okafor and Tom Reed", "FBI Special Agent",
    # "Charge Jan McAllister", "Acting U.S. Attorney")
    assert _names(d) == [("U.S.", "Place"), ("Mira Okafor", "Person"), ("Tom Reed", "Person"),
                         ("Zeta Harbour Office", "GovernmentBody"),
                         ("Jan McAllister", "Person"), ("Lena DeVries", "Person")]


def test_an_organisation_word_that_ends_two_names_joined_by_and_names_the_whole() -> None:
    d = _draft("The Kestrel Post and Telecom Authority fined Beta Networks under the Harbour "
               "Fraud and Abuse Act. Beta Networks and Zeta Harbour Office signed a deal.")
    assert _names(d) == [("Kestrel Post and Telecom Authority", "GovernmentBody"),
                         ("Beta Networks", "Company"),
                         ("Harbour Fraud and Abuse Act", "Programme"),
                         ("Zeta Harbour Office", "GovernmentBody")]


def test_a_past_post_and_an_opening_period_of_years_are_former() -> None:
    d = _draft("From 2006 to August 2019, Dr. Mira Okafor was a tenured professor at Beta "
               "University. Dr. Tom Reed was a trusted researcher at Zeta Institute. Dr. Ann "
               "Lee is a researcher at Zeta Institute.")
    assert _facts(d) == [("mira-okafor", "HOLDS_POSITION", "beta-university", "former"),
                         ("tom-reed", "HOLDS_POSITION", "zeta-institute", "former"),
                         ("ann-lee", "HOLDS_POSITION", "zeta-institute", "reported")]


def test_removing_a_suppliers_equipment_is_former() -> None:
    d = _draft("Kestrel Telecom is removing all Beta Networks equipment from its network.")
    assert _facts(d) == [("kestrel-telecom", "SOURCES_FROM", "beta-networks", "former")]


def test_a_capitalised_cue_word_inside_a_name_is_no_cue() -> None:
    d = _draft("Assistant Attorney Will Reed joined Kestrel Microsystems in 2010.")
    assert _facts(d) == [("will-reed", "MEMBER_OF", "kestrel-microsystems", "reported")]
    d = _draft("Kestrel Microsystems will fund Beta University.")
    assert _facts(d) == [("kestrel-microsystems", "FUNDS", "beta-university", "planned")]
