"""The `sitrep` command; each command mirrors a Python API call."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from sitrep.errors import InputError, SitrepError
from sitrep.export import FORMATS, Tally
from sitrep.ingest import expand_paths, parse_published, read_document
from sitrep.model import Document

DEFAULT_SHARED = Path(__file__).resolve().parents[3] / "shared"


def _fail(message: str) -> None:
    click.echo(f"sitrep: error: {message}", err=True)


def _published_option(value: str | None, option: str = "published") -> str | None:
    if value is None:
        return None
    try:
        return parse_published(value)
    except SitrepError as exc:
        _fail(str(exc).replace("--published", f"--{option}"))
        sys.exit(2)


def _read_all(paths: tuple[str, ...], published: str | None) -> tuple[list[Document], int]:
    """Documents from paths; bad inputs reported one line each and counted."""
    documents, errors = [], 0
    for path in expand_paths([Path(p) for p in paths]):
        try:
            documents.append(read_document(path, published=published))
        except SitrepError as exc:
            _fail(str(exc))
            errors += 1
    return documents, errors


def _table_row(event: dict[str, Any]) -> str:
    actors = ", ".join(a["name"] for a in event["actors"]) or "-"
    recipients = ", ".join(r["name"] for r in event["recipients"]) or "-"
    loc = (event.get("location") or {}).get("name") or "-"
    cas = event.get("casualties") or {}
    killed = (cas.get("killed") or {}).get("best")
    injured = (cas.get("injured") or {}).get("best")
    counts = (f"k={killed if killed is not None else '-'} "
              f"i={injured if injured is not None else '-'}")
    date = (event.get("date") or {}).get("start") or "-"
    return (f"{event['type']:<9} {event['modality']:<12} {date:<10} {actors[:30]:<30} -> "
            f"{recipients[:30]:<30} @ {loc[:20]:<20} {counts}  \"{event['trigger']['text'][:50]}\"")


@click.group()
@click.version_option(package_name="sitrep")
def main() -> None:
    """sitrep: news reports about armed conflict in, coded, geolocated events out."""


@main.command()
@click.argument("files", nargs=-1, required=True)
@click.option("--published", callback=lambda c, p, v: _published_option(v),
              help="Publication date YYYY-MM-DD that relative dates resolve against.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "jsonl"]), default="table")
def extract(files: tuple[str, ...], published: str | None, fmt: str) -> None:
    """Code the events of FILES (text files or folders) and print them."""
    from sitrep.pipeline import default_extractor

    documents, errors = _read_all(files, published)
    try:
        extractor = default_extractor() if documents else None
        outputs = []
        for document, events in (extractor.extract_documents(documents) if extractor else []):
            payload: dict[str, Any] = {"document": document.to_dict(),
                                       "events": [e.to_dict() for e in events]}
            outputs.append(payload)
            if fmt == "jsonl":
                click.echo(json.dumps(payload, ensure_ascii=False))
            elif fmt == "table":
                click.echo(f"# {document.source}  ({len(events)} events)")
                for event in payload["events"]:
                    click.echo(_table_row(event))
        if fmt == "json":
            body: Any = outputs[0] if len(outputs) == 1 else outputs
            click.echo(json.dumps(body, ensure_ascii=False, indent=1))
    except SitrepError as exc:
        _fail(str(exc))
        sys.exit(1)
    if errors:
        sys.exit(1)


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--db", "db_path", required=True,
              help="SQLite file (made if missing) or postgresql:// URL.")
@click.option("--published", callback=lambda c, p, v: _published_option(v),
              help="Publication date (YYYY-MM-DD) relative dates resolve against; overrides "
                   "the inputs' own.")
@click.option("--workers", default=1, show_default=True,
              help="Worker processes (or Ray actors), each with its own pipeline.")
@click.option("--engine", type=click.Choice(["local", "ray"]), default="local", show_default=True)
@click.option("--address", help="Ray cluster address (with --engine ray); default: start one.")
@click.option("--allow-private", is_flag=True,
              help="Let URLs reach loopback, private and link-local addresses.")
@click.option("--timeout", default=15.0, show_default=True, help="Seconds per URL.")
@click.option("--max-mb", default=5.0, show_default=True, help="Largest page or feed fetched.")
@click.option("--progress/--no-progress", default=None,
              help="Progress bar (default: when stderr is a terminal).")
def ingest(inputs: tuple[str, ...], db_path: str, published: str | None, workers: int,
           engine: str, address: str | None, allow_private: bool, timeout: float,
           max_mb: float, progress: bool | None) -> None:
    """Ingest INPUTS into the SQLite file --db: drop duplicates, code events, merge reports.

    INPUTS: text, HTML, RSS/Atom and JSONL files, folders, globs, http(s) URLs of pages or
    feeds, and - for standard input. Re-running an interrupted ingest finishes the rest.
    """
    from sitrep.corpus import CorpusIngest
    from sitrep.distributed import make_engine
    from sitrep.ingest.fetch import FetchPolicy
    from sitrep.ingest.sources import Failure, read_inputs
    policy = FetchPolicy(timeout=timeout, max_bytes=int(max_mb * 1024 * 1024),
                         allow_private=allow_private)
    show = sys.stderr.isatty() if progress is None else progress
    try:
        runner = make_engine(engine, workers, address)
    except SitrepError as exc:
        _fail(str(exc))
        sys.exit(2)
    try:
        with _open_store(db_path) as store, _progress_bar(show, _estimate(inputs)) as bar:
            def report(failure: Failure) -> None:
                if bar:
                    bar.clear()
                _fail(failure.message)

            run = CorpusIngest(store, runner, chunk_size=2048 if engine == "ray" else 64,
                               on_failure=report, on_progress=bar.update if bar else None)
            summary = run.run(read_inputs(list(inputs), policy=policy, published=published))
            counts = store.counts()
            where = store.where
    except SitrepError as exc:
        _fail(str(exc))
        sys.exit(1)
    except KeyboardInterrupt:
        runner.terminate()
        _fail(f"interrupted; what was stored in {db_path} stays, and running the same "
              "command again finishes the rest")
        sys.exit(130)
    finally:
        runner.close()
    click.echo(f"{summary.line()}. {where} holds {counts['documents']} documents, "
               f"{counts['copies']} copies, {counts['events']} events, "
               f"{counts['merged_events']} merged events", err=True)
    if summary.errors:
        sys.exit(1)


def _open_store(db: str, must_exist: bool = False) -> Any:
    """The store at a path or URL; a missing SQLite file is an error where one must exist."""
    from sitrep.store import open_store

    is_url = db.startswith(("postgresql://", "postgres://"))
    if must_exist and not is_url and not Path(db).is_file():
        raise InputError(f"{db}: no such database; make one with `sitrep ingest ... --db {db}`",
                         "missing")
    return open_store(db)


def _estimate(inputs: tuple[str, ...]) -> int | None:
    """How many articles the inputs hold, when that can be told without fetching."""
    from sitrep.ingest.sources import INPUT_SUFFIXES

    total = 0
    for spec in inputs:
        if spec == "-" or spec.startswith(("http://", "https://")):
            return None
        for path in expand_paths([Path(spec)], INPUT_SUFFIXES):
            if path.suffix in (".rss", ".atom", ".xml"):
                return None
            if path.suffix == ".jsonl" and path.is_file():
                with path.open("rb") as handle:
                    total += sum(1 for line in handle if line.strip())
            else:
                total += 1
    return total


class _NoBar:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None


def _progress_bar(show: bool, total: int | None) -> Any:
    if not show:
        return _NoBar()
    from tqdm import tqdm

    return tqdm(total=total, unit="art", file=sys.stderr, dynamic_ncols=True,
                desc="ingest", smoothing=0.1)


@main.command()
@click.option("--db", "db_path", required=True, help="SQLite file or postgresql:// URL.")
@click.option("--type", "event_type")
@click.option("--actor")
@click.option("--country")
@click.option("--since", callback=lambda c, p, v: _published_option(v, "since"))
@click.option("--until", callback=lambda c, p, v: _published_option(v, "until"))
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table")
def events(db_path: str, event_type: str | None, actor: str | None, country: str | None,
           since: str | None, until: str | None, fmt: str) -> None:
    """List stored events, filtered (--country: where it happened; --actor: KB id or name)."""
    from sitrep.store import EventQuery

    try:
        query = EventQuery(type=event_type, actor=actor, country=country, since=since,
                           until=until)
        with _open_store(db_path, must_exist=True) as store:
            for event in store.events(query):
                if fmt == "jsonl":
                    click.echo(json.dumps(event, ensure_ascii=False))
                else:
                    click.echo(_table_row(event))
    except SitrepError as exc:
        _fail(str(exc))
        sys.exit(1)


FORMAT_HELP = ("jsonl (SCHEMA.md), csv (sitrep's columns), geojson, plover (PLOVER JSON "
               "records), acled (ACLED's 31 columns), ucdp (UCDP GED, lethal events), gdelt "
               "(GDELT 2.0 events: 61 tab-separated columns, no header), polecat (POLECAT's "
               "tab-separated layout).")


@main.command()
@click.option("--db", "db_path", required=True, help="SQLite file or postgresql:// URL.")
@click.option("--format", "fmt", default="jsonl",
              type=click.Choice(list(FORMATS)), help=FORMAT_HELP)
@click.option("--output", "-o", type=click.Path(dir_okay=False), default="-",
              help="File to write (written whole or not at all); default standard output.")
@click.option("--merged/--per-report", default=None,
              help="One row per real-world event, merged over its reports (the default for "
                   "acled, ucdp, gdelt and polecat), or one per report (the default for the "
                   "others).")
@click.option("--type", "event_type", help="PLOVER type.")
@click.option("--actor", help="Actor KB id or name.")
@click.option("--country", help="Where it happened: ISO code or name.")
@click.option("--since", callback=lambda c, p, v: _published_option(v, "since"))
@click.option("--until", callback=lambda c, p, v: _published_option(v, "until"))
@click.option("--min-killed", type=click.IntRange(min=0))
@click.option("--outlet", help="Reported by this outlet.")
def export(db_path: str, fmt: str, output: str, merged: bool | None, event_type: str | None,
           actor: str | None, country: str | None, since: str | None, until: str | None,
           min_killed: int | None, outlet: str | None) -> None:
    """Export stored events, filtered; merged events list when one of their reports matches."""
    from sitrep.store import EventQuery

    chosen = FORMATS[fmt]
    tally = Tally()
    one_per_event = chosen.merged_by_default if merged is None else merged
    try:
        query = EventQuery(type=event_type, actor=actor, country=country, since=since,
                           until=until, min_killed=min_killed, outlet=outlet,
                           limit=None).checked()
        with _open_store(db_path, must_exist=True) as store:
            store.for_one_pass()
            events = store.merged_events(query) if one_per_event else store.events(query)
            with click.open_file(output, "w", encoding="utf-8",
                                 atomic=output != "-") as out:
                for piece in chosen.export(events, tally):
                    out.write(piece)
            stored = store.counts() if one_per_event and not tally.events else {}
            if stored.get("events") and not stored.get("merged_events"):
                click.echo("no merged events are stored: run `sitrep merge --db ...` first, "
                           "or export --per-report", err=True)
    except SitrepError as exc:
        _fail(str(exc))
        sys.exit(1)
    unit = "merged events" if one_per_event else "event reports"
    click.echo(f"exported {tally.rows} rows from {tally.events} {unit}", err=True)


@main.command()
@click.option("--db", "db_path", required=True, help="SQLite file or postgresql:// URL.")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True)
@click.option("--workers", default=1, show_default=True, help="Server processes.")
def serve(db_path: str, host: str, port: int, workers: int) -> None:
    """The REST API (OpenAPI at /docs) and the dashboard (at /) over a store."""
    from sitrep.api.app import serve as run

    try:
        _open_store(db_path, must_exist=True).close()
        click.echo(f"sitrep: serving {db_path} at http://{host}:{port}/", err=True)
        run(db_path, host, port, workers)
    except SitrepError as exc:
        _fail(str(exc))
        sys.exit(1)


@main.command()
@click.option("--db", "db_path", required=True, help="SQLite file or postgresql:// URL.")
def merge(db_path: str) -> None:
    """Rebuild the merged events (reports of one real-world event) over everything stored."""
    from sitrep.corpus import update_merged

    try:
        with _open_store(db_path, must_exist=True) as store:
            n = update_merged(store)
    except SitrepError as exc:
        _fail(str(exc))
        sys.exit(1)
    click.echo(f"{n} merged events", err=True)


@main.group("eval", invoke_without_command=True)
@click.option("--article", type=click.Path(), help="Article text scored against --gold.")
@click.option("--gold", type=click.Path(), help="Gold coding of --article (article format).")
@click.option("--sentences", type=click.Path(), help="PLOVER gold sentences (JSONL).")
@click.option("--rules-only", is_flag=True,
              help="Score the rule extractor alone (no trained classifier), for comparison.")
@click.pass_context
def evaluate(ctx: click.Context, article: str | None, gold: str | None,
             sentences: str | None, rules_only: bool) -> None:
    """Precision / recall / F1 against gold data (defaults: ../shared sample and PLOVER dev).

    `sitrep eval geo GOLD` scores geoparsing instead.
    """
    if ctx.invoked_subcommand:
        return
    from sitrep.evaluation.scoring import score_article, score_sentences
    from sitrep.pipeline import default_extractor

    shared = DEFAULT_SHARED if DEFAULT_SHARED.exists() else Path("../shared")
    if not (article or sentences):
        article = str(shared / "samples" / "coalition-strikes-syria.txt")
        gold = str(shared / "samples" / "coalition-strikes-syria.gold.json")
        sentences = str(shared / "eval" / "plover-gsr-dev.jsonl")
    try:
        extractor = default_extractor()
        if rules_only:
            extractor.classifier = None
        result: dict[str, Any] = {}
        if article:
            gold_path = Path(gold) if gold else Path(article).with_suffix(".gold.json")
            result["article"] = score_article(Path(article), gold_path, extractor).to_dict()
        if sentences:
            sentence_report = score_sentences(Path(sentences), extractor)
            result["sentences"] = sentence_report.to_dict()
            click.echo(_type_table(sentence_report), err=True)
        if extractor.classifier is not None:
            result["training_cross_validation"] = extractor.classifier.heads.meta.get(
                "cross_validation", {})
    except (SitrepError, OSError) as exc:
        _fail(str(exc))
        sys.exit(1)
    click.echo(json.dumps(result, indent=1))


def _type_table(report: Any) -> str:
    """Per-type P/R/F1 and the confusion table of the PLOVER sentences, for a reader."""
    from sitrep.evaluation.scoring import confusion_table

    lines = ["PLOVER sentences: top event type, per type", f"{'type':<10} {'P':>6} {'R':>6} "
             f"{'F1':>6} {'gold':>5}"]
    for name, score in report.per_type().items():
        lines.append(f"{name:<10} {score.precision:6.3f} {score.recall:6.3f} {score.f1:6.3f} "
                     f"{score.gold:5d}")
    lines.append(confusion_table(report.confusion))
    return "\n".join(lines)


@evaluate.command("geo")
@click.argument("gold", type=click.Path(dir_okay=False))
@click.option("--misses/--no-misses", default=False, help="List the toponyms got wrong.")
def evaluate_geo_command(gold: str, misses: bool) -> None:
    """Geoparsing: recognition P/R/F1, resolution given gold spans, end-to-end accuracy@161 km.

    GOLD is JSONL of {id, text, toponyms: [{start, end, text, geonameid?, lat, lon}]}.
    """
    from sitrep.evaluation.geo import evaluate_geo
    from sitrep.pipeline import default_extractor

    try:
        result = evaluate_geo(Path(gold), default_extractor()).to_dict()
    except SitrepError as exc:
        _fail(str(exc))
        sys.exit(1)
    if not misses:
        result.pop("misses")
    click.echo(json.dumps(result, indent=1, ensure_ascii=False))


@main.command()
@click.argument("files", nargs=-1)
@click.option("--spans", "spans_path", type=click.Path(dir_okay=False),
              help="Gold JSONL ({id, text, toponyms}): resolve its spans instead of finding names.")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "table"]), default="jsonl")
def geoparse(files: tuple[str, ...], spans_path: str | None, fmt: str) -> None:
    """Every place named in FILES (text files, folders, or JSONL of {id, text}), resolved."""
    from sitrep.pipeline import default_extractor

    if not files and not spans_path:
        _fail("give FILES to geoparse, or --spans GOLD.jsonl")
        sys.exit(2)
    errors = 0
    try:
        if spans_path:
            from sitrep.evaluation.geo import load_geo_gold

            gold = load_geo_gold(Path(spans_path))
            ids = [d.id for d in gold]
            texts = [d.text for d in gold]
            spans: list[list[tuple[int, int]] | None] | None = [
                [(t.start, t.end) for t in d.toponyms] for d in gold]
        else:
            ids, texts, errors = _geoparse_inputs(files)
            spans = None
        results = default_extractor().geoparse(texts, spans=spans) if texts else iter([])
        for doc_id, places in zip(ids, results, strict=True):
            _print_places(doc_id, places, fmt)
    except SitrepError as exc:
        _fail(str(exc))
        sys.exit(1)
    if errors:
        sys.exit(1)


def _geoparse_inputs(files: tuple[str, ...]) -> tuple[list[str], list[str], int]:
    from sitrep.ingest import read_jsonl_texts

    ids: list[str] = []
    texts: list[str] = []
    errors = 0
    for path in expand_paths([Path(p) for p in files], suffixes=(".txt", ".jsonl")):
        try:
            if path.suffix == ".jsonl":
                for doc_id, text in read_jsonl_texts(path):
                    ids.append(doc_id)
                    texts.append(text)
            else:
                document = read_document(path)
                ids.append(str(path))
                texts.append(document.text)
        except SitrepError as exc:
            _fail(str(exc))
            errors += 1
    return ids, texts, errors


def _print_places(doc_id: str, places: list[Any], fmt: str) -> None:
    rows = []
    for place in places:
        data = place.to_dict()
        span = data.pop("span")
        rows.append({"start": span[0], "end": span[1], **data})
    if fmt == "jsonl":
        click.echo(json.dumps({"id": doc_id, "places": rows}, ensure_ascii=False))
        return
    click.echo(f"# {doc_id}")
    for row in rows:
        where = f"{row['lat']:.3f},{row['lon']:.3f}" if row["lat"] is not None else "-"
        click.echo(f"{row['start']:>6}-{row['end']:<6} {row['text'][:28]:<28} -> "
                   f"{str(row['geonameid'] or '-'):>9} {row['name'][:24]:<24} "
                   f"{row['country'] or '-':<3} {where:<18} p={row['precision'] or '-'} "
                   f"s={row['score']}")


REPO_TRAINING = Path(__file__).resolve().parents[2] / "training"


def default_geo_gold() -> list[Path]:
    """The ranker's gold: GeoVirus (../shared/eval/geo), sitrep's own news set
    (tests/data/geo/news-toponyms.jsonl) and the gold written for training (training/geo)."""
    return [REPO_TRAINING.parents[1] / "shared" / "eval" / "geo" / "geovirus.jsonl",
            REPO_TRAINING.parent / "tests" / "data" / "geo" / "news-toponyms.jsonl",
            *sorted((REPO_TRAINING / "geo").glob("*.jsonl"))]


@main.group()
def train() -> None:
    """Rebuild a trained component from its training data (see training/)."""


@train.command("events")
@click.option("--data", "data_dir", type=click.Path(file_okay=False),
              default=str(REPO_TRAINING / "events"), show_default=True,
              help="Folder of labelled snippets (*.jsonl).")
@click.option("--output", type=click.Path(dir_okay=False),
              help="Artefact to write (default: the one sitrep loads).")
def train_events_command(data_dir: str, output: str | None) -> None:
    """Fit the event heads (type, mode, ACLED types) and print cross-validated figures."""
    from sitrep.classify.heads import ARTEFACT
    from sitrep.classify.train import train_events

    target = Path(output) if output else Path(__file__).resolve().parent / "data" / ARTEFACT
    reports = _fitted(lambda progress: train_events(Path(data_dir), target, progress=progress))
    for name, report in reports.items():
        click.echo(f"{name:<20} n={report.n:<5} C={report.c:<5} accuracy={report.accuracy:.3f} "
                   f"weighted-F1={report.weighted_f1:.3f} macro-F1={report.macro_f1:.3f} "
                   "(5-fold cross-validated)")
    click.echo(f"event heads written to {target}", err=True)


@train.command("numbers")
@click.option("--data", "data_dir", type=click.Path(file_okay=False),
              default=str(REPO_TRAINING / "numbers"), show_default=True,
              help="Folder of sentences with labelled numbers (*.jsonl).")
@click.option("--output", type=click.Path(dir_okay=False),
              help="Artefact to write (default: the one sitrep loads).")
def train_numbers_command(data_dir: str, output: str | None) -> None:
    """Fit the number-role head (what each number of a sentence counts) and print figures
    cross-validated by file."""
    from sitrep.classify.numbers import numbers_artefact_path
    from sitrep.classify.train_numbers import train_numbers
    from sitrep.nlp.pipeline import get_pipeline

    target = Path(output) if output else numbers_artefact_path()
    meta = _fitted(lambda progress: train_numbers(Path(data_dir), target, get_pipeline(),
                                                  progress=progress))
    for name, figures in meta["cross_validation"].items():
        parts = "  ".join(f"{status} P {figures[status]['precision']:.3f} "
                          f"R {figures[status]['recall']:.3f}"
                          for status in ("killed", "injured", "missing"))
        click.echo(f"{name:<20} numbers={figures['numbers']:<5} "
                   f"accuracy={figures['accuracy']:.3f}  {parts}  [cross-validated by file]")
    click.echo(f"number-role head written to {target} "
               f"({meta['numbers_not_found']} labelled numbers not found in the parse)", err=True)


@train.command("geo")
@click.argument("gold", nargs=-1, type=click.Path(dir_okay=False))
@click.option("--output", type=click.Path(dir_okay=False),
              help="Ranker to write (default: the one sitrep loads).")
def train_geo_command(gold: tuple[str, ...], output: str | None) -> None:
    """Fit the toponym ranker on gold place names (default: GeoVirus in ../shared/eval/geo,
    tests/data/geo/news-toponyms.jsonl and training/geo/*.jsonl); print document-cross-validated
    accuracy."""
    from sitrep.geo.resolve import RANKER_FILE
    from sitrep.geo.train import train_geo
    from sitrep.pipeline import default_extractor

    paths = [Path(g) for g in gold] or default_geo_gold()
    target = Path(output) if output else Path(__file__).resolve().parent / "data" / RANKER_FILE
    report = _fitted(lambda _: train_geo(paths, target, default_extractor()))
    cv = report["cross_validation"]
    click.echo(f"toponyms={report['toponyms']} documents={report['documents']} "
               f"accuracy@161km={cv['accuracy_at_161km']:.3f} "
               f"(hand weights {cv['hand_weights_accuracy_at_161km']:.3f}; "
               f"{cv['folds']}-fold cross-validated by document)")
    for source, figures in cv["by_file"].items():
        click.echo(f"  {source}: toponyms={figures['toponyms']} "
                   f"accuracy@161km={figures['accuracy_at_161km']:.3f}")
    click.echo(f"ranker written to {target}", err=True)


T = TypeVar("T")


def _fitted(fit: Callable[[Callable[[str], None]], T]) -> T:
    """What a trainer (`fit`, given a progress callback) returns; bad training data is a clean
    failure naming it."""
    try:
        return fit(lambda m: click.echo(f"sitrep: {m}", err=True))
    except SitrepError as exc:
        _fail(str(exc))
        sys.exit(1)


def _run_trainer(fit: Callable[[Callable[[str], None]], dict[str, Any]], target: Path,
                 measure: str, learned: str, name: str) -> None:
    """Run a trainer, print its per-corpus figures against the rules alone, and say where the
    artefact went."""
    report = _fitted(fit)
    _echo_against_rules(report, measure, learned)
    click.echo(f"{name} written to {target}", err=True)


def _echo_against_rules(report: dict[str, Any], measure: str, learned: str) -> None:
    """A trainer's per-corpus P/R/F1 of the rules alone and of what it learned."""
    for kind, figures in (("cross-validated by corpus", report["cross_validation"]),
                          ("held out", report["held_out"])):
        for name, both in figures.items():
            parts = [f"{label} {both[key]['f1']:.3f} (P {both[key]['precision']:.3f} "
                     f"R {both[key]['recall']:.3f})"
                     for label, key in (("rules", "rules"), (f"with the {learned}", learned))]
            click.echo(f"{name:<12} {measure} F1 " + "  ".join(parts) + f"  [{kind}]")


def default_merge_corpora() -> list[Path]:
    """The pair model's training corpora: the multi-outlet coverage corpora and the generated
    wire corpus's look-alike events (training/merge/wire)."""
    return [*default_coverage_corpora(), REPO_TRAINING / "merge" / "wire"]


def default_coverage_corpora() -> list[Path]:
    """The multi-outlet coverage corpora trained components learn from (tests/data/coverage,
    coverage2, coverage3, coverage4, coverage6; coverage5 is kept out, scored held out, and
    no trainer reads coverage7 to coverage12: more corpora of their kind did not help, see
    tests/data/coverage9/README.md)."""
    data = REPO_TRAINING.parent / "tests" / "data"
    return [data / name for name in
            ("coverage", "coverage2", "coverage3", "coverage4", "coverage6")]


@train.command("merge")
@click.argument("corpora", nargs=-1, type=click.Path(file_okay=False))
@click.option("--held-out", "held_out", multiple=True, type=click.Path(file_okay=False),
              help="A corpus to score the final model on and never train on (repeatable).")
@click.option("--output", type=click.Path(dir_okay=False),
              help="Model to write (default: the one sitrep loads).")
def train_merge_command(corpora: tuple[str, ...], held_out: tuple[str, ...],
                        output: str | None) -> None:
    """Fit the pair model of merging on multi-outlet coverage corpora (default: tests/data/
    coverage to coverage4, coverage6 and training/merge/wire) and print merge figures
    cross-validated by corpus, next to the rules alone."""
    from sitrep.merge.pairs import artefact_path
    from sitrep.merge.train import train_merge

    folders = [Path(c) for c in corpora] or default_merge_corpora()
    target = Path(output) if output else artefact_path()
    _run_trainer(lambda progress: train_merge(folders, target, [Path(h) for h in held_out],
                                              progress=progress),
                 target, "merge", "model", "pair model")


@train.command("status")
@click.argument("corpora", nargs=-1, type=click.Path(file_okay=False))
@click.option("--held-out", "held_out", multiple=True, type=click.Path(file_okay=False),
              help="A corpus to score the final head on and never train on (repeatable).")
@click.option("--output", type=click.Path(dir_okay=False),
              help="Head to write (default: the one sitrep loads).")
def train_status_command(corpora: tuple[str, ...], held_out: tuple[str, ...],
                         output: str | None) -> None:
    """Fit the status head (an event mention's own news or a passing background reference) on
    the gold mentions of coverage corpora (default: tests/data/coverage to coverage4 and
    coverage6) and print background P/R/F1 cross-validated by corpus, next to the rules
    alone."""
    from sitrep.classify.status import status_artefact_path
    from sitrep.classify.train_status import train_status
    from sitrep.pipeline import default_extractor

    folders = [Path(c) for c in corpora] or default_coverage_corpora()
    target = Path(output) if output else status_artefact_path()
    _run_trainer(lambda progress: train_status(folders, target, default_extractor(),
                                               [Path(h) for h in held_out], progress=progress),
                 target, "background", "head", "status head")


@main.group()
def gazetteer() -> None:
    """The embedded GeoNames gazetteer index."""


@gazetteer.command("build")
def gazetteer_build() -> None:
    """Compile the gazetteer index from the installed GeoNames data packages."""
    from sitrep.geo.gazetteer import build_gazetteer

    try:
        path = build_gazetteer()
    except SitrepError as exc:
        _fail(str(exc))
        sys.exit(1)
    click.echo(f"gazetteer index written to {path}", err=True)


@gazetteer.command("import")
@click.argument("dump", type=click.Path(dir_okay=False))
@click.option("--output", type=click.Path(dir_okay=False),
              help="Index file to write (default: the index sitrep reads).")
def gazetteer_import(dump: str, output: str | None) -> None:
    """Compile the index from a GeoNames dump (allCountries.zip, XX.zip or .txt) instead.

    Download it from https://download.geonames.org/export/dump/ yourself; sitrep never
    fetches it. Keeps populated places, admin areas, countries and the sites and regions
    news names (bases, airports, camps, deserts, rivers); takes about 20 minutes for the
    full dump.
    """
    from sitrep.geo.gazetteer import import_dump

    try:
        path = import_dump(Path(dump), Path(output) if output else None)
    except SitrepError as exc:
        _fail(str(exc))
        sys.exit(1)
    click.echo(f"gazetteer index written to {path} from {dump}", err=True)


@gazetteer.command("info")
def gazetteer_info() -> None:
    """Where the index is, what it was built from and how many places it holds."""
    from sitrep.geo.gazetteer import Gazetteer

    try:
        g = Gazetteer(build_if_missing=False)
    except SitrepError as exc:
        _fail(str(exc))
        sys.exit(1)
    click.echo(json.dumps({"path": str(g.path), **g.info()}, indent=1))


if __name__ == "__main__":
    main()
