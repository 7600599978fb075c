"""Named read-models: every query the CLI, the API, analytics, verify and exports make.

They are written once against two primitives, ``_rows(sql, params) -> QueryResult`` and
``_frame(sql, params) -> DataFrame``, which each backend implements: the DuckDB file
(``Store``) and a running server (``RemoteStore``). Lists page in SQL (``limit``, ``offset``,
checked here so a huge integer is a ParameterError naming it, not DuckDB's overflow).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

import pandas as pd

from ..errors import ParameterError
from .result import QueryResult

MAX_LIMIT = 100_000
MAX_OFFSET = 2**31 - 1

# an entity's parent and type, once per id (the entities table holds one row per story)
_PARENTS = "WITH parents AS (SELECT id, any_value(parent) AS parent, any_value(type) AS type FROM entities GROUP BY id)"
_PAGE = "LIMIT $limit OFFSET $offset"

# Tables that export may write, and the column that names an entity in each.
EXPORTABLE = ("documents", "entities", "mentions", "facts", "events", "sentiment", "checks", "quantities",
              "periods", "novelty", "series")
ENTITY_COLUMNS = {"facts": "entity_id", "mentions": "entity_id", "sentiment": "target", "entities": "id",
                  "novelty": "entity_id", "series": "entity_id"}


def check_page(limit: int, offset: int) -> None:
    if not isinstance(limit, int) or not 1 <= limit <= MAX_LIMIT:
        raise ParameterError(f"limit {limit!r} is out of range (1 to {MAX_LIMIT:,})")
    if not isinstance(offset, int) or not 0 <= offset <= MAX_OFFSET:
        raise ParameterError(f"offset {offset!r} is out of range (0 to {MAX_OFFSET:,})")


class ReadModels:
    """The named queries. Subclasses provide ``_rows`` and ``_frame``."""

    def _rows(self, sql: str, params: Sequence[Any] | dict[str, Any] | None = None) -> QueryResult:
        raise NotImplementedError

    def _frame(self, sql: str, params: Sequence[Any] | dict[str, Any] | None = None) -> pd.DataFrame:
        raise NotImplementedError

    def _page(self, sql: str, order: str, params: dict[str, Any], limit: int, offset: int) -> tuple[QueryResult, int]:
        """One page of ``sql`` in ``order`` (of its output columns) and the number of rows in all."""
        check_page(limit, offset)
        found = self._rows(
            f"SELECT *, count(*) OVER () AS __total FROM ({sql}) ORDER BY {order} {_PAGE}",
            {**params, "limit": limit, "offset": offset},
        )
        if found.rows:
            total = found.rows[0][-1]
        elif offset > 0:  # a page past the end still says how many there are
            total = self._rows(f"SELECT count(*) FROM ({sql})", params).rows[0][0]
        else:
            total = 0
        page = QueryResult(found.columns[:-1], [row[:-1] for row in found.rows], found.types[:-1])
        return page, total

    # -- documents ----------------------------------------------------------------------------

    def count_documents(self) -> int:
        return self._rows("SELECT count(*) FROM documents").rows[0][0]

    def has(self, content_hash: str) -> bool:
        return bool(self._rows("SELECT 1 FROM documents WHERE content_hash = ?", [content_hash]).rows)

    def stored_hashes(self, hashes: Sequence[str]) -> set[str]:
        if not hashes:
            return set()
        found = self._rows("SELECT content_hash FROM documents WHERE list_contains(?, content_hash)", [list(hashes)])
        return {r[0] for r in found.rows}

    def document(self, doc_id: str) -> dict[str, Any] | None:
        found = self._rows(
            "SELECT id, title, url, source, published_at, language, text, duplicate_of FROM documents WHERE id = ?",
            [doc_id],
        ).records()
        return found[0] if found else None

    # -- entities -----------------------------------------------------------------------------

    def entity_table(self, *, unknown_only: bool = False, entity_type: str | None = None,
                     contains: str | None = None, limit: int = 50, offset: int = 0) -> tuple[QueryResult, int]:
        """Entities across documents, most widely covered first: one page of them (``contains``:
        only those whose name or id holds this text, any case) and how many there are in all."""
        return self._page(
            """
            SELECT e.id, any_value(e.name) AS name, any_value(e.type) AS type,
                   bool_and(e.known) AS known, count(DISTINCT e.doc_id) AS documents,
                   any_value(m.n) AS mentions, round(avg(e.relevance), 1) AS avg_relevance
            FROM entities e
            LEFT JOIN (SELECT entity_id, count(*) AS n FROM mentions GROUP BY entity_id) m
                   ON m.entity_id = e.id
            WHERE (NOT $unknown OR NOT e.known) AND ($type IS NULL OR e.type = $type)
            GROUP BY e.id
            HAVING $q IS NULL OR contains(lower(any_value(e.name)), lower($q)) OR contains(lower(e.id), lower($q))
            """,
            "documents DESC, mentions DESC, id",
            {"unknown": unknown_only, "type": entity_type, "q": contains},
            limit, offset,
        )

    def find_entities(self, name: str) -> QueryResult:
        """Entities whose id, name or an alias matches ``name`` (case-insensitive), with counts."""
        return self._rows(
            """
            SELECT entity_id AS id, any_value(name) AS name, any_value(type) AS type,
                   count(DISTINCT doc_id) AS documents, round(avg(relevance), 1) AS avg_relevance
            FROM (SELECT doc_id, id AS entity_id, name, type, relevance, aliases FROM entities)
            WHERE lower(entity_id) = lower($1) OR lower(name) = lower($1)
               -- the text test first: only rows that hold the name anywhere have their aliases parsed
               -- ($2: the name has a character that JSON escapes, so the text test cannot be used)
               OR (($2 OR contains(lower(CAST(aliases AS VARCHAR)), lower($1)))
                   AND list_contains(list_transform(json_extract_string(aliases, '$[*]'), lambda x: lower(x)),
                                     lower($1)))
            GROUP BY entity_id ORDER BY documents DESC, entity_id
            """,
            [name, any(c in name for c in '"\\') or any(ord(c) < 32 for c in name)],
        )

    def family(self, entity_id: str) -> list[str]:
        """The entity and its KB children (subsidiaries, products)."""
        children = self._rows("SELECT DISTINCT id FROM entities WHERE parent = ? ORDER BY id", [entity_id]).rows
        return [entity_id, *(r[0] for r in children)]

    def entity_mentions(self, entity_id: str) -> QueryResult:
        return self._rows(
            """
            SELECT d.published_at, d.title, d.source, count(*) AS mentions, any_value(e.relevance) AS relevance,
                   any_value(d.duplicate_of) AS reprint_of
            FROM mentions m JOIN documents d ON d.id = m.doc_id
            LEFT JOIN entities e ON e.doc_id = m.doc_id AND e.id = m.entity_id
            WHERE m.entity_id = ?
            GROUP BY d.id, d.published_at, d.title, d.source
            ORDER BY d.published_at NULLS LAST, d.title
            """,
            [entity_id],
        )

    def entity_facts(self, entity_id: str) -> QueryResult:
        """Facts about the entity and about its subsidiaries and products (its KB children)."""
        return self._rows(
            """
            SELECT f.period, f.entity_id AS entity, f.metric, f.value, f.unit, f.qualifier, f.segment,
                   d.published_at, f.evidence_text AS evidence
            FROM facts f JOIN documents d ON d.id = f.doc_id
            WHERE f.entity_id = $1
               OR f.entity_id IN (SELECT DISTINCT id FROM entities WHERE parent = $1)
            ORDER BY f.period NULLS LAST, f.metric, d.published_at
            """,
            [entity_id],
        )

    def facts_page(self, entity_id: str, *, metric: str | None = None, period: str | None = None,
                   limit: int = 100, offset: int = 0) -> tuple[QueryResult, int]:
        """The entity's facts (its family's), with their evidence, one page."""
        return self._page(
            """
            SELECT f.entity_id, f.metric, f.value, f.value_max, f.unit, f.qualifier, f.period, f.segment,
                   d.id AS doc_id, d.title, d.published_at, f.evidence_start, f.evidence_end, f.evidence_text
            FROM facts f JOIN documents d ON d.id = f.doc_id
            WHERE (f.entity_id = $e OR f.entity_id IN (SELECT DISTINCT id FROM entities WHERE parent = $e))
              AND ($metric IS NULL OR f.metric = $metric) AND ($period IS NULL OR f.period = $period)
            """,
            "period, metric, published_at, doc_id, evidence_start",
            {"e": entity_id, "metric": metric, "period": period},
            limit, offset,
        )

    def entity_events(self, entity_id: str) -> QueryResult:
        """Events in which the entity, or one of its subsidiaries or products, takes part."""
        return self._rows(
            """
            SELECT ev.date, ev.type, ev.modality, ev.polarity, d.published_at, d.title
            FROM events ev JOIN documents d ON d.id = ev.doc_id
            WHERE list_has_any(
                json_extract_string(ev.participants, '$[*].entity_id'),
                list_append((SELECT coalesce(list(DISTINCT id), []) FROM entities WHERE parent = $1), $1))
            ORDER BY coalesce(ev.date, CAST(d.published_at AS VARCHAR)) NULLS LAST
            """,
            [entity_id],
        )

    def entity_sentiment(self, entity_id: str) -> QueryResult:
        return self._rows(
            """
            SELECT d.published_at, s.score, s.label, d.title
            FROM sentiment s JOIN documents d ON d.id = s.doc_id
            WHERE s.scope = 'entity' AND s.target = ?
            ORDER BY d.published_at NULLS LAST
            """,
            [entity_id],
        )

    def companies_with_documents(self, min_documents: int) -> list[str]:
        found = self._rows(
            """
            SELECT id FROM entities WHERE type = 'company' AND known AND parent IS NULL
            GROUP BY id HAVING count(DISTINCT doc_id) >= ? ORDER BY id
            """,
            [min_documents],
        )
        return [r[0] for r in found.rows]

    # -- analytics ----------------------------------------------------------------------------

    def event_rows(self, family: list[str]) -> pd.DataFrame:
        """Every story's events about the family (reprints aside), in timeline order."""
        return self._frame(
            f"""
            {_PARENTS}
            SELECT ev.date, ev.type, ev."group", ev.modality, ev.polarity, main.entity_id AS main_entity,
                   CASE WHEN p.type IN ('company', 'product') AND p.parent IS NOT NULL THEN p.parent
                        ELSE main.entity_id END AS main_company,
                   d.published_at, d.title, d.id AS doc_id, ev.idx AS event_idx,
                   json_extract_string(ev.evidence, '$[0].text') AS evidence
            FROM events ev JOIN documents d ON d.id = ev.doc_id
            CROSS JOIN LATERAL (SELECT json_extract_string(ev.participants, '$[0].entity_id') AS entity_id) main
            LEFT JOIN parents p ON p.id = main.entity_id
            WHERE list_has_any(json_extract_string(ev.participants, '$[*].entity_id'), ?)
              AND d.duplicate_of IS NULL
            ORDER BY coalesce(ev.date, CAST(d.published_at AS VARCHAR)), ev.type, d.published_at NULLS LAST, d.id
            """,
            [family],
        )

    def metric_rows(self, ids: list[str], metrics: list[str]) -> pd.DataFrame:
        """One value per metric and period (see ``analytics.metric_series`` for the order of preference)."""
        return self._frame(
            """
            SELECT metric, period, value, value_max, unit, qualifier, entity_id, published_at, title, doc_id, evidence
            FROM (
                SELECT f.metric, f.period, f.value, f.value_max, f.unit, f.qualifier, f.entity_id, d.published_at,
                       d.title, d.id AS doc_id, f.evidence_text AS evidence,
                       row_number() OVER (
                           PARTITION BY f.metric, f.period
                           ORDER BY (f.product IS NULL) DESC, (f.qualifier = '=') DESC,
                                    d.published_at DESC NULLS LAST, f.confidence DESC
                       ) AS rank
                FROM facts f JOIN documents d ON d.id = f.doc_id
                WHERE list_contains(?, f.entity_id) AND list_contains(?, f.metric) AND f.period IS NOT NULL
                  AND d.duplicate_of IS NULL AND f.period NOT LIKE '%/%'
            )
            WHERE rank = 1
            ORDER BY metric, period
            """,
            [ids, metrics],
        )

    def peer_rows(self, metrics: list[str], period: str) -> pd.DataFrame:
        """One figure per company (subsidiaries rolled up) in the period; see ``analytics.peer_table``."""
        return self._frame(
            f"""
            {_PARENTS},
                 names AS (SELECT id, any_value(name) AS name FROM entities GROUP BY id)
            SELECT company, names.name, entity_id, metric, value, unit, qualifier, published_at, title, doc_id,
                   evidence
            FROM (
                SELECT CASE WHEN p.type = 'company' AND p.parent IS NOT NULL THEN p.parent
                            ELSE f.entity_id END AS company,
                       f.entity_id, f.metric, f.value, f.unit, f.qualifier, d.published_at, d.title, d.id AS doc_id,
                       f.evidence_text AS evidence,
                       row_number() OVER (
                           PARTITION BY CASE WHEN p.type = 'company' AND p.parent IS NOT NULL THEN p.parent
                                             ELSE f.entity_id END
                           ORDER BY (f.product IS NULL) DESC, (f.qualifier = '=') DESC, list_position($1, f.metric),
                                    d.published_at DESC NULLS LAST, f.confidence DESC
                       ) AS rank
                FROM facts f JOIN documents d ON d.id = f.doc_id LEFT JOIN parents p ON p.id = f.entity_id
                WHERE list_contains($1, f.metric) AND f.period = $2 AND d.duplicate_of IS NULL
                  AND f.entity_id IS NOT NULL
            ) ranked LEFT JOIN names ON names.id = ranked.company
            WHERE rank = 1
            ORDER BY value DESC, company
            """,
            [metrics, period],
        )

    def periods_with_figures(self, metrics: list[str], limit: int = 500) -> QueryResult:
        check_page(limit, 0)
        return self._rows(
            "SELECT period, count(DISTINCT entity_id) AS companies FROM facts WHERE list_contains(?, metric) "
            "AND period IS NOT NULL AND period NOT LIKE '%/%' GROUP BY period "
            "ORDER BY companies DESC, period DESC LIMIT ?",
            [metrics, limit],
        )

    def sentiment_rows(self, entity_id: str) -> pd.DataFrame:
        return self._frame(
            """
            SELECT d.published_at AS date, s.score
            FROM sentiment s JOIN documents d ON d.id = s.doc_id
            WHERE s.scope = 'entity' AND s.target = ? AND d.published_at IS NOT NULL AND d.duplicate_of IS NULL
            ORDER BY d.published_at
            """,
            [entity_id],
        )

    def event_polarity_rows(self, family: list[str]) -> pd.DataFrame:
        return self._frame(
            """
            SELECT coalesce(TRY_CAST(left(ev.date, 10) AS DATE), d.published_at) AS date, ev.polarity, ev.type
            FROM events ev JOIN documents d ON d.id = ev.doc_id
            WHERE list_has_any(json_extract_string(ev.participants, '$[*].entity_id'), ?) AND d.duplicate_of IS NULL
            """,
            [family],
        )

    def latest_mention(self, entity_id: str, not_after: date) -> date | None:
        """The entity's latest story date, ignoring dates after ``not_after`` (a mistyped year
        must not move an as-of date into the future)."""
        return self._rows(
            "SELECT max(d.published_at) FROM mentions m JOIN documents d ON d.id = m.doc_id "
            "WHERE m.entity_id = ? AND d.published_at <= ?",
            [entity_id, not_after],
        ).rows[0][0]

    def growth_rates(self, family: list[str], start: date, end: date, growing: list[str]) -> list[tuple[str, float]]:
        return self._rows(
            """
            SELECT f.metric, avg(f.value) FROM facts f JOIN documents d ON d.id = f.doc_id
            WHERE list_contains(?, f.entity_id) AND d.published_at BETWEEN ? AND ? AND d.duplicate_of IS NULL
              AND list_contains(?, split_part(f.metric, '_growth', 1)) AND f.metric LIKE '%\\_growth%' ESCAPE '\\'
            GROUP BY f.metric ORDER BY f.metric
            """,
            [family, start, end, growing],
        ).rows

    def mean_sentiment(self, family: list[str], start: date, end: date) -> float | None:
        return self._rows(
            """
            SELECT avg(s.score) FROM sentiment s JOIN documents d ON d.id = s.doc_id
            WHERE s.scope = 'entity' AND list_contains(?, s.target) AND d.published_at BETWEEN ? AND ?
              AND d.duplicate_of IS NULL
            """,
            [family, start, end],
        ).rows[0][0]

    def market_facts(self, family: list[str], start: date, end: date, metrics: list[str]) -> list[tuple]:
        return self._rows(
            """
            SELECT f.metric, f.value, f.unit FROM facts f JOIN documents d ON d.id = f.doc_id
            WHERE list_contains(?, f.entity_id) AND d.published_at BETWEEN ? AND ? AND d.duplicate_of IS NULL
              AND list_contains(?, f.metric)
            ORDER BY d.published_at, f.doc_id, f.idx
            """,
            [family, start, end, metrics],
        ).rows

    def event_days(self, family: list[str], start: date, end: date) -> list[tuple]:
        return self._rows(
            """
            SELECT coalesce(TRY_CAST(left(ev.date, 10) AS DATE), d.published_at) AS day, ev.polarity
            FROM events ev JOIN documents d ON d.id = ev.doc_id
            WHERE list_has_any(json_extract_string(ev.participants, '$[*].entity_id'), ?) AND d.duplicate_of IS NULL
              AND d.published_at BETWEEN ? AND ?
            """,
            [family, start, end],
        ).rows

    def price_rows(self, entity_id: str, series: str) -> pd.DataFrame:
        return self._frame(
            "SELECT date, value FROM series WHERE entity_id = ? AND series = ? ORDER BY date", [entity_id, series]
        )

    def conflict_facts(self, entity_ids: list[str] | None, columns: Sequence[str]) -> QueryResult:
        """Facts with a period and an entity (only these entities', if given), oldest story first."""
        doc_columns = ("title", "source", "published_at")
        select = ", ".join(("d." if c in doc_columns else "f.") + c for c in columns)
        return self._rows(
            f"""
            SELECT {select}
            FROM facts f JOIN documents d ON d.id = f.doc_id
            WHERE f.period IS NOT NULL AND f.entity_id IS NOT NULL AND ($1 IS NULL OR list_contains($1, f.entity_id))
            ORDER BY d.published_at NULLS LAST, f.doc_id, f.idx
            """,
            [entity_ids],
        )

    # -- exports ------------------------------------------------------------------------------

    def table_rows(self, table: str, entity_id: str | None = None) -> QueryResult:
        """A whole table for export (documents without their text), or its rows about one entity."""
        if table not in EXPORTABLE:
            raise ParameterError(f"cannot export {table!r}: one of {', '.join(EXPORTABLE)}")
        where, params = "", []
        if entity_id is not None:
            if table == "events":
                where = "WHERE list_contains(json_extract_string(participants, '$[*].entity_id'), ?)"
            elif table in ENTITY_COLUMNS:
                where = f"WHERE {ENTITY_COLUMNS[table]} = ?"
            else:
                raise ParameterError(f"--entity does not apply to the {table} table")
            params = [entity_id]
        columns = "* EXCLUDE (text)" if table == "documents" else "*"
        return self._rows(f'SELECT {columns} FROM "{table}" {where}', params)
