"""The practice profile as facts a reader can take in: each question with its answer, in the words the pages use.

The CSV writes each fact's code and words; the PDF prints the words. Both read this one list, so neither leaves
a profile answer out.
"""

from __future__ import annotations

from assessment.answers import (
    BODY_ROLE_LABELS,
    CONTRACT_LABELS,
    PREFERENCE_QUESTIONS,
    ROLE_LABELS,
    SETTING_LABELS,
    Answers,
)
from assessment.content_models import Content
from assessment.text import Frozen

PRACTICE_COUNTS = (("list_size", "list size"), ("gp_partners", "GP partners"), ("gp_salaried", "salaried GPs"),
                   ("nurses", "nurses"), ("other_staff", "other staff"))
NOT_ANSWERED = "Not answered"


class ProfileFact(Frozen):
    id: str  # e.g. "practice_1_setting", "aims"
    item: str  # the question, e.g. "Practice 1 setting"
    answer: str | int | float  # as stored: codes joined with ";", a number, or the text typed; "" when unanswered
    words: str  # the answer in words, as the pages give it; "" when the answer is its own words (a name, a number)

    @property
    def shown(self) -> str:
        """The answer as a reader should see it: its words, else the answer itself, else "Not answered"."""
        if self.words:
            return self.words
        if self.answer == "" or self.answer is None:
            return NOT_ANSWERED
        return f"{self.answer:,}" if isinstance(self.answer, int) else f"{self.answer:g}" if isinstance(
            self.answer, float) else str(self.answer)


def number(value: float | int | None) -> str | int | float:
    """A number as a spreadsheet shows it: 25 not 25.0, and six significant figures at most."""
    if value is None:
        return ""
    if isinstance(value, float):
        value = float(f"{value:g}")
        return int(value) if value.is_integer() else value
    return value


def profile_facts(answers: Answers, content: Content) -> list[ProfileFact]:
    """The whole practice profile: each practice's facts, then what the group wants and who answered."""
    profile = answers.profile
    out: list[ProfileFact] = []
    for i, practice in enumerate(profile.practices, start=1):
        out.append(ProfileFact(id=f"practice_{i}_name", item=f"Practice {i} name", answer=practice.name, words=""))
        out.append(ProfileFact(id=f"practice_{i}_setting", item=f"Practice {i} setting", answer=practice.setting or "",
                               words=SETTING_LABELS.get(practice.setting, "") if practice.setting else ""))
        out.append(ProfileFact(id=f"practice_{i}_contracts", item=f"Practice {i} contracts",
                               answer=";".join(practice.contracts),
                               words=", ".join(CONTRACT_LABELS[c] for c in practice.contracts)))
        for field, words in PRACTICE_COUNTS:
            out.append(ProfileFact(id=f"practice_{i}_{field}", item=f"Practice {i} {words}",
                                   answer=number(getattr(practice, field)), words=""))
    labels = {aim.id: aim.label for aim in content.aims}
    out.append(ProfileFact(id="aims", item="What you most want to achieve by working together",
                           answer=";".join(profile.aims), words="; ".join(labels.get(a, a) for a in profile.aims)))
    prefs = profile.preferences
    for field, question, words in PREFERENCE_QUESTIONS:
        value = getattr(prefs, field)
        out.append(ProfileFact(id=f"preference_{field}", item=question,
                               answer="" if value is None else str(value).lower(),
                               words=words.get(value, "") if value is not None else NOT_ANSWERED))
    body = profile.body_role
    out.append(ProfileFact(id="body_role", item="What would the new body do?", answer=body or "",
                           words=BODY_ROLE_LABELS[body] if body else NOT_ANSWERED))
    out.append(ProfileFact(id="current_collaborations", item="How you work with other practices now",
                           answer=profile.current_collaborations, words=""))
    role = profile.respondent_role
    out.append(ProfileFact(id="respondent_role", item="Respondent role", answer=role or "",
                           words=ROLE_LABELS.get(role, "") if role else ""))
    return out
