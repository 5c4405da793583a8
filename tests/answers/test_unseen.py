"""The unseen question sets of issue 14 (tests/answers/unseen/), on both databases.

Tuned on the tune files, the holdout files scored once before and once after tuning
(tests/answers/unseen/README.md). Each set is held at the level it reached: the tune sets at
their achieved count, the holdout sets at a floor just under their measured score, so that a
change that makes the answerer worse on questions it was not tuned on fails here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.runtime import SEED_DIR, Core
from storage import networkfile
from tests.answers.conftest import ACCURACY
from tests.answers.score import load, score

UNSEEN = Path(__file__).parent / "unseen"
# file -> the fewest right answers accepted
LEVELS = {
    # round one's sets (all tuning material since round two)
    "tune.toml": 82,
    "tune_orebro_4m.toml": 12,
    "holdout.toml": 79,
    "holdout_orebro_4m.toml": 10,
    # round two's fresh sets: tuned on fresh_tune*, fresh_holdout* scored once at the end
    "fresh_tune.toml": 40,
    "fresh_tune_orebro_4m.toml": 22,
    "fresh_holdout.toml": 36,
    "fresh_holdout_orebro_4m.toml": 21,
    # round three's fresh sets (Västmanland and registry; Örebro, 4M and Södertörn): tuned on
    # fresh3_tune*, fresh3_holdout* scored once before and once at the end
    "fresh3_tune.toml": 20,
    "fresh3_tune_others.toml": 20,
    "fresh3_holdout.toml": 20,
    "fresh3_holdout_others.toml": 15,
    # round four's fresh sets: tuned on fresh4_tune* in two passes (floors one under the tuned
    # score, 63 and 24); fresh4_holdout* scored quiet before (42 and 18) and after each pass
    # (47 and 17 both times), floors one under that
    "fresh4_tune.toml": 63,
    "fresh4_tune_others.toml": 24,
    "fresh4_holdout.toml": 50,
    "fresh4_holdout_others.toml": 18,
    # round six's fresh sets: tuned on fresh6_tune* in two passes (46 and 27), fresh6_holdout*
    # scored quiet before (38 and 18) and once at the end (40 and 18); the earlier holdouts'
    # floors were raised to one under their score at that moment
    "fresh6_tune.toml": 45,
    "fresh6_tune_others.toml": 26,
    "fresh6_holdout.toml": 39,
    "fresh6_holdout_others.toml": 17,
}


def _import_other_networks(core: Core) -> None:
    with core.db.session() as session:
        for path in sorted(SEED_DIR.glob("*.toml")):
            if path.stem != "vastmanland":
                spec = networkfile.load_file(path)
                networkfile.import_network(spec, session=session, actor="test", base_dir=SEED_DIR)


@pytest.mark.parametrize("name", sorted(LEVELS))
def test_unseen_questions_hold_their_level(answers_core: Core, name: str) -> None:
    _import_other_networks(answers_core)
    results = score(answers_core, load(UNSEEN / name))
    wrong = [r for r in results if r.problems]
    right = len(results) - len(wrong)
    failures = [f"{r.question['text']!r}: {'; '.join(r.problems)}" for r in wrong]
    # the holdout's failures are not printed: nobody tunes on them (the count is enough)
    shown = [] if "holdout" in name else failures
    ACCURACY[f"{answers_core.db.dialect}, {name}"] = (right, len(results), shown)
    assert right >= LEVELS[name], "\n".join(shown) or f"{right}/{len(results)}"
