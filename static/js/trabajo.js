// A background job's page, live: asks the job's JSON status every second and shows its
// progress; once the job has ended, reloads the page, which then offers the result (or
// says what went wrong). Without JavaScript the page refreshes itself (<noscript> meta).
(function () {
  "use strict";
  var raiz = document.getElementById("trabajo");
  if (!raiz || raiz.dataset.concluido === "si" || !window.fetch) {
    return;
  }
  var estado = document.getElementById("trabajo-estado");
  var paso = document.getElementById("trabajo-paso");
  var avance = document.getElementById("trabajo-avance");
  var barra = document.getElementById("trabajo-barra");
  var actualizar = document.getElementById("trabajo-actualizar");
  if (actualizar) {
    actualizar.hidden = true;
  }

  function mostrar(datos) {
    estado.textContent = datos.estado_texto;
    estado.className = "estado-trabajo estado-trabajo-" + datos.estado;
    paso.textContent = datos.paso;
    avance.textContent = datos.avance;
    if (barra && datos.pasos_totales > 0) {
      barra.max = datos.pasos_totales;
      barra.value = datos.pasos_hechos;
      barra.textContent = datos.porcentaje + " %";
    }
  }

  function consultar() {
    fetch(raiz.dataset.estadoUrl, {headers: {"Accept": "application/json"}, credentials: "same-origin"})
      .then(function (respuesta) {
        if (!respuesta.ok) {
          throw new Error(String(respuesta.status));
        }
        return respuesta.json();
      })
      .then(function (datos) {
        mostrar(datos);
        if (datos.concluido) {
          window.location.reload();
        } else {
          window.setTimeout(consultar, 1000);
        }
      })
      .catch(function () {
        // The server is busy or the session ended: try again, more slowly.
        if (actualizar) {
          actualizar.hidden = false;
        }
        window.setTimeout(consultar, 5000);
      });
  }

  window.setTimeout(consultar, 1000);
}());
