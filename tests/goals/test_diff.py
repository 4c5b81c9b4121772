from kek.goals.diff import GoalRow, compare


def rows(*items):
    return [GoalRow(*item) for item in items]


def test_it_finds_added_removed_reworded_and_renumbered_goals():
    old = rows(
        ("a", "field", "1", "Wirtschaft"),
        ("b", "goal", "1.1", "Fachkräfte sichern"),
        ("c", "goal", "1.2", "Gewerbeflächen entwickeln"),
        ("d", "goal", "1.3", "Tourismus stärken"),
    )
    new = rows(
        ("a", "field", "1", "Wirtschaft"),
        ("b", "goal", "1.1", "Fachkräfte gewinnen und binden"),
        ("d", "goal", "1.2", "Tourismus stärken"),
        ("e", "goal", "1.3", "Digitalisierung gestalten"),
    )
    diff = compare(old, new)
    assert [c.new.key for c in diff.added] == ["e"]
    assert [c.old.key for c in diff.removed] == ["c"]
    assert [(c.old.title, c.new.title) for c in diff.reworded] == [
        ("Fachkräfte sichern", "Fachkräfte gewinnen und binden")
    ]
    assert [(c.old.number, c.new.number) for c in diff.renumbered] == [("1.3", "1.2")]
    assert diff.unchanged == 1
    assert diff.has_changes


def test_a_changed_vision_counts_as_reworded():
    old = rows(("a", "field", "1", "Bildung", "alt"))
    new = rows(("a", "field", "1", "Bildung", "neu"))
    change = compare(old, new).reworded[0]
    assert change.text_changed and not change.title_changed
    assert change.level_label == "Handlungsfeld"


def test_identical_versions_have_no_changes():
    same = rows(("a", "field", "1", "Bildung"), ("b", "subgoal", "1.1.1", "Kitas"))
    diff = compare(same, list(same))
    assert not diff.has_changes
    assert diff.unchanged == 2


def test_it_orders_changes_by_goal_number_not_text():
    new = rows(("x", "goal", "1.10", "Zehn"), ("y", "goal", "1.2", "Zwei"))
    assert [c.new.number for c in compare([], new).added] == ["1.2", "1.10"]
