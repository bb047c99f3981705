"""Publishing the annual report: the PDF and annex files are frozen when coordination
publishes them, served publicly exactly as published, and corrected only by a new,
numbered version that keeps the earlier ones."""

import csv
import datetime
import hashlib
import io
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from acuerdos import services as acuerdos_services
from acuerdos.models import Acuerdo
from compromisos.models import Estatus
from informes import anexo, services
from informes.models import ArchivoPublicado, FormatoPublicado, InformePublicado, TextoInforme
from tests.informes import pdf as lector
from tests.informes.anios import ANIO, construir_anio
from tests.informes.publicaciones import informe_publicado

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def anio():
    return construir_anio()


def _publicar(coordinacion, motivo=""):
    return services.informe_publicar(anio=ANIO, usuario=coordinacion, motivo=motivo)


def _bytes(archivo):
    with default_storage.open(archivo.archivo.name, "rb") as f:
        return f.read()


def _cambiar_los_datos(coordinacion):
    """After publication: the carried agreement is fulfilled and the texts are written."""
    acuerdo = Acuerdo.objects.get(numero=1)
    acuerdos_services.acuerdo_cambiar_estatus(acuerdo=acuerdo, estatus=Estatus.CUMPLIDO, fecha=D(ANIO, 6, 1),
                                              motivo="Oficio recibido", usuario=coordinacion)
    TextoInforme.objects.create(anio=ANIO, introduccion="<p>Introducción escrita después.</p>")


def test_publicar_guarda_los_tres_archivos_con_su_huella(anio, coordinacion, tmp_path):
    publicacion = _publicar(coordinacion)
    assert (publicacion.anio, publicacion.version, publicacion.motivo) == (ANIO, 1, "")
    assert publicacion.publicado_por == coordinacion and publicacion.publicado_en is not None
    assert (publicacion.sesiones, publicacion.acuerdos) == (1, 2)
    archivos = {a.formato: a for a in publicacion.archivos.all()}
    assert list(archivos) == ["pdf", "csv", "xlsx"], "the PDF first, then the annex"
    for formato, archivo in archivos.items():
        contenido = _bytes(archivo)
        assert archivo.tamano == len(contenido) > 0
        assert archivo.sha256 == hashlib.sha256(contenido).hexdigest()
        # Stored through the storage API under a generated name, not the download name.
        assert re.fullmatch(rf"informes/{ANIO}/[0-9a-f]{{32}}\.{formato}", archivo.archivo.name)
    pdf = _bytes(archivos["pdf"])
    assert pdf.startswith(b"%PDF-")
    assert lector.filas_del_anexo(lector.texto(pdf, tmp_path, "-layout")) == [
        ("Primera Sesión Ordinaria", "1:10/11/2023", "EN PROCESO"),
        ("Primera Sesión Extraordinaria", "2:15/03/2024", "CUMPLIDO"),
    ]
    assert publicacion.paginas == len(lector.texto(pdf, tmp_path).split("\f")) - 1
    # The three files say the same thing: they come from one read of the record.
    filas_csv = list(csv.reader(io.StringIO(_bytes(archivos["csv"]).decode("utf-8-sig"))))
    assert [(f[0], f[1], f[3]) for f in filas_csv[1:]] == lector.filas_del_anexo(
        lector.texto(pdf, tmp_path, "-layout"))


def test_lo_publicado_no_cambia_cuando_cambian_los_datos(anio, coordinacion, client, tmp_path):
    publicacion = _publicar(coordinacion)
    publicados = {a.formato: (_bytes(a), a.sha256) for a in publicacion.archivos.all()}
    _cambiar_los_datos(coordinacion)

    for archivo in ArchivoPublicado.objects.filter(publicacion=publicacion):
        respuesta = client.get(archivo.get_absolute_url())  # anonymous
        assert respuesta.status_code == 200
        assert respuesta.content == publicados[archivo.formato][0], archivo.formato
        assert hashlib.sha256(respuesta.content).hexdigest() == publicados[archivo.formato][1]
    # The live annex has moved on; the published one has not.
    assert "EN PROCESO" in publicados["csv"][0].decode("utf-8-sig")
    assert "EN PROCESO" not in anexo.como_csv(ANIO).decode("utf-8-sig")
    texto_publicado = lector.corrido(lector.texto(publicados["pdf"][0], tmp_path))
    assert "Introducción escrita después." not in texto_publicado
    assert "La coordinación no ha redactado la introducción de este año." in texto_publicado


