"""Languages: Babel's facts about a language (language.py), gettext catalogs and their segments, the
template strings and labels in each language, and what translators run (extract, update, status)."""
