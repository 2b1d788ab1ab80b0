"""A git host on localhost: smart HTTP over TLS, what `pulumi package add https://...@vX` fetches from.

The Pulumi CLI fetches git sources with go-git over HTTPS only (``git://`` is rewritten to ``https://``),
so a local bare repository is not enough. :class:`GitHttpsServer` serves the bare repositories under one
directory with ``git http-backend`` (git's own smart-HTTP server, run as CGI) behind a TLS socket on a
loopback address of its own (a random ``127.x.y.z``), on port 443: the CLI names the plugin's directory
after the URL's host, and a ``host:port`` there makes Python refuse to create the plugin's virtualenv
("contains the PATH separator :"). Binding 443 needs root (CI runs as root). The self-signed certificate
for that address is written to ``ca_file``: point ``SSL_CERT_FILE`` at it, which Go's TLS (and so the CLI)
honours on Linux. Everything lives in one temporary directory, removed when the ``with`` block ends.
"""

from __future__ import annotations

import datetime
import http.server
import ipaddress
import os
import secrets
import shutil
import ssl
import subprocess
import tempfile
import threading
from pathlib import Path
from types import TracebackType


class GitHttpsServer:
    """``with GitHttpsServer(root) as host:`` serves ``root/<owner>/<name>.git`` at ``host.url("o/n")``.

    Keep an owner level: the CLI takes the first path segment as the package's namespace, and
    ``<name>.git`` there is not a valid one ("#/namespace: does not match pattern").
    """

    def __init__(self, root: Path, port: int = 443) -> None:
        """``port=0`` takes a free port instead of 443 (the URL then names it)."""
        self.root = root
        self.directory = Path()
        self.port = port
        self.address = (
            f"127.{secrets.randbelow(254) + 1}.{secrets.randbelow(254) + 1}.{secrets.randbelow(253) + 2}"
        )
        self.requests: list[str] = []
        self._server: http.server.ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def ca_file(self) -> Path:
        return self.directory / "cert.pem"

    @property
    def ca_bundle(self) -> Path:
        """The system's CA certificates plus this server's: for ``SSL_CERT_FILE``, which replaces them."""
        return self.directory / "ca-bundle.pem"

    def url(self, name: str) -> str:
        host = self.address if self.port == 443 else f"{self.address}:{self.port}"
        return f"https://{host}/{name}.git"

    def __enter__(self) -> GitHttpsServer:
        self.directory = Path(tempfile.mkdtemp(prefix="backup-guardrails-git-"))
        _self_signed(self.ca_file, self.directory / "key.pem", self.address)
        system = ssl.get_default_verify_paths()
        bundle = [
            Path(path).read_text()
            for path in (system.cafile, system.openssl_cafile)
            if path and Path(path).is_file()
        ]
        self.ca_bundle.write_text("\n".join([*bundle[:1], self.ca_file.read_text()]))
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(self.ca_file, self.directory / "key.pem")
        host = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                self._backend()

            def do_POST(self) -> None:
                self._backend()

            def log_message(self, format: str, *args: object) -> None:
                host.requests.append(f"{self.command} {self.path}")

            def _backend(self) -> None:
                path, _, query = self.path.partition("?")
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                env = {
                    "PATH": os.environ.get("PATH", ""),
                    "GIT_PROJECT_ROOT": str(host.root),
                    "GIT_HTTP_EXPORT_ALL": "1",
                    "REQUEST_METHOD": self.command,
                    "PATH_INFO": path,
                    "QUERY_STRING": query,
                    "CONTENT_TYPE": self.headers.get("Content-Type", ""),
                    "CONTENT_LENGTH": str(len(body)),
                    "REMOTE_ADDR": self.client_address[0],
                }
                if self.headers.get("Content-Encoding"):
                    env["HTTP_CONTENT_ENCODING"] = self.headers["Content-Encoding"]
                if self.headers.get("Git-Protocol"):
                    env["GIT_PROTOCOL"] = self.headers["Git-Protocol"]
                result = subprocess.run(
                    ["git", "http-backend"],
                    input=body,
                    env=env,
                    capture_output=True,
                    check=False,
                    timeout=120,
                )
                head, _, payload = result.stdout.partition(b"\r\n\r\n")
                status, headers = 200, []
                for line in head.decode("latin-1").split("\r\n"):
                    name, _, value = line.partition(":")
                    if name.lower() == "status":
                        status = int(value.strip().split()[0])
                    elif name:
                        headers.append((name, value.strip()))
                self.send_response(status)
                for name, value in headers:
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

        try:
            self._server = http.server.ThreadingHTTPServer((self.address, self.port), Handler)
        except OSError:
            shutil.rmtree(self.directory, ignore_errors=True)
            raise
        self._server.socket = context.wrap_socket(self._server.socket, server_side=True)
        self.port = int(self._server.server_address[1])
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=30)
        shutil.rmtree(self.directory, ignore_errors=True)


def _self_signed(cert_file: Path, key_file: Path, address: str) -> None:
    """A one-day certificate for ``address`` that is its own CA."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "backup-guardrails test git host")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address(address))]),
            critical=False,
        )
        .sign(key, hashes.SHA256())
    )
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
