"""Release tooling: ``make release-check`` proves that every place naming the release agrees.

A release of backup-guardrails is one ``v<semver>`` git tag for both published artifacts: the
``backup-roles`` component (pip package and Pulumi component package) and the ``aws-backup-guardrails``
policy pack. :mod:`tools.release.sources` reads each place that states the version; :mod:`tools.release.check`
compares them and says what to fix.
"""
