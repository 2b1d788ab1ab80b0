"""The stand-in ``aws`` provider: Check, Diff, Create, Read, Update, Delete and Invoke over the specs of
:mod:`.catalog` (every type and function of the pulumi_aws SDK, refined by :mod:`.resources` and
:mod:`.invokes`), and GetSchema from :mod:`.sdk_schema`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pulumi.provider.experimental.property_value import PropertyValue
from pulumi.provider.experimental.provider import (
    CheckFailure,
    CheckRequest,
    CheckResponse,
    ConfigureRequest,
    ConfigureResponse,
    CreateRequest,
    CreateResponse,
    DeleteRequest,
    DiffRequest,
    DiffResponse,
    GetSchemaRequest,
    GetSchemaResponse,
    InvokeRequest,
    InvokeResponse,
    PropertyDiff,
    PropertyDiffKind,
    Provider,
    ReadRequest,
    ReadResponse,
    UpdateRequest,
    UpdateResponse,
)

from .catalog import Catalog
from .environment import ConfigurationError, Environment
from .invokes import DataSourceError
from .naming import NameTooLongError, snake_case
from .resources import ResourceSpec
from .sdk_schema import sdk_version
from .values import (
    INTERNAL_KEYS,
    UNKNOWN,
    Unknown,
    contains_unknown,
    from_plain,
    is_missing,
    is_unknown,
    plain_map,
    same_value,
    to_plain,
)
from .well_known import DEFAULT_BACKUP_ROLE_NAME, role_state

PACKAGE = "aws"
VERSION = "7.51.1"
"""The pulumi-aws version the Python SDK in the repository's virtualenv asks the engine for."""

DEFAULTS_KEY = "__defaults"
_ROLE = "aws:iam/role:Role"
_ROLE_READ_INPUTS = (
    "assumeRolePolicy",
    "description",
    "forceDetachPolicies",
    "maxSessionDuration",
    "name",
    "path",
)


def _type_of(request: object) -> str:
    """The resource type token. The SDK derives ``request.type`` from the URN, whose type part carries the
    parent chain (``backup-roles:index:BackupServiceRole$aws:iam/role:Role``) for children of components;
    the engine sends providers the plain token, which is the last segment."""
    return str(request.type).rsplit("$", 1)[-1]


class StandinError(Exception):
    """An error the real provider would return as a plain gRPC error: the message is sent as is, with no
    Python traceback (see :mod:`.server`)."""


def unsupported_type_message(token: str) -> str:
    return (
        f"the AWS stand-in provider (tools/aws_standin) does not serve resource type '{token}': "
        f"the pulumi_aws {sdk_version()} SDK it is derived from has no such resource"
    )


def _examine(resource_name: str, prop: str) -> str:
    return f"Examine values at '{resource_name}.{prop}'."


def _missing_argument(resource_name: str, prop: str) -> CheckFailure:
    return CheckFailure(
        "",
        f'Missing required argument. The argument "{snake_case(prop)}" is required, but no definition was '
        f"found.. {_examine(resource_name, prop)}",
    )


def _conflict(resource_name: str, prop: str, other: str) -> CheckFailure:
    return CheckFailure(
        "",
        f'Conflicting configuration arguments. "{snake_case(prop)}": conflicts with {snake_case(other)}. '
        f"{_examine(resource_name, prop)}",
    )


def _strings(value: PropertyValue | None) -> list[str]:
    plain = to_plain(value)
    return [v for v in plain if isinstance(v, str)] if isinstance(plain, list) else []


