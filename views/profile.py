"""Practice profile: the practices taking part, what they want from working together, and who is answering."""

from __future__ import annotations

from typing import Any

import streamlit as st
from pydantic import ValidationError

from assessment.answers import (
    BODY_ROLE_LABELS,
    CONTRACT_LABELS,
    PREFERENCE_QUESTIONS,
    ROLE_LABELS,
    SETTING_LABELS,
    Answers,
    Practice,
    Profile,
)
from assessment.content import get_content
from ui.state import flash, forget_widgets, get_answers, seed, update_answers, widget_key, widget_value
from ui.widgets import escape_markdown, kept_text, page_link

COUNTS = (  # field, label, largest value the model accepts
    ("list_size", "Registered patients (list size)", 2_000_000),
    ("gp_partners", "GP partners", 1000),
    ("gp_salaried", "Salaried GPs", 1000),
    ("nurses", "Nurses", 5000),
    ("other_staff", "Other staff", 20000),
)
HELP = {
    "contracts": "GMS: the national General Medical Services contract. PMS: a Personal Medical Services contract, "
                 "agreed locally. APMS: an Alternative Provider Medical Services contract, which other kinds of "
                 "provider can hold too. Choose every contract the practice holds.",
    "autonomy": "How much each practice keeps its independence: its own contract, partners and decisions. Looser "
                "arrangements such as alliances keep more of it; a merger keeps least.",
    "profit": "Some legal forms can share a profit among their owners. Others must put any surplus back into "
              "their purpose, which some commissioners and staff prefer.",
    "need_capital": "Capital is money to invest, for example in premises, equipment or new services. Some legal "
                    "forms can raise it by selling shares; others must borrow or use the partners' money.",
    "nhs_pension": "Whether it matters that GPs and staff working for the new organisation can stay in the NHS "
                   "Pension Scheme. Whether they can depends on the legal form and the contract it holds.",
    "limited_liability": "With limited liability, owners' personal money and homes are protected if the "
                         "organisation runs up debts. Partners in an ordinary partnership are personally liable.",
    "body_role": "Some of the guidance's rules are about holding the core contracts: for example, it says GP "
                 "co-operatives cannot hold GMS or PMS contracts, yet co-operatives such as BADGER arrange "
                 "out-of-hours care beside their members' own contracts. Which rules apply depends on this answer.",
    "aims": "Choose the reasons that matter most to you. They are used to suggest case studies and structures.",
    "collaborations": "For example a shared nurse, a joint bid, a locality group or a shared building.",
}


def _key(*parts: object) -> str:
    return widget_key("profile", *parts)


def _practice_key(index: int, field: str) -> str:
    # Practice widgets share the prefix "practice", so they can all be re-seeded after a removal.
    return widget_key("practice", index, field)


TEXT_LIMITS = {"name": (Practice.text_limit("name"), "A practice name"),
               "current_collaborations": (Profile.text_limit("current_collaborations"),
                                          "How you work with other practices now")}


def _apply(key: str, change: Any, field: str = "") -> None:
    """Write a widget's value into the answers; a value the model refuses is put back, with a message."""
    value = kept_text(key, *TEXT_LIMITS[field]) if field in TEXT_LIMITS else widget_value(key)
    try:
        update_answers(lambda answers: change(answers, value))
    except ValidationError:
        forget_widgets("practice")
        forget_widgets("profile")
        flash("warning", "That value could not be kept, so the saved one has been put back.")


def _save_practice(index: int, field: str) -> None:
    _apply(_practice_key(index, field), lambda a, v: setattr(a.profile.practices[index], field, v), field)


def _save_profile(field: str) -> None:
    _apply(_key(field), lambda a, v: setattr(a.profile, field, v), field)


def _save_preference(field: str) -> None:
    _apply(_key("pref", field), lambda a, v: setattr(a.profile.preferences, field, v))


def _add_practice() -> None:
    update_answers(lambda a: a.profile.practices.append(Practice()))


def _remove_practice(index: int) -> None:
    def change(answers: Answers) -> None:
        if len(answers.profile.practices) > 1:
            del answers.profile.practices[index]

    update_answers(change)
    # The practices after it move up one place, so every practice widget is seeded afresh.
    forget_widgets("practice")


