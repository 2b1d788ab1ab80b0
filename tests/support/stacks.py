"""Small stack descriptions (golden cases, generated stacks) turned into the analyzer's wire format.

A stack is a list of resources, each a mapping with ``type``, ``name`` and optionally ``id`` (the
key other resources use to refer to it; defaults to ``name``), ``urn`` (else built from the stack,
the parent chain, the type and the name), ``parent``, ``properties``, ``propertyDependencies``
(property -> list of ids), ``dependencies`` (ids) and ``provider`` (an id of a provider entry, or a
literal URN). A reference to an id that is not in the stack becomes a dangling URN.

``properties`` are what ``AnalyzeStack`` gets (the engine sends OUTPUTS there). ``inputs``, when given,
are what ``Analyze`` gets instead (the engine sends INPUTS there: e.g. a role whose ``managedPolicyArns``
output is only the provider's report has no such input); ``"analyze": false`` models a resource that
``Analyze`` never saw (see :func:`build_analyzed`).

Special values inside ``properties``: ``"<unknown>"`` (string), ``"<unknown:bool>"``,
``"<unknown:number>"``, ``"<unknown:array>"``, ``"<unknown:object>"``, ``"<unknown:asset>"``,
``"<unknown:archive>"`` become the engine's unknown sentinels; ``{"<secret>": value}`` becomes a
secret in its wire form.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from pulumi.runtime.proto import analyzer_pb2

from .analyzer import to_struct

UNKNOWNS = {
    "<unknown>": "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
    "<unknown:bool>": "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7",
    "<unknown:number>": "3eeb2bf0-c639-47a8-9e75-3b44932eb421",
    "<unknown:array>": "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2",
    "<unknown:asset>": "030794c1-ac77-496b-92df-f27374a8bd58",
    "<unknown:archive>": "e48ece36-62e2-4504-bad9-02848725956a",
    "<unknown:object>": "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",
}
SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d"
SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270"


def encode(value: Any) -> Any:
    """Turn the special values of a stack description into the engine's encoding."""
    if isinstance(value, str):
        return UNKNOWNS.get(value, value)
    if isinstance(value, list):
        return [encode(item) for item in value]
    if isinstance(value, Mapping):
        if set(value) == {"<secret>"}:
            return {SECRET_SIG_KEY: SECRET_SIG, "value": encode(value["<secret>"])}
        return {key: encode(item) for key, item in value.items()}
    return value


def urns_of(resources: Sequence[Mapping[str, Any]], stack: str, project: str = "golden") -> dict[str, str]:
    """id -> URN for every resource of the description."""
    by_id = {entry.get("id", entry["name"]): entry for entry in resources}
    urns: dict[str, str] = {}

    def qualified_type(key: str, seen: frozenset[str]) -> str:
        entry = by_id[key]
        parent = entry.get("parent")
        if parent in by_id and parent not in seen:
            return qualified_type(parent, seen | {key}) + "$" + entry["type"]
        return entry["type"]

    for key, entry in by_id.items():
        urns[key] = (
            entry.get("urn")
            or f"urn:pulumi:{stack}::{project}::{qualified_type(key, frozenset())}::{entry['name']}"
        )
    return urns


def build_resources(
    resources: Sequence[Mapping[str, Any]], stack: str, project: str = "golden"
) -> list[analyzer_pb2.AnalyzerResource]:
    """The AnalyzerResource messages for a stack description, in order."""
    urns = urns_of(resources, stack, project)
    by_id = {entry.get("id", entry["name"]): entry for entry in resources}

    def ref(key: str) -> str:
        return urns.get(key) or (
            key if key.startswith("urn:") else f"urn:pulumi:{stack}::{project}::dangling::{key}"
        )

    messages = []
    for entry in resources:
        key = entry.get("id", entry["name"])
        message = analyzer_pb2.AnalyzerResource(
            type=entry["type"],
            name=entry["name"],
            urn=urns[key],
            properties=to_struct(encode(entry.get("properties", {}))),
        )
        if entry.get("parent"):
            message.parent = ref(entry["parent"])
        message.dependencies.extend(ref(dep) for dep in entry.get("dependencies", ()))
        for prop, deps in entry.get("propertyDependencies", {}).items():
            message.propertyDependencies[prop].urns.extend(ref(dep) for dep in deps)
        provider = entry.get("provider")
        if provider:
            target = by_id.get(provider, {})
            message.provider.CopyFrom(
                analyzer_pb2.AnalyzerProviderResource(
                    type=target.get("type", "pulumi:providers:aws"),
                    urn=ref(provider),
                    name=target.get("name", provider),
                    properties=to_struct(encode(target.get("properties", {}))),
                )
            )
        messages.append(message)
    return messages


def build_analyzed(
    resources: Sequence[Mapping[str, Any]], stack: str, project: str = "golden"
) -> list[analyzer_pb2.AnalyzerResource]:
    """The messages ``Analyze`` gets, in order: each resource's ``inputs`` (else its ``properties``),
    leaving out those marked ``"analyze": false``."""
    as_inputs = [
        {**entry, "properties": entry["inputs"]} if "inputs" in entry else entry for entry in resources
    ]
    built = build_resources(as_inputs, stack, project)
    return [message for entry, message in zip(resources, built, strict=True) if entry.get("analyze", True)]
