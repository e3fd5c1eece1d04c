// The "Print" link of the reports. A file of its own: the Content-Security-Policy
// forbids scripts written in the page.
document.querySelectorAll("[data-print]").forEach(function (link) {
  link.addEventListener("click", function (event) {
    event.preventDefault();
    window.print();
  });
});
