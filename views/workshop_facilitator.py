"""Facilitate a workshop: create or open one, watch answers arrive, agree levels, compare, export and delete."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from assessment.answers import ACTION_STATUS_LABELS, DUE_EARLIEST, DUE_LATEST, ROLE_LABELS
from assessment.content import get_content
from assessment.errors import GroupUpError, WorkshopNotFound
from assessment.services import record_agreed_level
from assessment.storage import Storage, StorageError, format_code, get_storage
from assessment.workshop import (
    DEFAULT_MIN_GROUP,
    HEATMAP_LEAD,
    LEVELS,
    MAX_MIN_GROUP,
    MIN_GROUP_SIZE,
    NOT_SHOWN,
    SECTION_LABELS,
    Aggregate,
    Workshop,
    answers_given,
    check_min_group,
    compare_workshops,
    export_stem,
    level_names,
    not_shown_note,
    plan_item,
    question_rows,
    shared_practices,
    withheld_questions_note,
    workshop_aggregate,
    workshop_csv,
    workshop_details,
    workshop_gaps,
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
    gaps_table,
    heatmap_chart,
    heatmap_table,
    join_qr_png,
    pdf_charts,
    plan_table,
    principle_labels,
    responses_chart,
    responses_table,
)
from ui.autosave import app_base_url, client_keys
from ui.retry import OFFLINE, back_online, offline_retrying
from ui.state import Keys, flash, forget_widgets, get_value, reset_widget, seed, set_value, widget_key, widget_value
from ui.widgets import escape_markdown, or_flash

REFRESH = "5s"  # how often the dashboard looks for new answers
DELETE_WORD = "DELETE"
NO_LEVEL = "Not agreed yet"


def context() -> dict:
    """This facilitator's workshops in this tab: the one open, any just created, and every one opened."""
    return get_value(Keys.FACILITATOR) or {"workshop_id": None, "new_key": None, "opened": {}, "compare_with": None}


def _open(workshop: Workshop, new_key: str | None = None) -> None:
    ctx = context()
    opened = dict(ctx["opened"]) | {workshop.id: workshop.name}
    # The workshop itself is kept too, so that a failed read later never loses the page, or the key.
    set_value(Keys.FACILITATOR, ctx | {"workshop_id": workshop.id, "new_key": new_key, "opened": opened,
                                       "compare_with": None, "workshop": workshop})
    forget_widgets("ws_agree")


def _create(storage: Storage) -> None:
    try:
        name, practices, sections = workshop_details(
            widget_value(widget_key("ws_new", "name")) or "", widget_value(widget_key("ws_new", "practices")) or "",
            widget_value(widget_key("ws_new", "sections")) or [])
        min_group = check_min_group(widget_value(widget_key("ws_new", "min_group")))
        created = storage.create_workshop(name, practices, sections, min_group=min_group)
    except GroupUpError as exc:
        flash("error", escape_markdown(str(exc)))
        return
    _open(created.workshop, new_key=created.facilitator_key)
    forget_widgets("ws_new")


def _open_with_key(storage: Storage) -> None:
    key = widget_value(widget_key("ws_open", "key")) or ""
    workshop = or_flash(lambda: storage.workshop_by_key(key, client_keys()))
    if workshop is None:
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
        # Defaults are given to the widgets themselves, not seeded into session state: a seeded value reaches the
        # browser only on the run that seeds it, so a run cut short by the next click left the browser showing,
        # and sending back, the widget's own default (the minimum, 2, for the number box).
        st.multiselect("Parts of the assessment to answer", options=list(SECTION_LABELS), default=list(SECTION_LABELS),
                       format_func=SECTION_LABELS.get, key=widget_key("ws_new", "sections"))
        st.number_input("Smallest group to show", min_value=MIN_GROUP_SIZE, max_value=MAX_MIN_GROUP, step=1,
                        value=DEFAULT_MIN_GROUP, key=widget_key("ws_new", "min_group"),
                        help="No practice, role, or practice and role with fewer people than this is shown anywhere "
                             "(dashboard, CSV or PDF), so that nobody's answers can be picked out. At least 2.")
        st.button("Create workshop", key=widget_key("ws_new", "create"), type="primary", on_click=_create,
                  args=(storage,), icon=":material/add:")
    with reopen:
        st.text_input("Facilitator key", key=widget_key("ws_open", "key"), type="password",
                      help="The long key shown when the workshop was created.")
        st.button("Open workshop", key=widget_key("ws_open", "open"), on_click=_open_with_key, args=(storage,),
                  icon=":material/lock_open:")


