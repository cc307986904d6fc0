"""SeenIds: exact answers across merges into its sorted array (hypothesis: any ids)."""

from hypothesis import given, settings, strategies as st

from claimgraph.app.ingest.seen import SeenIds


@given(st.lists(st.text(min_size=1, max_size=20), max_size=300), st.lists(st.text(max_size=20), max_size=50))
@settings(max_examples=60, deadline=None)
def test_membership_matches_a_set(added, probes):
    seen, plain = SeenIds(merge_every=7), set()  # merges often
    for pid in added:
        assert (pid in seen) == (pid in plain)
        if pid not in plain:
            seen.add(pid)
            plain.add(pid)
    assert len(seen) == len(plain)
    for pid in probes + added:
        assert (pid in seen) == (pid in plain)


def test_older_ids_cost_8_bytes_each():
    seen = SeenIds()
    for i in range(200_000):
        seen.add(f"2401.{i:05d}v{i % 3}")
    assert "2401.00007v1" in seen and "2401.00007v2" not in seen and len(seen) == 200_000
    assert seen._sorted.nbytes <= 8 * 200_000
