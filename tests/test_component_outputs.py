"""The component's composed outputs against ``Output.all``: same value, resources, known and secret flags."""

import asyncio
import itertools
from typing import Any

import pulumi
import pytest
from backup_roles.outputs import list_output, settled_after

# (known, secret) of one input
FLAGS = [(True, False), (False, False), (True, True), (False, True)]


def output(value: Any, known: bool, secret: bool, resource: str, delay: float = 0.0) -> pulumi.Output[Any]:
    """An output as the engine gives one: ``value`` (None when unknown) from ``resource``, after ``delay``."""

    async def later(result: Any) -> Any:
        await asyncio.sleep(delay)
        return result

    return pulumi.Output({resource}, later(value if known else None), later(known), later(secret))  # type: ignore[arg-type]


def run_async(main: Any) -> Any:
    """Run ``main`` on a loop of its own, leaving the global event loop that Pulumi's mocks use alone."""
    loop = asyncio.new_event_loop()
    try:
        return loop.run_until_complete(main)
    finally:
        loop.close()


async def observed(out: pulumi.Output[Any]) -> tuple[Any, bool, bool, set[Any]]:
    return (await out.future(), await out.is_known(), await out.is_secret(), await out.resources())


def both(build_ours, build_reference) -> tuple[tuple[Any, ...], tuple[Any, ...]]:
    async def main() -> tuple[tuple[Any, ...], tuple[Any, ...]]:
        return await observed(build_ours()), await observed(build_reference())

    return run_async(main())


@pytest.mark.parametrize("flags", list(itertools.product(FLAGS, repeat=3)), ids=str)
def test_settled_after_is_output_all_then_the_first(flags):
    def inputs():
        return [output(f"v{i}", known, secret, f"r{i}") for i, (known, secret) in enumerate(flags)]

    def ours():
        value, *waits = inputs()
        return settled_after(value, waits)

    def reference():
        return pulumi.Output.all(*inputs()).apply(lambda values: values[0])

    mine, theirs = both(ours, reference)
    assert mine == theirs
    assert mine[3] == {"r0", "r1", "r2"}


def test_settled_after_waits_for_the_slowest_input():
    order: list[str] = []

    async def main() -> None:
        value = output("arn", True, False, "role")
        attachment = output("id", True, False, "attachment", delay=0.05)
        attachment.apply(lambda _: order.append("attachment"))
        await settled_after(value, [attachment]).future()
        order.append("arn")

    run_async(main())
    assert order == ["attachment", "arn"]


@pytest.mark.parametrize(
    "items",
    [
        [],
        ["a", "b"],
        ["a", ("b", True, False)],
        [("a", False, False), "b"],
        [("a", True, True), ("b", True, False)],
        [("a", False, True), ("b", True, False), "c"],
    ],
    ids=str,
)
def test_list_output_is_output_all(items):
    def inputs():
        return [
            item if isinstance(item, str) else output(item[0], item[1], item[2], f"r-{item[0]}")
            for item in items
        ]

    mine, theirs = both(lambda: list_output(inputs()), lambda: pulumi.Output.all(*inputs()))
    if not theirs[1]:  # unknown: Output.all keeps placeholder values that no consumer can see
        mine, theirs = mine[1:], theirs[1:]
    assert mine == theirs


def test_list_output_takes_the_general_path_for_other_inputs():
    async def main() -> list[str]:
        future: asyncio.Future[str] = asyncio.get_running_loop().create_future()
        future.set_result("from-a-future")
        return await list_output(["a", future]).future()  # type: ignore[list-item]

    assert run_async(main()) == ["a", "from-a-future"]
