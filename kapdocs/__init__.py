"""kapdocs: one Markdown source per topic → branded PDF handouts and PowerPoint decks.

One output is one call, `pipeline.render(project, job)`: read (readers/) → transform
(transforms/) → the writer for the job's format (writers/). Many outputs are a batch (batch/),
which only calls that; the CLI (cli/) is thin on top. docs/architecture.md shows the rooms.
"""

__version__ = "0.1.0"
