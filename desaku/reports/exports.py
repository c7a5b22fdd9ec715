"""Background exports: an ExportJob row, a django-tasks task that fills it, and a registry of exporters.

An exporter is ``fn(job, user, progress) -> (filename, bytes)``; it reads through the user's scoped
selectors (the same as the page it exports) and calls ``progress(percent)`` as it goes. Another app
registers its list exports with ``register_exporter("outreach.encounters", fn)`` and starts them with
``start_export(user=, kind=, params=)`` (docs/measures.md, "Exports").
"""

from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.translation import gettext as _

from desaku.reports.models import ExportJob, ExportStatus

_EXPORTERS: dict[str, tuple[Callable, Callable]] = {}


def register_exporter(kind: str, exporter: Callable, allowed: Callable = lambda user: True) -> None:
    """``allowed(user)`` is checked when the export is started and again when it runs."""
    _EXPORTERS[kind] = (exporter, allowed)


def exporter_for(kind: str):
    return _EXPORTERS.get(kind)


def start_export(*, user, kind: str, params: dict) -> ExportJob:
    found = exporter_for(kind)
    if found is None or not found[1](user):
        raise PermissionDenied
    job = ExportJob(owner=user, kind=kind, params=params)
    job.save_with_reason(by=user, reason="export requested")
    from desaku.reports.tasks import run_export_task

    run_export_task.enqueue(job.pk)
    job.refresh_from_db()
    return job


def _set(job, by, **fields):
    for name, value in fields.items():
        setattr(job, name, value)
    job.save_with_reason(by=by, reason=fields.get("status", "progress"))


def run_export(job_id: int) -> str:
    """Fill the job's file; failures are recorded on the job (never raised to the worker)."""
    job = ExportJob.objects.select_related("owner").get(pk=job_id)
    if job.status in (ExportStatus.DONE, ExportStatus.FAILED):
        return job.status
    user = job.owner
    found = exporter_for(job.kind)
    if found is None or not user.is_active or not found[1](user):
        _set(job, user, status=ExportStatus.FAILED, error=_("This export is not available."),
             finished_at=timezone.now())
        return job.status
    _set(job, user, status=ExportStatus.RUNNING, progress=1)

    def progress(percent: int):
        percent = max(1, min(99, int(percent)))
        if percent > job.progress:
            _set(job, user, progress=percent)

    try:
        filename, content = found[0](job, user, progress)
    except Exception as exc:  # noqa: BLE001 - the job shows the failure; the worker keeps running
        _set(job, user, status=ExportStatus.FAILED, error=str(exc)[:300], finished_at=timezone.now())
        return job.status
    job.file.save(filename, ContentFile(content), save=False)
    _set(job, user, status=ExportStatus.DONE, progress=100, filename=filename, finished_at=timezone.now())
    return job.status


def exports_of(user):
    return ExportJob.objects.filter(owner=user)
