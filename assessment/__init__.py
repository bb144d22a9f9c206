"""GroupUp's domain core: content, answers, scoring, comparison, structure fit, reports, storage.

Nothing in this package imports streamlit, so it runs from tests, the command line or a batch job.
"""
