"""Every ``aws:`` resource type and function the stand-in serves: the hand-refined specs of
:mod:`.resources` and :mod:`.invokes` where there is one, else a generic spec made from the schema
:mod:`.sdk_schema` derives from the installed ``pulumi_aws`` SDK.

A generic resource autonames an optional ``name`` input (``<resource name>-<7 hex>``, no length limit),
requires what the SDK's args class requires, replaces on a change of ``name`` / ``namePrefix`` / ``region``
and updates in place otherwise, merges default tags when it has ``tags`` and ``tagsAll``, and on ``up``
fills every computed output: ``id`` (the name, the bucket of an S3 bucket's configuration resource, else
``<kind>-<17 hex>``), ``arn`` in the service's ARN
format, other ``...Arn`` outputs under it, and a value of the output's type for the rest (``""``, ``0``,
``false``, ``[]``, ``{}``, ``null`` for an object). A generic function returns its arguments, the fake
account's ids where it has such outputs, and typed placeholders for the rest; it never fails for a
resource that does not exist.

The derived schema is loaded on first need only, so a program that uses only refined types starts as fast as
before.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Mapping
from typing import Any

from .environment import Environment
from .invokes import INVOKES, InvokeSpec
from .naming import AutoName, random_hex
from .resources import RESOURCES, ResourceSpec
from .sdk_schema import Schema, load

# The ARN service namespace where it differs from the SDK module's name.
_ARN_SERVICE = {
    "alb": "elasticloadbalancing",
    "lb": "elasticloadbalancing",
    "elb": "elasticloadbalancing",
    "appautoscaling": "application-autoscaling",
    "cfg": "config",
    "cloudwatch": "logs",
    "cognito": "cognito-idp",
    "ebs": "ec2",
    "ec2transitgateway": "ec2",
    "efs": "elasticfilesystem",
    "lambda_": "lambda",
    "sfn": "states",
}
# ARNs without a region (global services), and without an account too.
_GLOBAL = frozenset({"iam", "cloudfront", "organizations", "route53", "s3", "shield", "globalaccelerator"})
_NO_ACCOUNT = frozenset({"s3", "route53"})
# ARNs that end in `:<name>` rather than `:<kind>/<name>`.
_FLAT = frozenset({"sns", "sqs", "s3"})


def _kebab(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "-", name).lower()


def _placeholder(schema: Mapping[str, Any]) -> Any:
    """A value of a schema type, as the bridge reports a computed attribute nobody set."""
    kind = schema.get("type")
    if kind == "string":
        return ""
    if kind in ("integer", "number"):
        return 0
    if kind == "boolean":
        return False
    if kind == "array":
        return []
    if kind == "object":
        return {}
    return None


def _arn(env: Environment, module: str, kind: str, ident: str) -> str:
    service = _ARN_SERVICE.get(module, module)
    region = "" if service in _GLOBAL else env.region
    account = "" if service in _NO_ACCOUNT else env.account_id
    # A KMS alias's name already reads `alias/<name>`.
    resource = ident if service in _FLAT or ident.startswith(f"{kind}/") else f"{kind}/{ident}"
    return f"arn:{env.partition.name}:{service}:{region}:{account}:{resource}"


def _token_parts(token: str) -> tuple[str, str]:
    """``aws:dynamodb/table:Table`` -> (``dynamodb``, ``Table``)."""
    _, middle, name = token.split(":", 2)
    return middle.split("/")[0], name


class _GenericBuild:
    """Computed outputs of a resource type nothing in :mod:`.resources` refines."""

    def __init__(self, token: str, outputs: Mapping[str, Schema], computed: tuple[str, ...]) -> None:
        self.module, name = _token_parts(token)
        self.kind = _kebab(name)
        self.outputs = outputs
        self.computed = computed

    def __call__(self, props: Mapping[str, Any], env: Environment) -> dict[str, Any]:
        name = props.get("name")
        if self.module == "s3" and isinstance(props.get("bucket"), str):
            name = props["bucket"]  # a bucket's configuration resources are identified by the bucket
        ident = name if isinstance(name, str) and name else f"{self.kind}-{random_hex(17)}"
        arn = _arn(env, self.module, self.kind, ident)
        built: dict[str, Any] = {}
        for key in self.computed:
            if key == "id":
                built[key] = ident
            elif key == "arn":
                built[key] = arn
            elif key.endswith("Arn") and self.outputs.get(key, {}).get("type") == "string":
                built[key] = f"{arn}/{_kebab(key[:-3])}"
            elif key in ("name", "accountId", "ownerId", "region"):
                built[key] = {"name": ident, "region": env.region}.get(key, env.account_id)
            else:
                built[key] = _placeholder(self.outputs.get(key, {}))
        return built


def _generic_resource(token: str, schema: Mapping[str, Any]) -> ResourceSpec:
    inputs: Mapping[str, Schema] = schema.get("inputProperties", {})
    outputs: Mapping[str, Schema] = schema.get("properties", {})
    required = tuple(schema.get("requiredInputs", ()))
    tagged = "tags" in inputs and "tagsAll" in outputs
    made = {"id", *(k for k in outputs if k not in inputs)} - ({"tagsAll"} if tagged else set())
    computed = tuple(sorted(made))
    name = inputs.get("name")
    autoname = None
    if name is not None and name.get("type") == "string" and "name" not in required:
        autoname = AutoName("name", maxlen=0, prefix_prop="namePrefix" if "namePrefix" in inputs else None)
    return ResourceSpec(
        token=token,
        tf_name=f"{token} (derived from the pulumi_aws SDK)",
        build=_GenericBuild(token, outputs, computed),
        computed=computed,
        required=required,
        autoname=autoname,
        force_new=frozenset({"name", "namePrefix"} & set(inputs)),
        tagged=tagged,
        regional="region" in inputs,
    )


def _generic_invoke(token: str, schema: Mapping[str, Any]) -> InvokeSpec:
    outputs: Mapping[str, Schema] = schema.get("outputs", {}).get("properties", {})
    module, function = _token_parts(token)
    kind = _kebab(function.removeprefix("get")) or "resource"

    def run(args: Mapping[str, Any], env: Environment) -> dict[str, Any]:
        given = (str(args[k]) for k in ("name", "id", "arn") if isinstance(args.get(k), str))
        ident = next(given, env.region)
        known = {
            "id": ident,
            "arn": args.get("arn") or _arn(env, module, kind, ident),
            "accountId": env.account_id,
            "ownerId": env.account_id,
            "region": env.region,
            "partition": env.partition.name,
        }
        result = {key: _placeholder(prop) for key, prop in outputs.items()}
        result.update({k: v for k, v in known.items() if k in outputs})
        result.update({k: v for k, v in args.items() if k in outputs and v is not None})
        return result

    required = tuple(schema.get("inputs", {}).get("required", ()))
    return InvokeSpec(token, f"{token} (derived from the pulumi_aws SDK)", run, required)


class Catalog:
    """The resource and function specs by token; the SDK-derived part loaded once, on first need."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._schema: Schema | None = None
        self._schema_json: str | None = None
        self._resources: dict[str, ResourceSpec] = dict(RESOURCES)
        self._invokes: dict[str, InvokeSpec] = dict(INVOKES)

    @property
    def schema(self) -> Schema:
        with self._lock:
            if self._schema is None:
                self._schema = load()
            return self._schema

    def schema_json(self) -> str:
        """The package schema ``GetSchema`` returns."""
        if self._schema_json is None:
            self._schema_json = json.dumps(self.schema)
        return self._schema_json

    def resource(self, token: str) -> ResourceSpec | None:
        spec = self._resources.get(token)
        if spec is None and token in self.schema["resources"]:
            spec = self._resources[token] = _generic_resource(token, self.schema["resources"][token])
        return spec

    def invoke(self, token: str) -> InvokeSpec | None:
        spec = self._invokes.get(token)
        if spec is None and token in self.schema["functions"]:
            spec = self._invokes[token] = _generic_invoke(token, self.schema["functions"][token])
        return spec

    def counts(self) -> tuple[int, int]:
        """How many resource types and functions are served."""
        return len(self.schema["resources"]), len(self.schema["functions"])
