"""Third-round rules on made-up sentences: what is no name (citation keys, shorthand,
month abbreviations, openers, a cited title's words), how possessives and cited authors are
read, the status cues scoped to a quoted speaker, a closed period or a past role, and the
intrusion, notice, funding-source and residence verbs."""

from __future__ import annotations

from tests.drafting import draft_text as _draft
from tests.drafting import names_in as _names


def test_citation_keys_and_amounts_are_no_names() -> None:
    assert _names("Kestrel Microsystems hid its servers [QX1], [QX2]. Kestrel Microsystems "
                  "earned $US12 billion [QX1].") == [("Kestrel Microsystems", "Company")]


def test_shorthand_and_month_abbreviations_are_no_names() -> None:
    text = ("Kestrel Microsystems studied the Testland IP regime and R&D spending.\n"
            "[4] Okafor, Mira. Notes. 3 Mar 2019.\n[5] Reed, Tom. Notes. 9 Mar 2020.")
    assert _names(text) == [("Kestrel Microsystems", "Company"), ("Mira Okafor", "Person"),
                            ("Tom Reed", "Person")]


def test_a_cited_author_is_a_person_named_given_name_first() -> None:
    text = ("[7] Okafor, Mira, and Tom Reed. Notes on ports. 2019.\n"
            "[8] Okafor, Mira, and Tom Reed. Notes on ports. 2019.")
    # (not "Mira" and "Okafor" one word at a time)
    assert _names(text) == [("Mira Okafor", "Person"), ("Tom Reed", "Person")]


def test_words_of_a_quoted_or_cited_title_are_no_names_unless_typed() -> None:
    text = ("A column called “Why Harbour Deals Became a Big Worry” named the Zeta Harbour "
            "Office.\n[9] Reed, Tom.\n“The Strange Growth of Kestrel Holdings.\n"
            "” Port Weekly, 2020, www.example.org/growth.")
    assert _names(text) == [
        ("Why Harbour Deals Became a Big Worry", "Document"),
        ("Zeta Harbour Office", "GovernmentBody"), ("Tom Reed", "Person")]


def test_a_list_items_label_is_no_name_unless_typed() -> None:
    assert _names("Harbour Logistics, Cold Chains: cranes; Kestrel Microsystems barges.\n"
                  "Zeta Harbour Office: berths and docks.") == [
        ("Kestrel Microsystems", "Company"), ("Zeta Harbour Office", "GovernmentBody")]


def test_an_opening_verb_or_a_section_number_is_no_part_of_a_name() -> None:
    assert _names("II. Kestrel Microsystems grows\nOnce Kestrel Microsystems grew, it hired. "
                  "Are Kestrel Microsystems and the Zeta Harbour Office rivals?") == [
        ("Kestrel Microsystems", "Company"), ("Zeta Harbour Office", "GovernmentBody")]


def test_a_possessive_inside_a_name_splits_it_but_not_after_of_a_place_or_people() -> None:
    assert _names("Canada’s Kestrel Microsystems met the People’s Bank of Testland and the "
                  "Office of China’s Ministry of Ports.") == [
        ("China", "Place"), ("Canada", "Place"), ("Kestrel Microsystems", "Company"),
        ("People’s Bank of Testland", "Company"),
        ("Office of China’s Ministry of Ports", "GovernmentBody"),
        ("Ministry of Ports", "GovernmentBody")]


def test_a_body_owning_a_body_is_split_after_its_possessive() -> None:
    assert _names("The Department of Commerce’s Bureau of Testing and the Department of "
                  "Homeland Security’s Office of Port Safety met.") == [
        ("Department of Commerce", "GovernmentBody"), ("Bureau of Testing", "GovernmentBody"),
        ("Department of Homeland Security", "GovernmentBody"),
        ("Office of Port Safety", "GovernmentBody")]


def _facts(text: str) -> set[tuple[str, str, str, str]]:
    return {(s.subject, s.type, s.object, s.status) for s in _draft(text).stubs}


def test_what_the_apposition_says_of_a_quoted_speaker_is_reported() -> None:
    assert _facts("“Ports matter,” said Mira Okafor, an analyst at the Zeta Harbour "
                  "Office.") == {("mira-okafor", "HOLDS_POSITION", "zeta-harbour-office",
                                  "reported")}
    # the speaker named after "said" with no apposition: what follows is still the quote's
    assert _facts("The ministry said Kestrel Microsystems had funded Beta University.") == {
        ("kestrel-microsystems", "FUNDS", "beta-university", "alleged")}