def join_link(workshop: Workshop) -> str:
    return f"{app_base_url()}/join?code={format_code(workshop.join_code)}"


def codes(workshop: Workshop, new_key: str | None) -> None:
    join = format_code(workshop.join_code)
    link = join_link(workshop)
    with st.container(border=True):
        qr, words = st.columns([2, 3], vertical_alignment="center")
        qr.image(join_qr_png(link), width="stretch", caption="Scan to join")
        words.markdown(f"Join code\n\n# {join}")
        words.markdown("Participants scan the code, or open **Join a workshop** and type the code, or use this link:")
        words.code(link, language=None, wrap_lines=True)
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
    columns = st.columns(4)
    columns[0].metric("People joined", agg.participants)
    columns[1].metric("People finished", agg.finished)
    columns[2].metric("Practices shown", len(agg.by_practice))
    columns[3].metric("Principles with disagreement", sum(1 for p in agg.principles if p.disagreement))


def _left_out(agg: Aggregate, *kinds: str) -> None:
    """What a view left out, in a container of its own, which stays in place when there is nothing to say."""
    note = agg.left_out(*kinds)
    with st.container():
        if note:
            st.caption(note)


def _chart_with_table(chart, table, title: str, key: str, note: str = "") -> None:
    st.altair_chart(chart, key=widget_key("ws_chart", key))
    with st.expander(f"{title} as a table"):
        st.dataframe(table, hide_index=True, key=widget_key("ws_table", key))
        if note:
            st.caption(note)


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
        agg = first_load.pop("aggregate", None)
        if participants is None:
            participants = storage.participants(workshop_id)
    except WorkshopNotFound as exc:
        st.error(escape_markdown(str(exc)))
        return
    except GroupUpError:
        # Keep the facilitator where they are; the next refresh tries again.
        st.warning(OFFLINE, icon=":material/cloud_off:")
        return
    if agg is None:
        agg = workshop_aggregate(workshop, participants)
    _metric_counts(agg)
    if not agg.participants:
        st.info("No answers yet. Share the join code: answers appear here as people give them.")
        return
    # Every part whose content comes and goes (a chart that replaces a note once a group is big enough, a
    # "left out" caption) sits in a container of its own, so the dashboard's layout keeps one shape as answers
    # arrive. Without that, the first practice to reach the smallest group moved every later element down
    # one place, and the browser redrew them afresh: the facilitator's tab, open tables and scroll were lost.
    st.subheader("Who has answered")
    with st.container():
        if agg.by_practice:
            table = responses_table(agg)
            _chart_with_table(responses_chart(agg), table, "Responses by practice and role", "responses",
                              note=not_shown_note(agg.min_group) if table.isin([NOT_SHOWN]).any(axis=None) else "")
        else:
            st.info(f"No practice has {workshop.min_group} or more people answering yet, so none is shown.")
    _left_out(agg, "practices", "roles", "pairs")
    if "principles" in workshop.sections:
        st.subheader("Where people place each principle, now and as a target")
        st.caption("Each dot is a level someone chose, larger where more chose it; the dark bar is the median. "
                   "Red dots: views 2+ levels apart (the principle's views range by two levels or more). Blue dots: "
                   "views within 1 level.")
        now, target = st.columns(2)
        with now:
            _chart_with_table(distribution_chart(agg, content), distribution_table(agg, content),
                              "Levels and targets per principle", "distribution")
        with target:
            st.altair_chart(distribution_chart(agg, content, "target"), key=widget_key("ws_chart", "targets"))
        _left_out(agg, "principles")
        st.subheader("Disagreement within roles and within practices")
        by_role, by_practice = st.tabs(["By role", "By practice"])
        with by_role, st.container():
            if agg.by_role_spread:
                _chart_with_table(disagreement_chart(agg, content, "role"),
                                  disagreement_table(agg, content, "role"), "Range of views by role", "by_role")
            else:
                st.info(agg.nothing_shown("role", "Nothing to show by role yet"))
        with by_role:
            _left_out(agg, "roles")
        with by_practice, st.container():
            if agg.by_practice_spread:
                _chart_with_table(disagreement_chart(agg, content, "practice"),
                                  disagreement_table(agg, content, "practice"), "Range of views by practice",
                                  "by_practice")
            else:
                st.info(agg.nothing_shown("practice", "Nothing to show by practice yet"))
        with by_practice:
            _left_out(agg, "practices")
        st.subheader("Compatibility: each practice's median level")
        st.caption("Practices whose rows look alike start from similar places; large differences are worth "
                   "talking through before choosing how closely to work together.")
        with st.container():
            if agg.by_practice_spread:
                _chart_with_table(heatmap_chart(agg, content), heatmap_table(agg, content),
                                  "Median level by practice", "heatmap")
            else:
                st.info(agg.nothing_shown("practice", HEATMAP_LEAD))
        _left_out(agg, "practices")
    for section in (content.readiness, content.components):
        if section.id in workshop.sections:
            st.subheader(escape_markdown(section.title))
            headers, rows = question_rows(participants, section, workshop.min_group)
            # A plain table, not a data grid: a grid cuts a long question at its column's edge, and a tooltip
            # with the rest is no use on a projector. Here each question wraps, and every column stays on screen
            # (on a phone the table scrolls in its own frame, as the caption says).
            st.caption("Each question with how many chose each answer. On a phone, swipe the table sideways to see "
                       "every column.")
            with st.container(key=f"question_table_{section.id}"):
                st.table(pd.DataFrame(rows, columns=headers), hide_index=True)
            with st.container():
                note = withheld_questions_note(rows, workshop.min_group)
                if note:
                    st.caption(note)


