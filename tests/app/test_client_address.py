"""Who is trying a code: behind a trusted proxy, the address it records; otherwise the connection's own."""

from __future__ import annotations

import pytest

from ui.autosave import pick_client_address


@pytest.mark.parametrize(("peer", "forwarded", "trust", "expected"), [
    ("203.0.113.9", None, False, "203.0.113.9"),
    ("10.0.0.2", "198.51.100.7", True, "198.51.100.7"),  # one proxy: the header holds the client
    ("10.0.0.2", "6.6.6.6, 198.51.100.7", True, "198.51.100.7"),  # a client's own forged entry is ignored
    ("10.0.0.2", "198.51.100.7", False, "10.0.0.2"),  # a header nobody said to trust is ignored
    ("10.0.0.2", None, True, None),  # the proxy sent nothing: no address rather than the proxy's
    (None, None, False, None),
    ("not an address", None, False, None),
    ("::1", None, False, "::1"),
])
def test_the_client_address_comes_from_the_trusted_header_or_the_peer(peer, forwarded, trust, expected):
    assert pick_client_address(peer, forwarded, trust) == expected
