"""Brand kits: where they live (kits), their schema and loading (schema), and the notice of free
language assistance that each patient handout carries (notice). Import the module you need: the
schema brings pydantic, which planning a build does not need."""
