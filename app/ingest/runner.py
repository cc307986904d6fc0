"""One ingest run: papers in, batches of PaperRecords out to the store, with a run record.

    source items -> dedupe -> skip unchanged (store text hashes) -> extract (one stream;
    worker processes stay up for the whole run) -> upsert in batches -> run record

Guarantees, and where they come from:
- no half papers: a paper and its extraction go to the store in one `upsert` batch,
  which the store writes in one transaction;
- re-runs never duplicate, unchanged papers cost a hash lookup, new versions replace
  the old text and extraction: the store's upsert replaces what a paper asserted;
- resume: the run record (with its watermark) is saved after every committed batch; the
  watermark only moves past a paper once everything before it in source order is written
  (or was unchanged, or unusable), so a run that dies is picked up from there;
- two runs never interleave: a store-wide lock, taken before the first write and
  refreshed after each batch; a lock left by a dead process (SIGKILL) is taken over.
"""

from __future__ import annotations

import logging
import os
import socket
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, time as dtime, timezone

from claimgraph.schema import Extraction, IngestRun, Paper, PaperRecord, Problem

from .parallel import extract_stream
from .reporting import Progress
from .seen import SeenIds

log = logging.getLogger(__name__)

LOCK_NAME = "ingest"

# Exit codes a scheduler can act on (also documented in `claimgraph ingest --help`).
EXIT_OK = 0           # everything read was written (or was unchanged)
EXIT_PARTIAL = 1      # some records were unusable and skipped; the rest landed
EXIT_NOTHING = 2      # nothing usable at all (bad paths, unknown formats, usage)
EXIT_SOURCE = 3       # the arXiv API failed after retries; what was fetched landed
EXIT_STORE = 4        # the store (or extraction) failed; committed batches are kept
EXIT_LOCKED = 75      # another ingest holds the store (EX_TEMPFAIL: try again later)
EXIT_TERMINATED = 143  # stopped by SIGTERM between batches (128 + 15); resume by running again


class LockBusy(RuntimeError):
    pass


class Stopped(BaseException):
    """A stop was requested (SIGTERM) and honoured: reading stopped, what was in flight was
    written. BaseException, so no `except Exception` on the way mistakes it for a failure."""


def default_watermark(paper: Paper) -> datetime | None:
    day = paper.updated or paper.published
    return datetime.combine(day, dtime.min, tzinfo=timezone.utc) if day else None


