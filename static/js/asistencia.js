// Progressive enhancement of the attendance checklist: the quorum figure follows the
// ticks. The server decides which rows count (data-cuenta: an integrante with its
// designation letter on record that day), how many are required (data-requeridas, the
// rule of sesiones.models.Sesion.quorum) and the words (translated data-texto-*);
// this only adds up the ticked rows.
(function () {
  "use strict";
  var caja = document.getElementById("quorum");
  var estado = document.getElementById("quorum-estado");
  var tabla = document.querySelector(".lista-asistencia");
  if (!caja || !estado || !tabla) { return; }
  var requeridas = parseInt(caja.dataset.requeridas, 10);
  function texto(plantilla, valores) {
    return plantilla.replace(/\{(\w+)\}/g, function (_, clave) { return String(valores[clave]); });
  }
  function actualizar() {
    var marcadas = 0, acreditadas = 0;
    tabla.querySelectorAll("tbody tr[data-rol='integrante']").forEach(function (fila) {
      var casilla = fila.querySelector("input[type=checkbox]");
      if (!casilla || !casilla.checked) { return; }
      marcadas += 1;
      if (fila.dataset.cuenta === "1") { acreditadas += 1; }
    });
    var valores = {marcadas: marcadas, acreditadas: acreditadas, requeridas: requeridas};
    if (isNaN(requeridas)) {
      estado.textContent = texto(caja.dataset.textoIndeterminado, valores);
      return;
    }
    var hay = acreditadas >= requeridas;
    estado.textContent = texto(hay ? caja.dataset.textoHay : caja.dataset.textoNoHay, valores);
    caja.classList.toggle("con-quorum", hay);
  }
  tabla.addEventListener("change", actualizar);
})();
