"""The ``factwire`` command: a thin layer over the library functions.

Exit codes: 0 all went well; 1 at least one document or the command failed (the rest of a batch
is still processed); 2 wrong usage.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn

from ..errors import FactwireError, NotFoundError, StoreLockedError, naming_input
from ..ingest import DEFAULT_MAX_BYTES, ReadOptions, decode, implausible_date, read_paths
from ..models import json_schema
from ..novelty import Run
from ..pipeline import Pipeline, build_pipeline, load_config
from ..quantities import parse_quantities
from ..sentiment.targets import add_targets
from ..store import DEFAULT_DB, QueryResult, Store
from ..tables_md import escape_md
from .render import analysis_markdown, markdown_table, print_analysis_table, print_table
from .stores import open_backend

err_console = Console(stderr=True)


def _report_error(error: BaseException) -> None:
    # one line per error, naming the input: scripts can grep it, people can read it
    click.echo(f"factwire: error: {error}", err=True)


def _published(_ctx: click.Context, _param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        parsed = date.fromisoformat(value)
    except ValueError as exc:
        raise click.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD") from exc
    why = implausible_date(parsed)
    if why:
        raise click.BadParameter(why)
    return parsed


def _pipeline(config_path: str | None, disable: tuple[str, ...], kb: tuple[str, ...]) -> Pipeline:
    config = load_config(config_path)
    if kb:
        config.setdefault("components", {}).setdefault("entities", {})["kb"] = list(kb)
    return build_pipeline(config, disable=disable)


def _read_options(published: date | None, encoding: str, max_bytes: int, input_format: str) -> ReadOptions:
    return ReadOptions(
        published_at=published, encoding=encoding, max_bytes=max_bytes, input_format=input_format
    )


def input_options(func: Any) -> Any:
    """Options shared by every command that reads documents."""
    options = [
        click.option("--published", callback=_published, metavar="YYYY-MM-DD",
                     help="Reference date for documents that carry none (resolves 'last year')."),
        click.option("--encoding", default="utf-8", show_default=True,
                     help="Text encoding of the input files, e.g. gb18030."),
        click.option("--max-bytes", type=click.IntRange(min=1), default=DEFAULT_MAX_BYTES,
                     show_default=True, help="Refuse inputs larger than this."),
        click.option("--input-format", type=click.Choice(["auto", "txt", "html", "json", "jsonl"]),
                     default="auto", show_default=True,
                     help="How to read inputs; auto goes by file suffix, or sniffs stdin."),
        click.option("--config", "config_path", type=click.Path(dir_okay=False),
                     help="Pipeline config (TOML) merged over the default one."),
        click.option("--disable", multiple=True, metavar="COMPONENT",
                     help="Switch a pipeline component off (repeatable)."),
        click.option("--kb", multiple=True, type=click.Path(exists=True), metavar="PATH",
                     help="Entity knowledge base file or folder layered over the shipped one (repeatable)."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def store_options(write: bool) -> Any:
    """--db and --server, for every command that uses a store."""
    def add(func: Any) -> Any:
        func = click.option("--server", metavar="URL",
                            help="Go through this factwire server (token from FACTWIRE_TOKEN) instead of --db.")(func)
        return click.option("--db", default=DEFAULT_DB, show_default=True,
                            help=f"The DuckDB store to {'write' if write else 'read'}; while 'factwire serve' "
                                 "runs on it, the command goes through that server.")(func)
    return add


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="factwire")
def cli() -> None:
    """factwire: corporate and financial news in, structured and verified facts out."""


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@input_options
@click.option("--format", "fmt", type=click.Choice(["json", "table", "markdown"]),
              help="Output format [default: table in a terminal, json when piped].")
@click.option("--pretty", is_flag=True, help="Indent JSON (one object per document either way).")
@click.option("--target", "targets", multiple=True, metavar="NAME",
              help="Also score sentiment toward this name: a company, product or topic (repeatable).")
def analyze(paths: tuple[str, ...], published: date | None, encoding: str, max_bytes: int,
            input_format: str, config_path: str | None, disable: tuple[str, ...], kb: tuple[str, ...],
            fmt: str | None, pretty: bool, targets: tuple[str, ...]) -> None:
    """Analyse documents (files, folders, .jsonl, or - for stdin) and print what was found.

    JSON output is one object per document with the keys document, entities, facts, events,
    sentiment, checks (plus sentences, quantities and periods); see docs/schema.md.
    """
    pipeline = _pipeline(config_path, disable, kb)
    fmt = fmt or ("table" if sys.stdout.isatty() else "json")
    console = Console()
    failed = analysed = reprints = 0
    run = Run()  # each story is judged against the ones before it in this batch
    options = _read_options(published, encoding, max_bytes, input_format)
    for result in pipeline.pipe(read_paths(paths, options)):
        if result.error is not None:
            failed += 1
            _report_error(naming_input(result.error, result.source))
            continue
        assert result.analysis is not None
        analysis = run(result.analysis)
        analysed += 1
        reprints += bool(analysis.novelty and analysis.novelty.duplicate_of)
        if targets:
            add_targets(analysis, targets, pipeline)
        if fmt == "json":
            click.echo(analysis.model_dump_json(indent=2 if pretty else None))
        elif fmt == "markdown":
            click.echo(analysis_markdown(analysis))
        else:
            print_analysis_table(analysis, console)
    click.echo(f"factwire: {analysed} analysed ({reprints} reprints of an earlier input), {failed} errors", err=True)
    if failed:
        sys.exit(1)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@input_options
@store_options(write=True)
def ingest(paths: tuple[str, ...], published: date | None, encoding: str, max_bytes: int,
           input_format: str, config_path: str | None, disable: tuple[str, ...], kb: tuple[str, ...],
           db: str, server: str | None) -> None:
    """Analyse documents and store them; documents already stored are skipped.

    Each document is committed on its own, so an interrupted run keeps what it stored. Bad
    documents are reported (and kept in the ingest_errors table) and the batch goes on. While
    'factwire serve' runs on the store, documents are analysed here and stored by the server;
    two ingests on one store queue.
    """
    pipeline = _pipeline(config_path, disable, kb)
    options = _read_options(published, encoding, max_bytes, input_format)
    with open_backend(db, server, write=True, command="ingest") as store, Progress(
        SpinnerColumn(), TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(),
        TextColumn("{task.fields[source]}"), console=err_console, transient=True,
    ) as progress:
        task = progress.add_task("ingest", total=None, source="")

        def on_item(source: str, outcome: str) -> None:
            progress.update(task, advance=1, source=source[-60:])

        report = store.ingest(pipeline, read_paths(paths, options), on_item=on_item)
        total = store.count_documents()
    for error in report.errors:
        _report_error(error)
    click.echo(f"factwire: {report.summary()}; {total} documents in {store.path}", err=True)
    if report.errors:
        sys.exit(1)


@cli.command()
@click.argument("sql")
@store_options(write=False)
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]),
              help="Output format [default: table in a terminal, json when piped].")
def query(sql: str, db: str, server: str | None, fmt: str | None) -> None:
    """Run one read-only SQL statement against the store (tables: documents, entities, mentions,
    quantities, periods, facts, events, sentiment, checks, ingest_errors). It reaches nothing but
    the store: no files, no ATTACH, no INSTALL or LOAD, no COPY, no writes."""
    with open_backend(db, server, write=False, command="query") as store:
        result = store.user_query(sql)
    _print_result(result, fmt)


def _print_result(result: QueryResult, fmt: str | None) -> None:
    fmt = fmt or ("table" if sys.stdout.isatty() else "json")
    if fmt == "json":
        for record in result.records():
            click.echo(json.dumps(record, default=_json_default, ensure_ascii=False))
    elif fmt == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(result.columns)
        writer.writerows(result.rows)
    else:
        print_table(f"{len(result.rows)} rows", result.columns, result.rows, Console())


@cli.command()
@click.argument("name")
@store_options(write=False)
@click.option("--events", "events_only", is_flag=True, help="Show only the events timeline.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "markdown"]),
              help="Output format [default: table in a terminal, json when piped].")
def entity(name: str, db: str, server: str | None, events_only: bool, fmt: str | None) -> None:
    """What the store knows about an entity (by id, name or alias): mentions, facts, events and
    sentiment over time."""
    fmt = fmt or ("table" if sys.stdout.isatty() else "json")
    with open_backend(db, server, write=False, command="entity") as store:
        matches = store.find_entities(name)
        if not matches.rows:
            raise NotFoundError(f"no entity named {name!r} in {store.path}")
        sections = []
        for record in matches.records():
            eid = record["id"]
            parts = [("events", store.entity_events(eid))]
            if not events_only:
                parts = [("mentions", store.entity_mentions(eid)), ("facts", store.entity_facts(eid)),
                         *parts, ("sentiment", store.entity_sentiment(eid))]
            sections.append((record, parts))
    if fmt == "json":
        for record, parts in sections:
            out = dict(record)
            out.update({title: res.records() for title, res in parts})
            click.echo(json.dumps(out, default=_json_default, ensure_ascii=False))
        return
    console = Console()
    for record, parts in sections:
        heading = f"{record['name']} ({record['type']}, {record['id']}): {record['documents']} documents"
        if fmt == "markdown":
            click.echo(f"# {escape_md(heading)}\n")
        else:
            console.rule(heading)
        for title, res in parts:
            if fmt == "markdown":
                click.echo(f"## {title}\n\n{markdown_table(res.columns, res.rows)}\n")
            else:
                print_table(f"{title} ({len(res.rows)})", res.columns, res.rows, console)


@cli.command()
@store_options(write=False)
@click.option("--unknown", is_flag=True, help="Only names discovered outside the knowledge base.")
@click.option("--type", "entity_type", help="Only entities of this type (company, person, ...).")
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True, help="At most this many rows.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]),
              help="Output format [default: table in a terminal, json when piped].")
def entities(db: str, server: str | None, unknown: bool, entity_type: str | None, limit: int,
             fmt: str | None) -> None:
    """Entities across the store by number of documents; with --unknown, the discovered names to
    review and add to a knowledge base file."""
    with open_backend(db, server, write=False, command="entities") as store:
        result, _ = store.entity_table(unknown_only=unknown, entity_type=entity_type, limit=limit)
    _print_result(result, fmt)


@cli.command()
@click.argument("name", required=False)
@store_options(write=False)
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]),
              help="Output format [default: table in a terminal, json when piped].")
def conflicts(name: str | None, db: str, server: str | None, fmt: str | None) -> None:
    """Facts on which sources disagree beyond rounding (same entity, metric and period), and
    figures that contradict what another story's growth rate implies. NAME limits it to one
    entity (id, name or alias)."""
    from ..verify.conflicts import find_conflicts

    with open_backend(db, server, write=False, command="conflicts") as store:
        ids = None
        if name is not None:
            ids = [r["id"] for r in store.find_entities(name).records()]
            if not ids:
                raise NotFoundError(f"no entity named {name!r} in {store.path}")
        found = find_conflicts(store, ids)
    rows = [c.as_row() for c in found]
    columns = list(rows[0]) if rows else ["kind", "entity", "metric", "period", "value_a", "value_b", "detail"]
    _print_result(QueryResult(columns, [tuple(r.values()) for r in rows]), fmt)


@cli.command()
@click.option("--db", default=DEFAULT_DB, show_default=True, help="The DuckDB store to serve.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Interface to listen on; beyond loopback a token is required (generated if not given).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port to listen on (0: any free port; the owner file beside the store says which).")
@click.option("--token", envvar="FACTWIRE_TOKEN",
              help="Token that writes, analyses and SQL require (or FACTWIRE_TOKEN).")
@click.option("--allowed-host", "allowed_hosts", multiple=True, metavar="NAME",
              help="A Host name clients may use besides loopback and this machine's (repeatable; '*' for any).")
@click.option("--max-body", type=click.IntRange(min=1024), default=2 * 1024 * 1024, show_default=True,
              help="Refuse request bodies larger than this many bytes.")
@click.option("--max-text", type=click.IntRange(min=1), default=200_000, show_default=True,
              help="Refuse documents longer than this many characters.")
@click.option("--workers", type=click.IntRange(min=1), help="Analysis worker processes [default: cores - 1].")
@click.option("--queue", type=click.IntRange(min=0), default=4, show_default=True,
              help="Analyses that may wait for a worker before /api/analyze answers 503.")
@click.option("--query-time-limit", type=click.FloatRange(min=0.1), default=30.0, show_default=True,
              help="Seconds after which a query through the API is stopped.")
@click.option("--fire-ice-settings", "settings_path", type=click.Path(exists=True, dir_okay=False),
              help="YAML file over data/fire_ice.yaml for the fire-and-ice panel and alerts.")
def serve(db: str, host: str, port: int, token: str | None, allowed_hosts: tuple[str, ...], max_body: int,
          max_text: int, workers: int | None, queue: int, query_time_limit: float,
          settings_path: str | None) -> None:
    """Serve the HTTP API (/api, OpenAPI at /docs) and the dashboard (/) over a store.

    The server is the store's one writer while it runs: other factwire commands on the same
    store go through it. Beyond loopback it needs a token: without --token one is generated and
    printed."""
    import secrets

    from ..analytics import load_settings
    from ..store.owner import Lease, holder
    from ..web import create_app
    from ..web.security import check_token, hosts_for, is_loopback

    check_token(token)
    if token is None and not is_loopback(host):
        token = secrets.token_urlsafe(24)
        click.echo(f"factwire: listening beyond loopback, so writes need a token; generated: {token}", err=True)
    running = holder(db)
    if running is not None and running.command == "serve":
        raise StoreLockedError(f"{db}: already served by {running.describe()} at {running.url}")
    lease = Lease(db, exclusive=True, command="serve")
    lease.acquire(wait=True, on_wait=lambda o: click.echo(
        f"factwire: {db} is in use by {o.describe() if o else 'another command'}: waiting", err=True))
    try:
        app = create_app(db, token=token, max_body=max_body, fire_ice=load_settings(settings_path),
                         allowed_hosts=hosts_for(host, allowed_hosts), workers=workers, queue=queue,
                         max_text=max_text, query_time_limit=query_time_limit)
        app.state.pool.warm_up()
        _run_server(app, db, host, port, token, lease)
    finally:
        lease.release()


def _run_server(app: Any, db: str, host: str, port: int, token: str | None, lease: Any) -> None:
    """uvicorn, and once it listens, its URL (and token) in the owner file for other commands."""
    import os
    import threading
    import time

    import uvicorn

    from ..store.owner import Owner

    server = uvicorn.Server(uvicorn.Config(app, host=host, port=port, log_level="info"))

    def publish() -> None:
        while not server.started:
            if server.should_exit:
                return
            time.sleep(0.05)
        bound = server.servers[0].sockets[0].getsockname()[1] if server.servers else port
        local = "127.0.0.1" if ":" not in host else "[::1]"
        url = f"http://{host if is_local_name(host) else local}:{bound}"
        lease.publish(Owner(os.getpid(), "serve", datetime.now().isoformat(timespec="seconds"), url, token))
        click.echo(f"factwire: serving {db} at {url}", err=True)

    threading.Thread(target=publish, daemon=True).start()
    # uvicorn re-raises SIGTERM after a graceful shutdown, so this runs in the app's shutdown
    app.state.on_shutdown.extend([
        lambda: lease.publish(Owner(os.getpid(), "serve (stopping)", "", None, None)),
        app.state.pool.close,
        app.state.store.close,
    ])
    server.run()


def is_local_name(host: str) -> bool:
    return host in ("127.0.0.1", "localhost", "::1")


@cli.command()
@click.option("--db", default=DEFAULT_DB, show_default=True, help="The DuckDB store to migrate.")
def migrate(db: str) -> None:
    """Bring a store written by an older factwire to this version's schema (one transaction)."""
    from ..store.owner import Lease, holder

    running = holder(db)
    if running is not None:
        raise StoreLockedError(f"{db}: in use by {running.describe()}: stop it before migrating")
    lease = Lease(db, exclusive=True, command="migrate")
    lease.acquire(wait=False)
    try:
        done = Store.migrate(db)
    finally:
        lease.release()
    for step in done:
        click.echo(f"factwire: migrated {db}: {step}", err=True)
    if not done:
        click.echo(f"factwire: {db} is already at the current schema version", err=True)


