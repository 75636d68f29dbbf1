"""Many outputs: plan the matrix of jobs, run them on an executor (this process, a pool of processes,
a Dask cluster), write the files and the manifest, report progress. Every speed trick that serves
the batch, or the one-file commands' process, lives here. Nothing below the CLI imports it.

Modules: plan (which jobs), build (run them, write files), executors (where jobs run), manifest
(what each output was made from), progress (what the user sees), ahead (the layout process of
`kapdocs handout`), one_file (how a one-file command's process starts and ends)."""
