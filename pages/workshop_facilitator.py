"""Facilitate a workshop: create or open one, watch answers arrive, agree levels, compare, export and delete."""

from __future__ import annotations

import streamlit as st

from assessment.content import get_content
from assessment.errors import GroupUpError
from assessment.storage import Storage, format_code, get_storage
from assessment.workshop import (
    MIN_GROUP_SIZE,
    SECTION_LABELS,
    Aggregate,
    Workshop,
    aggregate_participants,
    compare_workshops,
    consensus_for,
    export_stem,
    question_rows,
    shared_practices,
    workshop_csv,
    workshop_details,
    workshop_pdf,
)
from assessment.workshop_charts import (
    comparison_chart,
    comparison_table,
    consensus_table,
    disagreement_chart,
    disagreement_table,
    distribution_chart,
    distribution_table,
    heatmap_chart,
    heatmap_table,
    pdf_charts,
    principle_labels,
    responses_chart,
    responses_table,
)
from ui.autosave import app_base_url, client_keys
from ui.state import Keys, flash, forget_widgets, get_value, seed, set_value, widget_key, widget_value
from ui.widgets import escape_markdown

REFRESH = "5s"  # how often the dashboard looks for new answers
DELETE_WORD = "DELETE"
NO_LEVEL = "Not agreed yet"


def context() -> dict:
    """This facilitator's workshops in this tab: the one open, any just created, and every one opened."""
    return get_value(Keys.FACILITATOR) or {"workshop_id": None, "new_key": None, "opened": {}, "compare_with": None}


def _open(workshop: Workshop, new_key: str | None = None) -> None:
    ctx = context()
    opened = dict(ctx["opened"]) | {workshop.id: workshop.name}
    set_value(Keys.FACILITATOR, ctx | {"workshop_id": workshop.id, "new_key": new_key, "opened": opened,
                                       "compare_with": None})
    forget_widgets("ws_agree")


def _create(storage: Storage) -> None:
    try:
        name, practices, sections = workshop_details(
            widget_value(widget_key("ws_new", "name")) or "", widget_value(widget_key("ws_new", "practices")) or "",
            widget_value(widget_key("ws_new", "sections")) or [])
        created = storage.create_workshop(name, practices, sections)
    except GroupUpError as exc:
        flash("error", escape_markdown(str(exc)))
        return
    _open(created.workshop, new_key=created.facilitator_key)
    forget_widgets("ws_new")


def _open_with_key(storage: Storage) -> None:
    key = widget_value(widget_key("ws_open", "key")) or ""
    try:
        workshop = storage.workshop_by_key(key, client_keys())
    except GroupUpError as exc:
        flash("error", escape_markdown(str(exc)))
        return
    _open(workshop)
    forget_widgets("ws_open")


def _key_written_down() -> None:
    set_value(Keys.FACILITATOR, context() | {"new_key": None})


def _close() -> None:
    set_value(Keys.FACILITATOR, context() | {"workshop_id": None, "new_key": None, "compare_with": None})


def start(storage: Storage) -> None:
    create, reopen = st.tabs(["Create a workshop", "Open a workshop"])
    with create:
        st.write("Everyone at the away-day answers on their own phone or laptop. You see the group's answers "
                 "together, never who gave which.")
        st.text_input("Workshop name", key=widget_key("ws_new", "name"), max_chars=200,
                      placeholder="North Locality away-day, March")
        st.text_area("Practices taking part (one per line)", key=widget_key("ws_new", "practices"), height=120,
                     placeholder="Ash Surgery\nBeech Practice")
        seed(widget_key("ws_new", "sections"), list(SECTION_LABELS))
        st.multiselect("Parts of the assessment to answer", options=list(SECTION_LABELS),
                       format_func=SECTION_LABELS.get, key=widget_key("ws_new", "sections"))
        st.button("Create workshop", key=widget_key("ws_new", "create"), type="primary", on_click=_create,
                  args=(storage,), icon=":material/add:")
    with reopen:
        st.text_input("Facilitator key", key=widget_key("ws_open", "key"), type="password",
                      help="The long key shown when the workshop was created.")
        st.button("Open workshop", key=widget_key("ws_open", "open"), on_click=_open_with_key, args=(storage,),
                  icon=":material/lock_open:")


