"""Streamlit entry file: `claimgraph app` runs `streamlit run main.py -- [flags]`.

The page scripts live in screens/, not pages/: Streamlit treats a pages/ folder next to
the entry file as an old-style multipage app, and a deep link (/method?name=GPTQ) opened
on a fresh server would run that page bare, without this file's navigation and settings.

Settings are parsed from the flags after `--` on every run, here and not at import, and
kept in the session; each page then gets the one cached store through components.
"""

from __future__ import annotations

import sys

import streamlit as st

from claimgraph.app.explorer import components

st.set_page_config(page_title="claimgraph explorer", page_icon="🔎", layout="wide")
components.remember_settings(components.settings_from_argv(sys.argv[1:]))
components.style()

pages = [
    st.Page(file, title=title, url_path=path, default=(key == "ask"))
    for key, (file, path, title) in components.PAGES.items()
]
st.navigation(pages).run()
