"""nested-records: a document read whole that holds connection records deeper down says where."""

from __future__ import annotations

from terapi_lint.loaders.base import Record
from terapi_lint.rules import nested_records

CONNECTION = {"id": "u-1", "provider_config_key": "slack-prod", "provider": "slack"}


def problems(value, **record):
    return [(p.path, p.message) for p in nested_records.check(Record(value=value, **record), None)]


def test_the_shallowest_array_of_connections_is_named_with_its_pointer():
    document = {"data": {"items": [CONNECTION]}, "meta": {"deep": {"deeper": [CONNECTION]}}}
    [(path, message)] = problems(document)
    assert path == ("data", "items")
    assert message.endswith("lint them with --records /data/items")


def test_a_pointer_with_special_characters_is_escaped():
    [(path, message)] = problems({"a/b": {"c~d": [CONNECTION]}})
    assert message.endswith("--records /a~1b/c~0d")


def test_a_connection_record_or_a_record_of_a_dump_is_left_alone():
    assert problems({"id": "u-2", "children": [CONNECTION]}) == []
    assert problems({"provider_config_key": "x", "children": [CONNECTION]}) == []
    assert problems({"children": [CONNECTION]}, many=True) == []


def test_arrays_of_other_things_and_deep_nesting_are_not_records():
    assert problems({"tags": ["a", "b"], "rows": [{"id": "1"}], "empty": []}) == []
    deep: dict = {"x": [CONNECTION]}
    for level in range(7):
        deep = {f"l{level}": deep}
    assert problems(deep) == []
    assert problems([CONNECTION]) == []