def _owner() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def _owner_dead(owner: str) -> bool:
    """True when the lock's owner was a process on this host that no longer exists."""
    try:
        host, pid, _ = owner.split(":", 2)
        pid_i = int(pid)
    except ValueError:
        return False
    if host != socket.gethostname() or pid_i == os.getpid():
        return False
    try:
        os.kill(pid_i, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


class StoreLock:
    """The store-wide ingest lock: wait up to `wait_seconds`, take over a dead owner's lock,
    refresh after every batch. A dead owner on this host is detected by its pid; the ttl
    (10 minutes, longer than any backoff wait) frees a lock whose owner vanished elsewhere."""

    def __init__(self, store, *, wait_seconds: float = 0.0, ttl_seconds: float = 600.0,
                 poll_seconds: float = 1.0, owner: str | None = None):
        self.store, self.wait, self.ttl, self.poll = store, wait_seconds, ttl_seconds, poll_seconds
        self.owner = owner or _owner()
        self.held = False

    def acquire(self) -> None:
        deadline = time.monotonic() + self.wait
        while True:
            if self.store.try_lock(LOCK_NAME, self.owner, self.ttl):
                self.held = True
                return
            info = self._info()
            holder = str(info.get("owner", "?"))
            if _owner_dead(holder) and self._steal(holder):
                log.warning("took over the ingest lock from %s, which is no longer running", holder)
                self.held = True
                return
            if time.monotonic() >= deadline:
                until = info.get("expires")
                if isinstance(until, (int, float)):
                    until = datetime.fromtimestamp(until, timezone.utc).isoformat(timespec="seconds")
                raise LockBusy(f"another ingest is running on this store (lock held by {holder}"
                               + (f", until {until} unless refreshed" if until else "") + "); not starting. "
                               "Use --wait SECONDS to wait for it.")
            time.sleep(min(self.poll, max(0.05, deadline - time.monotonic())))

    def _info(self) -> dict:
        lock_info = getattr(self.store, "lock_info", None)
        return (lock_info(LOCK_NAME) or {}) if lock_info else {}

    def _steal(self, holder: str) -> bool:
        try:
            return bool(self.store.try_lock(LOCK_NAME, self.owner, self.ttl, steal_from=holder))
        except TypeError:  # a store without takeover: the ttl will free the lock
            return False

    def refresh(self) -> None:
        if self.held and not self.store.try_lock(LOCK_NAME, self.owner, self.ttl):
            raise LockBusy("lost the ingest lock to another process; stopping before writing more")

    def release(self) -> None:
        if self.held:
            self.store.unlock(LOCK_NAME, self.owner)
            self.held = False


@dataclass
class Outcome:
    run: IngestRun
    problems: int = 0
    error: str | None = None
    exit_code: int = EXIT_OK
    elapsed: float = 0.0
    # Seconds spent in store lookups and writes; the rest of `elapsed` is reading + extraction.
    timings: dict[str, float] = field(default_factory=lambda: {"lookup": 0.0, "write": 0.0})
    examples: list[Problem] = field(default_factory=list)


class _Ledger:
    """Source order of in-flight papers, so the watermark only passes committed ones."""

    def __init__(self):
        self.q: deque[list] = deque()  # [paper id | None, watermark, done]
        self.by_id: dict[str, list] = {}

    def add(self, pid: str | None, wm: datetime | None, done: bool) -> None:
        entry = [pid, wm, done]
        self.q.append(entry)
        if pid is not None and not done:
            self.by_id[pid] = entry

    def done(self, pid: str) -> None:
        entry = self.by_id.pop(pid, None)
        if entry is not None:
            entry[2] = True

    def advance(self, wm: datetime | None) -> datetime | None:
        while self.q and self.q[0][2]:
            _, w, _ = self.q.popleft()
            if w is not None and (wm is None or w > wm):
                wm = w
        return wm


class Runner:
    def __init__(self, store, extractor=None, *, processes: int = 1, batch_size: int = 256,
                 lock: StoreLock | None = None, progress: Progress | None = None,
                 max_problem_lines: int = 50, problem_sink: Callable[[Problem], None] | None = None,
                 reextract: bool = False, stop_requested: Callable[[], str | None] = lambda: None):
        self.store = store
        self._extractor = extractor
        self.processes = max(1, processes)
        self.batch_size = max(1, batch_size)
        self.lock = lock or StoreLock(store)
        self.progress = progress
        self.max_problem_lines = max_problem_lines
        self.problem_sink = problem_sink
        # After an extractor upgrade, unchanged text no longer means an unchanged extraction.
        self.reextract = reextract
        # Polled before each paper is read, never during a store write: on a stop the run
        # reads no further, writes what is in flight, and ends as interrupted.
        self.stop_requested = stop_requested

    @property
    def extractor(self):
        if self._extractor is None:
            from claimgraph.extract.pipeline import Extractor

            self._extractor = Extractor()
        return self._extractor

    def run(self, items: Iterable[Paper | Problem], *, query: str, source: str,
            watermark_of: Callable[[Paper], datetime | None] = default_watermark,
            start_watermark: datetime | None = None,
            extra_counts: Callable[[], dict[str, int]] | None = None) -> Outcome:
        """Ingest `items`. Errors from the source (an exception while iterating, e.g. a
        FetchError) end the run as partial with what was written kept; the caller maps
        them to an exit code through `Outcome.error` / `exit_code`."""
        progress = self.progress or Progress(f"ingest {source}", tty=False, every_seconds=10)
        self.lock.acquire()  # LockBusy propagates: nothing has been written
        started = datetime.now(timezone.utc)
        run = IngestRun(id=f"{started:%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:6]}", query=query, source=source,
                        started=started, status="running", watermark=start_watermark,
                        counts={k: 0 for k in ("new", "updated", "unchanged", "failed", "claims", "duplicates")})
        out = Outcome(run=run)
        counts = run.counts
        ledger = _Ledger()
        classified: dict[str, str] = {}  # pid -> "new" | "updated", for papers sent to extraction
        pending: dict[str, Paper] = {}
        source_error: list[BaseException] = []
        t0 = time.monotonic()

        def report(problem: Problem) -> None:
            out.problems += 1
            counts["failed"] += 1
            progress.update(failed=1)
            if len(out.examples) < self.max_problem_lines:
                out.examples.append(problem)
            if self.problem_sink is not None:
                self.problem_sink(problem)

        stopped: list[str] = []

        def papers_to_extract() -> Iterator[Paper]:
            seen = SeenIds()
            chunk: list[Paper] = []

            def decide(chunk: list[Paper]) -> Iterator[Paper]:
                t = time.monotonic()
                stored = self.store.paper_versions([p.id for p in chunk])
                out.timings["lookup"] += time.monotonic() - t
                for p in chunk:
                    old = stored.get(p.id)
                    if old is not None and old == p.text_hash and not self.reextract:
                        counts["unchanged"] += 1
                        progress.update(unchanged=1)
                        ledger.add(p.id, watermark_of(p), True)
                        continue
                    classified[p.id] = "new" if old is None else "updated"
                    pending[p.id] = p
                    ledger.add(p.id, watermark_of(p), False)
                    yield p

            try:
                for item in items:
                    reason = self.stop_requested()
                    if reason:  # stop reading; what is in flight is still extracted and written
                        stopped.append(reason)
                        break
                    if isinstance(item, Problem):
                        report(item)
                        ledger.add(None, None, True)
                        continue
                    progress.update(fetched=1)
                    if item.id in seen:
                        counts["duplicates"] += 1
                        continue
                    seen.add(item.id)
                    chunk.append(item)
                    if len(chunk) >= self.batch_size:
                        yield from decide(chunk)
                        chunk = []
            except Exception as exc:  # the source failed: keep what it gave, say why
                source_error.append(exc)
            if chunk:
                yield from decide(chunk)

        buffer: list[PaperRecord] = []

        def flush() -> None:
            if not buffer:
                return
            self.lock.refresh()
            t = time.monotonic()
            self.store.upsert(buffer)
            out.timings["write"] += time.monotonic() - t
            for rec in buffer:
                counts[classified.pop(rec.paper.id)] += 1
                counts["claims"] += len(rec.extraction.claims)
                ledger.done(rec.paper.id)
            progress.update(written=len(buffer))
            buffer.clear()
            run.watermark = ledger.advance(run.watermark)
            self._save(run, extra_counts)

        try:
            self._save(run, extra_counts)
            self._close_dead_runs(run)
            extraction: Extraction | Problem
            extractor = self.extractor if self.processes == 1 else None
            for extraction in extract_stream(papers_to_extract(), self.processes, extractor=extractor):
                if isinstance(extraction, Problem):  # the extractor failed on this paper
                    pending.pop(extraction.paper_id, None)
                    classified.pop(extraction.paper_id, None)
                    ledger.done(extraction.paper_id)
                    report(extraction)
                    continue
                paper = pending.pop(extraction.id)
                buffer.append(PaperRecord(paper=paper, extraction=extraction))
                progress.update(extracted=1)
                if len(buffer) >= self.batch_size:
                    flush()
            flush()
            # Unchanged papers after the last write still move the watermark.
            run.watermark = ledger.advance(run.watermark)
            if stopped:
                raise Stopped(stopped[0])
        except LockBusy as exc:
            out.error, out.exit_code, run.status = str(exc), EXIT_LOCKED, "failed"
        except Stopped as exc:  # SIGTERM from systemd/cron: committed batches stay, resume later
            out.error, out.exit_code, run.status = f"interrupted ({exc})", EXIT_TERMINATED, "failed"
        except (KeyboardInterrupt, SystemExit) as exc:  # Ctrl-C
            out.error, out.exit_code, run.status = f"interrupted ({type(exc).__name__})", 130, "failed"
            raise
        except Exception as exc:  # store or extraction failure: committed batches stay
            log.exception("ingest failed")
            out.error, out.exit_code, run.status = f"{type(exc).__name__}: {exc}", EXIT_STORE, "failed"
        finally:
            progress.close()
            out.elapsed = time.monotonic() - t0
            if out.error is None:
                if source_error:
                    out.error = str(source_error[0])
                    out.exit_code = EXIT_SOURCE
                    run.status = "partial"
                elif out.problems:
                    wrote = counts["new"] + counts["updated"] + counts["unchanged"]
                    out.exit_code = EXIT_PARTIAL if wrote else EXIT_NOTHING
                    run.status = "partial"
                else:
                    run.status = "ok"
            run.finished = datetime.now(timezone.utc)
            run.message = out.error or (f"{out.problems} records skipped" if out.problems else "")
            try:
                self._save(run, extra_counts)
            finally:
                self.lock.release()
        return out

    def _close_dead_runs(self, current: IngestRun) -> None:
        """We hold the lock, so any other run still marked running died without finishing
        (SIGKILL, power loss). Say so; its watermark stays valid and this run resumes it."""
        for old in self.store.runs(limit=100):
            if old.status == "running" and old.id != current.id:
                old.status = "failed"
                old.message = f"interrupted before finishing; resumed by run {current.id}"
                self.store.save_run(old)

    def _save(self, run: IngestRun, extra_counts) -> None:
        if extra_counts is not None:
            run.counts.update(extra_counts())
        self.store.save_run(run)
