"""The ``aws`` package schema, derived from the installed ``pulumi_aws`` Python SDK and cached on disk.

Nothing here is a hand-kept table: every resource class the SDK registers with ``@pulumi.type_token`` gives a
resource (inputs from its ``<Name>Args`` class, outputs from its ``@pulumi.getter`` properties, required
inputs from the ``Args`` constructor's parameters without a default), every ``get_*`` function that calls
``pulumi.runtime.invoke('<token>', ...)`` gives a function (inputs from its ``__args__[...]`` lines, outputs
from its result class), and every ``@pulumi.input_type`` / ``@pulumi.output_type`` class they reach gives an
object type. The result is a Pulumi package schema (``resources`` with ``inputProperties``/``properties``/
``requiredInputs``, ``functions`` with ``inputs``/``outputs``, ``types``), which :mod:`.catalog` reads for the
stand-in's behaviour and ``GetSchema`` serves to the engine (pulumi-yaml type-checks programs against it).

Deriving imports all 240 service modules (~40 s, ~450 MB on 2 cores), so the schema is written once to
``$BACKUP_GUARDRAILS_CACHE`` (default ``~/.cache/backup-guardrails``) under a name holding the SDK version and
a hash of this file; ``python -m aws_standin.sdk_schema`` builds it ahead of time.

What the SDK cannot tell, and so the schema does not hold: descriptions, enums (their values are typed
``string``), ForceNew, defaults, and inputs that are required upstream but optional in the SDK because the
bridge autonames them (``name`` of most resources) or because a function's parameters all default to None.
"""

from __future__ import annotations

import collections.abc
import contextlib
import fcntl
import hashlib
import importlib
import inspect
import json
import os
import pkgutil
import re
import sys
import typing
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path
from typing import Any

import pulumi
from pulumi import _types as pulumi_types
from pulumi.type_token import get_type_token

PACKAGE = "aws"
ANY: dict[str, Any] = {"$ref": "pulumi.json#/Any"}
_SKIPPED_MODULES = frozenset({"config"})  # provider configuration variables, not resources
_INVOKE = re.compile(r"pulumi\.runtime\.invoke\('([^']+)'")
_ARG = re.compile(r"__args__\['([^']+)'\] = (\w+)")
_RESULT = re.compile(r"typ=(\w+)\)")
_ARGS_CLASS = re.compile(r"__props__ = (\w+)\.__new__")

Schema = dict[str, Any]


def sdk_version() -> str:
    return metadata.version("pulumi_aws")


def cache_path() -> Path:
    """Where the derived schema of the installed SDK is cached (one file per SDK version and deriver)."""
    root = Path(os.environ.get("BACKUP_GUARDRAILS_CACHE") or Path.home() / ".cache" / "backup-guardrails")
    digest = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:12]
    return root / "aws-standin" / f"schema-pulumi_aws-{sdk_version()}-{digest}.json"


