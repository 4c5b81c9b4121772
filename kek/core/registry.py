"""Registries through which apps contribute to the platform without editing each other.

Each app fills them in its `AppConfig.ready()` (usually by importing its `public.py`); the
publication layer (`cms`) and `core` only read them. Nothing here imports an app.

- `public_routes`: the public pages below a district's start page (name, pattern, view).
- `navigation`: entries of the main navigation, in groups ("Konzept", "Umsetzung", …).
- `start_page`: parts an app adds to a section of the district's start page.
- `goal_panels`: parts an app adds to the page of a field of action or a goal.
- `project_panels`: parts an app adds to a project's page (proposals, discussion, follow).
- `default_loaders`: functions that load an app's default content of a district.
- `backup_parts`: what belongs to a district's backup (`kek backup`, `kek restore`).
- `publication_checks`: what publishing a new concept version changes for the public.
- `privacy_notes`: what an app tells on the privacy page about the personal data it keeps.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar


class Named(Protocol):
    @property
    def name(self) -> str: ...

    @property
    def order(self) -> int: ...


T = TypeVar("T", bound=Named)


class Registry(Generic[T]):
    """Entries ordered by `order`, then by registration; a name is registered once."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self._entries: dict[str, T] = {}

    def register(self, entry: T) -> T:
        if entry.name in self._entries:
            raise ValueError(f"{self.kind} {entry.name!r} is registered twice")
        self._entries[entry.name] = entry
        return entry

    def unregister(self, name: str) -> None:
        """Remove an entry (tests that register one for their duration)."""
        self._entries.pop(name, None)

    def __iter__(self) -> Iterator[T]:
        ranked = enumerate(self._entries.values())
        return iter([e for _, e in sorted(ranked, key=lambda pair: (pair[1].order, pair[0]))])

    def __len__(self) -> int:
        return len(self._entries)

    def __getitem__(self, name: str) -> T:
        return self._entries[name]

    def __contains__(self, name: object) -> bool:
        return name in self._entries


# ----------------------------------------------------------------------------- public routes


@dataclass(frozen=True)
class PublicRoute:
    """A page below the district's start page: `view(request, home, **kwargs)`.

    `pattern` is Django `path()` syntax, or a regular expression when `regex` is set. Wagtail
    hands routes a trailing slash, so a download `tabelle.csv` is matched as `tabelle.csv/`;
    `route_url` removes that slash again when it builds the address."""

    name: str
    pattern: str
    view: Callable[..., Any]
    regex: bool = False
    order: int = 0
    # The address ends in a file name (…/tabelle.csv), without Wagtail's trailing slash.
    file: bool = False


public_routes: Registry[PublicRoute] = Registry("public route")


# ----------------------------------------------------------------------------- navigation


@dataclass(frozen=True)
class NavGroup:
    name: str
    label: str
    order: int


@dataclass(frozen=True)
class NavEntry:
    """A link of the main navigation to a public route (plus an optional #fragment)."""

    name: str
    group: str
    label: str
    route: str
    order: int
    fragment: str = ""


nav_groups: Registry[NavGroup] = Registry("navigation group")
navigation: Registry[NavEntry] = Registry("navigation entry")

for _group in (
    NavGroup("konzept", "Konzept", 10),
    NavGroup("umsetzung", "Umsetzung", 20),
    NavGroup("daten", "Daten", 30),
    NavGroup("beteiligung", "Beteiligung", 40),
):
    nav_groups.register(_group)


# ----------------------------------------------------------------------------- page parts

# context(home, concept) -> dict for a start-page part; context(home, concept, obj) for a
# goal-page panel (obj: the field of action, strategic goal or sub-goal shown).
ContextFunction = Callable[..., dict[str, Any]]


@dataclass(frozen=True)
class PagePart:
    """A template an app adds to a place on a page, with the context it needs.

    For the start page `place` is a section key (see `cms.sections`), for goal pages it is
    "field" (field of action) or "goal" (strategic goal or sub-goal)."""

    name: str
    place: str
    template: str
    context: ContextFunction = lambda *args: {}
    order: int = 0