def codes(workshop: Workshop, new_key: str | None) -> None:
    join = format_code(workshop.join_code)
    link = f"{app_base_url()}/join?code={join}"
    with st.container(border=True):
        left, right = st.columns([1, 2])
        left.markdown(f"Join code\n\n## {join}")
        right.markdown("Participants open **Join a workshop** and type this code, or use this link:")
        right.code(link, language=None, wrap_lines=True)
    if new_key:
        # Shown until the facilitator says it is written down, then never again: the dashboard is projected.
        with st.container(border=True):
            st.warning("**Write down your facilitator key now, before you project this screen.** It reopens this "
                       "workshop's results, and it is shown only this once: GroupUp keeps only a scrambled copy, "
                       "so it cannot show it again or recover it.", icon=":material/key:")
            st.code(new_key, language=None)
            st.button("I have written it down: hide the key", key=widget_key("ws", "key_done"), type="primary",
                      on_click=_key_written_down, icon=":material/visibility_off:")


def _metric_counts(agg: Aggregate) -> None:
    columns = st.columns(3)
    columns[0].metric("Responses", agg.participants)
    columns[1].metric("Practices answering", sum(1 for n in agg.by_practice.values() if n))
    columns[2].metric("Principles with disagreement", sum(1 for p in agg.principles if p.disagreement))


def _chart_with_table(chart, table, title: str, key: str) -> None:
    st.altair_chart(chart, key=widget_key("ws_chart", key))
    with st.expander(f"{title} as a table"):
        st.dataframe(table, hide_index=True, key=widget_key("ws_table", key))


@st.fragment(run_every=REFRESH)
def dashboard(storage: Storage, workshop_id: int, first_load: dict) -> None:
    """Redrawn every few seconds from the database, so new answers appear without anyone pressing anything.

    first_load holds what the page has just read, used once: a fragment's own reruns get the same argument
    object back, by then empty, and read afresh. So a full rerun reads the answers once, not twice.
    """
    content = get_content()
    try:
        workshop = storage.workshop(workshop_id)
        participants = first_load.pop("participants", None)
        if participants is None:
            participants = storage.participants(workshop_id)
    except GroupUpError as exc:
        st.error(escape_markdown(str(exc)))
        return
    agg = aggregate_participants(participants, workshop.practices)
    _metric_counts(agg)
    if not agg.participants:
        st.info("No answers yet. Share the join code: answers appear here as people give them.")
        return
    st.subheader("Who has answered")
    _chart_with_table(responses_chart(agg), responses_table(agg), "Responses by practice and role", "responses")
    if "principles" in workshop.sections:
        st.subheader("Where people place each principle")
        st.caption("Each dot is a level someone chose, larger where more chose it; the dark bar is the median. "
                   "Red marks principles where views range by two levels or more.")
        _chart_with_table(distribution_chart(agg, content), distribution_table(agg, content),
                          "Levels per principle", "distribution")
        st.subheader("Disagreement within roles and within practices")
        st.caption(f"Roles and practices with fewer than {MIN_GROUP_SIZE} answers are left out here, so that no "
                   "one person's answers are shown on their own.")
        by_role, by_practice = st.tabs(["By role", "By practice"])
        with by_role:
            _chart_with_table(disagreement_chart(agg, content, "role"), disagreement_table(agg, content, "role"),
                              "Range of views by role", "by_role")
        with by_practice:
            _chart_with_table(disagreement_chart(agg, content, "practice"),
                              disagreement_table(agg, content, "practice"), "Range of views by practice",
                              "by_practice")
        st.subheader("Compatibility: each practice's median level")
        st.caption("Practices whose columns look alike start from similar places; large differences are worth "
                   "talking through before choosing how closely to work together.")
        _chart_with_table(heatmap_chart(agg, content), heatmap_table(agg, content), "Median level by practice",
                          "heatmap")
    for section in (content.readiness, content.components):
        if section.id in workshop.sections:
            st.subheader(escape_markdown(section.title))
            headers, rows = question_rows(participants, section)
            st.dataframe([dict(zip(headers, row, strict=True)) for row in rows], hide_index=True,
                         key=widget_key("ws_table", section.id))


