"""An aiosmtpd handler for the outbox tests: a Mailbox (each message a file under DIR/new) that answers chosen recipients
with an error, so per-recipient 4xx and 5xx can be tested against a real SMTP conversation.

Started as the tests start the plain sink, with this folder on PYTHONPATH:
    /usr/bin/python3 -m aiosmtpd -n -l 127.0.0.1:PORT -c smtp_rules.RuleMailbox DIR

The recipient's local part decides:
    reject...   550 5.1.1, always (unknown user)
    deferN...   450 4.2.1 for the first N tries of that address (as long as this process runs), then accepted
    defer...    450 4.2.1, always (no digit after "defer")
    anything else is accepted.
"""
import itertools

from aiosmtpd.handlers import Mailbox


class RuleMailbox(Mailbox):
    def __init__(self, mail_dir, message_class=None):
        super().__init__(mail_dir, message_class)
        self.tries = {}

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.split("@")[0].lower()
        if local.startswith("reject"):
            return "550 5.1.1 <%s>: Recipient address rejected: User unknown in virtual mailbox table" % address
        if local.startswith("defer"):
            digits = "".join(itertools.takewhile(str.isdigit, local[5:]))
            tries = self.tries.get(address, 0) + 1
            self.tries[address] = tries
            if not digits or tries <= int(digits):
                return "450 4.2.1 <%s>: Mailbox busy, try again later" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"
