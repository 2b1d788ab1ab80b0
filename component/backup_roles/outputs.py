"""Outputs the component composes from other outputs, each as one Output rather than a chain of them.

``Output.all(a, b, ...)`` first passes every input through ``Output.from_input``, which wraps each output in
an ``apply`` of its own (to unwrap nested inputs, which ARNs and ids never hold), then gathers them; the
component's ``arn`` and ``policy_arns`` built that way made 7 % of a 200-role program's function calls
under preview mocks (bench/README.md). These build the same result, resources, known and secret flags
included, as one Output that awaits its inputs in turn. ``tests/test_component_outputs.py`` holds them
to ``Output.all``.
"""

from collections.abc import Awaitable, Callable, Sequence
from typing import Any, TypeVar

import pulumi

T = TypeVar("T")


def settled_after(value: pulumi.Output[T], waits_for: Sequence[pulumi.Output[Any]]) -> pulumi.Output[T]:
    """``value``, resolved once every output in ``waits_for`` has, and depending on all their resources.

    The same as ``Output.all(value, *waits_for).apply(lambda values: values[0])``: unknown while any of them
    is unknown, secret when any is secret.
    """
    return _combined((value, *waits_for), value.future)


def list_output(items: Sequence[pulumi.Input[str]]) -> pulumi.Output[list[str]]:
    """The list of ``items`` (plain strings or string outputs) as one output, like ``Output.all(*items)``."""

    async def values() -> list[str]:
        return [await item.future() if isinstance(item, pulumi.Output) else item for item in items]

    for item in items:
        if not isinstance(item, (str, pulumi.Output)):
            return pulumi.Output.all(*items)  # an awaitable or other input: the general path
    return _combined([item for item in items if isinstance(item, pulumi.Output)], values)


def _combined(inputs: Sequence[pulumi.Output[Any]], value: Callable[[], Awaitable[T]]) -> pulumi.Output[T]:
    """An output of ``value()`` that carries the resources, unknowns and secrecy of every one of ``inputs``.

    ``value()`` runs only when every input is known, as an ``apply`` would; otherwise the value is None.
    """

    async def resources() -> set[pulumi.Resource]:
        found: set[pulumi.Resource] = set()
        for output in inputs:
            found |= await output.resources()
        return found

    async def known() -> bool:
        return all([await output.is_known() for output in inputs])

    async def secret() -> bool:
        return any([await output.is_secret() for output in inputs])

    async def known_value() -> T | None:
        return await value() if await known() else None

    # The Output awaits these in this order: resources() has waited for every input before the value is read.
    return pulumi.Output(resources(), known_value(), known(), secret())
