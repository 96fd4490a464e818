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


HERE = "tests/permissions"
HOW_TO_COVER = f"""
To cover a model in the permission matrix:
  1. its policy: @stdhub.core.permissions.policy(Model, actions=(...), visible=...) in
     src/stdhub/<app>/policies.py (a row reached only through a parent: declare "view"
     following the parent's visibility), or, if people never act on it, its label in
     INTERNAL in {HERE}/expected.py with a one-line reason;
  2. in {HERE}/expected.py, ON_OBJECT["app.Model"] = {{action: subjects}} for every
     declared action on one object of the organization, and ON_MODEL["app.Model"] =
     {{"view": ..., "add": ...}} for the model as a whole (lists, "may add one at all");
  3. a sample object of the organization in the world fixture ({HERE}/conftest.py, made
     through the app's services in {HERE}/samples.py), and one of the other organization in
     world.theirs when some rows are private;
  4. its services in SERVICES, pages in PAGES ({HERE}/test_matrix.py); API endpoints are
     found on the routers by themselves."""


def _rows(rules) -> str:
    return "{" + ", ".join(f'"{action}": ...' for action in rules.actions) + "}"


def test_every_model_has_a_policy_or_is_listed_as_internal():
    policies = set(map(label, registered()))
    missing = sorted(f"{label(model)} (src/stdhub/{model._meta.app_label}/policies.py)"
                     for model in stdhub_models()
                     if label(model) not in policies and label(model) not in INTERNAL)
    assert not missing, f"models without a registered policy: {missing}\n{HOW_TO_COVER}"


def test_the_internal_list_names_only_real_models_without_policies():
    names = set(map(label, stdhub_models()))
    assert INTERNAL <= names, f"not models of stdhub: {sorted(INTERNAL - names)}"
    assert not INTERNAL & set(map(label, registered())), (
        f"listed as INTERNAL in {HERE}/expected.py but given a policy: "
        f"{sorted(INTERNAL & set(map(label, registered())))}; move them to ON_OBJECT/ON_MODEL")


def test_the_expectation_table_covers_every_registered_model_and_action():
    rules = {label(model): r for model, r in registered().items()}
    wrong = []
    for name, r in sorted(rules.items()):
        if name not in ON_OBJECT:
            wrong.append(f"ON_OBJECT lacks {name}: add \"{name}\": {_rows(r)}")
        elif set(ON_OBJECT[name]) != set(r.actions):
            wrong.append(f"ON_OBJECT[\"{name}\"] names {sorted(ON_OBJECT[name])}; the policy "
                         f"declares {sorted(r.actions)}")
        if name not in ON_MODEL:
            wrong.append(f"ON_MODEL lacks {name}: add \"{name}\": {{\"view\": ...}} (and "
                         f"\"add\" if declared)")
        elif not set(ON_MODEL[name]) <= set(r.actions):
            wrong.append(f"ON_MODEL[\"{name}\"] names undeclared actions "
                         f"{sorted(set(ON_MODEL[name]) - set(r.actions))}")
    for table, rows in (("ON_OBJECT", ON_OBJECT), ("ON_MODEL", ON_MODEL)):
        wrong += [f"{table} has {name}, which has no registered policy"
                  for name in sorted(set(rows) - set(rules))]
    assert not wrong, f"{HERE}/expected.py is out of date:\n  " + "\n  ".join(wrong) + \
        f"\n{HOW_TO_COVER}"


def test_the_world_has_a_sample_of_every_model_in_the_table(world):
    missing = sorted(set(ON_OBJECT) - set(world.samples))
    assert not missing, f"no sample object in the world fixture for {missing}\n{HOW_TO_COVER}"


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
