"""The pipeline: a list of named components, each taking an Analysis and returning it.

Shaped after spaCy's ``Language``: components register by name with a factory
(``@component("name")``), a pipeline is built from a TOML config (``data/default_config.toml``),
and running it is a plain loop. A config can disable a component, replace its factory by another
registered name or by an import path ``"package.module:factory"``, and pass settings to it.
"""

from __future__ import annotations

import importlib
import tomllib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import ComponentError, ConfigError, FactwireError
from .models import Analysis, Document

Component = Callable[[Analysis], Analysis]
Factory = Callable[..., Component]

_FACTORIES: dict[str, Factory] = {}

# Modules whose import registers the built-in components, in data-flow order.
_BUILTIN_MODULES = (
    "factwire.text",
    "factwire.entities",
    "factwire.quantities",
    "factwire.periods",
    "factwire.facts",
    "factwire.events",
    "factwire.sentiment",
    "factwire.novelty",
    "factwire.verify",
)


def component(name: str) -> Callable[[Factory], Factory]:
    """Register a component factory under ``name``. The factory takes the component's settings
    as keyword arguments and returns a callable ``Analysis -> Analysis``."""

    def register(factory: Factory) -> Factory:
        if name in _FACTORIES and _FACTORIES[name] is not factory:
            raise ConfigError(f"a component factory named {name!r} is already registered")
        _FACTORIES[name] = factory
        return factory

    return register


def registered() -> dict[str, Factory]:
    _load_builtins()
    return dict(_FACTORIES)


def _load_builtins() -> None:
    for module in _BUILTIN_MODULES:
        importlib.import_module(module)


def _resolve_factory(name: str, ref: str) -> Factory:
    _load_builtins()
    if ref in _FACTORIES:
        return _FACTORIES[ref]
    if ":" in ref:
        module_name, _, attr = ref.partition(":")
        try:
            return getattr(importlib.import_module(module_name), attr)
        except (ImportError, AttributeError) as exc:
            raise ConfigError(f"component {name!r}: cannot import factory {ref!r}: {exc}") from exc
    known = ", ".join(sorted(_FACTORIES))
    raise ConfigError(f"component {name!r}: unknown factory {ref!r} (registered: {known})")


@dataclass
class PipelineResult:
    """One document's outcome in a batch: an analysis, or the error that stopped it."""

    source: str
    analysis: Analysis | None = None
    error: FactwireError | None = None


@dataclass
class Pipeline:
    components: list[tuple[str, Component]] = field(default_factory=list)
    config: dict[str, Any] = field(default_factory=dict)

    @property
    def names(self) -> list[str]:
        return [name for name, _ in self.components]

    def get(self, name: str) -> Component:
        for n, comp in self.components:
            if n == name:
                return comp
        raise KeyError(name)

    def __call__(self, document: Document, *, disable: Iterable[str] = ()) -> Analysis:
        analysis = Analysis(document=document)
        skip = set(disable)
        for name, comp in self.components:
            if name in skip:
                continue
            try:
                result = comp(analysis)
            except FactwireError:
                raise
            except Exception as exc:  # a bug in a component: say which one
                raise ComponentError(name, f"{type(exc).__name__}: {exc}") from exc
            if not isinstance(result, Analysis):
                raise ComponentError(
                    name, f"returned {type(result).__name__}, expected the Analysis it was given"
                )
            analysis = result
        return analysis

    def pipe(self, documents: Iterable[Document | FactwireError]) -> Iterator[PipelineResult]:
        """Analyse a stream; errors (already in the stream or raised here) are yielded, not raised,
        so a batch goes on past a bad document."""
        for item in documents:
            if isinstance(item, FactwireError):
                yield PipelineResult(source=getattr(item, "source", "?"), error=item)
                continue
            try:
                yield PipelineResult(source=item.source, analysis=self(item))
            except FactwireError as exc:
                yield PipelineResult(source=item.source, error=exc)

    def analyze_text(self, text: str, *, published_at: date | None = None, **meta: Any) -> Analysis:
        return self(Document.from_text(text, published_at=published_at, **meta))


def default_config_path() -> Path:
    return Path(str(resources.files("factwire") / "data" / "default_config.toml"))


def load_config(path: str | Path | None = None) -> dict[str, Any]:
    """The default config, with a user TOML file (if given) merged over it, table by table."""
    config = _read_toml(default_config_path())
    if path is not None:
        _merge(config, _read_toml(Path(path)))
    return config


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError as exc:
        raise ConfigError(f"{path}: config file not found") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from exc


def _merge(base: dict[str, Any], override: Mapping[str, Any]) -> None:
    for key, value in override.items():
        if isinstance(value, Mapping) and isinstance(base.get(key), dict):
            _merge(base[key], value)
        else:
            base[key] = value


def build_pipeline(
    config: dict[str, Any] | str | Path | None = None, *, disable: Iterable[str] = ()
) -> Pipeline:
    """Build a pipeline from a config dict, a TOML path, or the default config."""
    if not isinstance(config, dict):
        config = load_config(config)
    section = config.get("pipeline")
    if not isinstance(section, dict) or not isinstance(section.get("components"), list):
        raise ConfigError("config needs [pipeline] with a 'components' list")
    disabled = set(section.get("disabled", [])) | set(disable)
    settings_by_name = config.get("components", {})
    components: list[tuple[str, Component]] = []
    for name in section["components"]:
        if not isinstance(name, str):
            raise ConfigError(f"[pipeline] components must be names, got {name!r}")
        if name in disabled:
            continue
        settings = dict(settings_by_name.get(name, {}))
        factory = _resolve_factory(name, settings.pop("factory", name))
        try:
            components.append((name, factory(**settings)))
        except TypeError as exc:
            raise ConfigError(f"component {name!r}: bad settings {settings}: {exc}") from exc
    unknown = disabled - set(section["components"])
    if unknown:
        raise ConfigError(f"cannot disable unknown component(s): {', '.join(sorted(unknown))}")
    return Pipeline(components=components, config=config)
