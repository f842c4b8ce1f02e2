"""datapackage.json beside the tables, read as a researcher reads it, and the merged view."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest

from analysis import measure, write_tables
from analysis.__main__ import main
from analysis.datapackage import (DATAPACKAGE, TABLES, column_info, convert_to_parquet,
                                  read_table, table_format, table_source, with_articles)

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "newswcl50_small.jsonl"
INTEGER = re.compile(r"-?\d+\Z")


@pytest.fixture(scope="module")
def seed_out(tmp_path_factory, seeds) -> Path:
    out = tmp_path_factory.mktemp("seed")
    write_tables(measure(seeds), out, seeds)
    return out


@pytest.fixture(scope="module")
def wcl_out(tmp_path_factory) -> Path:
    """The NewsWCL50 excerpt through the CLI: two events outside the events registry (no
    facts, no principal sides) and an extra input field (provenance)."""
    out = tmp_path_factory.mktemp("wcl") / "out"
    assert main(["measure", str(FIXTURE), "--out", str(out), "--quiet"]) == 0
    return out


def _spec(folder: Path) -> dict:
    return json.loads((folder / DATAPACKAGE).read_text(encoding="utf-8"))


def _cells(folder: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(folder / f"{name}.csv", dtype=str, keep_default_na=False)


@pytest.fixture(params=["seed_out", "wcl_out"])
def out(request) -> Path:
    return request.getfixturevalue(request.param)


def test_one_resource_per_csv_with_every_column_described(out):
    spec = _spec(out)
    assert spec["name"] == "framing-tables" and spec["profile"] == "tabular-data-package"
    written = sorted(p.name for p in out.glob("*.csv"))
    assert sorted(r["path"] for r in spec["resources"]) == written
    assert len(written) == 14
    for resource in spec["resources"]:
        assert (resource["format"], resource["encoding"]) == ("csv", "utf-8")
        assert resource["description"].startswith("One row per ")
        header = list(_cells(out, resource["name"]).columns)
        fields = resource["schema"]["fields"]
        assert [f["name"] for f in fields] == header, resource["name"]
        for field in fields:
            assert field["type"] in ("string", "integer", "number", "boolean")
            assert field["description"].strip(), (resource["name"], field["name"])


def test_types_match_the_values(out):
    """Every integer cell is an integer, every number parses, every boolean is True or
    False; and pandas reads a field of the declared type as that type."""
    for resource in _spec(out)["resources"]:
        cells = _cells(out, resource["name"])
        plain = pd.read_csv(out / resource["path"])
        for field in resource["schema"]["fields"]:
            name, kind = field["name"], field["type"]
            values = cells[name][cells[name] != ""]
            where = (resource["name"], name)
            if kind == "integer":
                assert values.map(lambda v: bool(INTEGER.match(v))).all(), where
                if len(values) == len(cells) and len(cells):
                    assert pd.api.types.is_integer_dtype(plain[name]), where
            elif kind == "number":
                pd.to_numeric(values)  # raises on a non-number
                if len(cells):
                    assert pd.api.types.is_numeric_dtype(plain[name]), where
            elif kind == "boolean":
                assert set(values) <= {"True", "False"}, where
                if len(values) == len(cells) and len(cells):
                    assert pd.api.types.is_bool_dtype(plain[name]), where


def test_units_where_a_number_has_one(seed_out):
    fields = {(r["name"], f["name"]): f for r in _spec(seed_out)["resources"]
              for f in r["schema"]["fields"]}
    assert fields["articles", "loaded_per_1k"]["unit"] == "per 1,000 words"
    assert fields["voices", "share"]["unit"] == "share 0-1"
    assert "characters" in fields["quotes", "start"]["unit"]
    assert fields["sentences", "compound"]["unit"].startswith("-1")
    # every number and every integer but the ids says what it counts
    for (table, name), field in fields.items():
        if field["type"] in ("integer", "number"):
            assert field.get("unit"), (table, name)


def test_keys_hold_in_the_written_tables(out):
    """Primary keys are unique; every article_id (and both ids of an alignment) is a row
    of articles.csv: the join that brings outlet and event to every table."""
    spec = _spec(out)
    ids = set(_cells(out, "articles")["article_id"])
    keyed = set()
    for resource in spec["resources"]:
        cells = _cells(out, resource["name"])
        key = resource["schema"].get("primaryKey")
        if key:
            keyed.add(resource["name"])
            assert not cells.duplicated(key).any(), resource["name"]
        for foreign in resource["schema"].get("foreignKeys", []):
            assert foreign["reference"] == {"resource": "articles", "fields": "article_id"}
            assert set(cells[foreign["fields"]]) <= ids, resource["name"]
        if "article_id" in cells and resource["name"] != "articles":
            assert {"fields": "article_id",
                    "reference": {"resource": "articles", "fields": "article_id"}} in \
                resource["schema"]["foreignKeys"]
    assert {"articles", "sentences", "quotes", "voices", "facts"} <= keyed


def test_descriptor_is_deterministic_and_names_no_local_path(seed_out, seeds, tmp_path):
    text = (seed_out / DATAPACKAGE).read_text(encoding="utf-8")
    assert str(seed_out) not in text and str(Path.home()) not in text
    assert not re.search(r"20\d\d-\d\d-\d\dT", text)  # no timestamp
    write_tables(measure(seeds), tmp_path, seeds)
    assert (tmp_path / DATAPACKAGE).read_text(encoding="utf-8") == text


def test_extra_input_fields_and_narrator_columns_are_described(wcl_out, seed_out):
    wcl = {f["name"]: f for f in _spec(wcl_out)["resources"][0]["schema"]["fields"]}
    assert wcl["provenance"]["type"] == "string"
    assert "input" in wcl["provenance"]["description"]
    seed = {f["name"]: f for f in _spec(seed_out)["resources"][0]["schema"]["fields"]}
    assert "'immigration_status'" in seed["narrator_immigration_status"]["description"]
    assert "input" in seed["notes"]["description"]  # the seeds' own front-matter field
    # a column the code writes but nobody described gets no description (tests catch it)
    assert column_info("voices", "no_such_column") is None


def test_facts_and_voices_as_a_researcher_reads_them(seed_out):
    facts = read_table(seed_out, "facts")
    assert facts["present"].dtype == bool
    assert facts["statement"].str.len().gt(0).all()
    voices = read_table(seed_out, "voices")
    assert str(voices["first_rank"].dtype) == "Int64"
    silent = voices[voices["quotes"] == 0]
    assert len(silent) == 4 and silent["first_rank"].isna().all()


def test_with_articles_gives_every_table_its_outlet_and_event(seed_out):
    articles = _cells(seed_out, "articles")
    outlet = dict(zip(articles["article_id"], articles["outlet"]))
    quotes = _cells(seed_out, "quotes")
    merged = with_articles(quotes, seed_out)  # a folder or a table
    assert len(merged) == len(quotes) and merged["text"].tolist() == quotes["text"].tolist()
    assert list(merged.columns[:4]) == ["article_id", "outlet", "source_label", "event"]
    assert merged["outlet"].tolist() == [outlet[a] for a in quotes["article_id"]]
    # 004 is the AP story (its front matter); 000 names no outlet
    by_id = merged.drop_duplicates("article_id").set_index("article_id")
    assert by_id.loc[by_id.index.str.startswith("004"), "outlet"].item() == "Associated Press"
    assert by_id.loc[by_id.index.str.startswith("000"), "source_label"].item().startswith(
        "unidentified")
    # facts already has the fact's event: not added twice
    facts = with_articles(_cells(seed_out, "facts"), articles)
    assert list(facts.columns).count("event") == 1 and "outlet" in facts
    pairs = with_articles(_cells(seed_out, "alignments"), articles, key="article_id_b")
    assert pairs["outlet_b"].tolist() == [outlet[a] for a in pairs["article_id_b"]]
    with pytest.raises(KeyError, match="no column 'publisher'"):
        with_articles(quotes, articles, columns=("publisher",))


def test_every_table_the_code_writes_is_known():
    from analysis.measures import SORT_KEYS
    assert set(TABLES) == set(SORT_KEYS)


def test_frictionless_validates_the_package(seed_out):
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.validate(str(seed_out / DATAPACKAGE))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


# --- Parquet ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def parquet_out(seed_out, tmp_path_factory) -> Path:
    """The seed tables turned into Parquet, as measure --format parquet does."""
    import shutil
    out = tmp_path_factory.mktemp("parquet")
    for path in seed_out.iterdir():
        if path.is_file():
            shutil.copy(path, out / path.name)
    convert_to_parquet(out)
    return out


def test_parquet_package_lists_parquet_files_with_the_same_schemas(seed_out, parquet_out):
    csv_spec, spec = _spec(seed_out), _spec(parquet_out)
    assert not list(parquet_out.glob("*.csv"))
    assert table_format(parquet_out) == "parquet" and table_format(seed_out) == "csv"
    assert [r["name"] for r in spec["resources"]] == [r["name"] for r in csv_spec["resources"]]
    for resource, csv_resource in zip(spec["resources"], csv_spec["resources"]):
        assert resource["path"] == resource["name"] + ".parquet"
        assert (parquet_out / resource["path"]).is_file()
        assert resource["format"] == "parquet"
        assert resource["mediatype"] == "application/vnd.apache.parquet"
        assert "dialect" not in resource
        assert resource["schema"] == csv_resource["schema"]


def test_parquet_files_are_typed_and_described_for_any_reader(parquet_out):
    """Read with pyarrow alone (as a researcher's tool would): column types from the
    schema, empty integers null, text "" not null, descriptions in the field metadata."""
    import pyarrow.parquet as pq
    voices = pq.read_table(parquet_out / "voices.parquet")
    assert str(voices.schema.field("quotes").type) == "int64"
    assert str(voices.schema.field("share").type) == "double"
    rows = voices.to_pylist()
    silent = [r for r in rows if r["quotes"] == 0]
    assert len(silent) == 4 and all(r["first_rank"] is None for r in silent)
    articles = {r["article_id"][:3]: r for r in
                pq.read_table(parquet_out / "articles.parquet").to_pylist()}
    assert articles["004"]["outlet"] == "Associated Press"  # the AP story's front matter
    assert articles["000"]["outlet"] == ""                   # names no outlet: "" not null
    assert isinstance(articles["004"]["right_of_reply"], bool)
    field = pq.read_schema(parquet_out / "facts.parquet").field("statement")
    assert b"registry" in field.metadata[b"description"]


def test_parquet_reads_back_as_the_csv_tables(seed_out, parquet_out):
    for resource in _spec(seed_out)["resources"]:
        name = resource["name"]
        pd.testing.assert_frame_equal(read_table(parquet_out, name), read_table(seed_out, name))
        assert table_source(parquet_out, name).getvalue().encode("utf-8") == \
            (seed_out / f"{name}.csv").read_bytes(), name
    voices = read_table(parquet_out, "voices")
    assert str(voices["first_rank"].dtype) == "Int64"
    assert read_table(parquet_out, "facts")["present"].dtype == bool
    quotes = with_articles(read_table(parquet_out, "quotes"), parquet_out)
    assert "Associated Press" in set(quotes["outlet"])
