// 'Near a postcode': near-lib.js loads only when used, to keep pages light. Hidden without JS.
(function () {
  "use strict";
  var form = document.getElementById("near");
  if (!form) return;
  var here = document.getElementById("near-here");
  var said = JSON.parse(form.getAttribute("data-i18n") || "{}");  // words in another language
  var loading = null;

  function go(how) {
    if (!loading) {
      loading = new Promise(function (done, failed) {
        var script = document.createElement("script");
        script.src = form.dataset.lib;
        script.onload = done;
        script.onerror = failed;
        document.head.appendChild(script);
      });
    }
    loading.then(function () { window.localofferNear.start(form, how); }, function () {
      loading = null;
      document.getElementById("near-status").textContent = said.libFailed || "Sorting by distance could not be loaded. Try again.";
    });
  }

  form.hidden = false;
  if ("geolocation" in navigator) {
    here.hidden = false;
    here.addEventListener("click", function () { go("here"); });
  }
  form.addEventListener("submit", function (e) { e.preventDefault(); go("postcode"); });
  document.getElementById("near-within").addEventListener("change", function () { if (loading) go("within"); });
  if (/(^#|&)near=/.test(location.hash)) {
    var box = form.closest("details");  // the search page keeps the form folded until it is used
    if (box) box.open = true;
    go("address");
  }
})();
