// Starts ReDoc on the schema named by the container, passing the request's CSP nonce so
// that the styles ReDoc writes at run time are allowed by the Content-Security-Policy.
(function () {
  "use strict";
  var contenedor = document.getElementById("redoc-container");
  Redoc.init(contenedor.dataset.esquema, { nonce: document.currentScript.nonce }, contenedor);
})();
