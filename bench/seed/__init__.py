"""The web benchmark's data: PostgreSQL seeded at scale, as the portal's own flows would have left it.

At ``--scale 1.0``: 200,000 applications over the 20 regions (10,000 each) across
three years, 2,000 council sessions (100 a region) with attendance, agenda
items, named votes and signed protocols, 10,000 funded projects (500 a region)
in their administrators' budget requests and published financing plans (one a
region and year, with a line per project), with support term, results and one
infrastructure object each, and 1,000,000 monthly load readings. Every count
scales linearly with ``--scale`` (at least one of each thing a region).

The rows are those the services write (``application_submit``, ``application_refuse``,
``session_schedule``, ``protocol_freeze``, ``handover_send``, ``plan_approve``…),
including the audit journal with a valid hash chain (``manage.py verify_audit``
passes) and the deadlines' clocks, but they go in through COPY with explicit ids,
region by region, so nothing large is held in memory except the journal's
compact tuples, which are sorted by time before they are chained.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench_seed \\
        .venv/bin/python -m bench.seed [--scale 1.0] [--reset]

Bench personas (password "bench"): ``bench-coordinator-<KATO>``,
``bench-budget-<KATO>``, ``bench-planning-<KATO>``, ``bench-chair-<KATO>``,
``bench-secretary-<KATO>``, ``bench-member-<KATO>-01…10``,
``bench-entrepreneur-<KATO>-0001…`` and ``bench-central``.
The phases are modules: ``people``, ``applications``, ``sessions``, ``projects``,
``budget`` and ``journal``, on the shared helpers of ``common``; ``seeder`` runs them in order and
``__main__`` is the command line.
"""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django
from django.apps import apps as django_apps

if not django_apps.ready:
    django.setup()

from bench.seed.seeder import BenchDataPresent, reset, samples, seed, seed_with_timings

__all__ = ["BenchDataPresent", "reset", "samples", "seed", "seed_with_timings"]
