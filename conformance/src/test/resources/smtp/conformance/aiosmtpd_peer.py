"""aiosmtpd as a conformance peer: STARTTLS on one port, implicit TLS on another, AUTH.

Usage: aiosmtpd_peer.py PORT SMTPS_PORT CERT KEY
Started by the conformance interop test with Debian's /usr/bin/python3 (python3-aiosmtpd),
listening on 127.0.0.1 only; messages go to aiosmtpd's Sink handler (discarded). Prints
"ready" once both listeners accept connections, then serves until terminated.
"""
import asyncio
import ssl
import sys

from aiosmtpd.handlers import Sink
from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword

USER = b"conformance"
PASSWORD = b"conformance-secret"
SIZE_LIMIT = 100_000


def authenticator(server, session, envelope, mechanism, auth_data):
    ok = isinstance(auth_data, LoginPassword) and auth_data.login == USER and auth_data.password == PASSWORD
    # handled=False: aiosmtpd itself answers 535 when the credentials are wrong
    return AuthResult(success=ok, handled=False)


async def main(port, smtps_port, cert, key):
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    loop = asyncio.get_running_loop()

    def factory():
        return SMTP(Sink(), hostname="aiosmtpd.conformance.test", data_size_limit=SIZE_LIMIT,
                    enable_SMTPUTF8=True, tls_context=context, require_starttls=False,
                    authenticator=authenticator, auth_require_tls=False, loop=loop)

    plain = await loop.create_server(factory, "127.0.0.1", port)
    implicit = await loop.create_server(factory, "127.0.0.1", smtps_port, ssl=context)
    print("ready", flush=True)
    async with plain, implicit:
        await asyncio.gather(plain.serve_forever(), implicit.serve_forever())


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]))
