"""Every command through click's CliRunner."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from geo.cli import cli

COMMANDS = ("build", "extract", "lookup", "evaluate", "asof", "diff", "timeline", "export",
            "status")


@pytest.fixture()
def runner():
    return CliRunner()


def test_help_lists_the_main_commands(runner):
    result = runner.invoke(cli, ["--help"])
    assert result.exit_code == 0
    for command in ("build", "extract", "lookup"):
        assert command in result.output


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(runner, command):
    result = runner.invoke(cli, [command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output


def test_lookup_json_prints_one_object_per_name_and_fails_on_unknown(runner):
    result = runner.invoke(cli, ["lookup", "Raqqah", "Qqqzzxxq", "Mayadin", "--json"])
    assert result.exit_code == 1
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["query"] for line in lines] == ["Raqqah", "Qqqzzxxq", "Mayadin"]
    assert abs(lines[0]["lat"] - 35.95) < 0.15 and lines[0]["country"] == "SY"
    assert "error" in lines[1] and "suggestions" in lines[1]
    assert abs(lines[2]["lon"] - 40.45) < 0.15


def test_lookup_reads_names_from_a_file(runner, tmp_path):
    names = tmp_path / "names.txt"
    names.write_text("Deir ez-Zor\n\nHoms\n")
    result = runner.invoke(cli, ["lookup", "--file", str(names), "--json"])
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) == 2


def test_extract_prints_claims_and_names_bad_files(runner, tmp_path, corpus_dir):
    (tmp_path / "empty.txt").write_text("")
    result = runner.invoke(
        cli,
        ["extract", str(corpus_dir / "reports"), str(tmp_path / "empty.txt"),
         "--manifest", str(corpus_dir / "manifest.csv")],
    )
    assert result.exit_code == 0, result.output
    claims = [json.loads(line) for line in result.stdout.splitlines()]
    assert claims and {"doc", "place", "actor", "status", "date", "evidence"} <= set(claims[0])
    assert "empty.txt" in result.stderr


def test_extract_writes_a_file_and_evaluate_scores_it(runner, tmp_path, corpus_dir):
    out = tmp_path / "pred.jsonl"
    result = runner.invoke(cli, ["extract", str(corpus_dir / "reports"), "--manifest",
                                 str(corpus_dir / "manifest.csv"), "-o", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    assert out.read_text().count("\n") > 0
    scored = runner.invoke(cli, ["evaluate", str(corpus_dir / "gold.jsonl"), str(out), "--json"])
    assert scored.exit_code == 0, scored.output
    figures = json.loads(scored.stdout)
    assert 0 <= figures["f1"] <= 1


@pytest.fixture(scope="module")
def built(tmp_path_factory, corpus_dir):
    out = tmp_path_factory.mktemp("cli_build")
    result = CliRunner().invoke(
        cli,
        ["build", str(corpus_dir / "reports"), "--manifest", str(corpus_dir / "manifest.csv"),
         "--from", "2017-06-01", "--to", "2017-10-31", "--step", "1w", "-o", str(out)],
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == str(out / "index.html")
    return out


def test_build_writes_the_five_files(built):
    for name in ("index.html", "claims.geojson", "control.geojson", "control.gpkg",
                 "claims.csv"):
        assert (built / name).exists(), name


def test_asof_diff_timeline_status_on_the_store(runner, built):
    db = str(built / "geo.sqlite")
    asof = runner.invoke(cli, ["asof", "2017-10-20", "--db", db, "--json"])
    assert asof.exit_code == 0, asof.output
    holders = {json.loads(line)["place"]: json.loads(line)["actor"]
               for line in asof.stdout.splitlines()}
    assert any(place.startswith("Raqq") and actor == "sdf" for place, actor in holders.items())

    diff = runner.invoke(cli, ["diff", "2017-07-01", "2017-10-21", "--db", db])
    assert diff.exit_code == 0, diff.output
    assert "Raqq" in diff.stdout and "sdf" in diff.stdout

    history = runner.invoke(cli, ["timeline", "Raqqa", "--db", db, "--json"])
    assert history.exit_code == 0, history.output
    assert len(history.stdout.splitlines()) >= 2

    status = runner.invoke(cli, ["status", "--db", db])
    assert status.exit_code == 0 and "claims" in status.stdout


@pytest.mark.parametrize(("fmt", "name"), [("geojson", "c.geojson"), ("gpkg", "c.gpkg"),
                                           ("csv", "c.csv")])
def test_export_each_format(runner, built, tmp_path, fmt, name):
    out = tmp_path / name
    result = runner.invoke(cli, ["export", "--format", fmt, "--db", str(built / "geo.sqlite"),
                                 "--to", "2017-10-31", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.stat().st_size > 0


def test_errors_are_one_line_without_traceback(runner, tmp_path):
    result = runner.invoke(cli, ["asof", "2017-10-20", "--db", str(tmp_path / "none.sqlite")])
    assert result.exit_code == 1
    assert result.stderr.startswith("error:") and "Traceback" not in result.output
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_bad_date_is_a_clear_error(runner, built):
    result = runner.invoke(cli, ["asof", "the 45th of Smarch", "--db",
                                 str(built / "geo.sqlite")])
    assert result.exit_code == 1
    assert "Smarch" in result.stderr and "Traceback" not in result.output
