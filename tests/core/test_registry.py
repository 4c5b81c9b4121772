"""The registries apps contribute through (kek/core/registry.py): pure behaviour."""

from dataclasses import dataclass

import pytest

from kek.core.registry import Registry


@dataclass(frozen=True)
class Entry:
    name: str
    order: int


def test_it_lists_entries_by_order_then_by_registration():
    registry: Registry[Entry] = Registry("entry")
    for entry in (Entry("c", 20), Entry("a", 10), Entry("b", 20), Entry("d", 5)):
        registry.register(entry)
    assert [e.name for e in registry] == ["d", "a", "c", "b"]
    assert len(registry) == 4
    assert registry["b"] == Entry("b", 20)
    assert "a" in registry and "z" not in registry


def test_it_refuses_a_name_registered_twice():
    registry: Registry[Entry] = Registry("navigation entry")
    registry.register(Entry("daten", 10))
    with pytest.raises(ValueError, match="navigation entry 'daten' is registered twice"):
        registry.register(Entry("daten", 20))
    assert [e.order for e in registry] == [10]
