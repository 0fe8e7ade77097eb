from bot.engine.star import GAP_ORDER, assess_story

STORY = (
    "At my previous company the plant was losing money on unplanned pump failures, and my task "
    "was to predict failures a week ahead. I built the features and trained a LightGBM model, "
    "while a colleague handled ingestion. The hard part was label leakage from the maintenance "
    "logs, so I switched to a time-based split. In the end recall went from 35 to 74 percent and "
    "unplanned stops fell by about a third."
)


def test_a_complete_story_has_no_gaps() -> None:
    found = assess_story(STORY, ["LightGBM", "time-based split"])
    assert (found.situation, found.task, found.action, found.result) == (True, True, True, True)
    assert found.obstacles
    assert found.first_person >= 3
    assert found.impact
    assert found.gaps == []
    assert found.score == 100


def test_only_we_and_no_numbers_are_the_first_gaps() -> None:
    found = assess_story("We did a fraud detection project, we used a neural network and we "
                         "tuned it, and everyone was happy with it.", ["neural network"])
    assert found.first_person == 0 and found.we >= 3
    assert found.gaps[:2] == ["ownership", "impact"]
    assert found.score < 50


def test_gaps_come_in_probing_order() -> None:
    found = assess_story("It was fine.")
    assert found.gaps == list(GAP_ORDER)
    assert found.score == 0


def test_bare_numbers_earn_half_the_impact_points() -> None:
    with_unit = assess_story("I improved it by 20 percent.")
    bare = assess_story("I improved it to 20.")
    assert "impact" not in with_unit.gaps and "impact" in bare.gaps
    assert with_unit.score > bare.score > assess_story("I improved it.").score


def test_words_for_fractions_count_as_quantified() -> None:
    assert assess_story("Unplanned stops fell by a third.").impact == ["a third"]
