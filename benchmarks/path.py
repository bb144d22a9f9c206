"""How long the self-assessment is: the clicks, typed entries and words shown by default on an example's whole path.

Run with `.venv/bin/python benchmarks/path.py [example]` (default: small_rural_gms). It drives the real app
(AppTest from app.py) as a respondent entering the example practice's answers would: Welcome, Start, the
profile, the readiness questions, the twelve design principles, the collaboration components, then Results.
Each widget is set through the page, and each button or link pressed is one it shows; so if the page stopped
moving on after a principle's target, the "Next principle" clicks would be counted.

Clicks: a radio choice, a pill, a button or a link is one; a select box is two (open, choose); a multiselect is one to
open plus one per option chosen. Typed entries (names, numbers, notes) are counted apart. Words shown by
default: the main area's text, question labels and options as drawn, on each page and each principle, leaving
out closed expanders, tabs not chosen and tooltips; a text shown again (the same scale under every question,
a page's introduction on each principle, a
principle's name in its heading and in the list of principles) counts once; the app's stylesheet is not text. The sidebar, the same on every page, is counted apart. Goals (issue 13): at most 60 clicks and 2,000 words from Welcome to the last component.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # so `assessment` and `ui` import when run as a script

from streamlit.testing.v1 import AppTest  # noqa: E402
from streamlit.testing.v1.element_tree import Block, Expander, Tab  # noqa: E402

from assessment.answers import Answers, parse_answers  # noqa: E402
from assessment.content import get_content  # noqa: E402
from ui.nav import PAGES, page_file  # noqa: E402
from ui.state import Keys, widget_key  # noqa: E402

GOAL_CLICKS = 60
GOAL_WORDS = 2000
_MARKUP = re.compile(r":material/[a-z_]+:|:[a-z]+\[|\\|\*\*|[\]_>`]")
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’.,%&/-]*")


def words(text: str) -> int:
    return len(_WORD.findall(_MARKUP.sub(" ", str(text))))


def _texts(element) -> list[str]:
    """What an element shows before anyone opens or hovers over anything."""
    kind = getattr(element, "type", "")
    if kind == "html":  # the app's stylesheet and script: nothing a person reads
        return []
    if kind in ("radio",):
        return [element.label, *element.options]
    if kind == "button_group":  # st.pills: every option in view
        return [element.label, *(option.content for option in element.proto.options)]
    if kind in ("selectbox",):
        return [element.label, element.format_func(element.value) if element.value is not None else ""]
    if kind in ("multiselect", "text_input", "number_input", "text_area", "button", "download_button",
                "checkbox", "file_uploader", "toggle", "date_input"):
        return [getattr(element, "label", "")]
    if kind == "page_link":
        return [element.proto.label]
    if kind == "metric":
        return [element.label, element.value]
    value = getattr(element, "value", None)
    return [value] if isinstance(value, str) else []


def shown_texts(node) -> list[str]:
    """The texts of a block as drawn by default: closed expanders and unchosen tabs give only their labels."""
    texts: list[str] = []
    for child in getattr(node, "children", {}).values():
        if isinstance(child, Expander):
            texts.append(child.label)
            if child.proto.expanded:
                texts.extend(shown_texts(child))
        elif isinstance(child, Block):
            tabs = [c for c in child.children.values() if isinstance(c, Tab)]
            if tabs:
                texts.extend([t.label for t in tabs] + shown_texts(tabs[0]))
            else:
                texts.extend(shown_texts(child))
        else:
            texts.extend(t for t in _texts(child) if t)
    return texts


@dataclass
class Walk:
    at: AppTest
    clicks: int = 0
    typed: int = 0
    words_by_page: dict[str, int] = field(default_factory=dict)
    seen: set[str] = field(default_factory=set)

    def look(self, name: str, node=None) -> None:
        """Count the words of each text not shown before on the path (an option list read once is not re-read)."""
        assert not self.at.exception, self.at.exception
        # The same text escaped differently (a heading and a list naming the same principle) is read once.
        drawn = {" ".join(_MARKUP.sub("", t).split()): t for t in shown_texts(self.at.main if node is None else node)}
        new = [t for plain, t in drawn.items() if plain not in self.seen]
        self.seen.update(drawn)
        self.words_by_page[name] = self.words_by_page.get(name, 0) + sum(words(t) for t in new)

    def click(self, n: int = 1) -> None:
        self.clicks += n
        assert not self.at.exception, self.at.exception

    def follow(self, url_path: str) -> None:
        """Press the page's own link on to the next page (one click)."""
        target = str(page_file(next(p for p in PAGES if p.url_path == url_path)))
        links = [link.proto.page for link in self.at.main.get("page_link")]
        assert any(link.endswith(url_path) for link in links), (url_path, links)
        self.at.switch_page(target).run()
        self.click()