def _save_agreed(storage: Storage, workshop_id: int, number: int) -> None:
    level = widget_value(widget_key("ws_agree", number, "level"))
    target = widget_value(widget_key("ws_agree", number, "target"))
    note = widget_value(widget_key("ws_agree", number, "note")) or ""
    or_flash(lambda: record_agreed_level(storage, workshop_id, number, None if level == NO_LEVEL else level, note,
                                         None if target == NO_LEVEL else target))


def agree(storage: Storage, workshop: Workshop, agg: Aggregate) -> None:
    content = get_content()
    labels = principle_labels(content)
    principles = {p.number: p for p in content.principles}
    try:
        agreed = storage.consensus(workshop.id)
    except GroupUpError:
        st.warning(OFFLINE, icon=":material/cloud_off:")
        return
    st.write("After discussing each principle, record where the group agrees the practices are now and where they "
             "should be. The spread of individual views is kept beside each, so the report shows how much the room "
             "agreed.")
    for summary in agg.principles:
        n = summary.principle
        views = (f"views now {summary.spread.low} to {summary.spread.high}, median "
                 f"{summary.spread.median:g}" if summary.spread.n else "too few views yet to show")
        if summary.target.n:
            views += f" · targets {summary.target.low} to {summary.target.high}, median {summary.target.median:g}"
        flag = " :red[· views 2+ levels apart]" if summary.disagreement else ""
        with st.container(border=True):
            st.markdown(f"**{escape_markdown(labels[n])}**  \n:gray[{views}]{flag}")
            given = agreed.get(n)
            left, middle, right = st.columns([1, 1, 2])
            # The options read as the participants' own ("1 · Early steps"), not bare numbers.
            names = {NO_LEVEL: NO_LEVEL} | level_names(principles[n])
            seed(widget_key("ws_agree", n, "level"), given.level if given and given.level is not None else NO_LEVEL)
            left.selectbox("Agreed now", options=[NO_LEVEL, *LEVELS], format_func=names.get,
                           key=widget_key("ws_agree", n, "level"), on_change=_save_agreed,
                           args=(storage, workshop.id, n))
            seed(widget_key("ws_agree", n, "target"), given.target if given and given.target is not None
                 else NO_LEVEL)
            middle.selectbox("Agreed target", options=[NO_LEVEL, *LEVELS], format_func=names.get,
                             key=widget_key("ws_agree", n, "target"), on_change=_save_agreed,
                             args=(storage, workshop.id, n))
            seed(widget_key("ws_agree", n, "note"), given.note if given else "")
            right.text_input("Note (optional)", key=widget_key("ws_agree", n, "note"), max_chars=2000,
                             on_change=_save_agreed, args=(storage, workshop.id, n))
    with st.expander("Agreed levels as a table"):
        st.dataframe(consensus_table(agg, agreed, content), hide_index=True)


