"""A local stand-in for the ``aws`` provider plugin (pulumi-resource-aws 7.51.1), for running the real Pulumi
CLI against our programs with no AWS account and no downloadable provider.

Launch: put ``tools/bin`` on ``PATH`` (the engine uses a ``pulumi-resource-aws`` found there, whatever its
version) and set ``PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true``. ``tools/bin/pulumi-resource-aws`` runs
``python -m aws_standin`` with the repository's ``.venv`` interpreter, or ``$BACKUP_GUARDRAILS_PYTHON``.
The fake account is ``$BACKUP_GUARDRAILS_ACCOUNT_ID`` (or ``$AWS_ACCOUNT_ID``, else ``123456789012``); the
region is the provider's ``region`` (``aws:region``), else ``$AWS_REGION`` / ``$AWS_DEFAULT_REGION``, else
``us-east-1``; the partition follows the region (``cn-*`` is ``aws-cn``, ``us-gov-*`` is ``aws-us-gov``).

It serves every resource type and function of the pinned ``pulumi_aws`` 7.51.1 Python SDK (1748 types, 686
functions), derived from the SDK itself by :mod:`.sdk_schema` (input and output names and types, required
inputs, which outputs are computed) and cached on disk; :mod:`.catalog` makes a generic spec for each, and the
hand-written specs of :mod:`.resources` and :mod:`.invokes` refine the 16 types and 4 functions our programs
are about. ``GetSchema`` returns the derived package schema (resources with ``inputProperties`` /
``properties`` / ``requiredInputs``, functions with ``inputs`` / ``outputs``, object ``types``), which is
what pulumi-yaml type-checks YAML programs against.

What it copies from the real provider (pulumi-aws 7.x and the Terraform provider it bridges):

- Check autonames like the bridge: ``<resource name>-<7 hex>`` for ``name`` (roles: at most 64 characters;
  restore testing plans use ``_``), lower-cased ``bucket`` for buckets (at most 63); no autoname when
  ``namePrefix`` / ``bucketPrefix`` is given (both given is the real ConflictsWith failure). It keeps an
  earlier autoname on update, records autonamed keys in ``__defaults`` (SDKv2 resources), merges the
  provider's ``defaultTags`` into ``tagsAll`` like pulumi-aws's ``applyTags``, and reports missing required
  arguments as the bridge words them (``Missing required argument. ... Examine values at 'name.prop'.``).
- Create in preview returns the inputs, the Terraform schema defaults (role ``path`` ``/``,
  ``maxSessionDuration`` 3600, ``forceDetachPolicies`` false, ...), the provider's region, and every
  computed output (``id``, ``arn``, ``uniqueId``, ``createDate``, a name made from a prefix, ...) as the
  unknown sentinel. On ``up`` it returns values in AWS's formats: ``arn:<partition>:iam::<account>:role<path>
  <name>``, ``arn:<partition>:s3:::<bucket>``, backup vault/plan ARNs, UUID plan and selection ids,
  ``<role>-<timestamp><counter>`` attachment ids (Terraform's ``PrefixedUniqueId``).
- Diff replaces on the arguments that are ForceNew upstream (names, prefixes, paths, every backup selection
  argument, ``region``, ...) and deletes before replacing where pulumi-aws does (policy attachments, or a name
  the program chose).
- Invokes ``getPartition``, ``getCallerIdentity``, ``getRegion`` and ``iam.getRole``; ``getRole`` fails for an
  unknown role with the real error (``invoking aws:iam/getRole:getRole: 1 error occurred: * reading IAM Role
  (<name>): couldn't find resource``).

Where it departs from the real provider:

- It is stateless and talks to nothing. The account holds only the role the AWS Backup console creates,
  ``AWSBackupDefaultServiceRole`` (path ``/service-role/``, the two general AWS Backup managed policies);
  ``iam.getRole`` finds only that role, even for roles created earlier in the same stack, and ``Role.get`` /
  import can read only that role. Refresh reports no drift; delete always succeeds; an S3 bucket name is never
  "already taken"; no policy JSON, ARN or name is validated beyond the checks above.
- Only the 16 resource types in :mod:`.resources` and the 4 functions in :mod:`.invokes` are modelled in
  detail. Every other type is generic (see :mod:`.catalog`): it autonames an optional ``name``, replaces only
  on ``name`` / ``namePrefix`` / ``region`` (the SDK does not say what is ForceNew), has no schema defaults,
  and on ``up`` gets ``id`` (the name, else ``<kind>-<17 hex>``), an ``arn`` in the service's format
  (``arn:<partition>:<service>:<region>:<account>:<kind>/<id>``; no region for global services, ``:<name>``
  for SNS/SQS), and a typed empty value (``""``, ``0``, ``false``, ``[]``, ``{}``) for every other
  computed output. Every other function returns its arguments, the fake account's ids and typed empty
  values, and never fails for something that does not exist. A type or function the SDK does not have
  fails with a message naming it.
- The derived schema has no descriptions, enums (typed ``string``), defaults or ForceNew flags, and an input
  the bridge autonames or a function parameter that defaults to None in the SDK is optional there even
  where the real schema requires it. Deriving it imports the whole SDK once (~15 s, ~450 MB); it is cached
  under ``$BACKUP_GUARDRAILS_CACHE`` (``~/.cache/backup-guardrails``), and ``python -m
  aws_standin.sdk_schema`` makes it ahead of time. The plugin loads it only when a generic type, a generic
  function or ``GetSchema`` is first asked for, so it starts as fast as before (~0.2 s to its port).
- Random parts are random: ids, ``uniqueId``, ``createDate`` and timestamps differ from AWS's only in value.
  Autonames are a deterministic function of the engine's random seed, but not byte-identical to the Go
  implementation's for the same seed.
- Optional arguments left unset are absent from the outputs rather than present as ``""``/``[]``/``null``;
  nested computed blocks (backup plan rules, bucket grants, lifecycle rules ...) are not filled in. A role's
  ``managedPolicyArns`` stays ``[]`` (never reflects attachments made by other resources).
- The provider's own configuration is not validated (credentials, endpoints, ``assumeRole``... are accepted
  and ignored); ``allowedAccountIds`` / ``forbiddenAccountIds`` are honoured; the account id cannot come from
  real credentials.
- Names are checked only for the autonamer's maximum length (a name too long to autoname is a Check error,
  as in the real provider), never against AWS's naming rules (e.g. 50 characters for backup vaults).
- Plugin Framework resources (``RolePolicyAttachmentsExclusive``, ``RestoreTestingPlan``,
  ``RestoreTestingSelection``) report missing arguments in the SDKv2 wording too, and every generic type is
  treated as an SDKv2 resource.
- The process stops by itself once its parent (the engine) is gone, so a killed CLI leaves no plugin behind.
"""

from .provider import PACKAGE, VERSION, StandinProvider
from .resources import RESOURCES

__all__ = ["PACKAGE", "RESOURCES", "VERSION", "StandinProvider"]
