from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
import time_machine

# The tests' "today": Wednesday 1 June 2022 (the seed's year), noon in Sweden.
TODAY = datetime(2022, 6, 1, 10, 0, tzinfo=UTC)


@pytest.fixture
def june_2022() -> Iterator[None]:
    with time_machine.travel(TODAY, tick=False):
        yield
