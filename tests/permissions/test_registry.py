"""Every model has a policy declaring its actions, and the expectation table covers them all."""

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model

from stdhub.core import permissions
from stdhub.core.permissions import SYSTEM, UnknownAction, can, registered, scope
from stdhub.standards.models import Standard

from .expected import INTERNAL, ON_MODEL, ON_OBJECT


def label(model) -> str:
    return f"{model._meta.app_label}.{model.__name__}"


def stdhub_models():
    """Concrete models of stdhub's own apps, and the user model they act on."""
    for config in apps.get_app_configs():
        if config.name.startswith("stdhub."):
            yield from (m for m in config.get_models() if not m._meta.proxy)
    yield get_user_model()


def test_every_model_has_a_policy_or_is_listed_as_internal():
    policies = set(map(label, registered()))
    missing = sorted(name for name in map(label, stdhub_models())
                     if name not in policies and name not in INTERNAL)
    assert not missing, (f"models without a registered policy: {missing}; register one with "
                         f"@stdhub.core.permissions.policy(Model, actions=...) in the app's "
                         f"policies.py")


def test_the_internal_list_names_only_real_models_without_policies():
    names = set(map(label, stdhub_models()))
    assert INTERNAL <= names
    assert not INTERNAL & set(map(label, registered()))


def test_the_expectation_table_covers_every_registered_model_and_action():
    declared = {label(model): set(rules.actions) for model, rules in registered().items()}
    assert declared == {name: set(actions) for name, actions in ON_OBJECT.items()}
    assert set(ON_MODEL) == set(declared)
    for name, actions in ON_MODEL.items():
        assert set(actions) <= declared[name], name


def test_an_undeclared_action_is_an_error_not_a_refusal(world):
    standard = world.samples["standards.Standard"]
    for user in (SYSTEM, world.users["editor"]):
        with pytest.raises(UnknownAction, match="'publish' is not an action of Standard"):
            can(user, "publish", standard)
        with pytest.raises(UnknownAction):
            scope(user, "edit", Standard.objects.all())


def test_a_model_without_a_policy_is_an_error(world):
    from stdhub.core.models import Event

    with pytest.raises(UnknownAction, match="no registered policy"):
        can(world.users["admin"], "view", Event)
    assert Event not in permissions.registered()
