"""Reading answers for the facts follow-ups ask about, and dropping follow-ups already answered.

Every case is a phrasing real candidates use (the issue's transcripts and the seeds' questions):
the answer, the rubric follow-up the old interviewer asked next, and what a listening interviewer
asks instead (None: nothing, the answer already said it).
"""

import pytest

from bot.engine.facts import asked_by, facts_in, read_follow_up

ANSWERED = [
    # (answer, follow-up, what is asked instead)
    (
        "We trained a YOLOv5 detector on the line-camera images.",
        "Was it classification, detection or segmentation, and why that choice?",
        "You mentioned detection: why that choice?",
    ),
    (
        "Situation: our plant lost money on pump failures. Task: I had to predict them a day ahead. "
        "Action: I built a LightGBM model on vibration features. Result: recall went from 35 to 74 "
        "percent.",
        "What was the situation, and what were you asked to do?",
        None,
    ),
    (
        "I fine-tuned a YOLOv8s from COCO weights and tuned the confidence threshold for recall.",
        "Which model did you use, and how did you train it?",
        "You mentioned YOLOv8s: how did you train it?",
    ),
    (
        "I fine-tuned DistilBERT on about 12k support tickets to route them to 14 queues.",
        "Which model did you use, and how did you train it?",
        "You mentioned DistilBERT: how did you train it?",
    ),
    (
        "We reached 0.81 mAP and 95 percent scratch recall at about 35 ms per image.",
        "How well did it work, in numbers, and where does it run now?",
        "You mentioned mAP: where does it run now?",
    ),
    (
        "My part was the data pipeline and the training code; a colleague did the serving.",
        "What was your own part in it?",
        None,
    ),
    (
        "I was responsible for the whole ranking model, from features to the A/B test.",
        "Which parts of that did you do yourself?",
        None,
    ),
    (
        "The corpus was roughly 2 million labelled user sessions from the app.",
        "How much data did you have?",
        None,
    ),
    (
        "We had about 200 hours of call-centre audio, transcribed by an outside vendor.",
        "How much data did you have, and how was it labelled?",
        "You mentioned 200 hours of call-centre audio: how was it labelled?",
    ),
    (
        "It was a segmentation problem, because we had to measure the corroded area.",
        "Was it classification, detection or segmentation, and why that choice?",
        "You mentioned segmentation: why that choice?",
    ),
    (
        "The metric was NDCG@10, which went from 0.31 to 0.36 in the offline evaluation.",
        "Which metric did you use to decide it was better?",
        None,
    ),
    (
        "In the end it went live in March and cut manual triage by a third.",
        "How did it turn out in the end?",
        None,
    ),
    (
        "At my previous company, a logistics firm, late deliveries were costing us customers.",
        "Could you set the scene a bit? What was the situation?",
        None,
    ),
]


@pytest.mark.parametrize(("answer", "follow_up", "instead"), ANSWERED)
def test_a_follow_up_never_asks_for_what_the_answer_said(
    answer: str, follow_up: str, instead: str | None
) -> None:
    reading = read_follow_up(follow_up, facts_in(answer))
    assert reading.question == instead
    assert reading.given


ANSWERED += [
    (
        "I trained a YOLOv5 detector on 6,000 images; recall reached 96 percent at 40 ms per image, "
        "and it has run on the line for five months.",
        "How well did it work, in numbers, and where does it run now?",
        None,
    ),
    (
        "The hardest part was glare on the housings, so I added polarising filters.",
        "What was the hardest part, and how did you get past it?",
        "How did you get past it?",
    ),
]

STILL_OPEN = [
    ("We built a model and it was good.", "Which model did you use, and how did you train it?"),
    ("I fine-tuned a detector for scratches.", "How much data did you have?"),
    ("We used BERT for the ticket router.", "What was your own part in it?"),
    ("The new model was a lot better.", "How well did it work, in numbers?"),
    (
        "I cleaned the data and trained it.",
        "What was the situation, and what were you asked to do?",
    ),
]


@pytest.mark.parametrize(("answer", "follow_up"), STILL_OPEN)
def test_a_follow_up_about_something_unsaid_is_asked_as_written(
    answer: str, follow_up: str
) -> None:
    reading = read_follow_up(follow_up, facts_in(answer))
    assert reading.question == follow_up
    assert not reading.given


def test_earlier_answers_to_the_question_count() -> None:
    facts = facts_in(["We detect scratches on housings.", "I used a YOLOv5 model for it."])
    assert read_follow_up("Which model did you use?", facts).question is None


def test_a_follow_up_asking_for_nothing_it_can_read_is_always_asked() -> None:
    assert asked_by("What was the strongest argument for their side?") == frozenset()
    facts = facts_in("Situation: a pricing model. Task: mine. Result: shipped.")
    text = "What was the strongest argument for their side?"
    assert read_follow_up(text, facts).question == text


def test_the_resume_is_not_read_as_numbers_or_models() -> None:
    facts = facts_in("I have five years of experience; it's all on my CV really.")
    assert "model" not in facts and "data_size" not in facts and "metric" not in facts


def test_mention_picks_the_most_specific_fact() -> None:
    facts = facts_in("I fine-tuned a ResNet-50 classifier on 8,000 images, 0.93 F1.")
    assert facts.found["model"] == "ResNet-50"
    assert facts.mention() == "ResNet-50"
    assert facts.mention(exclude=["model"]) == "classifier"
