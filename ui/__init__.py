"""Streamlit-side helpers shared by the pages: session state, navigation, common widgets."""
