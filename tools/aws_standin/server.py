"""Serving :class:`~.provider.StandinProvider` over gRPC the way the engine starts a provider plugin.

The engine runs ``pulumi-resource-aws <engine-address> [flags]`` and reads the port from the first line of
stdout, so nothing else may be printed there. This mirrors ``pulumi.provider.experimental.server.main`` with
one change: errors the real provider returns as plain gRPC errors (a missing role in ``getRole``, a refused
account) reach the engine as their message alone, not wrapped with a Python traceback.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import sys
from collections.abc import Awaitable, Callable
from typing import Any

import grpc
import grpc.aio
from pulumi.provider.experimental.server import ProviderServicer
from pulumi.runtime.proto import engine_pb2, engine_pb2_grpc, provider_pb2_grpc

from .provider import VERSION, StandinError, StandinProvider

ORPHAN_CHECK_SECONDS = 1.0
NOT_AWS = (
    "aws provider: the local stand-in (tools/aws_standin), not AWS: nothing is read from or created in any "
    "AWS account, and the ARNs and ids it reports are made up"
)
_RPCS = ("CheckConfig", "Check", "Diff", "Create", "Read", "Update", "Delete", "Invoke")

Handler = Callable[[Any, Any, Any], Awaitable[Any]]


def _standin_error(err: BaseException | None) -> StandinError | None:
    # The experimental servicer re-raises provider errors as `Exception(message + traceback)` from inside
    # its `except` block, so the original error is the new one's implicit context.
    seen: set[int] = set()
    while err is not None and id(err) not in seen:
        if isinstance(err, StandinError):
            return err
        seen.add(id(err))
        err = err.__cause__ or err.__context__
    return None


def _plain_errors(handler: Handler) -> Handler:
    async def rpc(self: Any, request: Any, context: grpc.aio.ServicerContext) -> Any:
        try:
            return await handler(self, request, context)
        except Exception as err:
            found = _standin_error(err)
            if found is None:
                raise
            await context.abort(grpc.StatusCode.UNKNOWN, str(found))

    return rpc


class StandinServicer(ProviderServicer):
    """The experimental servicer, with :class:`~.provider.StandinError` sent as a bare message, and a warning
    to the engine, on the first Configure, that this is not AWS (shown in every run's diagnostics)."""

    _announcement: asyncio.Task[None] | None = None

    def _announce(self) -> None:
        # In the background, so an unreachable engine never slows Configure down.
        if self._announcement is None and self._engine_address:
            self._announcement = asyncio.create_task(self._warn_engine())

    async def _warn_engine(self) -> None:
        try:
            async with grpc.aio.insecure_channel(self._engine_address) as channel:
                request = engine_pb2.LogRequest(severity=engine_pb2.WARNING, message=NOT_AWS)
                await engine_pb2_grpc.EngineStub(channel).Log(request, timeout=5)
        except grpc.RpcError:
            pass  # best effort: no engine (a test talking to the plugin directly) is not an error

    async def Configure(self, request: Any, context: grpc.aio.ServicerContext) -> Any:  # noqa: N802
        response = await _plain_errors(ProviderServicer.Configure)(self, request, context)
        self._announce()
        return response


for _rpc in _RPCS:
    setattr(StandinServicer, _rpc, _plain_errors(getattr(ProviderServicer, _rpc)))


async def _stop_when_orphaned(server: grpc.aio.Server) -> None:
    # The engine kills its plugins when it exits normally; a CLI that is itself killed (a pipe closed on it,
    # a test timeout) leaves them running, so the stand-in also stops once its parent is gone.
    parent = os.getppid()
    while os.getppid() == parent:
        await asyncio.sleep(ORPHAN_CHECK_SECONDS)
    await server.stop(grace=None)


async def serve(engine_address: str) -> None:
    """Start the server on a free local port, print the port, and serve until terminated."""
    server = grpc.aio.server()
    servicer = StandinServicer(sys.argv[1:], VERSION, StandinProvider(), engine_address=engine_address)
    provider_pb2_grpc.add_ResourceProviderServicer_to_server(servicer, server)
    port = server.add_insecure_port("127.0.0.1:0")
    await server.start()
    sys.stdout.write(f"{port}\n")
    sys.stdout.flush()
    watchdog = asyncio.create_task(_stop_when_orphaned(server))
    await server.wait_for_termination()
    watchdog.cancel()


def main(argv: list[str] | None = None) -> None:
    """The plugin entry point: ``pulumi-resource-aws [engine-address] [--logtostderr] [-v=N] ...``."""
    parser = argparse.ArgumentParser(prog="pulumi-resource-aws", description="Stand-in AWS provider plugin")
    parser.add_argument("engine", nargs="?", default="", help="the engine's gRPC address (unused)")
    known, _ = parser.parse_known_args(argv)
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(serve(known.engine))