def _choose_previous(storage: Storage) -> None:
    key = widget_value(widget_key("ws_compare", "key")) or ""
    previous = or_flash(lambda: storage.workshop_by_key(key, client_keys()))
    if previous is None:
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
    both = shared_practices(previous, workshop, before, after)
    who = st.selectbox("Compare", options=[WHOLE_ROOM, *both], key=widget_key("ws_compare", "practice"),
                       help="One practice's people in both workshops, or everyone. Agreed levels belong to the "
                            "whole room, so a single practice is compared on its median levels.")
    if not both:
        st.caption(f"No practice had {max(previous.min_group, workshop.min_group)} or more people in both "
                   "workshops, so only the whole room can be compared.")
    changes = compare_workshops(before, after, before_agreed, after_agreed, get_content(),
                                practice=None if who == WHOLE_ROOM else who,
                                min_group=max(previous.min_group, workshop.min_group))
    st.subheader(f"{escape_markdown(previous.name)} → {escape_markdown(workshop.name)}")
    if who != WHOLE_ROOM:
        st.caption(escape_markdown(f"{who} only"))
    _chart_with_table(comparison_chart(changes), comparison_table(changes), "Change per principle", "compare")


def export(storage: Storage, workshop: Workshop) -> None:
    content = get_content()
    stem = export_stem(workshop)

    def csv_bytes() -> bytes:
        return workshop_csv(workshop, storage.participants(workshop.id), storage.consensus(workshop.id), content,
                            storage.plan(workshop.id))

    def pdf_bytes() -> bytes:
        people = storage.participants(workshop.id)
        fresh = workshop_aggregate(workshop, people)
        return workshop_pdf(workshop, fresh, storage.consensus(workshop.id), content, participants=people,
                            charts=pdf_charts(workshop, fresh, content), plan=storage.plan(workshop.id))

    st.write(f"The room's figures for groups of {workshop.min_group} or more people (no row for any one person), "
             "the agreed levels and their ranges, the gaps and the plan, for a spreadsheet:")
    st.download_button("Download workshop CSV", data=csv_bytes, file_name=f"{stem}.csv", mime="text/csv",
                       key=widget_key("ws_export", "csv"), on_click="ignore", icon=":material/table:")
    st.write("The group's summary as a printable PDF, using the agreed levels where recorded:")
    st.download_button("Download workshop PDF", data=pdf_bytes, file_name=f"{stem}.pdf", mime="application/pdf",
                       key=widget_key("ws_export", "pdf"), on_click="ignore", icon=":material/picture_as_pdf:")


def _add_plan_item(storage: Storage, workshop_id: int) -> None:
    try:
        item = plan_item(widget_value(widget_key("ws_plan", "action")) or "",
                         principle=widget_value(widget_key("ws_plan", "principle")),
                         owner=widget_value(widget_key("ws_plan", "owner")) or "",
                         due=widget_value(widget_key("ws_plan", "due")),
                         status=widget_value(widget_key("ws_plan", "status")) or "not_started")
        storage.save_plan_item(workshop_id, item)
    except GroupUpError as exc:
        # The typed action stays in its box, so nothing is lost.
        flash("error", escape_markdown(str(exc)))
        return
    # Empty boxes for the next action, in the browser too (deleting the keys left the old text showing, so a
    # second click added the same action again).
    for field, empty in (("action", ""), ("owner", ""), ("principle", None), ("due", None)):
        reset_widget(widget_key("ws_plan", field), empty)


def _update_plan_item(storage: Storage, workshop_id: int, item) -> None:
    """Save an existing action's owner, due date and status together, as its boxes now read: one save for all
    three, so a change to one never puts back an older value of another."""
    try:
        storage.save_plan_item(workshop_id, plan_item(
            item.action, principle=item.principle, item_id=item.id,
            owner=widget_value(widget_key("ws_plan_owner", item.id)) or "",
            due=widget_value(widget_key("ws_plan_due", item.id)),
            status=widget_value(widget_key("ws_plan_status", item.id)) or item.status))
    except GroupUpError as exc:
        # What was typed stays in its box, so it can be put right.
        flash("error", escape_markdown(str(exc)))


