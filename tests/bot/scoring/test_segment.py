from bot.scoring.segment import segment, sentences


def test_bullets_and_lines_become_sentences() -> None:
    text = "- bias: error from wrong assumptions\n* variance: sensitivity to the sample\n2) more data"
    assert sentences(text) == [
        "bias: error from wrong assumptions",
        "variance: sensitivity to the sample",
        "more data",
    ]


def test_abbreviations_and_decimals_do_not_split() -> None:
    assert sentences("Use e.g. a rate of 0.01 vs. 0.1 here. Then stop.") == [
        "Use e.g. a rate of 0.01 vs. 0.1 here.",
        "Then stop.",
    ]


def test_long_run_on_sentences_split_at_contrasts() -> None:
    pieces = segment("L1 spreads weight over all features while L2 drives weights to exactly zero")
    assert [p.text for p in pieces] == [
        "L1 spreads weight over all features",
        "L2 drives weights to exactly zero",
    ]
    assert {p.sentence for p in pieces} == {0}


def test_short_fragments_stay_attached() -> None:
    pieces = segment("It reduces variance quite a lot in practice, but slowly over many many epochs")
    assert all(len(p.text.split()) >= 3 for p in pieces)


def test_empty_answer_has_no_pieces() -> None:
    assert segment("  \n ") == []