def test_una_correccion_es_una_version_nueva_y_la_anterior_sigue(anio, coordinacion, client):
    primera = _publicar(coordinacion)
    pdf_v1 = _bytes(primera.archivos.get(formato="pdf"))
    _cambiar_los_datos(coordinacion)
    with pytest.raises(ValidationError) as error:
        _publicar(coordinacion)
    assert "Indique qué corrige" in str(error.value)
    segunda = _publicar(coordinacion, motivo="El acuerdo 1 se cumplió antes del cierre del año.")
    assert segunda.version == 2 and segunda.es_correccion
    assert InformePublicado.objects.filter(anio=ANIO).count() == 2
    assert "CUMPLIDO" in _bytes(segunda.archivos.get(formato="csv")).decode("utf-8-sig").split("1:10/11/2023")[1]

    v1 = client.get(reverse("informes:descargar_publicado", args=[ANIO, 1, f"informe-snimh-{ANIO}-v1.pdf"]))
    assert v1.status_code == 200 and v1.content == pdf_v1
    v2 = client.get(reverse("informes:descargar_publicado", args=[ANIO, 2, f"informe-snimh-{ANIO}-v2.pdf"]))
    assert v2.status_code == 200 and v2.content != pdf_v1

    pagina = client.get(reverse("informes:publicados")).content.decode()
    assert f"Informe {ANIO} · versión 2" in pagina and f"Informe {ANIO} · versión 1" in pagina
    assert "El acuerdo 1 se cumplió antes del cierre del año." in pagina
    assert pagina.index("versión 2") < pagina.index("versión 1"), "the current version first"


def test_la_descarga_publica_y_sus_cabeceras(anio, coordinacion, client):
    publicacion = _publicar(coordinacion)
    for archivo, tipo in [(publicacion.archivos.get(formato="pdf"), "application/pdf"),
                          (publicacion.archivos.get(formato="csv"), "text/csv; charset=utf-8"),
                          (publicacion.archivos.get(formato="xlsx"),
                           "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")]:
        respuesta = client.get(archivo.get_absolute_url())
        assert respuesta.status_code == 200
        assert respuesta["Content-Type"] == tipo
        assert respuesta["Content-Disposition"] == f'attachment; filename="{archivo.nombre_de_descarga}"'
        assert respuesta["X-Content-Type-Options"] == "nosniff"
        assert respuesta["ETag"] == f'"{archivo.sha256}"'
    assert publicacion.archivos.get(formato="xlsx").nombre_de_descarga == f"anexo-i-snimh-{ANIO}-v1.xlsx"
    for nombre in (f"informe-snimh-{ANIO}-v2.pdf", f"anexo-i-snimh-{ANIO}-v1.pdf", f"informe-snimh-{ANIO}-v1.exe",
                   f"informe-snimh-{ANIO}-v1"):
        version = 2 if "v2" in nombre else 1
        assert client.get(reverse("informes:descargar_publicado", args=[ANIO, version, nombre])).status_code == 404
    assert client.get(f"/transparencia/informes/{ANIO}/v1/..%2F..%2Fsettings.py").status_code == 404
    assert client.get(f"/transparencia/informes/{ANIO}/v3/informe-snimh-{ANIO}-v3.pdf").status_code == 404


def test_el_anonimo_descarga_lo_publicado_pero_no_la_vista_previa(anio, coordinacion, client):
    publicacion = _publicar(coordinacion)
    assert client.get(publicacion.archivos.get(formato="pdf").get_absolute_url()).status_code == 200
    assert client.get(reverse("informes:publicados")).status_code == 200
    for ruta in ("informes:pdf", "informes:vista_previa", "informes:anexo_csv", "informes:anexo_xlsx"):
        respuesta = client.get(reverse(ruta, args=[ANIO]))
        assert respuesta.status_code == 302 and respuesta["Location"].startswith(reverse("cuentas:entrar"))


def test_la_vista_previa_sigue_en_datos_vivos(anio, coordinacion, consulta, client):
    _publicar(coordinacion)
    _cambiar_los_datos(coordinacion)
    client.force_login(consulta)
    vivo = client.get(reverse("informes:anexo_csv", args=[ANIO])).content.decode("utf-8-sig")
    assert "EN PROCESO" not in vivo
    assert "Introducción escrita después." in client.get(reverse("informes:vista_previa", args=[ANIO])).content.decode()


def test_un_archivo_alterado_no_se_sirve(anio, coordinacion, client, caplog):
    archivo = _publicar(coordinacion).archivos.get(formato="csv")
    with default_storage.open(archivo.archivo.name, "wb") as f:
        f.write(_bytes(archivo).replace(b"EN PROCESO", b"CUMPLIDO!!"))
    respuesta = client.get(archivo.get_absolute_url())
    assert respuesta.status_code == 500
    assert b"CUMPLIDO!!" not in respuesta.content
    assert "does not match its SHA-256" in caplog.text


