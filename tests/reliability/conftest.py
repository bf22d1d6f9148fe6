"""Real Celery workers as subprocesses on Redis DB 9, reading the pytest database.

Each test gets a queue of its own; the test process publishes to it and the
workers consume only it. Workers are killed (their whole process group) when
the test ends, whatever happened.
"""

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
import redis
from django.db import connection

from config.celery import app as celery_app

BROKER = "redis://127.0.0.1:6379/9"
CLOSED_BROKER = "redis://127.0.0.1:1/9"  # nothing listens on port 1
VISIBILITY_TIMEOUT = 2
BASE = Path(__file__).resolve().parents[2]
CELERY = Path(sys.executable).with_name("celery")


def forget_connections() -> None:
    """Make the app open new broker connections from its (changed) configuration."""
    celery_app._pool = None
    celery_app.__dict__.pop("amqp", None)
    celery_app.__dict__.pop("backend", None)


def point_broker(url: str, queue: str) -> None:
    # Celery reads CELERY_BROKER_URL from the environment before its own conf (CI exports it).
    os.environ["CELERY_BROKER_URL"] = url
    celery_app.conf.update(broker_url=url, task_always_eager=False, task_default_queue=queue)
    forget_connections()


def wait_for(condition, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.1)


def _database_url() -> str:
    """The pytest database (test_<name>), as the worker subprocesses must reach it."""
    db = connection.settings_dict
    credentials = quote(db["USER"] or "postgres") + (f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else "")
    return f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


class Workers:
    def __init__(self, tmp_path: Path, queue: str):
        self.tmp_path, self.queue, self.processes = tmp_path, queue, []
        self.mail_dir = tmp_path / "mail"
        self.mail_dir.mkdir()

    def env(self) -> dict:
        env = {key: value for key, value in os.environ.items() if key != "TEST_DATABASE_NAME"}
        env.update(
            DJANGO_SETTINGS_MODULE="config.settings",
            PYTHONPATH=str(BASE),
            DATABASE_URL=_database_url(),
            CELERY_BROKER_URL=BROKER,
            CELERY_TASK_ALWAYS_EAGER="false",
            CELERY_TASK_DEFAULT_QUEUE=self.queue,
            CELERY_VISIBILITY_TIMEOUT=str(VISIBILITY_TIMEOUT),
            PRIVATE_MEDIA_ROOT=str(self.tmp_path / "private"),
            EMAIL_URL=f"filemail:///{self.mail_dir}",  # four slashes: an absolute path
        )
        return env

    def start(self, name: str) -> subprocess.Popen:
        log = (self.tmp_path / f"worker-{name}.log").open("w")
        process = subprocess.Popen(
            [
                str(CELERY),
                "-A",
                "config",
                "worker",
                "--pool=solo",
                "-Q",
                self.queue,
                "-n",
                f"{name}-{self.queue}@%h",
                "-I",
                "tests.reliability.slow_kind",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "--loglevel=INFO",
            ],
            cwd=BASE,
            env=self.env(),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.processes.append(process)
        return process

    def kill(self, process: subprocess.Popen) -> None:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)

    def stop_all(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill(process)

    def logs(self) -> str:
        return "\n".join(p.read_text() for p in sorted(self.tmp_path.glob("worker-*.log")))

    def mails(self) -> list[str]:
        return [p.read_text() for p in sorted(self.mail_dir.iterdir())]


@pytest.fixture
def workers(tmp_path):
    """Starts worker subprocesses on demand; the test process publishes to their queue."""
    queue = f"h7-reliability-{uuid.uuid4().hex[:8]}"
    redis.Redis.from_url(BROKER).flushdb()
    conf = celery_app.conf
    saved = {key: conf[key] for key in ("broker_url", "task_always_eager", "task_default_queue")}
    saved_env = os.environ.get("CELERY_BROKER_URL")
    point_broker(BROKER, queue)
    pool = Workers(tmp_path, queue)
    try:
        yield pool
    finally:
        pool.stop_all()
        if saved_env is None:
            os.environ.pop("CELERY_BROKER_URL", None)
        else:
            os.environ["CELERY_BROKER_URL"] = saved_env
        conf.update(saved)
        forget_connections()
        print(pool.logs())  # shown by pytest only when the test failed
