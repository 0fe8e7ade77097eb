"""Opposites every grader knows: the general property contrasts read in any answer.

A rubric names the contrasts of its own question (precision vs recall); these are the ones of the
language itself (higher vs lower, before vs after, on vs off). They let a rubric that names no
contrasts, or one made on the fly from a reference answer, still notice "the pitch gets higher"
against "the pitch gets lower". Each entry is (axis id, pole, pole): two poles, each a list of the
forms that name it. Words that are parts of ML compounds ("true/false positive", "positive/negative
class") are left out: their opposition is the rubric's to state.
"""

from __future__ import annotations

POLARITIES: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("height", ("high", "higher", "highest"), ("low", "lower", "lowest")),
    ("change", ("increase", "increases", "increased", "increasing", "raise", "raises", "raised",
                "raising", "grow", "grows", "grew", "rise", "rises", "rose", "goes up", "go up",
                "went up"),
     ("decrease", "decreases", "decreased", "decreasing", "reduce", "reduces", "reduced",
      "reducing", "shrink", "shrinks", "shrank", "drop", "drops", "dropped", "falls", "fell",
      "goes down", "go down", "went down", "lessen", "lessens", "lowers", "lowered", "lowering")),
    ("amount", ("more",), ("less", "fewer")),
    ("size", ("large", "larger", "largest", "big", "bigger", "biggest", "wide", "wider"),
     ("small", "smaller", "smallest", "tiny", "narrow", "narrower")),
    ("speed", ("fast", "faster", "fastest", "quick", "quicker", "quickly", "rapid", "rapidly"),
     ("slow", "slower", "slowest", "slowly")),
    ("length", ("long", "longer", "longest"), ("short", "shorter", "shortest")),
    ("order", ("before", "prior to"), ("after", "afterwards")),
    ("slope", ("uphill", "upstream"), ("downhill", "downstream")),
    ("tension", ("tight", "tighter", "tightened", "taut"),
     ("loose", "looser", "loosened", "slack")),
    ("thickness", ("thick", "thicker"), ("thin", "thinner")),
    ("weight", ("heavy", "heavier", "heaviest"), ("light", "lighter", "lightest")),
    ("distance", ("close", "closer", "near", "nearer"), ("far", "farther", "further away")),
    ("depth", ("deep", "deeper"), ("shallow", "shallower")),
    ("fullness", ("full",), ("empty",)),
    ("absorption", ("absorb", "absorbs", "absorbed"), ("reflect", "reflects", "reflected")),
    ("conduction", ("conductor", "conductors", "conducts"), ("insulator", "insulators",
                                                           "insulates")),
    ("expansion", ("expand", "expands", "expanded"), ("contract", "contracts", "contracted")),
    ("sameness", ("same", "equal", "identical", "unchanged", "constant"),
     ("different", "differ", "differs", "unequal")),
    ("state", ("active", "enabled", "switched on", "turned on", "kept on", "left on"),
     ("inactive", "disabled", "switched off", "turned off", "left off")),
    ("strength", ("strong", "stronger", "strongest"), ("weak", "weaker", "weakest")),
    ("heat", ("hot", "hotter", "heats up"), ("cold", "colder", "cools down")),
    ("darkness", ("dark", "darker", "black"), ("bright", "brighter", "white")),
    ("direction", ("upward", "upwards"), ("downward", "downwards")),
    ("attraction", ("attract", "attracts", "attracted", "stick", "sticks", "pull", "pulls"),
     ("repel", "repels", "repelled", "push", "pushes")),
    ("openness", ("opened",), ("closed", "shut")),
    ("completeness", ("complete", "completed", "closed circuit"), ("incomplete", "broken",
                                                                    "open circuit")),
    ("sinking", ("sink", "sinks", "sank"), ("float", "floats", "floated")),
    ("addition", ("add", "adds", "added", "adding"), ("remove", "removes", "subtract",
                                                      "subtracts")),
    ("sparsity", ("sparse", "sparsity", "exactly zero"), ("dense",)),
    ("frequency", ("often", "frequent", "frequently", "always"), ("rarely", "rare", "seldom")),
    ("ease", ("easy", "easier", "easiest", "simple", "simpler"), ("hard", "harder", "hardest",
                                                               "difficult", "complex")),
    ("wetness", ("wet", "wetter"), ("dry", "drier")),
    ("gain", ("gain", "gains", "gained"), ("lose", "loses", "lost", "loss of")),
    ("robustness", ("robust", "insensitive"), ("sensitive", "vulnerable")),
    ("fit", ("overfit", "overfits", "overfitting", "overfitted"),
     ("underfit", "underfits", "underfitting", "underfitted")),
    ("convexity", ("convex",), ("non-convex", "nonconvex")),
    ("resampling", ("upsample", "upsamples", "upsampled", "upsampling", "upscale", "upscales"),
     ("downsample", "downsamples", "downsampled", "downsampling", "downscale", "downscales")),
    ("doubling", ("double", "doubles", "doubled", "doubling"),
     ("halve", "halves", "halved", "halving")),
    ("sequence", ("sequential", "sequentially", "one after another", "one after the other",
                  "in sequence"), ("parallel", "in parallel")),
    ("supervision", ("supervised",), ("unsupervised",)),
    ("symmetry", ("symmetric", "symmetrical"), ("asymmetric", "asymmetrical")),
    ("estimate", ("overestimate", "overestimates", "overestimated", "overestimating"),
     ("underestimate", "underestimates", "underestimated", "underestimating")),
    ("stability", ("stable",), ("unstable",)),
    ("determinism", ("deterministic",), ("stochastic", "nondeterministic", "non-deterministic")),
    ("reach", ("global", "globally"), ("local", "locally")),
)
"""Question-independent: chosen as opposites of the language, never from a benchmark's answers.
Pairs whose sides are routinely said of opposite objects with one meaning ("maximise the
likelihood" / "minimise the loss", "penalise loose boxes" / "reward tight ones", keep/discard,
include/exclude) are left out: read as opposites they contradict correct answers."""

COMPASS: tuple[str, tuple[str, ...], ...] = (
    "compass", ("east", "eastern"), ("west", "western"), ("north", "northern"),
    ("south", "southern"))
"""Four poles: a shadow pointing north is as wrong as one pointing west when it points east."""