def test_solo_la_coordinacion_publica(anio, consulta, enlace_propio, client):
    for usuario in (consulta, enlace_propio, None):
        with pytest.raises(PermissionDenied):
            services.informe_publicar(anio=ANIO, usuario=usuario)
    client.force_login(consulta)
    assert client.post(reverse("informes:publicar", args=[ANIO])).status_code == 403
    assert not InformePublicado.objects.exists()


def test_un_anio_sin_nada_que_publicar(coordinacion, client):
    client.force_login(coordinacion)
    respuesta = client.post(reverse("informes:publicar", args=[2019]))
    assert respuesta.status_code == 200
    assert "no hay informe que publicar" in respuesta.content.decode()
    assert not InformePublicado.objects.exists()


def test_la_pagina_de_publicar_pide_confirmacion_y_motivo(anio, coordinacion, client):
    client.force_login(coordinacion)
    url = reverse("informes:publicar", args=[ANIO])
    html = lector.corrido(re.sub(r"<[^>]+>", " ", client.get(url).content.decode()))
    assert f"Publicar el informe {ANIO}" in html
    assert "1 sesión celebrada; 2 acuerdos en el Anexo I" in html
    assert "Publicar la versión 1" in html and "Motivo de la corrección" not in html
    assert not InformePublicado.objects.exists(), "showing the page publishes nothing"

    respuesta = client.post(url)
    assert respuesta.status_code == 302 and respuesta["Location"].endswith(f"#anio-{ANIO}")
    assert InformePublicado.objects.get().version == 1

    html = client.get(url).content.decode()
    assert "Publicar una corrección del informe" in html and "Publicar la versión 2" in html
    respuesta = client.post(url, {"motivo": "  "})
    assert respuesta.status_code == 200
    assert "Indique qué corrige esta versión respecto de la anterior." in respuesta.content.decode()
    assert client.post(url, {"motivo": "<script>x</script>"}).status_code == 200
    assert client.post(url, {"motivo": "x" * 2001}).status_code == 200
    assert InformePublicado.objects.count() == 1
    assert client.post(url, {"motivo": "Faltaba un acuerdo."}).status_code == 302
    assert InformePublicado.objects.count() == 2


def test_la_lista_interna_muestra_lo_publicado_y_quien_lo_publico(anio, coordinacion, consulta, client):
    _publicar(coordinacion)
    client.force_login(consulta)
    html = client.get(reverse("informes:lista")).content.decode()
    assert "Versión 1" in html and "Coordinadora" in html
    assert reverse("informes:publicar", args=[ANIO]) not in html, "consulta does not publish"
    client.force_login(coordinacion)
    html = client.get(reverse("informes:lista")).content.decode()
    assert "Publicar una corrección" in html and reverse("informes:publicar", args=[2023]) in html


def test_la_pagina_publica(anio, coordinacion, client):
    vacia = client.get(reverse("informes:publicados")).content.decode()
    assert "Todavía no se ha publicado ningún informe anual." in vacia
    publicacion = _publicar(coordinacion)
    html = client.get(reverse("informes:publicados")).content.decode()
    for archivo in publicacion.archivos.all():
        assert archivo.sha256 in html
        assert archivo.get_absolute_url() in html
        assert archivo.nombre_de_descarga in html
    assert "KB" in html
    assert f'id="informe-{ANIO}"' in html
    # Dates, pages and counts; no personal data.
    assert "1 sesión" in html and "2 acuerdos en el Anexo I" in html
    assert "Coordinadora" not in html and coordinacion.username not in html


def test_consultas_de_la_pagina_publica_no_crecen_con_las_publicaciones(coordinacion, client):
    informe_publicado(anio=2020, usuario=coordinacion)
    with CaptureQueriesContext(connection) as pocas:
        client.get(reverse("informes:publicados"))
    for anio_publicado in (2021, 2022):
        informe_publicado(anio=anio_publicado, usuario=coordinacion)
        informe_publicado(anio=anio_publicado, usuario=coordinacion, version=2, motivo="Corrección.")
    with CaptureQueriesContext(connection) as muchas:
        respuesta = client.get(reverse("informes:publicados"))
    assert respuesta.content.decode().count("<h2") == 3
    assert len(muchas) == len(pocas)


