"""Two people making the same move at once: one wins, the other is refused; the chain holds."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from stdhub.core import events
from stdhub.core.models import Event
from stdhub.projects import services

from .conftest import TODAY


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="parallel writers need PostgreSQL")
def test_parallel_moves_apply_once(project, advance, people):
    project = advance(project, "20")
    from .conftest import add_document
    add_document(people["drafter"], project, "comment-draft")
    add_document(people["drafter"], project, "explanation")
    outcomes, barrier = [], threading.Barrier(4)

    def attempt(user):
        try:
            barrier.wait()
            services.move(user, project, "open-comments", today=TODAY)
            outcomes.append("moved")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    users = [people["drafter"], people["editor"], people["admin"], people["drafter"]]
    threads = [threading.Thread(target=attempt, args=(u,)) for u in users]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["moved", "refused", "refused", "refused"]
    assert Event.objects.filter(kind="open-comments").count() == 1
    project.refresh_from_db()
    assert (project.stage, project.substate, project.version) == ("30", "open", 4)
    assert events.verify().ok