def _delete_plan_item(storage: Storage, workshop_id: int, item_id: str) -> None:
    try:
        storage.delete_plan_item(workshop_id, item_id)
    except GroupUpError as exc:
        flash("error", escape_markdown(str(exc)))


def plan(storage: Storage, workshop: Workshop) -> None:
    content = get_content()
    labels = principle_labels(content)
    try:
        agreed, items = storage.consensus(workshop.id), storage.plan(workshop.id)
    except GroupUpError:
        st.warning(OFFLINE, icon=":material/cloud_off:")
        return
    st.subheader("Gaps from the agreed levels")
    gaps = workshop_gaps(agreed, content)
    if gaps:
        st.caption("Ranked as in a self-assessment: largest gap first, then the lower current level.")
        st.dataframe(gaps_table(gaps), hide_index=True, key=widget_key("ws_table", "gaps"))
    else:
        st.info("No gaps yet. Agree where the practices are now and where they should be for each principle "
                "(Agree levels): a gap shows where the agreed target is higher.")
    st.subheader("The group's action plan")
    # Each action's boxes are named by its number ("Owner of action 2"), so that they are told apart from one another
    # and from the boxes for a new action, by a screen reader as much as by eye.
    for number, item in enumerate(items, start=1):
        with st.container(border=True):
            words, remove = st.columns([6, 1], vertical_alignment="center")
            about = f"  \n:gray[{escape_markdown(labels[item.principle])}]" if item.principle else ""
            words.markdown(f"**{number}. {escape_markdown(item.action)}**{about}")
            remove.button("Remove", key=widget_key("ws_plan_remove", item.id), on_click=_delete_plan_item,
                          args=(storage, workshop.id, item.id), icon=":material/delete:")
            owner, due, status = st.columns([2, 1, 1])
            save = {"on_change": _update_plan_item, "args": (storage, workshop.id, item)}
            seed(widget_key("ws_plan_owner", item.id), item.owner)
            owner.text_input(f"Owner of action {number}", key=widget_key("ws_plan_owner", item.id), max_chars=200,
                             **save)
            seed(widget_key("ws_plan_due", item.id), item.due)
            due.date_input(f"Due date of action {number}", min_value=DUE_EARLIEST, max_value=DUE_LATEST,
                           key=widget_key("ws_plan_due", item.id), format="DD/MM/YYYY", **save)
            seed(widget_key("ws_plan_status", item.id), item.status)
            status.selectbox(f"Status of action {number}", options=list(ACTION_STATUS_LABELS),
                             format_func=ACTION_STATUS_LABELS.get, key=widget_key("ws_plan_status", item.id), **save)
    with st.container(border=True):
        st.markdown("**Add an action**")
        st.text_area("Action", key=widget_key("ws_plan", "action"), max_chars=1000, height=80)
        first, second, third, fourth = st.columns(4)
        top = [g.number for g in gaps] + [n for n in labels if n not in {g.number for g in gaps}]
        first.selectbox("Principle (optional)", options=top, format_func=labels.get, index=None,
                        key=widget_key("ws_plan", "principle"))
        second.text_input("Owner", key=widget_key("ws_plan", "owner"), max_chars=200)
        third.date_input("Due", value=None, min_value=DUE_EARLIEST, max_value=DUE_LATEST, key=widget_key("ws_plan", "due"),
                         format="DD/MM/YYYY")
        seed(widget_key("ws_plan", "status"), "not_started")
        fourth.selectbox("Status", options=list(ACTION_STATUS_LABELS), format_func=ACTION_STATUS_LABELS.get,
                         key=widget_key("ws_plan", "status"))
        st.button("Add to the plan", key=widget_key("ws_plan", "add"), type="primary", on_click=_add_plan_item,
                  args=(storage, workshop.id), icon=":material/add:")
    if items:
        with st.expander("The plan as a table"):
            st.dataframe(plan_table(items, content), hide_index=True)


def _set_closed(storage: Storage, workshop_id: int, closed: bool) -> None:
    try:
        storage.set_answering_closed(workshop_id, closed)
    except GroupUpError as exc:
        flash("error", escape_markdown(str(exc)))
        return
    ctx = context()
    if ctx.get("workshop") is not None:
        set_value(Keys.FACILITATOR, ctx | {"workshop": ctx["workshop"].model_copy(
            update={"answering_closed": closed})})


