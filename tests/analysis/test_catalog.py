from synthdata.analysis.catalog import catalog


def test_catalogue_size():
    """At least 25 domains and 150 entity templates, every one parsed and cross-checked."""
    cat = catalog()
    assert len(cat.domains) >= 25
    assert len(cat.entities) >= 150
    for template in cat.entities.values():
        for spec in template.fields:
            assert spec.field.name != "id"
