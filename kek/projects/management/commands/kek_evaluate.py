from django.core.management import BaseCommand, CommandError

from kek.evaluation import cli


class Command(BaseCommand):
    help = cli.HELP
    requires_system_checks: list[str] = []

    def add_arguments(self, parser) -> None:
        cli.add_arguments(parser)

    def handle(self, *args, method, series, params, out, profile, estimator, **options) -> None:
        try:
            summary = cli.run(
                method=method,
                series=series,
                params=params,
                out=out,
                profile=profile,
                estimator=estimator,
            )
        except cli.EvaluateError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(summary)
