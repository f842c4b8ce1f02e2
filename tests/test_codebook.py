"""The codebook page: definitions from the registries in use, escaped, nothing of the
seed registries when the user passed their own."""

from __future__ import annotations

import html
from pathlib import Path

import pandas as pd

from analysis import overview
from analysis.codebook import MEASURES, codebook_body

LEXICON = """\
connotations:
  harsh:
    loaded: true
    description: Words that <b>condemn</b>.
  plain:
    loaded: false
    description: Words that describe.
concepts:
  bus-plan:
    description: The plan to expand the buses.
    variants:
      boondoggle:
        connotation: harsh
        forms: [boondoggle(s)]
        events: [transit-2021]
      bus plan:
        connotation: plain
        forms: [bus plan(s)]
"""
ACTORS = """\
sides: [riders, council, other]
default_side: other
actors:
  - id: ann-lee
    kind: person
    name: Ann Lee
    sides: {transit-2021: riders}
  - id: bob-ray
    kind: person
    name: Bob Ray
"""
EVENTS = """\
events:
  - id: transit-2021
    description: The council votes on a bus plan.
    principal_sides: [riders, council]
    facts:
      - id: vote-5-2
        statement: The council voted 5-2.
        cues: [5-2]
  - id: not-in-corpus
    description: Another event.
    principal_sides: []
"""


def _tables(tmp_path, events=("transit-2021", "flood-2021")) -> dict:
    paths = {}
    for name, text in (("lexicon", LEXICON), ("actors", ACTORS), ("events", EVENTS)):
        path = tmp_path / f"my_{name}.yaml"
        path.write_text(text, encoding="utf-8")
        paths[name] = str(path)
    articles = pd.DataFrame({"article_id": [f"a{i}" for i in range(len(events))],
                             "event": list(events)})
    return {"articles": articles, "registries": paths}


def test_codebook_lists_the_registries_in_use(tmp_path):
    page = codebook_body(_tables(tmp_path))
    # connotations with loaded yes/no and their description (escaped)
    assert "Words that &lt;b&gt;condemn&lt;/b&gt;." in page and "<b>condemn" not in page
    # variants with their phrases (inflections written out) and scope
    assert "boondoggle; boondoggles" in page and "<code>transit-2021</code>" in page
    assert "bus plan; bus plans" in page and "every event" in page
    # the corpus's event with its sides and fact; the registry event not in the corpus
    # is left out; the corpus event without an entry is named
    assert "The council voted 5-2." in page and "<code>riders</code>" in page
    assert "Another event." not in page
    assert "1 event(s) of the corpus have no entry" in page and "flood-2021" in page
    # actors with their side per event, or the default
    assert "transit-2021: riders" in page and "other (default)" in page
    # nothing of the shipped registries
    for seed in ("immigration-status", "federal-enforcement", "ice-sanctuary-2020-01",
                 "enforcement-frame"):
        assert seed not in page
    for column in MEASURES:
        assert f"<code>{column}</code>" in page


def test_codebook_page_has_no_script_and_a_strict_policy(tmp_path):
    page = overview.codebook_page(_tables(tmp_path), [])
    assert "<script" not in page
    assert "script-src 'none'" in html.unescape(page)
    assert '<strong>Codebook</strong>' in page   # the current page in the navigation


def test_drafted_registries_are_said_to_be_drafts(tmp_path):
    """Registries as `draft` writes them (a side and a connotation `unassigned`, a
    "DRAFT:" statement) get a banner on the codebook; the reviewed ones above do not."""
    from analysis.codebook import draft_banner
    assert draft_banner(_tables(tmp_path)) == ""
    drafted = tmp_path / "drafted"
    drafted.mkdir()
    tables = _tables(drafted)
    paths = tables["registries"]
    Path(paths["actors"]).write_text(ACTORS.replace("[riders, council, other]",
                                                    "[riders, council, other, unassigned]")
                                     .replace("default_side: other", "default_side: unassigned"),
                                     encoding="utf-8")
    Path(paths["events"]).write_text(EVENTS.replace("statement: The council",
                                                    "statement: 'DRAFT: The council"
                                                    ).replace("voted 5-2.", "voted 5-2.'"),
                                     encoding="utf-8")
    Path(paths["lexicon"]).write_text(LEXICON.replace("  plain:\n", "  unassigned:\n    loaded: false\n    description: not decided\n  plain:\n"),
                                      encoding="utf-8")
    banner = draft_banner(tables)
    # bob-ray has no side of his own and the default is unassigned; ann-lee has one
    assert "1 actor(s) without a decided side" in banner
    assert "connotation is not decided" in banner and "1 fact(s)" in banner
    assert "Drafted registries" in codebook_body(tables)
