// The few behaviours of forms, for every page (the Content-Security-Policy forbids scripts
// written in the page).

// The filters of a list are folded behind their summary on small screens, so that a phone
// shows the results first; on a wide screen they are opened at once.
document.querySelectorAll("details[data-open-when-wide]").forEach(function (panel) {
  if (window.matchMedia("(min-width: 48rem)").matches) {
    panel.open = true;
  }
});

// A form sent back with errors: its error summary takes the focus, so that a screen
// reader reads it first and a keyboard user follows its links to each field.
var summary = document.querySelector(".error-summary");
if (summary) {
  summary.focus();
}

// Fields that apply only to some answers of another field (the session number to a
// deadline "before the session") are hidden while they do not apply. Without this script
// every field shows, and the server ignores those that do not apply.
document.querySelectorAll("[data-shown-when]").forEach(function (input) {
  var controller = document.getElementById(input.dataset.controlledBy);
  var container = input.closest(".field");
  if (!controller || !container) {
    return;
  }
  var values = input.dataset.shownWhen.split(" ");
  function update() {
    container.hidden = values.indexOf(controller.value) === -1;
  }
  controller.addEventListener("change", update);
  update();
});
