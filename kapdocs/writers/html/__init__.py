"""Web handout writer: Document + Brand → one self-contained, accessible HTML page (page.py).

For patient portals and email: the handout's content, brand, language-assistance notice and
document control in one file, its stylesheet and pictures inlined, landmarks and `lang`/`dir` set.
Its template (web.html.j2) and stylesheet (web.css) live beside this module, apart from the PDF's.
"""
