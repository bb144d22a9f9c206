"""The page scripts are kept out of a folder named pages/, which would break every open tab after a restart."""

from ui.nav import PAGES, ROOT


def test_there_is_no_pages_folder_beside_app_py_for_streamlit_to_run_pages_without_it():
    # Streamlit 1.67 runs a bookmarked address such as /readiness on its own, without app.py, until app.py has run
    # once in the process, whenever a pages/ folder sits beside the entry script (see ui/nav.py).
    assert not (ROOT / "pages").exists()


def test_every_declared_page_script_exists_outside_a_pages_folder():
    for spec in PAGES:
        assert (ROOT / spec.path).is_file(), spec.path
        assert not spec.path.startswith("pages/"), spec.path
