// Progressive enhancement: a box that filters long lists of checkboxes as one types.
// Without JavaScript the whole list is shown. The words come translated from the page
// (data-texto-* on the field).
(function () {
  "use strict";
  function sinAcentos(texto) {
    return texto.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  document.querySelectorAll(".campo-filtrable").forEach(function (campo) {
    var lista = campo.querySelector(".casillas");
    if (!lista) { return; }
    var caja = document.createElement("input");
    caja.type = "search";
    caja.className = "filtro-casillas";
    caja.setAttribute("aria-label", campo.dataset.textoFiltro || "");
    caja.placeholder = campo.dataset.textoFiltro || "";
    lista.parentNode.insertBefore(caja, lista);
    var elegidas = document.createElement("p");
    elegidas.className = "ayuda";
    elegidas.setAttribute("aria-live", "polite");
    lista.parentNode.insertBefore(elegidas, lista.nextSibling);
    function contar() {
      var n = lista.querySelectorAll("input:checked").length;
      elegidas.textContent = (campo.dataset.textoElegidas || "{n}").replace("{n}", String(n));
    }
    caja.addEventListener("input", function () {
      var buscado = sinAcentos(caja.value.trim());
      lista.querySelectorAll("label").forEach(function (etiqueta) {
        var fila = etiqueta.closest("div") || etiqueta.parentNode;
        var casilla = fila.querySelector("input");
        fila.hidden = buscado !== "" && !(casilla && casilla.checked) &&
          sinAcentos(etiqueta.textContent).indexOf(buscado) === -1;
      });
    });
    lista.addEventListener("change", contar);
    contar();
  });
})();
