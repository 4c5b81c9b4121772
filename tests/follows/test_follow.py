"""Following and unfollowing through the public routes (F25): signed in only, POST changes,
GET shows the button; the follow button on the pages of projects, fields and goals."""

import pytest
from django.contrib.contenttypes.models import ContentType

from kek.follows.models import Follow
from kek.goals.public import goal_url
from kek.projects.views import project_url

pytestmark = pytest.mark.django_db


def follows(user, obj) -> bool:
    ct = ContentType.objects.get_for_model(obj)
    return Follow.objects.filter(user=user, content_type=ct, object_id=obj.pk).exists()


def home_of(region):
    from kek.cms.models import DistrictHomePage

    return DistrictHomePage.objects.get(region=region)


def test_it_follows_and_unfollows_a_project(client, anna, project):
    client.force_login(anna)
    response = client.post(f"/beteiligung/folgen/projects.project/{project.pk}/", {"next": "/"})
    assert response.status_code == 302 and response["Location"] == "/"
    assert follows(anna, project)
    assert Follow.objects.get(user=anna).district_id == project.region_id
    # Twice is once.
    client.post(f"/beteiligung/folgen/projects.project/{project.pk}/")
    assert Follow.objects.filter(user=anna).count() == 1
    response = client.post(f"/beteiligung/nicht-mehr-folgen/projects.project/{project.pk}/")
    assert response.status_code == 302
    assert response["Location"] == "/beteiligung/benachrichtigungen/"
    assert not follows(anna, project)


def test_it_follows_fields_and_goals(client, anna, field, goal):
    client.force_login(anna)
    client.post(f"/beteiligung/folgen/goals.fieldofaction/{field.pk}/")
    client.post(f"/beteiligung/folgen/goals.strategicgoal/{goal.pk}/")
    assert follows(anna, field) and follows(anna, goal)


def test_it_sends_anonymous_visitors_to_the_sign_in(client, project):
    url = f"/beteiligung/folgen/projects.project/{project.pk}/"
    response = client.post(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/anmelden/")
    assert not Follow.objects.exists()


def test_it_refuses_unknown_kinds_other_districts_and_foreign_next(client, anna, project, field):
    from kek.regions.models import Region

    client.force_login(anna)
    assert client.post(f"/beteiligung/folgen/auth.user/{anna.pk}/").status_code == 404
    assert client.post("/beteiligung/folgen/projects.project/999999/").status_code == 404
    other = Region.objects.filter(level=Region.Level.DISTRICT).exclude(pk=project.region_id)[0]
    project.__class__.objects.filter(pk=project.pk).update(region=other)
    assert client.post(f"/beteiligung/folgen/projects.project/{project.pk}/").status_code == 404
    url = f"/beteiligung/folgen/goals.fieldofaction/{field.pk}/"
    response = client.post(url, {"next": "https://evil.example/"})
    assert response["Location"] == "/beteiligung/benachrichtigungen/"


def test_a_get_shows_the_button_and_changes_nothing(client, anna, project):
    client.force_login(anna)
    response = client.get(f"/beteiligung/folgen/projects.project/{project.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'method="post"' in html and "Folgen" in html
    assert not Follow.objects.exists()


def test_the_project_page_has_the_follow_button(client, anna, project):
    home = home_of(project.region)
    url = project_url(home, project)
    html = client.get(url).content.decode()
    assert "Dafür melden Sie sich an." in html
    # Signed out, the button leads through the sign-in to the follow page and back.
    follow = f"/beteiligung/folgen/projects.project/{project.pk}/"
    response = client.post(f"{follow}?next={url}")
    assert response.status_code == 302 and response["Location"].startswith("/anmelden/")
    client.force_login(anna)
    html = client.get(f"{follow}?next={url}").content.decode()
    assert f'name="next" value="{url}"' in html
    assert not Follow.objects.exists()
    html = client.get(url).content.decode()
    assert f'action="/beteiligung/folgen/projects.project/{project.pk}/"' in html
    assert ">Folgen<" in html
    client.post(f"/beteiligung/folgen/projects.project/{project.pk}/", {"next": url})
    html = client.get(url).content.decode()
    assert f'action="/beteiligung/nicht-mehr-folgen/projects.project/{project.pk}/"' in html
    assert "Nicht mehr folgen" in html


def test_the_field_and_goal_pages_have_the_follow_button(client, anna, field, goal):
    home = home_of(field.concept.region)
    client.force_login(anna)
    html = client.get(goal_url(home, field)).content.decode()
    assert f"/beteiligung/folgen/goals.fieldofaction/{field.pk}/" in html
    html = client.get(goal_url(home, goal)).content.decode()
    assert f"/beteiligung/folgen/goals.strategicgoal/{goal.pk}/" in html
