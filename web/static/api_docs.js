// Starts Swagger UI on /docs (kept out of the page so the CSP can forbid inline script).
// "Try it out" with the session cookie needs the CSRF token on unsafe requests: it is read from the
// ganxin_csrf cookie (or __Host-ganxin_csrf over HTTPS) and sent as X-CSRF-Token.
(function () {
  "use strict";
  var UNSAFE = { POST: true, PUT: true, PATCH: true, DELETE: true };

  function csrfToken() {
    var found = "";
    document.cookie.split(";").forEach(function (part) {
      var pair = part.trim().split("=");
      if (pair[0] === "ganxin_csrf" || pair[0] === "__Host-ganxin_csrf") { found = decodeURIComponent(pair[1] || ""); }
    });
    return found;
  }

  var root = document.getElementById("swagger-ui");
  window.ui = window.SwaggerUIBundle({
    url: root.getAttribute("data-openapi-url"),
    dom_id: "#swagger-ui",
    deepLinking: true,
    requestInterceptor: function (request) {
      var token = csrfToken();
      if (token && UNSAFE[(request.method || "GET").toUpperCase()]) { request.headers["X-CSRF-Token"] = token; }
      return request;
    }
  });
})();