def walk(example: Answers) -> Walk:
    content = get_content()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    w = Walk(at)
    w.look("welcome")
    at.button(key=widget_key("start")).click().run()
    w.click()

    # Practice profile (the example's first practice; a group of practices would add one set per practice)
    w.look("profile")
    practice, profile = example.profile.practices[0], example.profile
    for name, value in (("name", practice.name), ("list_size", practice.list_size),
                        ("gp_partners", practice.gp_partners), ("gp_salaried", practice.gp_salaried),
                        ("nurses", practice.nurses), ("other_staff", practice.other_staff)):
        if value not in (None, ""):
            box = at.text_input(key=widget_key("practice", 0, name)) if name == "name" else \
                at.number_input(key=widget_key("practice", 0, name))
            (box.input(value) if name == "name" else box.set_value(value)).run()
            w.typed += 1
    if practice.setting:
        at.radio(key=widget_key("practice", 0, "setting")).set_value(practice.setting).run()
        w.click()
    if practice.contracts:
        at.pills(key=widget_key("practice", 0, "contracts")).set_value(list(practice.contracts)).run()
        w.click(len(practice.contracts))
    if profile.current_collaborations:
        at.text_area(key=widget_key("profile", "current_collaborations")).input(profile.current_collaborations).run()
        w.typed += 1
    if profile.aims:
        at.multiselect(key=widget_key("profile", "aims")).set_value(list(profile.aims)).run()
        w.click(1 + len(profile.aims))
    for name, value in profile.preferences.model_dump().items():
        if value is not None:
            at.radio(key=widget_key("profile", "pref", name)).set_value(value).run()
            w.click()
    if profile.respondent_role:
        at.radio(key=widget_key("profile", "respondent_role")).set_value(profile.respondent_role).run()
        w.click()
    w.follow("readiness")

    # Readiness, then the design principles one at a time, then the components
    w.look("readiness")
    for question_id, value in example.readiness.items():
        at.radio(key=widget_key("readiness", question_id)).set_value(value).run()
        w.click()
    w.follow("principles")
    for principle in content.principles:
        assert at.radio[0].key == widget_key("principle", principle.number, "current"), at.radio[0].key
        w.look("principles")
        given = example.principles.get(principle.number)
        if given is not None:
            at.radio(key=widget_key("principle", principle.number, "current")).set_value(given.now).run()
            w.click()
            if given.note:
                at.text_area(key=widget_key("principle", principle.number, "note")).input(given.note).run()
                w.typed += 1
            if given.target is not None:
                at.radio(key=widget_key("principle", principle.number, "target")).set_value(given.target).run()
                w.click()
        if principle.number == len(content.principles):
            break
        if at.radio[0].key == widget_key("principle", principle.number, "current"):
            at.button(key=widget_key("principle_next")).click().run()  # the page did not move on by itself
            w.click()
    w.follow("components")
    w.look("components")
    for question_id, value in example.components.items():
        at.radio(key=widget_key("components", question_id)).set_value(value).run()
        w.click()
    w.look("sidebar", at.sidebar)
    answered = at.session_state[Keys.ANSWERS]
    assert answered.readiness == example.readiness and answered.components == example.components
    assert {n: (a.now, a.target) for n, a in answered.principles.items()} == \
        {n: (a.now, a.target) for n, a in example.principles.items()}
    w.follow("results")
    w.look("results")
    return w


def main() -> int:
    name = sys.argv[1] if len(sys.argv) > 1 else "small_rural_gms"
    example = parse_answers((ROOT / "examples" / f"{name}.json").read_bytes())
    w = walk(example)
    answering = sum(n for page, n in w.words_by_page.items() if page not in ("results", "sidebar"))
    print(f"path of the example {name!r} ({example.profile.display_name}), Welcome to the last component:")
    for page, n in w.words_by_page.items():
        print(f"  words shown by default, {page}: {n:,}")
    print(f"clicks: {w.clicks} [goal ≤{GOAL_CLICKS}: {'met' if w.clicks <= GOAL_CLICKS else 'MISSED'}]"
          f" (and {w.typed} typed entries; the last click opens Results)")
    print(f"words shown by default: {answering:,} [goal ≤{GOAL_WORDS:,}: "
          f"{'met' if answering <= GOAL_WORDS else 'MISSED'}] (Results adds {w.words_by_page['results']:,})")
    return 0 if w.clicks <= GOAL_CLICKS and answering <= GOAL_WORDS else 1


if __name__ == "__main__":
    sys.exit(main())
