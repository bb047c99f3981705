import pytest

from acuerdos.reference_data import load_reference_data


@pytest.fixture
def registro_2020(db):
    """The official 2020 record, loaded as `make run` loads it."""
    return load_reference_data()


@pytest.fixture
def coordinacion(db):
    from tests.factories import UsuarioFactory

    return UsuarioFactory(is_staff=True, is_superuser=True, username="coordinacion")
