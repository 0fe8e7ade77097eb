from bot.engine.communication import MAX_WORDS, OFF_TOPIC_CAP, assess_communication

PITCH = (
    "I'm a machine learning engineer with four years of experience, currently at a packaging "
    "company. Before that I did a master's in electrical engineering. Most recently I built a "
    "defect detector for the line cameras that cut manual inspection time by about 40 percent. "
    "Next, I'd like to do that kind of work at a bigger scale, which is what this team does."
)


def test_a_structured_minute_has_no_findings() -> None:
    found = assess_communication(PITCH)
    assert found.findings == []
    assert found.score == 100
    assert found.sentences == 4


def test_a_one_liner_is_too_short() -> None:
    found = assess_communication("I'm a data scientist, it's all on my CV really.")
    assert found.findings == ["too_short"]
    assert found.score < 60


def test_a_wall_of_text_is_too_long_and_run_on() -> None:
    wall = " ".join(["and we worked on the model and the data and the pipeline"] * 30)
    found = assess_communication(wall)
    assert found.words > MAX_WORDS
    assert {"too_long", "run_on", "unstructured"} <= set(found.findings)
    assert found.score <= 45


def test_fillers_are_counted() -> None:
    text = ("So, um, yeah, I'm Priya, I did my degree in computer science and then, um, I've been "
            "at a consultancy for, like, two years doing, you know, basically data science stuff.")
    assert "fillers" in assess_communication(text).findings


def test_bullets_count_as_structure() -> None:
    bullets = "\n".join(f"- point {i} about the pipeline design and the metrics we tracked daily"
                        for i in range(9))
    assert "unstructured" not in assess_communication(bullets).findings
    assert "run_on" not in assess_communication(bullets).findings


def test_an_irrelevant_answer_is_capped() -> None:
    found = assess_communication(PITCH, relevant=False)
    assert found.score == OFF_TOPIC_CAP
    assert found.findings == ["off_topic"]
