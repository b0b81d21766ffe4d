"""Button state: round trips, limits respected, foreign or tampered ids refused."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.actions import ActionKind, decode_action, encode_action


def test_round_trip_drops_any_page_option() -> None:
    encoded = encode_action(ActionKind.PAGE, 3, "/timeline actor:Russia page:2", limit=100)
    assert encoded == "bb1:page:3:/timeline actor:Russia"
    state = decode_action(encoded)
    assert state is not None and state.kind == ActionKind.PAGE and state.page == 3
    assert state.line == "/timeline actor:Russia page:3"


def test_too_long_for_the_limit_is_none() -> None:
    assert encode_action(ActionKind.PAGE, 2, "/search " + "x" * 200, limit=100) is None
    assert encode_action(ActionKind.PAGE, 2, "/search " + "x" * 200, limit=2000) is not None


def test_foreign_and_tampered_ids_are_refused() -> None:
    for bad in [
        "",
        "bb1",
        "xx1:page:2:/timeline",
        "bb1:page:x:/timeline",
        "bb1:page:0:/t",
        "bb1:nuke:2:/timeline",
        "bb1:page:2:timeline",
        "bb1:page:999999:/t",
    ]:
        assert decode_action(bad) is None, bad


@given(st.sampled_from(list(ActionKind)), st.integers(1, 10_000), st.text(max_size=300))
def test_encoded_state_always_fits_and_decodes(kind: ActionKind, page: int, tail: str) -> None:
    command = "/search " + tail
    encoded = encode_action(kind, page, command, limit=100)
    if encoded is None:
        return
    assert len(encoded) <= 100
    state = decode_action(encoded)
    assert state is not None and state.kind == kind and state.page == page