def _save_agreed(storage: Storage, workshop_id: int, number: int) -> None:
    level = widget_value(widget_key("ws_agree", number, "level"))
    note = widget_value(widget_key("ws_agree", number, "note")) or ""
    try:
        # The range kept beside the agreed level is the room's as it is now, not as the page was drawn.
        workshop = storage.workshop(workshop_id)
        now = aggregate_participants(storage.participants(workshop_id), workshop.practices)
        storage.save_consensus(workshop_id, consensus_for(now.principle(number),
                                                          None if level == NO_LEVEL else level, note))
    except GroupUpError as exc:
        flash("error", escape_markdown(str(exc)))


def agree(storage: Storage, workshop: Workshop, agg: Aggregate) -> None:
    content = get_content()
    labels = principle_labels(content)
    agreed = storage.consensus(workshop.id)
    st.write("After discussing each principle, record the level the group agrees on. The spread of individual "
             "views is kept beside it, so the report shows how much the room agreed.")
    for summary in agg.principles:
        n = summary.principle
        views = (f"individual views {summary.spread.low} to {summary.spread.high}, median "
                 f"{summary.spread.median:g}" if summary.spread.n else "no individual views yet")
        flag = " :red[· views 2+ levels apart]" if summary.disagreement else ""
        with st.container(border=True):
            st.markdown(f"**{escape_markdown(labels[n])}**  \n:gray[{views}]{flag}")
            given = agreed.get(n)
            left, right = st.columns([1, 2])
            seed(widget_key("ws_agree", n, "level"), given.level if given and given.level is not None else NO_LEVEL)
            left.selectbox("Agreed level", options=[NO_LEVEL, 0, 1, 2, 3, 4], key=widget_key("ws_agree", n, "level"),
                           on_change=_save_agreed, args=(storage, workshop.id, n))
            seed(widget_key("ws_agree", n, "note"), given.note if given else "")
            right.text_input("Note (optional)", key=widget_key("ws_agree", n, "note"), max_chars=2000,
                             on_change=_save_agreed, args=(storage, workshop.id, n))
    with st.expander("Agreed levels as a table"):
        st.dataframe(consensus_table(agg, storage.consensus(workshop.id), content), hide_index=True)


def _choose_previous(storage: Storage) -> None:
    key = widget_value(widget_key("ws_compare", "key")) or ""
    try:
        previous = storage.workshop_by_key(key, client_keys())
    except GroupUpError as exc:
        flash("error", escape_markdown(str(exc)))
        return
    ctx = context()
    set_value(Keys.FACILITATOR, ctx | {"compare_with": previous.id,
                                       "opened": dict(ctx["opened"]) | {previous.id: previous.name}})
    forget_widgets("ws_compare")


def _pick_previous() -> None:
    set_value(Keys.FACILITATOR, context() | {"compare_with": widget_value(widget_key("ws_compare", "pick"))})


WHOLE_ROOM = "The whole room"


def reassess(storage: Storage, workshop: Workshop) -> None:
    ctx = context()
    st.write("Compare this workshop with an earlier one, for example last year's away-day, to see what has moved.")
    others = {i: name for i, name in ctx["opened"].items() if i != workshop.id}
    if others:
        seed(widget_key("ws_compare", "pick"), ctx["compare_with"] if ctx["compare_with"] in others else None)
        st.selectbox("An earlier workshop you opened in this session", options=list(others), format_func=others.get,
                     index=None, key=widget_key("ws_compare", "pick"), on_change=_pick_previous)
    st.text_input("Or the earlier workshop's facilitator key", key=widget_key("ws_compare", "key"), type="password")
    st.button("Compare", key=widget_key("ws_compare", "go"), on_click=_choose_previous, args=(storage,))
    previous_id = ctx["compare_with"]
    if previous_id is None or previous_id == workshop.id:
        return
    try:
        previous = storage.workshop(previous_id)
        before, after = storage.participants(previous_id), storage.participants(workshop.id)
        before_agreed, after_agreed = storage.consensus(previous_id), storage.consensus(workshop.id)
    except GroupUpError as exc:
        st.error(escape_markdown(str(exc)))
        return
    both = shared_practices(previous, workshop)
    who = st.selectbox("Compare", options=[WHOLE_ROOM, *both], key=widget_key("ws_compare", "practice"),
                       help="One practice's people in both workshops, or everyone. Agreed levels belong to the "
                            "whole room, so a single practice is compared on its median levels.")
    if not both:
        st.caption("No practice took part in both workshops, so only the whole room can be compared.")
    changes = compare_workshops(before, after, before_agreed, after_agreed, get_content(),
                                practice=None if who == WHOLE_ROOM else who)
    st.subheader(f"{escape_markdown(previous.name)} → {escape_markdown(workshop.name)}")
    if who != WHOLE_ROOM:
        st.caption(escape_markdown(f"{who} only"))
    _chart_with_table(comparison_chart(changes), comparison_table(changes), "Change per principle", "compare")


