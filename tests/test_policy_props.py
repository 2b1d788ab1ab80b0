"""props.plain and props.pluck against the simplest correct reading of a property bag.

The pack's fast paths (exact-type checks before ABC checks, reading one property without copying its
bag) must give exactly what the straightforward version below gives, for any value the engine can send:
nested objects and lists, the SDK's unknown markers, secrets still in wire form, and pulumi_policy's
proxies around all of it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from backup_guardrails.props import MISSING, UNKNOWN, get, plain, pluck
from hypothesis import given, settings
from hypothesis import strategies as st
from pulumi_policy.proxy import (
    UNKNOWN_ARRAY_VALUE,
    UNKNOWN_OBJECT_VALUE,
    UNKNOWN_STRING_VALUE,
    _DictProxy,
    _ListProxy,
    unknown_checking_proxy,
)

SIG_KEY = "4dabf18193072939515e22adb298388d"
SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270"
SENTINELS = {UNKNOWN_STRING_VALUE, UNKNOWN_ARRAY_VALUE, UNKNOWN_OBJECT_VALUE}
KEYS = ["name", "arn", "value", "resources", SIG_KEY]


def reference_plain(value: Any) -> Any:
    """The straightforward reading: unwrap proxies, mark unknowns, unwrap secrets, copy containers."""
    if isinstance(value, _DictProxy | _ListProxy):
        value = value["__target"]
    if isinstance(value, str):
        return UNKNOWN if value in SENTINELS else value
    if isinstance(value, Mapping):
        if value.get(SIG_KEY) == SECRET_SIG:
            return reference_plain(value.get("value"))
        return {key: reference_plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [reference_plain(item) for item in value]
    return value


scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=5),
    st.sampled_from([*sorted(SENTINELS), SECRET_SIG, "arn:aws:s3:::b"]),
)


def _secret(inner: Any) -> dict[str, Any]:
    return {SIG_KEY: SECRET_SIG, "value": inner}


values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.tuples(children, children),
        st.dictionaries(st.sampled_from(KEYS), children, max_size=4),
        children.map(_secret),
    ),
    max_leaves=20,
)


def _as_engine_sends(value: Any, proxied: bool) -> Any:
    """``value`` as one property of a resource: in a plain dict, or in the proxy the SDK hands policies."""
    return unknown_checking_proxy({"bag": value}) if proxied else {"bag": value}


@settings(max_examples=500, derandomize=True)
@given(values, st.booleans())
def test_plain_is_the_straightforward_reading(value, proxied):
    wrapped = _as_engine_sends(value, proxied)
    assert plain(wrapped) == reference_plain(wrapped)


@settings(max_examples=500, derandomize=True)
@given(values, st.lists(st.sampled_from(KEYS), max_size=3), st.booleans())
def test_pluck_is_get_of_plain(value, path, proxied):
    wrapped = _as_engine_sends(value, proxied)
    assert pluck(wrapped, "bag", *path) == get(reference_plain(wrapped), "bag", *path)


def test_pluck_through_secrets_and_unknowns():
    bag = unknown_checking_proxy(
        {
            "backupSelection": _secret({"iamRoleArn": _secret("arn:aws:iam::1:role/r"), "resources": None}),
            "tags": UNKNOWN_OBJECT_VALUE,
        }
    )
    assert pluck(bag, "backupSelection", "iamRoleArn") == "arn:aws:iam::1:role/r"
    assert pluck(bag, "backupSelection", "resources") is MISSING
    assert pluck(bag, "tags", "team") is UNKNOWN
    assert pluck(bag, "backupSelection", "iamRoleArn", "deeper") is MISSING
    assert pluck(bag, "absent") is MISSING
