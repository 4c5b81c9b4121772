"""`kek send-digests`: send each participant who chose the daily digest one e-mail with all
their notifications not yet sent. Run it once a day (cron or a systemd timer, like
`kek purge-registrations`: django-tasks-db has no scheduler); `--queue` hands it to the
background worker instead."""

from django.core.management import BaseCommand

from kek.follows import sending, tasks


class Command(BaseCommand):
    help = "Sendet die tägliche Zusammenfassung der Benachrichtigungen (eine E-Mail je Konto)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--queue", action="store_true", help="dem Hintergrund-Worker übergeben")

    def handle(self, *args, queue: bool = False, **options) -> None:
        if queue:
            tasks.send_digests.enqueue()
            self.stdout.write("Zusammenfassungen eingereiht.")
            return
        mails_sent, items = sending.send_digests()
        self.stdout.write(
            f"Zusammenfassungen: {mails_sent} E-Mail(s) mit {items} Benachrichtigung(en) gesendet."
        )
