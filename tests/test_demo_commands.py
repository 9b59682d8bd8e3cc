"""The development commands of the project shell: where they live and what they do."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command, get_commands
from django.core.management.base import CommandError


@pytest.mark.parametrize("command", ["seed_demo", "create_demo_admin"])
def test_the_demo_commands_belong_to_the_project_shell(command):
    assert get_commands()[command] == "webstrella"


@pytest.mark.django_db
def test_create_demo_admin_creates_a_superuser_once(settings):
    settings.DEBUG = True
    out = StringIO()
    call_command("create_demo_admin", stdout=out)
    assert "Created superuser 'admin' with password: " in out.getvalue()
    assert get_user_model().objects.get(username="admin").is_superuser

    out = StringIO()
    call_command("create_demo_admin", stdout=out)
    assert out.getvalue() == "A superuser exists already; no account created.\n"
    assert get_user_model().objects.count() == 1


@pytest.mark.django_db
def test_create_demo_admin_refuses_to_run_with_debug_off():
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("create_demo_admin")
    assert not get_user_model().objects.exists()