def load() -> Schema:
    """The derived schema: read from the cache, or derived and cached first (under a lock, so concurrent
    plugin processes derive it once)."""
    path = cache_path()
    with contextlib.suppress(FileNotFoundError, ValueError):
        return json.loads(path.read_text())
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(f"{path}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        with contextlib.suppress(FileNotFoundError, ValueError):
            return json.loads(path.read_text())
        print(
            f"aws stand-in: deriving the aws schema from the installed pulumi_aws {sdk_version()} "
            f"once (about a minute), cached in {path}",
            file=sys.stderr,
            flush=True,
        )
        schema = derive()
        tmp = path.with_suffix(f".tmp{os.getpid()}")
        tmp.write_text(json.dumps(schema, separators=(",", ":"), sort_keys=True))
        tmp.replace(path)
        return schema


# --- deriving -------------------------------------------------------------------------------------------


def _service_modules() -> Iterator[Any]:
    import pulumi_aws

    yield pulumi_aws
    for info in pkgutil.iter_modules(pulumi_aws.__path__):
        if info.ispkg and info.name not in _SKIPPED_MODULES:
            module = importlib.import_module(f"pulumi_aws.{info.name}")
            # The SDK's subpackages are lazy modules: touching an attribute runs them.
            getattr(module, "_utilities", None)
            yield module


class _Deriver:
    def __init__(self) -> None:
        self.types: dict[str, Schema] = {}
        self._token_of: dict[type, str] = {}

    # Types ---------------------------------------------------------------------------------------------

    def _type_token(self, cls: type) -> str:
        token = self._token_of.get(cls)
        if token is not None:
            return token
        name = cls.__name__
        for suffix in ("ArgsDict", "Args"):
            if name.endswith(suffix) and pulumi_types.is_input_type(cls):
                name = name[: -len(suffix)]
                break
        module = cls.__module__.removeprefix("pulumi_aws").strip(".").split(".")[0] or "index"
        # pulumi-aws spells object type tokens with the type name twice (``aws:backup/PlanRule:PlanRule``).
        token = f"{PACKAGE}:{module}/{name}:{name}"
        self._token_of[cls] = token
        # An input class and its output class share one token: each adds its properties (and the input
        # class its required ones).
        self._fill_object(self.types.setdefault(token, {"type": "object", "properties": {}}), cls)
        return token

    def _fill_object(self, schema: Schema, cls: type) -> None:
        properties = schema.setdefault("properties", {})
        for name, prop in self.properties(cls).items():
            properties.setdefault(name, prop)
        required = _required_params(cls.__init__) if pulumi_types.is_input_type(cls) else []
        names = pulumi_types._py_to_pulumi_names_from_py_properties(cls)
        wanted = sorted({*schema.get("required", []), *(names[p] for p in required if p in names)})
        if wanted:
            schema["required"] = wanted

    def type_of(self, hint: Any) -> Schema:
        """The schema type of an SDK annotation (``Input``/``Output``/``Optional`` unwrapped)."""
        if isinstance(hint, str | typing.ForwardRef):
            return dict(ANY)
        origin = typing.get_origin(hint)
        if origin is pulumi.Output:
            return self.type_of(typing.get_args(hint)[0])
        if origin is typing.Union or type(hint).__name__ == "UnionType":
            return self._union(typing.get_args(hint))
        if hint is str:
            return {"type": "string"}
        if hint is bool:
            return {"type": "boolean"}
        if hint is int:
            return {"type": "integer"}
        if hint is float:
            return {"type": "number"}
        if origin in (list, collections.abc.Sequence, typing.Sequence):
            (item,) = typing.get_args(hint) or (Any,)
            return {"type": "array", "items": self.type_of(item)}
        if origin in (dict, collections.abc.Mapping, typing.Mapping):
            args = typing.get_args(hint)
            return {"type": "object", "additionalProperties": self.type_of(args[1] if args else Any)}
        if inspect.isclass(hint):
            if issubclass(hint, str):  # string enums
                return {"type": "string"}
            if pulumi_types.is_input_type(hint) or pulumi_types.is_output_type(hint):
                return {"$ref": f"#/types/{self._type_token(hint)}"}
            if issubclass(hint, pulumi.Archive):
                return {"$ref": "pulumi.json#/Archive"}
            if issubclass(hint, pulumi.Asset):
                return {"$ref": "pulumi.json#/Asset"}
        return dict(ANY)

    def _union(self, members: tuple[Any, ...]) -> Schema:
        kept = []
        for member in members:
            origin = typing.get_origin(member)
            if member is type(None) or origin is pulumi.Output or origin is collections.abc.Awaitable:
                continue
            if typing.is_typeddict(member) or member is dict:  # the ``...ArgsDict`` spelling of an input type
                continue
            kept.append(member)
        # An input type next to its output type (``Union['XArgs', 'XArgsDict', 'outputs.X']``): one object.
        objects = [m for m in kept if inspect.isclass(m) and pulumi_types.is_input_type(m)]
        if objects:
            kept = objects[:1]
        if str in kept:  # ``Union[str, SomeEnum]``
            return {"type": "string"}
        if len(kept) == 1:
            return self.type_of(kept[0])
        return dict(ANY)

    def properties(self, cls: type) -> dict[str, Schema]:
        """The wire names and types of a class's ``@pulumi.getter`` properties."""
        try:
            hints = pulumi_types._raw_return_hints(cls)
        except Exception:  # a forward reference the SDK itself cannot resolve
            hints = {}
        return {
            pulumi_name: self.type_of(hints[pulumi_name]) if pulumi_name in hints else dict(ANY)
            for _, pulumi_name, _ in pulumi_types._py_properties(cls)
        }

    # Resources and functions ---------------------------------------------------------------------------

    def resource(self, cls: type, module: Any) -> Schema:
        outputs = self.properties(cls)
        # The args class is ``<Name>Args``, or ``<Name>InitArgs`` where an object type took that name.
        try:
            found = _ARGS_CLASS.search(inspect.getsource(cls._internal_init))  # type: ignore[attr-defined]
        except (AttributeError, OSError, TypeError):
            found = None
        args = getattr(module, found.group(1) if found else f"{cls.__name__}Args", None)
        inputs = self.properties(args) if args is not None else {}
        required: list[str] = []
        if args is not None:
            names = pulumi_types._py_to_pulumi_names_from_py_properties(args)
            required = sorted(names[p] for p in _required_params(args.__init__) if p in names)
        schema: Schema = {"inputProperties": inputs, "properties": outputs}
        if required:
            schema["requiredInputs"] = required
        return schema

    def function(self, fn: Any) -> tuple[str, Schema] | None:
        try:
            source = inspect.getsource(fn)
        except (OSError, TypeError):
            return None
        token, result = _INVOKE.search(source), _RESULT.search(source)
        if token is None:
            return None
        try:
            hints = typing.get_type_hints(fn, globalns=vars(sys.modules[fn.__module__]))
        except Exception:
            hints = {}
        params = inspect.signature(fn).parameters
        inputs = {
            wire: self.type_of(hints[py]) if py in hints else dict(ANY) for wire, py in _ARG.findall(source)
        }
        required = sorted(
            wire
            for wire, py in _ARG.findall(source)
            if py in params and params[py].default is inspect.Parameter.empty
        )
        schema: Schema = {"inputs": {"type": "object", "properties": inputs}}
        if required:
            schema["inputs"]["required"] = required
        result_cls = vars(sys.modules[fn.__module__]).get(result.group(1)) if result else None
        if result_cls is not None and pulumi_types.is_output_type(result_cls):
            schema["outputs"] = {"type": "object", "properties": self.properties(result_cls)}
        return token.group(1), schema


def _required_params(init: Any) -> list[str]:
    try:
        params = inspect.signature(init).parameters.values()
    except (TypeError, ValueError):
        return []
    return [
        p.name
        for p in params
        if p.kind is inspect.Parameter.KEYWORD_ONLY and p.default is inspect.Parameter.empty
    ]


def derive() -> Schema:
    """Derive the package schema from the installed SDK (slow: imports every service module)."""
    import warnings

    deriver = _Deriver()
    resources: dict[str, Schema] = {}
    functions: dict[str, Schema] = {}
    provider: Schema = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for module in _service_modules():
            for name, value in sorted(vars(module).items()):
                if inspect.isclass(value) and issubclass(value, pulumi.ProviderResource):
                    if value.__module__.startswith("pulumi_aws.provider"):
                        provider = deriver.resource(value, sys.modules[value.__module__])
                elif inspect.isclass(value) and issubclass(value, pulumi.CustomResource):
                    token = get_type_token(value)
                    if token and token.startswith(f"{PACKAGE}:") and token not in resources:
                        resources[token] = deriver.resource(value, sys.modules[value.__module__])
                elif inspect.isfunction(value) and name.startswith("get_") and not name.endswith("_output"):
                    found = deriver.function(value)
                    if found is not None and found[0] not in functions:
                        functions[found[0]] = found[1]
    return {
        "name": PACKAGE,
        "version": sdk_version(),
        "description": (
            "Stand-in for the AWS provider (tools/aws_standin): a schema derived from the pulumi_aws "
            f"{sdk_version()} Python SDK; it is not AWS."
        ),
        # As in pulumi-aws's own schema: `aws:s3:Bucket` in a YAML program means `aws:s3/bucket:Bucket`.
        "meta": {"moduleFormat": "(.*)(?:/[^/]*)"},
        "provider": provider,
        "config": {"variables": dict(provider.get("inputProperties", {}))},
        "resources": resources,
        "functions": functions,
        "types": deriver.types,
    }


def main() -> None:
    """``python -m aws_standin.sdk_schema``: derive and cache the schema now, print where it is."""
    schema = load()
    print(
        f"{cache_path()}: {len(schema['resources'])} resources, {len(schema['functions'])} functions, "
        f"{len(schema['types'])} types"
    )


if __name__ == "__main__":
    main()
