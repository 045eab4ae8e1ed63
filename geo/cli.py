"""The ``geo`` command line: a thin click layer over the library.

Each command parses its options and calls one library function. Errors derived from
:class:`geo.errors.GeoError` become one line on stderr and exit code 1; anything else
becomes one line too (exit code 2) unless ``--debug`` asks for the traceback.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from geo import __version__
from geo.errors import GeoError

DEFAULT_DB = Path("maps") / "geo.sqlite"


# -- shared options -----------------------------------------------------------------------
def db_option(default: Path | None = DEFAULT_DB):
    return click.option(
        "--db",
        type=click.Path(dir_okay=False, path_type=Path),
        default=default,
        show_default=default is not None,
        help="SQLite store of documents and claims.",
    )


json_option = click.option("--json", "as_json", is_flag=True, help="One JSON object a line.")
quiet_option = click.option("--quiet", "-q", is_flag=True, help="No progress or summary.")
manifest_option = click.option(
    "--manifest",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="CSV with columns file,source,published (file matched by base name).",
)
scheduler_option = click.option(
    "--scheduler",
    default="local",
    show_default=True,
    help="Where extraction runs: 'local', 'dask' (a local Dask cluster) or a Dask "
    "scheduler address such as tcp://host:8786.",
)
paths_argument = click.argument(
    "paths", nargs=-1, type=click.Path(exists=True, path_type=Path)
)


def _echo_json(record: dict) -> None:
    click.echo(json.dumps(record, ensure_ascii=False, default=str))


def _read_jsonl(path: Path) -> list[dict]:
    records = []
    with open(path, encoding="utf-8-sig") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError as error:
                raise GeoError(f"{path}: line {number} is not JSON ({error.msg})") from error
    return records


def _open_store(db: Path, must_exist: bool = True):
    from geo.store import Store

    if must_exist and not db.exists():
        raise GeoError(f"{db}: no store here; run `geo build ... --db {db}` first")
    return Store(db)


def _intervals_from_store(db: Path):
    from geo.timeline import build_intervals

    with _open_store(db) as store:
        claims = store.claims()
    return claims, build_intervals(claims)


class GeoGroup(click.Group):
    """A click group that turns errors into one clear line."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except GeoError as error:
            if ctx.meta.get("geo.debug"):
                raise
            click.echo(f"error: {error}", err=True)
            ctx.exit(1)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except Exception as error:  # a bug: one line, the traceback only with --debug
            if ctx.meta.get("geo.debug"):
                raise
            click.echo(
                f"internal error: {type(error).__name__}: {error} (run with --debug for details)",
                err=True,
            )
            ctx.exit(2)


