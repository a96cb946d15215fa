"""The evidence rules' two judgements on their own: how many words a quote has, and whether a
fact's quotes name one of its ends (docs/evidence-rubric.md, "What `validate` enforces")."""

from __future__ import annotations

import pytest

from techkg.loaders.extract.evidence import name_forms, names_one, quote_problem, word_count


@pytest.mark.parametrize(("text", "words"), [
    ("the", 1), ("a … b", 2), ("…", 0), ("HT&L Fitting from Italy", 5),
    ("示例局 supervises", 4), ("U.S.-based designer", 4), ("2020-03", 2)])
def test_word_count(text: str, words: int) -> None:
    assert word_count(text) == words


def test_quote_problem_uses_the_vocabulary_numbers() -> None:
    assert quote_problem("supervises the Alpha Base") is None
    assert quote_problem("the Alpha Base") == (
        "evidence quote has 3 word(s); quote at least 4 words of the sentence that states the "
        "fact")
    assert quote_problem("supervises the Alpha Base ... in Testville") == (
        "evidence quote part 'in Testville' has 2 word(s); each part joined by '…' needs at "
        "least 4 (or quote the parts separately)")


# (name, aliases, name_zh, is a person) named / not named by the quote
NAMED = [
    ("MIT Computer Science and Artificial Intelligence Laboratory", [], None, False,
     "an overseas base at MIT’s Computer Science and Artificial Intelligence Laboratory"),
    ("Going out strategy", [], None, False, "the PRC’s ‘going out’ strategy and goals"),
    ("Ministry of Science & Technology", [], None, False,
     "the Department of International Cooperation of China’s Ministry of Science and Technology"),
    ("AXT Inc.", [], None, False, "AXT promised that it would invest more"),
    ("Li (Baoding official)", [], None, True, "Li later reported to the Baoding city government"),
    ("Daniela Rus", [], None, True, "a project led by Rus at the lab"),
    ("Example Bureau", [], "示例局", False, "示例局 supervises the base"),
    ("The Epoch Times", [], None, False, "Epoch Times obtained the documents"),
    ("Alpha Base", ["AB"], None, False, "the ab was set up"),
]
NOT_NAMED = [
    ("Alpha Base", ["AB"], None, False, "the ABC lab was set up"),
    ("Hebei International Talent Exchange Association", [], None, False,
     "The initiative is a lucrative scheme"),
    ("Chinese Ambassador to Ireland (unnamed)", [], None, True,
     "Chinese officials visited Ireland"),
    ("Jean de la Fontaine", [], None, True, "a visit de la ville"),
    ("Suzhou Industrial Park", [], None, False, "The industrial park was listed as a sponsor"),
]


@pytest.mark.parametrize(("name", "aliases", "name_zh", "person", "quote"), NAMED)
def test_a_quote_names_an_entity(name: str, aliases: list[str], name_zh: str | None,
                                 person: bool, quote: str) -> None:
    assert names_one([quote], name_forms(name, aliases, name_zh, person))


@pytest.mark.parametrize(("name", "aliases", "name_zh", "person", "quote"), NOT_NAMED)
def test_a_reference_is_not_a_name(name: str, aliases: list[str], name_zh: str | None,
                                   person: bool, quote: str) -> None:
    assert not names_one([quote], name_forms(name, aliases, name_zh, person))


def test_the_quotes_together_name_an_end() -> None:
    park, lab = name_forms("Suzhou Industrial Park"), name_forms("MIT CSAIL", ["CSAIL"])
    sponsor = "The industrial park was listed as a sponsor of the MIT lab until at least 2021"
    assert not names_one([sponsor], park, lab)
    assert names_one([sponsor, "Suzhou Industrial Park has also set up an overseas base"],
                     park, lab)
