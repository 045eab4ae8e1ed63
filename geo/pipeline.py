"""The whole build: read reports, extract claims, store them, build intervals and
slices, render the map and write the exports.

Extraction runs in this process or on a Dask distributed cluster; both call the same
:func:`extract_batch` on the same batches in the same order, so their results are
identical. Everything that touches the store or the output files happens here, in the
calling process.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from geo.errors import DateError, GeoError
from geo.model import Claim, Extraction, Interval, Outcome, Report

log = logging.getLogger(__name__)

STEPS = ("1d", "1w", "2w", "1m")
OUTPUT_FILES = ("index.html", "claims.geojson", "control.geojson", "control.gpkg", "claims.csv")


@dataclass
class BuildOptions:
    """Options of :func:`build` (the ``geo build`` command's options).

    Attributes
    ----------
    manifest : Path or None
        CSV with columns ``file,source,published``.
    date_from, date_to : str or None
        Range of the slices (``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``); default: the span
        of the claims' dates.
    step : str
        Slice step: ``1d``, ``1w``, ``2w`` or ``1m``.
    dates : list of str
        Explicit slice dates, instead of ``date_from``/``date_to``/``step``.
    out_dir : Path
        Output directory.
    db : Path or None
        SQLite store; default ``out_dir/geo.sqlite``.
    quiet : bool
        No progress bar.
    scheduler : str
        ``local`` (this process), ``dask`` (a LocalCluster) or the address of a running
        Dask scheduler (``tcp://host:8786``).
    workers : int
        Workers for the LocalCluster.
    title : str
        Map title.
    """

    manifest: Path | None = None
    date_from: str | None = None
    date_to: str | None = None
    step: str = "1w"
    dates: list[str] = field(default_factory=list)
    out_dir: Path = Path("maps")
    db: Path | None = None
    quiet: bool = False
    scheduler: str = "local"
    workers: int = 2
    title: str = "geo: territorial control"


@dataclass
class IngestResult:
    """What :func:`ingest` did."""

    new_reports: int = 0
    already_stored: int = 0
    claims: int = 0
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def problems(self) -> list[Outcome]:
        """Outcomes that are warnings or failures."""
        return [o for o in self.outcomes if o.status != "ok"]


@dataclass
class BuildResult:
    """What :func:`build` wrote."""

    out_dir: Path
    files: list[Path]
    ingest: IngestResult
    claims: int
    intervals: int
    dates: list[dt.date]


# -- extraction (local or distributed) --------------------------------------------------
def extract_batch(reports: Sequence[Report]) -> list[Extraction]:
    """Extract claims from a batch of reports with the default gazetteer.

    Runs unchanged in this process or on a Dask worker (each worker loads the gazetteer
    once; it is cached per process).
    """
    from gazetteer.index import default_gazetteer
    from geo.claims import extract

    gazetteer = default_gazetteer()
    results = []
    for report in reports:
        try:
            results.append(extract(report, gazetteer))
        except Exception as error:  # one bad report must not sink its batch
            log.exception("extraction failed for %s", report.doc)
            results.append(Extraction(doc=report.doc, warnings=(f"extraction failed: {error}",)))
    return results


def _batches(items: Sequence[Report], size: int) -> list[Sequence[Report]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


@contextmanager
def extractor(
    scheduler: str = "local", workers: int = 2, batch_size: int = 16
) -> Iterator[Callable[[Sequence[Report]], list[Extraction]]]:
    """Yield a function that extracts a list of reports, in order, locally or on Dask.

    The Dask cluster (a LocalCluster for ``dask``, or the scheduler at an address) is
    started once for the whole block, not once per call.

    Parameters
    ----------
    scheduler : str
        ``local``, ``dask`` (start a LocalCluster) or a scheduler address.
    workers : int
        Number of workers for a LocalCluster.
    batch_size : int
        Reports per task.
    """

    def run_local(reports: Sequence[Report]) -> list[Extraction]:
        return [e for batch in _batches(list(reports), batch_size) for e in extract_batch(batch)]

    if scheduler == "local":
        yield run_local
        return
    from dask.distributed import Client, LocalCluster

    def run_on(client: Client) -> Callable[[Sequence[Report]], list[Extraction]]:
        def run(reports: Sequence[Report]) -> list[Extraction]:
            futures = client.map(extract_batch, _batches(list(reports), batch_size), pure=False)
            return [e for batch in client.gather(futures) for e in batch]

        return run

    if scheduler == "dask":
        with (
            LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                         dashboard_address=None) as cluster,
            Client(cluster) as client,
        ):
            yield run_on(client)
    else:
        with Client(scheduler) as client:
            yield run_on(client)


def extract_reports(
    reports: Sequence[Report],
    scheduler: str = "local",
    workers: int = 2,
    batch_size: int = 16,
) -> list[Extraction]:
    """Extract claims from reports, in order, locally or on Dask.

    Returns
    -------
    list of Extraction
        One per report, in the order of ``reports``.
    """
    with extractor(scheduler, workers, batch_size) as run:
        return run(reports)


# -- ingest into the store --------------------------------------------------------------
def ingest(
    paths: Iterable[Path | str],
    store,
    manifest: Path | None = None,
    scheduler: str = "local",
    workers: int = 2,
    progress: Callable[[int], None] | None = None,
    chunk_size: int = 256,
) -> IngestResult:
    """Read reports, extract the new ones and store them with their outcomes.

    Files are read lazily and extracted in chunks of ``chunk_size`` reports, so memory
    stays bounded on large batches. A bad file gives a ``failed`` outcome naming it and
    the reason; the others go on. Documents already in the store (same content hash)
    are skipped. ``progress`` is called with 1 after each input file.
    """
    from geo.ingest import discover, read_inputs, read_manifest

    entries = read_manifest(manifest) if manifest else None
    result = IngestResult()
    pending: list[Report] = []
    with extractor(scheduler, workers) as run:

        def flush() -> None:
            for report, extraction in zip(pending, run(pending), strict=True):
                _store_extraction(store, report, extraction, result)
            pending.clear()

        for file in discover([Path(p) for p in paths]):
            for item in read_inputs([file], entries):
                if isinstance(item, Outcome):
                    result.outcomes.append(item)
                    store.record_outcome(item)
                elif store.has_document(item.sha256) or any(
                    item.sha256 == p.sha256 for p in pending
                ):
                    result.already_stored += 1
                else:
                    pending.append(item)
            if len(pending) >= chunk_size:
                flush()
            if progress:
                progress(1)
        flush()
    return result


def _store_extraction(store, report: Report, extraction: Extraction, result: IngestResult):
    store.add_extraction(report, extraction)
    problems = list(report.warnings) + list(extraction.warnings)
    outcome = Outcome(
        doc=report.doc,
        path=report.path,
        status="warning" if problems else "ok",
        reason="; ".join(problems),
    )
    store.record_outcome(outcome)
    result.outcomes.append(outcome)
    result.new_reports += 1
    result.claims += len(extraction.claims)


# -- dates of the slices ----------------------------------------------------------------
def last_day(text: str) -> dt.date:
    """Return the last day a user date covers: ``2017`` -> 2017-12-31, ``2017-10`` ->
    2017-10-31, ``2017-10-14`` -> itself (so ``--to 2017-10`` includes all October)."""
    import calendar

    from geo.dates import parse_user_date

    first = parse_user_date(text)
    digits = text.strip()
    if len(digits) == 4:
        return dt.date(first.year, 12, 31)
    if len(digits) == 7:
        return first.replace(day=calendar.monthrange(first.year, first.month)[1])
    return first


def resolve_range(
    claims: Sequence[Claim], date_from: str | None, date_to: str | None
) -> tuple[dt.date, dt.date]:
    """Return the build's first and last date: the options, else the claims' span."""
    from geo.dates import parse_user_date

    first = parse_user_date(date_from) if date_from else None
    last = last_day(date_to) if date_to else None
    if first is None or last is None:
        claim_dates = sorted(parse_user_date(c.date) for c in claims if c.date)
        if not claim_dates:
            raise DateError("no dated claims to build from: give --from and --to")
        first = first or claim_dates[0]
        last = last or claim_dates[-1]
    if first > last:
        raise DateError(f"--from {first} is after --to {last}")
    return first, last


def slice_dates_for(options: BuildOptions, first: dt.date, last: dt.date) -> list[dt.date]:
    """Return the slice dates: the explicit ``dates`` or the stepped range."""
    from geo.dates import parse_user_date
    from geo.slices import slice_dates

    if options.dates:
        return sorted({parse_user_date(d) for d in options.dates})
    if options.step not in STEPS:
        raise DateError(f"unknown step {options.step!r}: use one of {', '.join(STEPS)}")
    dates = slice_dates(first, last, options.step)
    # The state on --to is what users ask for first; keep it even off the step's grid.
    if not dates or dates[-1] < last:
        dates.append(last)
    return dates


def intervals_in_range(
    intervals: Sequence[Interval], first: dt.date, last: dt.date
) -> list[Interval]:
    """Intervals that overlap [first, last] (an open interval overlaps if it started)."""
    return [
        i for i in intervals if i.start <= last and (i.end is None or i.end >= first)
    ]


def _progress_bar(paths: list[Path], quiet: bool):
    """A click progress bar over the input files on stderr, or nothing when quiet."""
    if quiet or not paths:
        return nullcontext(None)
    import sys

    import click

    from geo.ingest import discover

    return click.progressbar(length=len(discover(paths)), label="reading reports",
                             file=sys.stderr)


# -- the whole build ----------------------------------------------------------------------
def build(paths: Iterable[Path | str], options: BuildOptions) -> BuildResult:
    """Ingest reports and write the map and exports into ``options.out_dir``.

    Parameters
    ----------
    paths : iterable of Path or str
        Report files or directories (may be empty to rebuild from the store alone).
    options : BuildOptions

    Returns
    -------
    BuildResult

    Raises
    ------
    GeoError
        When nothing can be built (no dated claims, bad dates, unwritable output).
    """
    from gazetteer.boundaries import border, governorates
    from geo.export import write_all
    from geo.render import render_map
    from geo.slices import state_at
    from geo.store import Store
    from geo.territory import territory
    from geo.timeline import build_intervals

    out_dir = Path(options.out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    db_path = options.db or out_dir / "geo.sqlite"
    paths = [Path(p) for p in paths]
    with Store(db_path) as store, _progress_bar(paths, options.quiet) as bar:
        ingest_result = ingest(
            paths,
            store,
            manifest=options.manifest,
            scheduler=options.scheduler,
            workers=options.workers,
            progress=bar.update if bar else None,
        )
        all_claims = store.claims()
    first, last = resolve_range(all_claims, options.date_from, options.date_to)
    dates = slice_dates_for(options, first, last)
    last = max(last, dates[-1]) if dates else last
    claims = [c for c in all_claims if c.date <= last.isoformat()]
    if not claims:
        raise GeoError(f"no claims dated up to {last}: nothing to map")
    intervals = intervals_in_range(build_intervals(claims), first, last)
    state = state_at(intervals, dates)
    areas = territory(state, border(), governorates())
    files = [render_map(claims, intervals, dates, out_dir / "index.html", title=options.title)]
    files += write_all(out_dir, claims, intervals, areas, governorates(), last)
    return BuildResult(
        out_dir=out_dir,
        files=files,
        ingest=ingest_result,
        claims=len(claims),
        intervals=len(intervals),
        dates=dates,
    )
