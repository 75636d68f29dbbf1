"""kapdocs: one Markdown source per topic → branded PDF handouts and PowerPoint decks.

The pipeline, one direction: read (readers/) → transform (transforms/) → write (writers/),
driven by build.py and the thin CLI in cli.py.
"""

__version__ = "0.1.0"
