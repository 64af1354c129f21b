"""An aiosmtpd Maildir handler that answers each message's end of DATA after a delay, as a mail server across a network
does (bench/mail.sh with LATENCY_MS): `python3 -m aiosmtpd -c slow_mailbox.SlowMailbox DIR MS` with bench/ on PYTHONPATH."""
import asyncio

from aiosmtpd.handlers import Mailbox


class SlowMailbox(Mailbox):
    def __init__(self, mail_dir, delay_ms):
        super().__init__(mail_dir)
        self.delay = float(delay_ms) / 1000.0

    async def handle_DATA(self, server, session, envelope):
        await asyncio.sleep(self.delay)
        return await super().handle_DATA(server, session, envelope)

    @classmethod
    def from_cli(cls, parser, *args):
        if len(args) != 2:
            parser.error("SlowMailbox takes the Maildir and the delay in milliseconds")
        return cls(args[0], args[1])
