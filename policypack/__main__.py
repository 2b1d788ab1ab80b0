# The CLI runs `python -u -m pulumi.policy <engine> <this dir>`; nothing may print before the port.
from backup_guardrails import serve

serve()
