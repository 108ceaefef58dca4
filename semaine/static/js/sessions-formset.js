/* Sessions of the organizer's event form: add and remove rows of the Django formset.
 * Without JavaScript the form still works: one blank row is always offered, and each row
 * has a « Supprimer ce créneau » checkbox. With it, « Ajouter un créneau » clones the
 * empty row (<template>, __prefix__ replaced) and each checkbox becomes a « Retirer »
 * button that ticks it and hides the row. No inline script (CSP). */
(function () {
  "use strict";

  function init() {
    var rows = document.getElementById("session-rows");
    var template = document.getElementById("session-empty-row");
    var add = document.getElementById("session-add");
    if (!rows || !template || !add) {
      return;
    }
    var prefix = rows.dataset.prefix || "sessions";
    var total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
    var max = document.getElementById("id_" + prefix + "-MAX_NUM_FORMS");

    function enhance(row) {
      var holder = row.querySelector("[data-session-delete]");
      if (!holder || holder.dataset.enhanced) {
        return;
      }
      holder.dataset.enhanced = "1";
      var checkbox = holder.querySelector("input[type=checkbox]");
      holder.hidden = true;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "fr-btn fr-btn--tertiary fr-btn--sm fr-icon-delete-line fr-btn--icon-left";
      button.textContent = holder.querySelector("label").textContent;
      button.addEventListener("click", function () {
        checkbox.checked = true;
        row.hidden = true;
        add.focus();
      });
      holder.parentNode.appendChild(button);
      if (checkbox.checked) {
        row.hidden = true;
      }
    }

    Array.prototype.forEach.call(rows.querySelectorAll("[data-session-row]"), enhance);
    add.hidden = false;
    add.addEventListener("click", function () {
      var index = parseInt(total.value, 10) || 0;
      if (max && index >= parseInt(max.value, 10)) {
        return;
      }
      var html = template.innerHTML.replace(/__prefix__/g, String(index));
      var holder = document.createElement("div");
      holder.innerHTML = html;
      var row = holder.firstElementChild;
      rows.appendChild(row);
      total.value = String(index + 1);
      enhance(row);
      var first = row.querySelector("input:not([type=hidden])");
      if (first) {
        first.focus();
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
