"""Compare two versions of a goal system goal by goal (pure; no Django)."""

from dataclasses import dataclass, field

LEVEL_LABELS = {
    "field": "Handlungsfeld",
    "goal": "Strategisches Ziel",
    "subgoal": "Teilziel",
}


@dataclass(frozen=True)
class GoalRow:
    key: str
    level: str
    number: str
    title: str
    text: str = ""


@dataclass(frozen=True)
class Change:
    old: GoalRow | None
    new: GoalRow | None

    @property
    def level_label(self) -> str:
        row = self.new or self.old
        if row is None:
            raise ValueError("A change has an old or a new goal, or both.")
        return LEVEL_LABELS[row.level]

    @property
    def title_changed(self) -> bool:
        return bool(self.old and self.new and self.old.title != self.new.title)

    @property
    def text_changed(self) -> bool:
        return bool(self.old and self.new and self.old.text != self.new.text)

    @property
    def renumbered(self) -> bool:
        return bool(self.old and self.new and self.old.number != self.new.number)


@dataclass
class Diff:
    added: list[Change] = field(default_factory=list)
    removed: list[Change] = field(default_factory=list)
    reworded: list[Change] = field(default_factory=list)
    renumbered: list[Change] = field(default_factory=list)
    unchanged: int = 0

    @property
    def has_changes(self) -> bool:
        return bool(self.added or self.removed or self.reworded or self.renumbered)


def number_key(number: str) -> tuple[int, ...]:
    return tuple(int(part) for part in number.split(".") if part.isdigit())


def compare(old: list[GoalRow], new: list[GoalRow]) -> Diff:
    """Match goals by key: only in new → added, only in old → removed, text → reworded."""
    old_by_key = {row.key: row for row in old}
    new_by_key = {row.key: row for row in new}
    diff = Diff()
    for row in sorted(new, key=lambda r: number_key(r.number)):
        before = old_by_key.get(row.key)
        if before is None:
            diff.added.append(Change(None, row))
        elif before.title != row.title or before.text != row.text:
            diff.reworded.append(Change(before, row))
        elif before.number != row.number:
            diff.renumbered.append(Change(before, row))
        else:
            diff.unchanged += 1
    diff.removed = [
        Change(row, None)
        for row in sorted(old, key=lambda r: number_key(r.number))
        if row.key not in new_by_key
    ]
    return diff
