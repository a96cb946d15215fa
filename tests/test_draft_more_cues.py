"""Rules added in the fifth to seventh drafting rounds (docs/adding-an-article.md), one at a
time on made-up sentences: the other forms of a listed verb, a unit at its body, one more of
a kind, a state body directing a company, supplier, ban and spying words; names owned by a
place, makers of goods, a place's list, demonyms; plea agreements, middle initials and
officials' titles."""

from __future__ import annotations

from techkg.loaders.draft import Draft
from techkg.loaders.draft.words import drafting
from tests.drafting import draft_text as _draft


def _facts(d: Draft) -> set[tuple[str, str, str, str]]:
    return {(s.subject, s.type, s.object, s.status) for s in d.stubs}


def test_a_verb_listed_in_one_form_is_found_in_its_others() -> None:
    words = {w for t in drafting().triggers if t.rel_type == "ACQUIRES" for w in t.words}
    assert {"acquired", "acquires", "acquiring"} <= words
    d = _draft("In 2019 Kestrel Labs Inc. was acquiring Delta Systems Ltd. in May.")
    assert _facts(d) == {("kestrel-labs-inc", "ACQUIRES", "delta-systems-ltd", "reported")}


def test_a_base_form_that_is_also_a_noun_lends_no_forms() -> None:
    # "report" (ISSUES) and "engineer" (a position) are listed as nouns
    d = _draft("Kestrel Microsystems reported strong sales while Beta University grew.")
    assert d.stubs == []
    issues = {w for t in drafting().triggers if t.rel_type == "ISSUES" for w in t.words}
    assert "reported" not in issues


def test_a_unit_at_a_body_is_part_of_it() -> None:
    d = _draft("Mira Okafor is a fellow at the Alpha Policy Institute at Beta University.")
    assert ("alpha-policy-institute", "PART_OF", "beta-university", "reported") in _facts(d)


def test_one_more_of_a_kind_goes_with_the_verb_before_the_first() -> None:
    d = _draft("The Zetan Communist Party directs Kestrel Microsystems and other carriers "
               "such as Delta Telecom Inc.")
    assert _facts(d) == {
        ("kestrel-microsystems", "SUPERVISED_BY", "zetan-communist-party", "reported"),
        ("delta-telecom-inc", "SUPERVISED_BY", "zetan-communist-party", "reported")}


def test_a_person_directed_by_a_body_is_not_supervised() -> None:
    d = _draft("Dr. Mira Okafor directs the Alpha Lab.")
    assert _facts(d) == {("mira-okafor", "RUNS", "alpha-lab", "reported")}


def test_supplier_ban_and_spying_words() -> None:
    d = _draft("Delta Telecom Inc. bought equipment from Kestrel Microsystems.")
    assert _facts(d) == {("delta-telecom-inc", "SOURCES_FROM", "kestrel-microsystems",
                          "reported")}
    d = _draft("The Testland Ministry of Commerce barred Kestrel Microsystems in 2020.")
    assert _facts(d) == {("testland-ministry-of-commerce", "RESTRICTS",
                          "kestrel-microsystems", "reported")}
    d = _draft("Mira Okafor spied for the Zetan Ministry of State Security.")
    assert _facts(d) == {("mira-okafor", "PARTNERS_WITH", "zetan-ministry-of-state-security",
                          "reported")}


# the sixth round

def test_a_name_owned_by_a_place_is_a_name_of_its_own() -> None:
    d = _draft("Officials in Testland praised Sweden's Quorvex last year. Since then Quorvex "
               "grew.")
    assert ("Quorvex", "Company") in [(e.name, e.type) for e in d.entities]
    assert "Sweden's Quorvex" not in [e.name for e in d.entities]


def test_a_single_word_before_goods_is_their_maker() -> None:
    d = _draft("In 2019 the regulator inspected Quorvex equipment in the network.")
    assert [(e.name, e.type, e.comment) for e in d.entities] == [
        ("Quorvex", "Company", "new: a single word named as the maker of goods "
                               "(\"… equipment\"); no type word: check the type")]