class StandinProvider(Provider):
    """A stateless stand-in for pulumi-resource-aws 7.51.1, for previews and updates without AWS."""

    def __init__(self, catalog: Catalog | None = None) -> None:
        self._env = Environment.from_process()
        self._catalog = catalog or Catalog()

    # --- provider ---------------------------------------------------------------------------------------

    async def configure(self, request: ConfigureRequest) -> ConfigureResponse:
        try:
            # An explicit provider whose settings are not known yet (preview) is configured from the rest.
            args = {k: v for k, v in plain_map(request.args).items() if not isinstance(v, Unknown)}
            self._env = Environment.configured(args, request.variables)
        except ConfigurationError as err:
            raise StandinError(str(err)) from err
        # Like the bridge: secrets and previews yes; resource references and output values are resolved by
        # the engine (a Role passed as `role` arrives as the role's id, which is its name).
        return ConfigureResponse(
            accept_secrets=True, supports_preview=True, accept_resources=False, accept_outputs=False
        )

    async def get_schema(self, request: GetSchemaRequest) -> GetSchemaResponse:
        return GetSchemaResponse(schema=self._catalog.schema_json())

    async def cancel(self) -> None:
        return None

    # --- helpers ----------------------------------------------------------------------------------------

    def _spec(self, token: str) -> ResourceSpec:
        spec = self._catalog.resource(token)
        if spec is None:
            raise StandinError(unsupported_type_message(token))
        return spec

    def _env_for(self, props: Mapping[str, PropertyValue]) -> Environment:
        region = props.get("region")
        return self._env if is_unknown(region) else self._env.in_region(to_plain(region))

    def _tags_all(self, tags: PropertyValue | None) -> PropertyValue:
        """pulumi-aws's applyTags: the provider's default tags merged under the resource's own tags,
        unknown while any tag is unknown, ``{}`` when there are none."""
        if contains_unknown(tags):
            return PropertyValue(UNKNOWN)
        plain = to_plain(tags)
        merged = {**self._env.default_tags, **(plain if isinstance(plain, dict) else {})}
        return from_plain(merged).with_secret(tags is not None and tags.contains_secret())

    def _with_planned(
        self, spec: ResourceSpec, props: Mapping[str, PropertyValue]
    ) -> dict[str, PropertyValue]:
        """Inputs plus what the plan knows before anything is created: schema defaults, the region and,
        for Plugin Framework resources, ``tagsAll``."""
        outputs = {k: v for k, v in props.items() if k not in INTERNAL_KEYS}
        for key, value in spec.defaults.items():
            if is_missing(outputs.get(key)):
                outputs[key] = from_plain(value)
        if spec.regional and is_missing(outputs.get("region")):
            outputs["region"] = PropertyValue(self._env.region)
        if spec.tagged and is_missing(outputs.get("tagsAll")):
            outputs["tagsAll"] = self._tags_all(outputs.get("tags"))
        return outputs

    # --- resources --------------------------------------------------------------------------------------

    async def check(self, request: CheckRequest) -> CheckResponse:
        spec = self._catalog.resource(_type_of(request))
        if spec is None:
            return CheckResponse(
                inputs=request.new_inputs,
                failures=[CheckFailure("", unsupported_type_message(_type_of(request)))],
            )
        news = dict(request.new_inputs)
        failures: list[CheckFailure] = []
        defaulted: list[str] = []

        auto = spec.autoname
        if auto is not None:
            given = not is_missing(news.get(auto.prop))
            prefixed = auto.prefix_prop is not None and not is_missing(news.get(auto.prefix_prop))
            if given and prefixed:
                assert auto.prefix_prop is not None
                failures.append(_conflict(request.name, auto.prop, auto.prefix_prop))
                failures.append(_conflict(request.name, auto.prefix_prop, auto.prop))
            elif not given and not prefixed:
                news[auto.prop] = self._autoname(spec, request)
                defaulted.append(auto.prop)

        failures.extend(_missing_argument(request.name, p) for p in spec.required if is_missing(news.get(p)))

        if not spec.framework:
            if spec.tagged:
                news["tagsAll"] = self._tags_all(news.get("tags"))
            news[DEFAULTS_KEY] = PropertyValue([PropertyValue(k) for k in sorted(defaulted)])
        return CheckResponse(inputs=news, failures=failures or None)

    def _autoname(self, spec: ResourceSpec, request: CheckRequest) -> PropertyValue:
        auto = spec.autoname
        assert auto is not None
        old = request.old_inputs.get(auto.prop)
        # Keep the name an earlier Check made, so an update does not rename (and so replace) the resource.
        old_defaults = request.old_inputs.get(DEFAULTS_KEY)
        if not is_missing(old) and (old_defaults is None or auto.prop in _strings(old_defaults)):
            assert old is not None
            return old
        try:
            return PropertyValue(auto.generate(request.name, request.random_seed))
        except NameTooLongError as err:
            raise StandinError(f"could not make instance of '{spec.token}': {err}") from err

    async def diff(self, request: DiffRequest) -> DiffResponse:
        spec = self._spec(_type_of(request))
        olds, news = request.old_state, request.new_inputs
        planned = self._with_planned(spec, news)
        ignored = {path.split(".")[0].split("[")[0] for path in request.ignore_changes}
        not_inputs = {*spec.computed, *spec.defaults, "region", "tagsAll", *INTERNAL_KEYS}

        detailed: dict[str, PropertyDiff] = {}
        for key in sorted(set(planned) | set(olds)):
            if key in ignored or key in INTERNAL_KEYS:
                continue
            old, new = olds.get(key), planned.get(key)
            replace = key in spec.replace_on_change
            if new is None:
                # Left out: a default or a computed value stays; a removed argument is deleted.
                if key in not_inputs or is_missing(old):
                    continue
                kind = PropertyDiffKind.DELETE_REPLACE if replace else PropertyDiffKind.DELETE
            elif same_value(old, new):
                continue
            elif is_missing(old):
                kind = PropertyDiffKind.ADD_REPLACE if replace else PropertyDiffKind.ADD
            else:
                kind = PropertyDiffKind.UPDATE_REPLACE if replace else PropertyDiffKind.UPDATE
            detailed[key] = PropertyDiff(kind, input_diff=True)

        replaces = sorted(k for k, d in detailed.items() if d.kind.name.endswith("REPLACE"))
        return DiffResponse(
            changes=bool(detailed),
            replaces=replaces,
            diffs=sorted(detailed),
            detailed_diff=detailed,
            delete_before_replace=bool(replaces) and self._delete_before_replace(spec, news),
        )

    def _delete_before_replace(self, spec: ResourceSpec, news: Mapping[str, PropertyValue]) -> bool:
        if spec.delete_before_replace:
            return True
        # The bridge's nameRequiresDeleteBeforeReplace: a name the program chose cannot exist twice.
        defaults = news.get(DEFAULTS_KEY)
        auto = spec.autoname
        return auto is not None and defaults is not None and auto.prop not in _strings(defaults)

    async def create(self, request: CreateRequest) -> CreateResponse:
        spec = self._spec(_type_of(request))
        outputs = self._with_planned(spec, request.properties)
        if request.preview:
            for key in spec.computed:
                if is_missing(outputs.get(key)):
                    outputs[key] = PropertyValue(UNKNOWN)
            return CreateResponse(resource_id="", properties=outputs)
        built = spec.build(plain_map(outputs), self._env_for(outputs))
        for key in spec.computed:
            if key == "id" or is_missing(outputs.get(key)):
                outputs[key] = from_plain(built[key])
        return CreateResponse(resource_id=str(built["id"]), properties=outputs)

    async def update(self, request: UpdateRequest) -> UpdateResponse:
        spec = self._spec(_type_of(request))
        outputs = self._with_planned(spec, request.news)
        built: dict[str, Any] | None = None
        for key in spec.computed:
            if not is_missing(outputs.get(key)):
                continue
            if key not in spec.changes_on_update and key in request.olds:
                outputs[key] = request.olds[key]
            elif request.preview:
                outputs[key] = PropertyValue(UNKNOWN)
            else:
                built = built or spec.build(plain_map(outputs), self._env_for(outputs))
                outputs[key] = from_plain(built[key])
        return UpdateResponse(properties=outputs)

    async def read(self, request: ReadRequest) -> ReadResponse:
        if request.properties:
            # Refresh: the fake account changes only through this provider, so nothing has drifted.
            return ReadResponse(
                resource_id=request.resource_id, properties=request.properties, inputs=request.inputs
            )
        # Get or import by id: only the role the AWS Backup console made exists before any stack.
        if _type_of(request) == _ROLE and request.resource_id == DEFAULT_BACKUP_ROLE_NAME:
            state = role_state(self._env)
            return ReadResponse(
                resource_id=DEFAULT_BACKUP_ROLE_NAME,
                properties={k: from_plain(v) for k, v in state.items()},
                inputs={k: from_plain(state[k]) for k in _ROLE_READ_INPUTS},
            )
        return ReadResponse(resource_id=None)

    async def delete(self, request: DeleteRequest) -> None:
        self._spec(_type_of(request))

    # --- functions --------------------------------------------------------------------------------------

    async def invoke(self, request: InvokeRequest) -> InvokeResponse:
        spec = self._catalog.invoke(request.tok)
        if spec is None:
            raise StandinError(
                f"unrecognized data function (Invoke): {request.tok} "
                f"(the pulumi_aws {sdk_version()} SDK the AWS stand-in is derived from has no such function)"
            )
        args = plain_map(request.args)
        missing = [p for p in spec.required if is_missing(request.args.get(p))]
        if missing:
            return InvokeResponse(
                failures=[
                    CheckFailure(p, f'Missing required argument: The argument "{snake_case(p)}" is required.')
                    for p in missing
                ]
            )
        try:
            result = spec.run(args, self._env)
        except DataSourceError as err:
            raise StandinError(f"invoking {request.tok}: 1 error occurred:\n\t* {err}\n\n") from err
        return InvokeResponse(return_value={k: from_plain(v) for k, v in result.items()})
