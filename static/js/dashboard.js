// The dashboard after a change shows the figures it has while a worker computes new ones.
// This asks for them every few seconds (204: not yet) and puts them in place once they are
// in, so that nobody has to reload the page. A file of its own: the Content-Security-Policy
// forbids scripts written in the page.
(function () {
  var live = document.getElementById("dashboard-live");
  if (!live || !live.dataset.refreshUrl) {
    return;
  }
  var url = live.dataset.refreshUrl;
  var delay = 3000;
  var attempts = 40; // two minutes; past that, figures are computed when the page is loaded
  function ask() {
    attempts -= 1;
    fetch(url, { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (response) {
        if (response.status === 200) {
          return response.text().then(function (html) {
            var announce = document.getElementById("dashboard-announce");
            live.innerHTML = html;
            live.removeAttribute("data-refresh-url");
            if (announce) {
              announce.textContent = live.dataset.updatedMessage || "";
            }
          });
        }
        if (attempts > 0) {
          window.setTimeout(ask, delay);
        }
      })
      .catch(function () {
        if (attempts > 0) {
          window.setTimeout(ask, delay);
        }
      });
  }
  window.setTimeout(ask, delay);
})();