@cli.command("import-series")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--entity", "entity_name", required=True, help="The entity (id, name or ticker) the series is of.")
@click.option("--series", "series_name", default="close", show_default=True,
              help="Series name: close (prices), followers, ...")
@click.option("--date-column", default="date", show_default=True, help="Column with the dates.")
@click.option("--value-column", default="close", show_default=True, help="Column with the values.")
@store_options(write=True)
def import_series_cmd(path: str, entity_name: str, series_name: str, date_column: str, value_column: str,
                      db: str, server: str | None) -> None:
    """Import a price, index or follower series from CSV or Parquet, for charts and event studies.
    An entity the store does not know yet (an index, say) is taken as an id as given."""
    from ..analytics import import_series, resolve_entity

    with open_backend(db, server, write=True, command="import-series") as store:
        try:
            eid = resolve_entity(store, entity_name)
        except NotFoundError:
            eid = entity_name.lower()
        n = import_series(store, path, eid, series_name, date_column=date_column, value_column=value_column)
    click.echo(f"{n} rows of {series_name!r} for {eid} from {path}", err=True)


@cli.command("event-study")
@click.argument("name")
@click.option("--market", required=True, help="Entity id of the market index series (e.g. hsi).")
@click.option("--event-type", help="Only events of this type (e.g. recall).")
@click.option("--series", "series_name", default="close", show_default=True, help="Price series to use.")
@click.option("--window", default="-1,1", show_default=True, help="Event window in trading days, FROM,TO.")
@click.option("--estimation", default="-120,-11", show_default=True, help="Estimation window, FROM,TO.")
@store_options(write=False)
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]),
              help="Output format [default: table in a terminal, json when piped].")
