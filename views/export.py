"""Export: the PDF summary, a CSV of answers and scores, and the answers file to keep or share."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from assessment.content import get_content
from assessment.export import answers_csv, file_stem
from assessment.findings import findings_for
from assessment.report import build_pdf
from assessment.tables import tables_zip, tidy_tables, workbook_bytes
from ui.state import Keys, get_answers, get_value, widget_key

content = get_content()
# A copy: the PDF is built on another thread when clicked, and must show the answers as they were drawn here.
answers = get_answers().model_copy(deep=True)
# Worked out once here; the PDF and the CSV render these same findings rather than scoring again.
findings = findings_for(answers, content, get_value(Keys.EARLIER))
summary = findings.summary
stem = file_stem(answers, dt.date.today())

st.title("Export")
st.write("Take your results to the next meeting. Nothing is sent anywhere: each file is made on this server and "
         "downloaded by your browser.")
st.caption(f"{summary.answered_items} of {summary.total_items} questions answered; "
           f"{len(summary.gaps)} gap{'s' if len(summary.gaps) != 1 else ''}; "
           f"{len(findings.actions)} action{'s' if len(findings.actions) != 1 else ''} in the plan.")


def pdf_bytes() -> bytes:
    return build_pdf(answers, content, findings=findings)


def csv_bytes() -> bytes:
    return answers_csv(answers, content, findings)


def excel_bytes() -> bytes:
    return workbook_bytes(tidy_tables(answers, content, findings))


def csv_zip_bytes() -> bytes:
    return tables_zip(tidy_tables(answers, content, findings))


with st.container(border=True):
    st.header("PDF summary")
    st.write("An A4 summary to print or share: headline scores, charts, ranked gaps, what the case studies did, "
             "the structures that might fit, your action plan, and the sources. It prints clearly in black and "
             "white.")
    st.download_button("Download the PDF summary", data=pdf_bytes, file_name=f"{stem}.pdf", mime="application/pdf",
                       key=widget_key("export", "pdf"), on_click="ignore", type="primary",
                       icon=":material/picture_as_pdf:")
    st.caption("The PDF is made when you click, which takes a few seconds.")

with st.container(border=True):
    st.header("Answers and scores as a spreadsheet")
    st.write("For working with the figures: an Excel workbook with one sheet for each kind of record (profile, "
             "answers, principles, scores, gaps and actions), or the same six tables as CSV files in a zip. Levels "
             "are whole numbers and dates are dates, so they sort and add up.")
    st.download_button("Download the Excel workbook", data=excel_bytes, file_name=f"{stem}.xlsx",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       key=widget_key("export", "xlsx"), on_click="ignore", icon=":material/table_view:")
    st.download_button("Download the tables as CSV files (zip)", data=csv_zip_bytes, file_name=f"{stem}-tables.zip",
                       mime="application/zip", key=widget_key("export", "csv_zip"), on_click="ignore",
                       icon=":material/folder_zip:")
    st.write("Or everything in one CSV file, one row per answer, principle, section score, gap and action:")
    st.download_button("Download the CSV", data=csv_bytes, file_name=f"{stem}.csv", mime="text/csv",
                       key=widget_key("export", "csv"), on_click="ignore", icon=":material/table:")

with st.container(border=True):
    st.header("Your answers file")
    st.write("Keep this file: load it again later (from the sidebar) to carry on where you left off, or send it to "
             "a colleague.")
    st.download_button("Download your answers (JSON)", data=answers.to_json(), file_name=f"{stem}.json",
                       mime="application/json", key=widget_key("export", "json"), on_click="ignore",
                       icon=":material/save:")