@click.group(cls=GeoGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="geo")
@click.option("--debug", is_flag=True, help="Show tracebacks.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Turn war reporting into dated, sourced control maps.

    \b
    Typical use:
      geo build reports/ --manifest manifest.csv -o maps/
      geo asof 2017-10-20 --db maps/geo.sqlite
    """
    ctx.meta["geo.debug"] = debug


# -- build ----------------------------------------------------------------------------------
@cli.command()
@paths_argument
@manifest_option
@click.option("--from", "date_from", help="First slice date (YYYY-MM-DD, YYYY-MM or YYYY).")
@click.option("--to", "date_to", help="Last slice date (default: the latest claim).")
@click.option(
    "--step",
    type=click.Choice(["1d", "1w", "2w", "1m"]),
    default="1w",
    show_default=True,
    help="Time between slices.",
)
@click.option("--dates", help="Explicit slice dates, comma-separated (instead of --step).")
@click.option(
    "-o",
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("maps"),
    show_default=True,
    help="Output directory.",
)
@db_option(default=None)
@scheduler_option
@click.option("--workers", type=int, default=2, show_default=True, help="Dask workers.")
@click.option("--title", default="geo: territorial control", help="Map title.")
@quiet_option
def build(paths, manifest, date_from, date_to, step, dates, out_dir, db, scheduler, workers,
          title, quiet):
    """Build the map and exports from reports (files or directories).

    Writes OUT/index.html, claims.geojson, control.geojson, control.gpkg and claims.csv;
    the store defaults to OUT/geo.sqlite and keeps every document built into it, so a
    second build only extracts new reports.
    """
    from geo.pipeline import BuildOptions
    from geo.pipeline import build as run_build

    options = BuildOptions(
        manifest=manifest,
        date_from=date_from,
        date_to=date_to,
        step=step,
        dates=[d.strip() for d in dates.split(",") if d.strip()] if dates else [],
        out_dir=out_dir,
        db=db,
        quiet=quiet,
        scheduler=scheduler,
        workers=workers,
        title=title,
    )
    result = run_build(paths, options)
    for outcome in result.ingest.problems:
        click.echo(f"{outcome.status}: {outcome.path} ({outcome.doc}): {outcome.reason}", err=True)
    if not quiet:
        first, last = result.dates[0], result.dates[-1]
        click.echo(
            f"{result.ingest.new_reports} new reports ({result.ingest.already_stored} already "
            f"stored), {result.claims} claims, {result.intervals} intervals, "
            f"{len(result.dates)} slices {first}..{last}",
            err=True,
        )
        for path in result.files:
            click.echo(f"wrote {path}", err=True)
    click.echo(str(result.out_dir / "index.html"))


# -- extract ----------------------------------------------------------------------------------
@cli.command()
@paths_argument
@manifest_option
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write JSON Lines here instead of stdout.",
)
@scheduler_option
@click.option("--unresolved", is_flag=True, help="Also list names that could not be resolved.")
@quiet_option
def extract(paths, manifest, output, scheduler, unresolved, quiet):
    """Extract claims from reports as JSON Lines (one claim a line)."""
    from geo.atomic import atomic_text_writer
    from geo.ingest import read_inputs, read_manifest
    from geo.model import Outcome
    from geo.pipeline import extract_reports

    if not paths:
        raise click.UsageError("give at least one report file or directory")
    entries = read_manifest(manifest) if manifest else None
    reports = []
    for item in read_inputs(list(paths), entries):
        if isinstance(item, Outcome):
            click.echo(f"failed: {item.path} ({item.doc}): {item.reason}", err=True)
        else:
            reports.append(item)
            for warning in item.warnings:
                click.echo(f"warning: {item.path} ({item.doc}): {warning}", err=True)
    extractions = extract_reports(reports, scheduler=scheduler)
    lines = []
    for extraction in extractions:
        for warning in extraction.warnings:
            click.echo(f"warning: {extraction.doc}: {warning}", err=True)
        lines += [json.dumps(c.to_dict(), ensure_ascii=False) for c in extraction.claims]
        if unresolved:
            for mention in extraction.unresolved:
                click.echo(
                    f"unresolved: {mention.doc}: {mention.name!r} in: {mention.sentence}", err=True
                )
    if output:
        with atomic_text_writer(output) as handle:
            handle.writelines(line + "\n" for line in lines)
    else:
        for line in lines:
            click.echo(line)
    if not quiet:
        click.echo(f"{len(lines)} claims from {len(reports)} reports", err=True)


# -- lookup -----------------------------------------------------------------------------------
@cli.command()
@click.argument("names", nargs=-1)
@click.option(
    "--file",
    "names_file",
    type=click.File("r", encoding="utf-8"),
    help="Read names from a file, one a line ('-' for stdin).",
)
@click.option("--near", help="A place the names are near (helps with ambiguous names).")
@click.option("--country", default="SY", show_default=True,
              help="Region of interest, ISO codes comma-separated.")
@click.option("--online", is_flag=True, help="Ask Nominatim for names the gazetteer lacks.")
@click.option("--domain", default="nominatim.openstreetmap.org", show_default=True,
              help="Nominatim host for --online.")
@click.option("--scheme", type=click.Choice(["https", "http"]), default="https",
              show_default=True, help="Scheme for --online.")
@db_option()
@json_option
def lookup(names, names_file, near, country, online, domain, scheme, db, as_json):
    """Resolve place names to coordinates, one line per name.

    Exits with code 1 when any name could not be resolved (every line is still printed).
    """
    from gazetteer import Context
    from gazetteer.index import default_gazetteer
    from gazetteer.resolve import resolution_to_dict

    queries = list(names)
    if names_file:
        queries += [line.strip() for line in names_file if line.strip()]
    if not queries:
        raise click.UsageError("give at least one name (or --file)")
    region = tuple(c.strip().upper() for c in country.split(",") if c.strip())
    gazetteer = default_gazetteer()
    context = Context(region=region)
    if near:
        anchor = gazetteer.resolve(near, context)
        if anchor.place is None:
            raise GeoError(f"--near {near!r}: place not found")
        context = Context(region=region, near=((anchor.place.lat, anchor.place.lon),))
    geocoder = None
    store = None
    if online:
        from gazetteer.online import OnlineGeocoder

        store = _open_store(db, must_exist=False)
        geocoder = OnlineGeocoder(domain=domain, scheme=scheme, cache=store)
    failed = 0
    try:
        for query in queries:
            resolution = gazetteer.resolve(query, context, online=geocoder)
            record = resolution_to_dict(resolution)
            failed += resolution.place is None
            if as_json:
                _echo_json(record)
            elif resolution.place is None:
                hint = ", ".join(record.get("suggestions", [])[:3])
                click.echo(f"{query}\tnot found" + (f" (did you mean: {hint})" if hint else ""))
            else:
                click.echo(
                    f"{query}\t{record['name']}\t{record['lat']:.4f},{record['lon']:.4f}\t"
                    f"{record['admin1'] or ''}\t{record['country']}\t{record['level']}\t"
                    f"{record['score']:.2f}"
                )
    finally:
        if store is not None:
            store.close()
    if failed:
        sys.exit(1)


# -- evaluate ---------------------------------------------------------------------------------
@cli.command()
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("pred", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--tolerance-km", type=float, default=15.0, show_default=True,
              help="Distance within which a predicted place matches a gold one.")
@json_option
def evaluate(gold, pred, tolerance_km, as_json):
    """Score predicted claims (JSONL) against gold claims (JSONL)."""
    from geo.evaluate import evaluate as run_evaluate
    from geo.evaluate import evaluation_to_dict, format_evaluation

    result = run_evaluate(_read_jsonl(gold), _read_jsonl(pred), tolerance_km=tolerance_km)
    if as_json:
        _echo_json(evaluation_to_dict(result))
    else:
        click.echo(format_evaluation(result))


# -- queries on the store -----------------------------------------------------------------------
@cli.command()
@click.argument("date")
@db_option()
@json_option
def asof(date, db, as_json):
    """Who held each place on DATE, with status, since, sources and confidence."""
    from geo.dates import parse_user_date
    from geo.slices import asof_records

    _, intervals = _intervals_from_store(db)
    records = asof_records(intervals, parse_user_date(date))
    for record in records:
        if as_json:
            _echo_json(record)
        else:
            fraction = f" {record['fraction']:.0%}" if record.get("fraction") else ""
            click.echo(
                f"{record['place']}\t{record['actor']}\t{record['status']}{fraction}\t"
                f"since {record['since']}\tconfidence {record['confidence']:.2f}\t"
                f"{'; '.join(record['sources'])}"
            )
    if not records and not as_json:
        click.echo(f"no place has a known holder on {date}", err=True)


@cli.command()
@click.argument("date1")
@click.argument("date2")
@db_option()
@json_option
def diff(date1, date2, db, as_json):
    """Places whose holder changed between DATE1 and DATE2, with the evidence."""
    from geo.dates import parse_user_date
    from geo.slices import diff_records

    _, intervals = _intervals_from_store(db)
    records = diff_records(intervals, parse_user_date(date1), parse_user_date(date2))
    for record in records:
        if as_json:
            _echo_json(record)
            continue
        click.echo(
            f"{record['place']}: {record['before_actor'] or 'unknown'} "
            f"({record['before_status'] or '-'}) -> {record['after_actor'] or 'unknown'} "
            f"({record['after_status'] or '-'})"
        )
        for item in record.get("evidence", []):
            click.echo(f"    {item['date']} [{item['source']}] {item['evidence']}")
    if not records and not as_json:
        click.echo(f"no holder changed between {date1} and {date2}", err=True)


@cli.command()
@click.argument("place")
@db_option()
@json_option
def timeline(place, db, as_json):
    """The history of one PLACE: every claim with its source and sentence."""
    from geo.slices import place_history

    claims, intervals = _intervals_from_store(db)
    records = place_history(intervals, claims, place)
    if not records:
        raise GeoError(f"no claims about {place!r} in {db}")
    for record in records:
        if as_json:
            _echo_json(record)
        else:
            click.echo("\t".join(str(v) for v in record.values()))


# -- export -------------------------------------------------------------------------------------
@cli.command()
@click.option("--format", "fmt", type=click.Choice(["geojson", "gpkg", "csv"]), required=True,
              help="Output format.")
@click.option("--layer", type=click.Choice(["control", "claims"]), default="control",
              show_default=True, help="For geojson and csv: intervals or claims.")
@click.option("--from", "date_from", help="Only claims/intervals from this date.")
@click.option("--to", "date_to", help="Only up to this date (open intervals end here).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="File to write.")
@click.option("--step", type=click.Choice(["1d", "1w", "2w", "1m"]), default="1w",
              show_default=True, help="Slice step of the GeoPackage's territory layer.")
@db_option()
def export(fmt, layer, date_from, date_to, output, step, db):
    """Export claims or control intervals from the store."""
    from gazetteer.boundaries import border, governorates
    from geo.export import export as run_export
    from geo.pipeline import intervals_in_range, resolve_range
    from geo.slices import slice_dates, state_at
    from geo.territory import territory
    from geo.timeline import build_intervals

    with _open_store(db) as store:
        all_claims = store.claims()
    first, last = resolve_range(all_claims, date_from, date_to)
    claims = [c for c in all_claims if c.date <= last.isoformat()]
    intervals = intervals_in_range(build_intervals(claims), first, last)
    if date_from:
        claims = [c for c in claims if c.date >= first.isoformat()[: len(c.date)]]
    areas = None
    if fmt == "gpkg":
        areas = territory(state_at(intervals, slice_dates(first, last, step)), border(),
                          governorates())
    path = run_export(fmt, output, claims, intervals, areas, governorates(), last, layer=layer)
    click.echo(str(path))


# -- status ---------------------------------------------------------------------------------------
@cli.command()
@db_option()
@json_option
def status(db, as_json):
    """What the store holds: per-document outcome and unresolved names."""
    with _open_store(db) as store:
        outcomes = store.outcomes()
        unresolved = store.unresolved()
        claims = store.claims()
    if as_json:
        for outcome in outcomes:
            _echo_json({"kind": "outcome", **outcome.__dict__})
        for mention in unresolved:
            _echo_json({"kind": "unresolved", **mention.__dict__})
        return
    counts = {s: sum(o.status == s for o in outcomes) for s in ("ok", "warning", "failed")}
    click.echo(
        f"{len(claims)} claims; documents: {counts['ok']} ok, {counts['warning']} with "
        f"warnings, {counts['failed']} failed; {len(unresolved)} unresolved names"
    )
    for outcome in outcomes:
        if outcome.status != "ok":
            click.echo(f"{outcome.status}: {outcome.path} ({outcome.doc}): {outcome.reason}")
    for mention in unresolved:
        click.echo(f"unresolved: {mention.doc}: {mention.name!r}: {mention.sentence}")


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="geo")
