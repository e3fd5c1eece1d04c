// The filters of a list are folded behind their summary on small screens, so that a phone
// shows the results first; on a wide screen they are opened at once.
document.querySelectorAll("details[data-open-when-wide]").forEach(function (panel) {
  if (window.matchMedia("(min-width: 48rem)").matches) {
    panel.open = true;
  }
});