def event_study_cmd(name: str, market: str, event_type: str | None, series_name: str, window: str,
                    estimation: str, db: str, server: str | None, fmt: str | None) -> None:
    """Abnormal returns around an entity's events against a market index (market model): CAR
    over the window with its t-statistic and p-value."""
    from ..analytics import event_study, resolve_entity

    def pair(text: str) -> tuple[int, int]:
        try:
            a, b = (int(x) for x in text.split(","))
        except ValueError as exc:
            raise click.BadParameter(f"{text!r} is not FROM,TO") from exc
        return a, b

    with open_backend(db, server, write=False, command="event-study") as store:
        eid = resolve_entity(store, name)
        studies = event_study(store, eid, market.lower(), event_type=event_type, series=series_name,
                              estimation=pair(estimation), window=pair(window))
    rows = [(s.event_date, s.event_type, s.day0, round(s.beta, 3), round(s.car * 100, 2), round(s.t_stat, 2),
             round(s.p_value, 4), s.n_estimation) for s in studies]
    columns = ["event_date", "event_type", "day0", "beta", "car_pct", "t_stat", "p_value", "n_estimation"]
    _print_result(QueryResult(columns, rows), fmt)


@cli.command()
@store_options(write=False)
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]),
              help="Output format [default: table in a terminal, json when piped].")