def test_the_members_of_a_list_a_place_has_are_there() -> None:
    d = _draft("As of 2022, Sweden had three mobile operators: Quorvex Telecom, Delta "
               "Systems Ltd., and Omega Networks.")
    assert _facts(d) == {(member, "LOCATED_IN", "sweden", "reported") for member in (
        "quorvex-telecom", "delta-systems-ltd", "omega-networks")}


def test_two_names_joined_by_and_are_both_where_the_clause_says() -> None:
    d = _draft("Since 2001 Delta Systems Ltd. and Omega Networks Inc. are headquartered in "
               "Testland.")
    assert _facts(d) >= {("delta-systems-ltd", "LOCATED_IN", "testland", "reported"),
                         ("omega-networks-inc", "LOCATED_IN", "testland", "reported")}


def test_using_or_choosing_a_vendor_sources_from_it() -> None:
    d = _draft("In 2012 Delta Telecom Inc. selected Kestrel Labs Inc. for its network.")
    assert _facts(d) == {("delta-telecom-inc", "SOURCES_FROM", "kestrel-labs-inc",
                          "reported")}


def test_what_a_plan_seeks_to_do_is_planned() -> None:
    d = _draft("In 2021 the Testland Ministry of Commerce seeks to fund Kestrel Labs Inc. "
               "this year.")
    assert _facts(d) == {("testland-ministry-of-commerce", "FUNDS", "kestrel-labs-inc",
                          "planned")}


# after the sixth round's scoring (measured out of sample on held-out-7)

def test_a_body_described_by_a_demonym_is_in_the_place_the_text_names() -> None:
    d = _draft("Sweden banned two vendors in 2020. The Swedish vendors Quorvex Telecom Inc. "
               "and Omega Networks Ltd. objected. Delta Systems Ltd. (a Swedish company) "
               "agreed.")
    assert _facts(d) >= {("quorvex-telecom-inc", "LOCATED_IN", "sweden", "reported"),
                         ("omega-networks-ltd", "LOCATED_IN", "sweden", "reported"),
                         ("delta-systems-ltd", "LOCATED_IN", "sweden", "reported")}
    # a place the text never names is not drafted for it
    d = _draft("In 2020 the Swedish vendor Quorvex Telecom Inc. objected to the rules.")
    assert [e.id for e in d.entities] == ["quorvex-telecom-inc"]
    assert d.stubs == []


# the seventh round

def test_what_a_plea_agreement_states_was_admitted_not_alleged() -> None:
    d = _draft("According to the plea agreement, Mira Okafor was employed by Delta Systems "
               "Ltd. in Testville.")
    assert ("delta-systems-ltd", "RECRUITS", "mira-okafor", "reported") in _facts(d)
    d = _draft("According to the complaint, Mira Okafor was employed by Delta Systems Ltd. "
               "in Testville.")
    assert ("delta-systems-ltd", "RECRUITS", "mira-okafor", "alleged") in _facts(d)


def test_a_name_with_a_middle_initial_is_a_person_and_titles_are_left_out() -> None:
    d = _draft("The case was announced by John C. Doe, Assistant Attorney General, and U.S. "
               "Attorney Mira E. Okafor in Boston. It was a case.")
    people = [(e.name, e.comment) for e in d.entities if e.type == "Person"]
    assert people == [("John C. Doe", "new: a name with a middle initial"),
                      ("Mira E. Okafor", "new: title 'Attorney'")]


def test_two_names_after_a_dotted_word_are_split_at_and() -> None:
    d = _draft("Assistant U.S. Attorneys Mira Okafor and Dana Reyes are prosecuting the case "
               "in Boston. It was a case.")
    names = [e.name for e in d.entities]
    assert "Mira Okafor" in names and "Dana Reyes" in names
