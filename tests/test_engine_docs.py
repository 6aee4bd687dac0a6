"""docs/rules/ is generated from the packs and must be current."""

from auditor.engine import docs
from auditor.engine.pack import load_packs
from auditor.engine.vocabulary import Vocabulary


def test_rule_pages_are_current() -> None:
    assert docs.stale() == [], "run: python -m auditor.engine.docs"


def test_every_rule_and_function_is_documented() -> None:
    pages = docs.pages(load_packs())
    for rule in load_packs():
        page = pages[f"{rule.id}.md"]
        assert rule.docs.passing in page and rule.docs.failing in page and rule.check in page
    vocab = pages["vocabulary.md"]
    for name in Vocabulary.names():
        assert f"### `{name}(" in vocab
        assert getattr(Vocabulary, name).__doc__, f"{name} has no docstring"
