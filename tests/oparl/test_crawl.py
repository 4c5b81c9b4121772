"""The crawler that checks the OParl API finds each kind of violation (tests/oparl/crawl.py):
a small conformant API passes, and each broken variant names the rule it breaks."""

import copy

import pytest

from .crawl import crawl

ROOT = "https://kek.example/oparl/v1"
T = "https://schema.oparl.org/1.1/"
TIME = "2021-03-01T10:00:00+01:00"


def api() -> dict:
    body = f"{ROOT}/body/1"
    kreistag = {
        "id": f"{ROOT}/organization/1", "type": f"{T}Organization", "body": body,
        "name": "Kreistag", "created": TIME, "modified": TIME,
    }  # fmt: skip
    ag = kreistag | {"id": f"{ROOT}/organization/2", "name": "AG Wirtschaft & Innovation"}
    return {
        f"{ROOT}/system": {
            "id": f"{ROOT}/system", "type": f"{T}System",
            "oparlVersion": "https://schema.oparl.org/1.1/", "body": f"{ROOT}/body",
        },
        f"{ROOT}/body": page([body_object(body)], f"{ROOT}/body", 1, 1),
        body: body_object(body),
        # Copies: an embedded object and the one at its own URL are separate answers.
        f"{body}/organization": page([dict(kreistag)], f"{body}/organization", 1, 2),
        f"{body}/organization?page=2": page([dict(ag)], f"{body}/organization", 2, 2),
        kreistag["id"]: kreistag,
        ag["id"]: ag,
    }  # fmt: skip


def body_object(url: str) -> dict:
    return {
        "id": url, "type": f"{T}Body", "system": f"{ROOT}/system", "name": "Nordsachsen",
        "organization": f"{url}/organization", "person": f"{url}/person",
        "meeting": f"{url}/meeting", "paper": f"{url}/paper",
        "legislativeTerm": [], "created": TIME, "modified": TIME,
    }  # fmt: skip


def page(data: list, url: str, number: int, pages: int) -> dict:
    links = {"first": url, "self": url if number == 1 else f"{url}?page={number}"}
    if number < pages:
        links["next"] = f"{url}?page={number + 1}"
    return {
        "data": data,
        "pagination": {"currentPage": number, "totalPages": pages, "elementsPerPage": 1},
        "links": links,
    }


def fetcher(answers: dict, cors: bool = True):
    def fetch(url: str):
        if url not in answers:
            return 404, {}, None
        return 200, {"Access-Control-Allow-Origin": "*"} if cors else {}, answers[url]

    return fetch


def run(answers: dict, **kwargs) -> list[str]:
    # Unreached list URLs (person, meeting, paper) answer 404 in this small API; only the
    # problems of the mutation count.
    found = crawl(fetcher(answers, **kwargs), f"{ROOT}/system").problems
    return [p for p in found if "answered 404" not in p]


def test_a_conformant_api_passes():
    assert run(api()) == []


def test_it_reaches_every_page_and_object():
    result = crawl(fetcher(api()), f"{ROOT}/system")
    assert f"{ROOT}/organization/2" in result.objects
    assert f"{ROOT}/body/1/organization?page=2" in result.pages


def mutated(change) -> dict:
    answers = copy.deepcopy(api())
    change(answers)
    return answers


ORG = f"{ROOT}/organization/1"


@pytest.mark.parametrize(
    ("change", "rule"),
    [
        (lambda a: a[ORG].update(id=f"{ROOT}/organization/9"), "is not the object's URL"),
        (lambda a: a[ORG].update(modified="2021-03-01T09:00:00Z"), "is no yyyy-mm-ddThh:mm:ss"),
        (lambda a: a[ORG].update(created="2021-03-01T10:00:00.5+01:00"), "is no yyyy-mm-ddT"),
        (lambda a: a[ORG].update(shortName=""), "shortName is empty"),
        (lambda a: a[ORG].update(classification=None), "classification is empty"),
        (lambda a: a[ORG].update(startDate="1.8.2008"), "is no yyyy-mm-dd date"),
        (lambda a: a[ORG].update(name=7), "schema: name: 7 is not of type 'string'"),
        (
            lambda a: a[f"{ROOT}/body/1/organization"]["links"].pop("next"),
            "links.next must be on every page but the last",
        ),
        (
            lambda a: a[f"{ROOT}/body/1/organization"]["data"][0].update(name="Anders"),
            "embedded in",
        ),
        (
            lambda a: a[ORG].update(deleted=True),
            "a deleted object shows ['body', 'name']",
        ),
    ],
)
def test_each_broken_rule_is_named(change, rule):
    found = run(mutated(change))
    assert any(rule in problem for problem in found), found


def test_a_missing_cors_header_is_named():
    assert any("Access-Control-Allow-Origin" in p for p in run(api(), cors=False))
