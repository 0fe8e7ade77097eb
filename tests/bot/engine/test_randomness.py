import subprocess
import sys

from bot.engine.randomness import rng_for


def test_same_key_same_draws_different_purpose_different_draws() -> None:
    draws = [rng_for(7, 3, "question").random() for _ in range(2)]
    assert draws[0] == draws[1]
    assert rng_for(7, 3, "say").random() != draws[0]
    assert rng_for(7, 4, "question").random() != draws[0]
    assert rng_for(8, 3, "question").random() != draws[0]


def test_draws_are_stable_across_processes() -> None:
    code = "from bot.engine.randomness import rng_for; print(rng_for(7, 3, 'say').random())"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert float(out.stdout) == rng_for(7, 3, "say").random()