start_page: Registry[PagePart] = Registry("start page part")
goal_panels: Registry[PagePart] = Registry("goal page panel")
# place "project"; context(home, concept, project) -> dict.
project_panels: Registry[PagePart] = Registry("project page panel")


@dataclass(frozen=True)
class PrivacyNote:
    """A section an app adds to the district's privacy page (the editorial page with the slug
    "datenschutz"), below the district's text: what it stores and when it deletes it.
    `context(home)` gives the template's values (e.g. the configured retention period)."""

    name: str
    template: str
    context: ContextFunction = lambda *args: {}
    order: int = 0


privacy_notes: Registry[PrivacyNote] = Registry("privacy note")


# ----------------------------------------------------------------------------- default content


@dataclass(frozen=True)
class DefaultLoader:
    """`load(region, folder, spec) -> str | None`: one German summary line, or None.

    Loaders run in order, inside one transaction, after the regions exist; `spec` is the
    folder's `district.yaml`."""

    name: str
    load: Callable[..., str | None]
    order: int
    keys: tuple[str, ...] = ()  # the district.yaml entries it reads; any other is a typo


default_loaders: Registry[DefaultLoader] = Registry("default-content loader")


# ----------------------------------------------------------------------------- backup


@dataclass(frozen=True)
class BackupKey:
    """A model whose rows the districts share (regions, users, indicators, observations …).

    A backup carries the shared rows its district refers to (or, when a part's `rows` lists
    the model, those rows); a restore matches each by `fields` (field names, foreign keys
    included) and uses the installation's row, or creates it when none matches and `create`
    is set, else takes `fallback()` (e.g. the root collection), else refuses the backup.
    `columns` limits what is written besides the key (users: no password); `defaults()` gives
    the values a created row needs that the backup lacks."""

    model: Any
    fields: tuple[str, ...]
    create: bool = True
    columns: tuple[str, ...] | None = None
    defaults: Callable[[], dict[str, Any]] = dict
    fallback: Callable[[], Any] | None = None


@dataclass(frozen=True)
class GenericLink:
    """A generic foreign key (`GenericForeignKey` named `name`: content type + object id) of a
    model in a district's backup, e.g. a comment's subject. The backup takes the rows it points
    at; a restore inserts them first and renumbers the object id through their new keys; a
    row whose target is not in the backup loses the link if its columns may be empty (a
    moderation log entry), else it is left out with a note. The target must be another model."""

    model: Any
    name: str


@dataclass(frozen=True)
class BackupPart:
    """What an app contributes to a district's backup (kek.core.backup, kek.core.restore).

    `rows(region)` returns querysets of the district's own rows (a restore creates them anew
    and remaps every reference) and of shared models named in `keys`. The engine adds the
    rows they refer to, the links of their many-to-many fields, their change history and
    uploaded files. Hooks for what the generic walk cannot do (Wagtail's page tree):
    `prepare(model, rows, restoring)` adjusts a model's rows (dicts of column → value, after
    remapping) before they are inserted and returns them; `finish(restoring)` runs after all
    rows are in; `delete(region)` removes the part's rows for `kek restore --replace` (default:
    the querysets of `rows`, last first). `generic` names the `GenericLink`s of its models."""

    name: str
    order: int
    rows: Callable[[Any], Iterable[Any]]
    keys: tuple[BackupKey, ...] = ()
    generic: tuple[GenericLink, ...] = ()
    prepare: Callable[[Any, list[dict[str, Any]], Any], list[dict[str, Any]]] | None = None
    finish: Callable[[Any], None] | None = None
    delete: Callable[[Any], None] | None = None


backup_parts: Registry[BackupPart] = Registry("backup part")


# ------------------------------------------------------------------------ publication review


@dataclass(frozen=True)
class PublicationCheck:
    """What publishing a new concept version changes for the public, in one app's terms.

    `changes(current, draft)` returns (heading, lines) groups for the confirmation page;
    `current` is None when the district has no public version yet."""

    name: str
    changes: Callable[[Any, Any], list[tuple[str, list[str]]]]
    order: int = 100


publication_checks: Registry[PublicationCheck] = Registry("publication check")
