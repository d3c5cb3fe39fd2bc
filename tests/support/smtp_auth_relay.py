# An SMTP relay that demands STARTTLS and then a user name and password (AUTH PLAIN or LOGIN)
# before it takes a message, filing what it accepts in a Maildir: what licensord's --smtp-user
# and --smtp-password-file are tested against (tests/support/smtp_sink.hpp starts it).
# Usage: smtp_auth_relay.py HOST PORT CERT KEY MAILDIR USER PASSWORD
import signal
import ssl
import sys

from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Mailbox
from aiosmtpd.smtp import AuthResult, LoginPassword


def main():
    host, port, cert, key, maildir, user, password = sys.argv[1:8]
    tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    tls.load_cert_chain(cert, key)

    def authenticator(server, session, envelope, mechanism, auth_data):
        known = (isinstance(auth_data, LoginPassword) and auth_data.login == user.encode()
                 and auth_data.password == password.encode())
        return AuthResult(success=known, handled=False)

    controller = Controller(Mailbox(maildir), hostname=host, port=int(port), tls_context=tls,
                            require_starttls=True, auth_required=True,
                            authenticator=authenticator)
    controller.start()
    print("listening", flush=True)
    signal.sigwait({signal.SIGTERM, signal.SIGINT})
    controller.stop()


if __name__ == "__main__":
    main()
