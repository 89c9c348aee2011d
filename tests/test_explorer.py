"""relulab.viz.explorer: what a notebook shows of an explorer, and the recipe it carries."""
from __future__ import annotations

from painting import painter
from relulab.viz.interactive import SPEC_KEY


WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def test_the_notebook_output_is_a_placeholder_whatever_the_environment(monkeypatch):
    """No environment variable changes what the library displays (the build asks explicitly)."""
    monkeypatch.setenv("RELULAB_STATIC_FRAMES", "1")
    placeholder = painter()._repr_mimebundle_()[0]["text/html"]
    assert "relulab-explorer-placeholder" in placeholder
    assert "<img" not in placeholder and "<script" not in placeholder


def test_mimebundle_carries_a_widget_view_and_fallbacks():
    bundle, metadata = painter()._repr_mimebundle_()
    assert set(bundle) == {"text/plain", "text/html", WIDGET_VIEW}
    assert set(metadata) == {SPEC_KEY}
    assert bundle[WIDGET_VIEW]["model_id"]
    assert bundle["text/plain"] == "Explorer('Paint': red in [0, 1, 2, 3]; blue in [0.0, 0.5, 1.0])"