def test_a_closed_period_of_years_makes_the_fact_former() -> None:
    assert _facts("Professor Mira Okafor worked at Kestrel Microsystems from 2011 to 2013.") == {
        ("mira-okafor", "HOLDS_POSITION", "kestrel-microsystems", "former")}
    assert _facts("Professor Mira Okafor has worked at Kestrel Microsystems since 2013.") == {
        ("mira-okafor", "HOLDS_POSITION", "kestrel-microsystems", "reported")}


def test_former_before_a_role_and_a_name_is_that_persons_past() -> None:
    assert _facts("Kestrel Microsystems was founded by former naval officer Mira Okafor.") == {
        ("mira-okafor", "ESTABLISHES", "kestrel-microsystems", "reported")}
    assert _facts("Kestrel Microsystems hired former naval officer Mira Okafor.") == {
        ("kestrel-microsystems", "RECRUITS", "mira-okafor", "reported")}
    assert _facts("Kestrel Microsystems’s former director Mira Okafor spoke.") == {
        ("mira-okafor", "HOLDS_POSITION", "kestrel-microsystems", "former")}


def test_intrusion_and_notice_verbs_relate_two_bodies() -> None:
    assert _facts("The Zeta Harbour Office penetrated Kestrel Microsystems.") == {
        ("zeta-harbour-office", "TARGETS", "kestrel-microsystems", "reported")}
    assert _facts("The Zeta Harbour Office notified Kestrel Microsystems.") == {
        ("zeta-harbour-office", "COMMENTS_ON", "kestrel-microsystems", "reported")}
    assert _facts("The Zeta Harbour Office monitors Kestrel Microsystems.") == {
        ("zeta-harbour-office", "TARGETS", "kestrel-microsystems", "reported")}


def test_funding_from_reverses_and_living_somewhere_locates() -> None:
    assert _facts("Kestrel Microsystems received funding from the Zeta Harbour Office.") == {
        ("zeta-harbour-office", "FUNDS", "kestrel-microsystems", "reported")}
    assert _facts("Professor Mira Okafor, who lived in Canada, spoke.") == {
        ("mira-okafor", "LOCATED_IN", "canada", "reported")}


def test_a_legal_form_after_a_says_where_a_company_is_incorporated() -> None:
    assert _names("Kestrel Holdings is a Delaware corporation owned by Zeta Ventures Ltd., a "
                  "British Virgin Islands company, and by Omega Partners, a Testland limited "
                  "liability company. Zeta Labs is a Testland-based company.") == [
        ("Delaware", "Place"), ("Kestrel Holdings", "Company"),  # (a listed place first)
        ("Zeta Ventures Ltd.", "Company"), ("British Virgin Islands", "Place"),
        ("Omega Partners", "Company"), ("Testland", "Place"), ("Zeta Labs", "Company")]


def test_a_transcripts_question_mark_and_speaker_titles_are_no_names() -> None:
    assert _names("Q Hey, thanks for doing this call with Kestrel Microsystems.\n"
                  "MR. SULLIVAN: Thank you. The Zeta Harbour Office answered.") == [
        ("Kestrel Microsystems", "Company"), ("Zeta Harbour Office", "GovernmentBody")]


def test_surnames_after_a_plural_title_are_persons() -> None:
    assert _names("Senators Casey and Cornyn wrote the bill; Representatives DeLauro, Okafor "
                  "and Reed backed it.") == [
        ("Casey", "Person"), ("Cornyn", "Person"), ("DeLauro", "Person"), ("Okafor", "Person"),
        ("Reed", "Person")]


def test_a_legal_sections_title_is_a_heading() -> None:
    assert _names("Sec. 2. Actions Ordered and Authorized. Kestrel Microsystems shall divest.\n"
                  "Section 3. Zeta Harbour Office. The Zeta Harbour Office shall report.") == [
        ("Kestrel Microsystems", "Company"), ("Zeta Harbour Office", "GovernmentBody")]


def test_of_the_left_after_a_title_and_legal_shorthand_are_no_part_of_a_name() -> None:
    assert _names("Alan Reed, Assistant Director of the FBI’s Counterintelligence Division, "
                  "spoke.") == [
        ("Alan Reed", "Person"), ("FBI", "Company"),
        ("Counterintelligence Division", "GovernmentBody")]
    assert _names("The Act (Public Law 118-50) passed; the Q&A followed at Kestrel "
                  "Microsystems.") == [("Kestrel Microsystems", "Company")]