def practice_editor(index: int, practice: Practice, count: int) -> None:
    name = practice.name.strip() or f"Practice {index + 1}"
    with st.container(border=True):
        st.markdown(f"**{escape_markdown(name)}**")
        left, right = st.columns([3, 2])
        seed(_practice_key(index, "name"), practice.name)
        left.text_input("Practice name", key=_practice_key(index, "name"),
                        on_change=_save_practice, args=(index, "name"))
        seed(_practice_key(index, "setting"), practice.setting)
        right.radio("Setting", options=list(SETTING_LABELS), format_func=SETTING_LABELS.__getitem__, index=None,
                    horizontal=True, key=_practice_key(index, "setting"), on_change=_save_practice,
                    args=(index, "setting"))
        for column, (field, label, largest) in zip(st.columns(len(COUNTS)), COUNTS, strict=True):
            seed(_practice_key(index, field), getattr(practice, field))
            column.number_input(label, min_value=0, max_value=largest, value=None, step=1,
                                key=_practice_key(index, field), on_change=_save_practice, args=(index, field))
        seed(_practice_key(index, "contracts"), list(practice.contracts))
        # Three short choices, all in view: one click each, rather than opening a list first.
        st.pills("Contract types held", options=list(CONTRACT_LABELS), format_func=CONTRACT_LABELS.__getitem__,
                 selection_mode="multi", key=_practice_key(index, "contracts"), help=HELP["contracts"],
                 on_change=_save_practice, args=(index, "contracts"))
        if count > 1:
            st.button("Remove this practice", key=widget_key("remove_practice", index), icon=":material/delete:",
                      on_click=_remove_practice, args=(index,))


def preference_radio(field: str, label: str, labels: dict[Any, str], value: Any) -> None:
    seed(_key("pref", field), value)
    st.radio(label, options=list(labels), format_func=labels.__getitem__, index=None, horizontal=True,
             key=_key("pref", field), help=HELP[field], on_change=_save_preference, args=(field,))


content = get_content()
answers = get_answers()
profile = answers.profile

st.title("Practice profile")
st.write("Tell us about the practice, or the practices, thinking of working together. Figures can be rough; "
         "leave anything you do not know blank.")

st.header("Practices", divider="grey")
for index, practice in enumerate(profile.practices):
    practice_editor(index, practice, len(profile.practices))
if len(profile.practices) < 50:
    st.button("Add another practice", key=widget_key("add_practice"), icon=":material/add:", on_click=_add_practice)

st.header("Working together now", divider="grey")
seed(_key("current_collaborations"), profile.current_collaborations)
st.text_area("How do you work with other practices now?", key=_key("current_collaborations"),
             help=HELP["collaborations"], on_change=_save_profile, args=("current_collaborations",))
aims = {aim.id: aim.label for aim in content.aims}
seed(_key("aims"), [a for a in profile.aims if a in aims])
st.multiselect("What do you most want to achieve by working together?", options=list(aims),
               format_func=aims.__getitem__, key=_key("aims"), help=HELP["aims"], on_change=_save_profile,
               args=("aims",))

st.header("What you want from a structure", divider="grey")
seed(_key("body_role"), profile.body_role)
st.radio("What would the new body do?", options=list(BODY_ROLE_LABELS), format_func=BODY_ROLE_LABELS.__getitem__,
         index=None, key=_key("body_role"), help=HELP["body_role"], on_change=_save_profile, args=("body_role",))
for field, question, labels in PREFERENCE_QUESTIONS:
    preference_radio(field, question, labels, getattr(profile.preferences, field))

st.header("About you", divider="grey")
seed(_key("respondent_role"), profile.respondent_role)
st.radio("Your role", options=list(ROLE_LABELS), format_func=ROLE_LABELS.__getitem__, index=None, horizontal=True,
         key=_key("respondent_role"), on_change=_save_profile, args=("respondent_role",))

page_link("readiness", label="Next: readiness questions", icon=":material/arrow_forward:")