def export(storage: Storage, workshop: Workshop) -> None:
    content = get_content()
    stem = export_stem(workshop)

    def csv_bytes() -> bytes:
        return workshop_csv(workshop, storage.participants(workshop.id), storage.consensus(workshop.id), content)

    def pdf_bytes() -> bytes:
        people = storage.participants(workshop.id)
        fresh = aggregate_participants(people, workshop.practices)
        return workshop_pdf(workshop, fresh, storage.consensus(workshop.id), content, participants=people,
                            charts=pdf_charts(workshop, fresh, content))

    st.write("Every individual answer (numbered, not named) and the agreed levels, for a spreadsheet:")
    st.download_button("Download workshop CSV", data=csv_bytes, file_name=f"{stem}.csv", mime="text/csv",
                       key=widget_key("ws_export", "csv"), on_click="ignore", icon=":material/table:")
    st.write("The group's summary as a printable PDF, using the agreed levels where recorded:")
    st.download_button("Download workshop PDF", data=pdf_bytes, file_name=f"{stem}.pdf", mime="application/pdf",
                       key=widget_key("ws_export", "pdf"), on_click="ignore", icon=":material/picture_as_pdf:")


def _delete(storage: Storage, workshop_id: int) -> None:
    if (widget_value(widget_key("ws_delete", "confirm")) or "").strip() != DELETE_WORD:
        flash("error", f"Type {DELETE_WORD} in the box to confirm.")
        return
    try:
        storage.delete_workshop(workshop_id)
    except GroupUpError as exc:
        flash("error", escape_markdown(str(exc)))
        return
    ctx = context()
    opened = {i: name for i, name in ctx["opened"].items() if i != workshop_id}
    set_value(Keys.FACILITATOR, ctx | {"workshop_id": None, "new_key": None, "opened": opened, "compare_with": None})
    forget_widgets("ws_delete")
    flash("success", "The workshop and every answer given in it have been deleted.")


def delete(storage: Storage, workshop: Workshop) -> None:
    st.write("Deleting removes the workshop, every participant's answers and the agreed levels for good. "
             "Download the CSV or PDF first if you need them. Participants' personal links stop working.")
    st.text_input(f"Type {DELETE_WORD} to confirm", key=widget_key("ws_delete", "confirm"))
    st.button("Delete this workshop", key=widget_key("ws_delete", "go"), type="primary", on_click=_delete,
              args=(storage, workshop.id), icon=":material/delete_forever:")


st.title("Facilitate a workshop")
try:
    storage = get_storage()
except GroupUpError as exc:
    st.error(escape_markdown(str(exc)))
    st.stop()

ctx = context()
if ctx["workshop_id"] is None:
    start(storage)
    st.stop()

try:
    workshop = storage.workshop(ctx["workshop_id"])
except GroupUpError as exc:
    _close()
    st.error(escape_markdown(str(exc)))
    st.stop()

st.header(escape_markdown(workshop.name))
st.caption("Answering: " + ", ".join(SECTION_LABELS[s] for s in workshop.sections) + " · Practices: "
           + escape_markdown(", ".join(workshop.practices)))
codes(workshop, ctx["new_key"])
st.button("Close this workshop", key=widget_key("ws", "close"), on_click=_close, icon=":material/logout:")

people = storage.participants(workshop.id)
current = aggregate_participants(people, workshop.practices)
tabs = st.tabs(["Dashboard", "Agree levels", "Compare with earlier", "Export", "Delete"])
with tabs[0]:
    dashboard(storage, workshop.id, {"participants": people})
with tabs[1]:
    if "principles" in workshop.sections:
        agree(storage, workshop, current)
    else:
        st.info("This workshop does not include the design principles, so there are no levels to agree.")
with tabs[2]:
    reassess(storage, workshop)
with tabs[3]:
    export(storage, workshop)
with tabs[4]:
    delete(storage, workshop)
