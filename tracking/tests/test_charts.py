from tracking.charts import stacked_bars


def test_it_scales_bars_to_the_largest_total_and_adds_the_rest_as_other():
    rows = [
        {"name": "Bureau", "total": 10, "completed": 5, "overdue": 1},
        {"name": "Court", "total": 5, "completed": 0, "overdue": 5},
    ]
    bars, height = stacked_bars(
        rows, label_key="name", parts=[("completed", "done"), ("overdue", "late")], width=100
    )

    assert [bar.label for bar in bars] == ["Bureau", "Court"]
    first = bars[0].segments
    assert [(s.key, s.x, s.width) for s in first] == [
        ("completed", 0, 50),
        ("overdue", 50, 10),
        ("other", 60, 40),
    ]
    assert bars[1].segments[1].width == 50
    assert bars[1].segments[2].width == 0
    assert height == 2 * (22 + 8)


def test_it_handles_no_rows_and_zero_totals():
    assert stacked_bars([], label_key="name", parts=[]) == ([], 0)
    bars, _height = stacked_bars([{"name": "x", "total": 0}], label_key="name", parts=[])
    assert bars[0].segments[0].width == 0