@click.option("--settings", "settings_path", type=click.Path(exists=True, dir_okay=False),
              help="YAML file over data/fire_ice.yaml: window, thresholds, metrics.")
def alerts(db: str, server: str | None, fmt: str | None, settings_path: str | None) -> None:
    """Fire-and-ice divergences and negative-event spikes, for every company in the store."""
    from ..analytics import alerts as find_alerts
    from ..analytics import load_settings

    settings = load_settings(settings_path)
    with open_backend(db, server, write=False, command="alerts") as store:
        found = find_alerts(store, settings)
    _print_result(QueryResult(["entity", "kind", "as_of", "message"],
                              [(a.entity_id, a.kind, a.as_of, a.message) for a in found]), fmt)


@cli.command("export")
@click.argument("table", type=click.Choice(["documents", "entities", "mentions", "facts", "events", "sentiment",
                                           "checks", "quantities", "periods", "novelty", "series"]))
@click.option("--to", "out", required=True, type=click.Path(dir_okay=False), help="Output file.")
@click.option("--format", "fmt", type=click.Choice(["csv", "parquet", "json"]),
              help="Output format [default: from the file's suffix].")
@click.option("--entity", "entity_name", help="Only rows about this entity (facts, events, sentiment, mentions).")
@store_options(write=False)
def export_cmd(table: str, out: str, fmt: str | None, entity_name: str | None, db: str, server: str | None) -> None:
    """Export a table of the store to CSV, Parquet or JSON (one object per line)."""
    from ..exports import export_table

    with open_backend(db, server, write=False, command="export") as store:
        n = export_table(store, table, out, fmt, entity_name)
    click.echo(f"{n} rows of {table} written to {out}", err=True)