def test_si_algo_falla_no_queda_nada_guardado(anio, coordinacion, monkeypatch):
    antes = set(_archivos_guardados())
    original = ArchivoPublicado.full_clean

    def falla_en_xlsx(self, *args, **kwargs):
        if self.formato == FormatoPublicado.XLSX:
            raise ValidationError("falla simulada")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(ArchivoPublicado, "full_clean", falla_en_xlsx)
    with pytest.raises(ValidationError):
        _publicar(coordinacion)
    assert not InformePublicado.objects.exists() and not ArchivoPublicado.objects.exists()
    assert set(_archivos_guardados()) == antes


def test_dos_publicaciones_a_la_vez(anio, coordinacion, monkeypatch):
    antes = set(_archivos_guardados())
    informe_publicado(anio=ANIO, usuario=coordinacion)  # someone else, a moment ago
    monkeypatch.setattr(services, "siguiente_version", lambda *, anio: 1)  # read before it committed
    with pytest.raises(ValidationError, match="Otra persona acaba de publicar esta versión del informe"):
        _publicar(coordinacion)
    assert InformePublicado.objects.count() == 1
    assert len(set(_archivos_guardados()) - antes) == 3, "only the other publication's files"


def _archivos_guardados():
    if not default_storage.exists("informes"):
        return []
    carpetas, _archivos = default_storage.listdir("informes")
    return [f"{c}/{a}" for c in carpetas for a in default_storage.listdir(f"informes/{c}")[1]]


def test_la_base_de_datos_hace_cumplir_las_reglas(coordinacion):
    publicacion = informe_publicado(anio=2020, usuario=coordinacion)
    casos = [
        dict(anio=2020, version=1),  # the same version twice
        dict(anio=2020, version=2),  # a correction without its reason
        dict(anio=2021, version=1, motivo="No es una corrección."),
        dict(anio=2021, version=0),
        dict(anio=1999, version=1),
        dict(anio=2021, version=1, paginas=0),
    ]
    for caso in casos:
        datos = {"motivo": "", "sesiones": 1, "acuerdos": 1, "paginas": 1, **caso}
        with pytest.raises(IntegrityError), transaction.atomic():
            InformePublicado.objects.create(publicado_por=coordinacion, **datos)
    sin_archivos = InformePublicado.objects.create(anio=2021, version=1, publicado_por=coordinacion, sesiones=1,
                                                   acuerdos=1, paginas=1)
    valido = {"formato": "csv", "tamano": 1, "sha256": "0" * 64, "archivo": "informes/2021/x.csv"}
    for destino, cambio in [
        (publicacion, {"formato": "pdf"}),  # a second PDF for the same publication
        (sin_archivos, {"formato": "doc"}),
        (sin_archivos, {"tamano": 0}),
        (sin_archivos, {"sha256": "no-es-un-sha"}),
    ]:
        with pytest.raises(IntegrityError), transaction.atomic():
            ArchivoPublicado.objects.create(publicacion=destino, **{**valido, **cambio})
    ArchivoPublicado.objects.create(publicacion=sin_archivos, **valido)  # and the valid one is accepted


def test_lo_publicado_no_se_modifica_ni_se_borra(coordinacion):
    publicacion = informe_publicado(anio=2020, usuario=coordinacion)
    for intento in (
        lambda: InformePublicado.objects.filter(pk=publicacion.pk).update(paginas=99),
        lambda: InformePublicado.objects.filter(pk=publicacion.pk).delete(),
        lambda: ArchivoPublicado.objects.filter(publicacion=publicacion).update(sha256="0" * 64),
        lambda: ArchivoPublicado.objects.filter(publicacion=publicacion).delete(),
    ):
        with pytest.raises(DatabaseError, match="Cannot"), transaction.atomic():
            intento()
    assert publicacion.archivos.count() == 3


def test_queda_en_el_historial(anio, coordinacion):
    publicacion = _publicar(coordinacion)
    eventos = InformePublicado.pgh_event_model.objects.filter(pgh_obj_id=publicacion.pk)
    assert list(eventos.values_list("pgh_label", "version")) == [("insert", 1)]
    assert ArchivoPublicado.pgh_event_model.objects.filter(publicacion_id=publicacion.pk).count() == 3


def test_la_correccion_de_otro_anio_no_toca_este(anio, coordinacion):
    otra = informe_publicado(anio=2023, usuario=coordinacion)
    publicacion = _publicar(coordinacion)
    assert publicacion.version == 1
    assert otra.version == 1 and InformePublicado.objects.filter(anio=2023).count() == 1
    assert services.siguiente_version(anio=2023) == 2 and services.siguiente_version(anio=2025) == 1
