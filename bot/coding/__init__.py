"""The coding round's machinery: problems as data, and a sandbox that runs candidate code."""
