import pytest

from bot.engine.intents import CommandPhrases, is_question, normalise, recognise
from bot.prompts import PromptBook

COMMANDS = {
    "skip": ["skip", "skp", "Skip please!", "skip this one", "next question", "can we skip this?",
             "pass", "let's move on"],
    "repeat": ["can you repeat that", "could u repeat the question pls", "Sorry, say that again?",
               "what?", "pardon?", "Repeat the question, please."],
    "hint": ["hint pls", "hint", "hnt", "Can I get a hint?", "give me a hnt plz", "any hints?"],
    "dont_know": ["i dunno", "I don't know.", "idk", "dont no", "no idea", "Not sure, sorry",
                  "I have no clue"],
    "end": ["let's stop here", "lets stop here", "I'd like to stop", "stop", "end the interview",
            "I'm done", "quit"],
}

ANSWERS = [
    "we had to skip the warm-up epochs",
    "We had to skip the warm-up epochs because the learning rate schedule already ramped up.",
    "skip connections",
    "Stop words",
    "step",
    "stpo",
    "pass by reference",
    "next token prediction",
    "repeat until convergence",
    "early stopping",
    "end to end",
    "the stop criterion",
    "hint: use a heap",
    "I don't know much about GRUs but they have fewer gates than an LSTM",
    "Not sure, maybe L1?",
    "no",
    "yes",
    "O(n log n)",
    "",
]


@pytest.fixture(scope="module")
def commands(prompts: PromptBook) -> CommandPhrases:
    return CommandPhrases.from_prompts(prompts)


@pytest.mark.parametrize(("intent", "text"),
                         [(intent, text) for intent, texts in COMMANDS.items() for text in texts])
def test_commands_are_recognised_with_typos_and_politeness(commands: CommandPhrases, intent: str,
                                                           text: str) -> None:
    assert recognise(text, commands) == intent


@pytest.mark.parametrize("text", ANSWERS)
def test_answers_that_contain_command_words_stay_answers(commands: CommandPhrases,
                                                         text: str) -> None:
    assert recognise(text, commands) == "answer"


def test_long_messages_are_never_commands(commands: CommandPhrases) -> None:
    assert recognise("skip " * 12, commands) == "answer"


def test_without_phrases_everything_is_an_answer() -> None:
    assert recognise("skip", CommandPhrases({})) == "answer"


def test_normalise_drops_apostrophes_and_politeness() -> None:
    assert normalise("Sorry, I DON'T know, please!") == "i dont know"


@pytest.mark.parametrize(("text", "expected"), [
    ("What does a typical week look like?", True),
    ("how big is the team", True),
    ("I was wondering about the on-call rota?", True),
    ("No, I think you covered everything.", False),
    ("no", False),
])
def test_is_question(text: str, expected: bool) -> None:
    assert is_question(text) is expected