def _remove_participant(storage: Storage, workshop_id: int) -> None:
    chosen = widget_value(widget_key("ws_people", "pick"))
    if chosen is None:
        flash("error", "Choose the entry to remove first.")
        return
    try:
        storage.remove_participant(workshop_id, chosen)
    except GroupUpError as exc:
        flash("error", escape_markdown(str(exc)))
        return
    forget_widgets("ws_people")
    flash("success", "That entry and its answers have been removed.")


def people(storage: Storage, workshop: Workshop, participants) -> None:
    if workshop.answering_closed:
        st.info("Answering is closed: participants can see their answers but not change them.")
        st.button("Open answering again", key=widget_key("ws_people", "open"), on_click=_set_closed,
                  args=(storage, workshop.id, False), icon=":material/lock_open:")
    else:
        st.write("Participants can change their answers until you close answering, for example before agreeing "
                 "levels.")
        st.button("Close answering", key=widget_key("ws_people", "close"), on_click=_set_closed,
                  args=(storage, workshop.id, True), icon=":material/lock:")
    st.subheader("Remove an entry")
    st.write("Remove a test entry, or a duplicate. Entries are numbered in the order people joined; practice and "
             f"role are shown only for groups of {workshop.min_group} or more, as everywhere else.")
    if not participants:
        st.caption("Nobody has joined yet.")
        return
    shown = {p.id: f"Entry {number}" for number, p in enumerate(participants, start=1)}
    counts: dict[tuple[str, str], int] = {}
    for p in participants:
        counts[(p.practice, p.role)] = counts.get((p.practice, p.role), 0) + 1
    for number, p in enumerate(participants, start=1):
        answered = answers_given(p.answers)
        who = (f" · {p.practice} · {ROLE_LABELS.get(p.role, p.role)}"
               if counts[(p.practice, p.role)] >= workshop.min_group else "")
        shown[p.id] = (f"Entry {number}{who} · last change {p.updated:%H:%M} · {answered} "
                       f"answer{'' if answered == 1 else 's'}"
                       f"{' · finished' if p.finished else ''}")
    st.selectbox("Entry", options=list(shown), format_func=shown.get, index=None,
                 key=widget_key("ws_people", "pick"))
    st.button("Remove this entry", key=widget_key("ws_people", "remove"), on_click=_remove_participant,
              args=(storage, workshop.id), icon=":material/person_remove:")


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
    participants = storage.participants(workshop.id)
except WorkshopNotFound as exc:
    _close()
    st.error(escape_markdown(str(exc)))
    st.stop()
except StorageError:
    # Never close the workshop, or drop a key not yet written down, because one read failed.
    offline_retrying()
    if ctx.get("workshop") is not None:
        codes(ctx["workshop"], ctx["new_key"])
    elif ctx["new_key"]:
        st.code(ctx["new_key"], language=None)
    st.stop()
back_online()
if ctx.get("workshop") != workshop:
    set_value(Keys.FACILITATOR, ctx | {"workshop": workshop})

st.header(escape_markdown(workshop.name))
st.caption("Answering: " + ", ".join(SECTION_LABELS[s] for s in workshop.sections) + " · "
           + f"{len(workshop.practices)} practices invited · Groups under {workshop.min_group} are not shown"
           + (" · Answering is closed" if workshop.answering_closed else ""))
codes(workshop, ctx["new_key"])
st.button("Close this workshop", key=widget_key("ws", "close"), on_click=_close, icon=":material/logout:")

current = workshop_aggregate(workshop, participants)
tabs = st.tabs(["Dashboard", "Agree levels", "Gaps and plan", "People", "Compare with earlier", "Export", "Delete"])
with tabs[0]:
    dashboard(storage, workshop.id, {"participants": participants, "aggregate": current})
with tabs[1]:
    if "principles" in workshop.sections:
        agree(storage, workshop, current)
    else:
        st.info("This workshop does not include the design principles, so there are no levels to agree.")
with tabs[2]:
    plan(storage, workshop)
with tabs[3]:
    people(storage, workshop, participants)
with tabs[4]:
    reassess(storage, workshop)
with tabs[5]:
    export(storage, workshop)
with tabs[6]:
    delete(storage, workshop)