@cli.command()
@click.argument("name")
@click.option("--to", "out", required=True, type=click.Path(dir_okay=False),
              help="Output file: .html (interactive charts) or .md (charts as PNG beside it).")
@store_options(write=False)
def report(name: str, out: str, db: str, server: str | None) -> None:
    """A company report: fire and ice, metric series, peers, sentiment, timeline, with charts."""
    from ..exports import company_report

    with open_backend(db, server, write=False, command="report") as store:
        path = company_report(store, name, out)
    click.echo(f"report written to {path}", err=True)


@cli.command()
@click.argument("path", default="-")
@click.option("--encoding", default="utf-8", show_default=True, help="Text encoding of the input.")
def quantities(path: str, encoding: str) -> None:
    """For each input line, print one JSON list of its quantities (value, value_max, unit,
    surface, span, change): for quick checks and evaluation."""
    for line in _lines(path, encoding):
        found = parse_quantities(line)
        click.echo(json.dumps([
            {"value": q.value, "value_max": q.value_max, "unit": q.unit, "per": q.per,
             "surface": q.surface, "span": [q.start, q.end], "change": q.change}
            for q in found
        ], ensure_ascii=False))


@cli.command()
def schema() -> None:
    """Print the JSON schema of one analysis (the output of analyze --format json)."""
    click.echo(json.dumps(json_schema(), indent=2))


def _lines(path: str, encoding: str) -> Iterator[str]:
    data = sys.stdin.buffer.read() if path == "-" else open(path, "rb").read()  # noqa: SIM115
    yield from decode(data, path, encoding).splitlines()


def _json_default(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    return str(value)


def main() -> None:
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("factwire: interrupted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except FactwireError as exc:
        _report_error(exc)
        sys.exit(1)
    except OSError as exc:
        _report_error(exc)
        sys.exit(1)

