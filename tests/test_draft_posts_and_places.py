"""Tenth-round rules on made-up sentences: a post named between a person and a body (in an
apposition, after a title, before the name), a place made a word ("Testland-based") or an
owner ("Testville's …") says where the name after it is, "X, including A and B" lists X's
units, co-defendants are partners, and names: a hyphenated given name, a title's rank words,
a place word that qualifies two names joined by "and", a name with a middle initial at the end
of a longer run, and "a Testland company" is no name."""

from __future__ import annotations

from techkg.loaders.draft import Draft
from tests.drafting import draft_text as _draft
from tests.drafting import entity_names as _names


def _facts(d: Draft) -> list[tuple[str, str, str, str]]:
    return sorted((s.subject, s.type, s.object, s.status) for s in d.stubs)


def test_a_post_in_an_apposition_or_before_the_name_is_held_at_the_body() -> None:
    d = _draft("Police arrested Mira Saw-Lin Okafor, a Beta University scientist. "
               "Former Zeta Institute professor Tom Reed pled guilty. "
               "Then Kestrel Armed Forces chief of staff, Jan Vos, gained from the deal. Vos "
               "denied it.")
    assert _names(d) == [("Mira Saw-Lin Okafor", "Person"), ("Beta University", "University"),
                         ("Zeta Institute", "ResearchInstitute"), ("Tom Reed", "Person"),
                         ("Kestrel Armed Forces", "Company"), ("Jan Vos", "Person")]
    assert _facts(d) == [
        ("jan-vos", "HOLDS_POSITION", "kestrel-armed-forces", "reported"),
        ("mira-saw-lin-okafor", "HOLDS_POSITION", "beta-university", "reported"),
        ("tom-reed", "HOLDS_POSITION", "zeta-institute", "former")]


def test_a_title_of_a_body_after_the_name_is_a_post_there() -> None:
    d = _draft("Mira Okafor, Special Agent in Charge of the Zeta Harbour Office, and Tom "
               "Reed, Deputy CEO Kestrel NZ, made the announcement.")
    # (not "Deputy CEO Kestrel NZ": the title and its rank word name no body)
    assert ("Kestrel NZ", "Company") in _names(d)
    assert {("mira-okafor", "HOLDS_POSITION", "zeta-harbour-office", "reported"),
            ("tom-reed", "HOLDS_POSITION", "kestrel-nz", "reported")} <= set(_facts(d))


def test_a_place_made_a_word_or_an_owner_says_where_the_name_after_it_is() -> None:
    d = _draft("In 2015 Beta Capital acquired Singapore-based Kestrel Robotics. "
               "Tom Reed was arrested at Boston’s Zeta Harbour Office. "
               "Omega Systems and India-based Tejas Networks were approved. "
               "Beta Foundry (BF), a Taiwan chip company, pleaded guilty.")
    assert ("Tejas Networks", "Company") in _names(d)
    assert not any(name.startswith("Omega Systems and") for name, _ in _names(d))
    facts = _facts(d)
    assert ("kestrel-robotics", "LOCATED_IN", "singapore", "reported") in facts
    assert ("zeta-harbour-office", "LOCATED_IN", "boston", "reported") in facts
    assert ("tejas-networks", "LOCATED_IN", "india", "reported") in facts
    assert ("beta-foundry", "LOCATED_IN", "taiwan", "reported") in facts
    # the place word is the place's, not the acquirer's
    assert not any(f[0] == "beta-capital" and f[1] == "LOCATED_IN" for f in facts)


def test_a_list_after_including_names_the_bodys_units() -> None:
    d = _draft("The department thanks the Government of Testland, including the Testland "
               "Police Service and the Ministry of Testland Affairs.")
    assert _facts(d) == [
        ("ministry-of-testland-affairs", "PART_OF", "government-of-testland", "reported"),
        ("testland-police-service", "PART_OF", "government-of-testland", "reported")]


def test_a_co_defendant_is_a_partner() -> None:
    d = _draft("Mira Okafor’s co-defendant, Tom Reed, also pleaded guilty.")
    assert _facts(d) == [("mira-okafor", "PARTNERS_WITH", "tom-reed", "reported")]


def test_a_place_word_before_two_names_joined_by_and_makes_one_name() -> None:
    d = _draft("The case was investigated by U.S. Customs and Border Protection. Assistant "
               "Attorney General for National Security John C. Demers announced it.")
    assert _names(d) == [("U.S. Customs and Border Protection", "Company"),
                         ("John C. Demers", "Person")]


