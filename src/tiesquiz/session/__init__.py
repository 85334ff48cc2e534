"""The use cases: a study session and a quiz. A reply goes in, a result comes out; grading, the
retry and hint policy, scheduling and saving all happen behind these classes. How one starts
(which cards, which exam, how much room today) is :mod:`.start`'s.
"""

from tiesquiz.session.quiz import QuizSession
from tiesquiz.session.start import Selection, allowance, select_cards, start_quiz, start_study
from tiesquiz.session.study import StudySession
from tiesquiz.session.types import (
    Answer,
    Command,
    Countdown,
    Question,
    QuizItem,
    Result,
    Summary,
)
from tiesquiz.session.views import CardView, make_view

__all__ = [
    "Answer",
    "CardView",
    "Command",
    "Countdown",
    "Question",
    "QuizItem",
    "QuizSession",
    "Result",
    "Selection",
    "StudySession",
    "Summary",
    "allowance",
    "make_view",
    "select_cards",
    "start_quiz",
    "start_study",
]