def test_a_place_and_a_lower_case_company_word_name_no_one() -> None:
    d = _draft("Zeta Robotics, a PRC company, hired Mira Okafor under the One China policy.")
    # (a place and a programme's word may name one: "the One China policy")
    assert [name for name, _ in _names(d)] == ["PRC", "Zeta Robotics", "Mira Okafor",
                                               "China policy"]


def test_bodies_listed_after_a_cue_of_joint_work_are_partners() -> None:
    d = _draft("The case was investigated by the Zeta Harbour Office, the Kestrel Bureau of "
               "Customs and the Testland Police Service.")
    assert _facts(d) == [
        ("zeta-harbour-office", "PARTNERS_WITH", "kestrel-bureau-of-customs", "reported"),
        ("zeta-harbour-office", "PARTNERS_WITH", "testland-police-service", "reported")]


def test_a_place_before_state_owned_or_in_an_apposition_of_it_is_where_the_body_is() -> None:
    d = _draft("Testland imposed sanctions on the Malaysia state-owned Beta Shipping Group. "
               "Omega Foundry Co., a state-owned enterprise of Malaysia, was charged.")
    facts = _facts(d)
    assert ("beta-shipping-group", "LOCATED_IN", "malaysia", "reported") in facts
    assert ("omega-foundry-co", "LOCATED_IN", "malaysia", "reported") in facts


def test_a_unit_named_after_a_bodys_possessive_inside_an_of_is_the_bodys() -> None:
    d = _draft("Trial Attorney Mira Okafor of the Department of Justice’s National Security "
               "Division spoke.")
    assert _names(d) == [("Mira Okafor", "Person"), ("Department of Justice", "GovernmentBody"),
                         ("National Security Division", "GovernmentBody")]


def test_two_single_words_before_goods_are_their_makers() -> None:
    d = _draft("The operator used Quorvex and Tellan equipment in its core network.")
    assert ("Quorvex", "Company") in _names(d)


def test_a_technology_is_named_by_its_head_word_but_not_by_a_kind_or_a_verb() -> None:
    d = _draft("They worked on antenna technology and coal conversion technologies, not on "
               "advanced technology; he tried to steal robot technology.")
    assert [n for n, t in _names(d) if t == "Technology"] == [
        "antenna technology", "coal conversion technologies"]


def test_bodies_listed_under_a_label_that_names_a_place_are_there() -> None:
    d = _draft("Listed companies of the PRC: Beta Shipping Group; Omega Foundry Co., Ltd.; "
               "Kestrel Electronics Corporation.")
    facts = _facts(d)
    assert [f for f in facts if f[1] == "LOCATED_IN"] == [
        ("beta-shipping-group", "LOCATED_IN", "prc", "reported"),
        ("kestrel-electronics-corporation", "LOCATED_IN", "prc", "reported"),
        ("omega-foundry-co-ltd", "LOCATED_IN", "prc", "reported")]
    # each quote holds the label that names the place
    assert all(s.evidence[0].startswith("Listed companies of the PRC:") for s in d.stubs
               if s.type == "LOCATED_IN")


def test_a_legal_form_a_date_and_a_bracketed_word_in_company_names() -> None:
    d = _draft("Investors may not buy Beta Offshore (Group) Company Limited or Omega Mobile "
               "(Hong Kong) Limited shares under Executive Order 13959 of November 12, 2020. "
               "Aviation Corporation of China, Ltd. is listed. The Order of August 14 stands.")
    names = [n for n, _ in _names(d)]
    assert "Beta Offshore (Group) Company Limited" in names
    assert "Omega Mobile (Hong Kong) Limited" in names
    assert "Executive Order 13959" in names
    assert "Order of August 14" in names  # (no number: its date names it)
    assert not {"Company Limited", "China, Ltd.", "Executive Order 13959 of November 12"} \
        & set(names)


def test_a_body_on_a_subject_goes_on_with_in_the_and_a_listed_place() -> None:
    d = _draft("The Committee on Foreign Investment in the United States (CFIUS) reviewed the "
               "deal. CFIUS cleared it.")
    assert [(e.name, e.aliases) for e in d.entities if not e.name == "United States"] == [
        ("Committee on Foreign Investment in the United States", ["CFIUS"])]
