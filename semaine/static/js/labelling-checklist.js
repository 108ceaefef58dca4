/* The labelling checklist beside the event form, updated as the organizer fills it in:
 * free of charge, sessions inside the accepted window, an audience, a theme and an action
 * type, the required fields. The server checks the same criteria again on submission
 * (events.labelling); this is only a guide. No inline script (CSP). */
(function () {
  "use strict";

  function checked(name) {
    return document.querySelectorAll('input[name="' + name + '"]:checked').length > 0;
  }

  function value(id) {
    var element = document.getElementById(id);
    return element ? element.value.trim() : "";
  }

  function init() {
    var list = document.getElementById("labelling-checklist");
    var form = document.getElementById("event-form");
    if (!list || !form) {
      return;
    }
    var start = list.dataset.windowStart;
    var end = list.dataset.windowEnd;

    function sessionsDated() {
      var rows = document.querySelectorAll("#session-rows [data-session-row]");
      var any = false;
      var inside = true;
      Array.prototype.forEach.call(rows, function (row) {
        if (row.hidden) {
          return;
        }
        var inputs = row.querySelectorAll('input[type="datetime-local"]');
        Array.prototype.forEach.call(inputs, function (input) {
          if (!input.value) {
            return;
          }
          any = true;
          var day = input.value.slice(0, 10);
          if (!start || !end || day < start || day > end) {
            inside = false;
          }
        });
      });
      return any && inside;
    }

    function requiredFilled() {
      var online = checked("format") && document.querySelector('input[name="format"]:checked').value === "online";
      var place = online ? value("id_online_url") : value("id_address") && value("id_postcode") && value("id_city");
      return Boolean(value("id_title") && value("id_summary") && value("id_description") && place);
    }

    function update() {
      var state = {
        free: document.getElementById("id_is_free") ? document.getElementById("id_is_free").checked : true,
        dated: sessionsDated(),
        audience: checked("audiences"),
        industry: checked("themes") && checked("action_types"),
        required: requiredFilled(),
      };
      Array.prototype.forEach.call(list.querySelectorAll("[data-criterion]"), function (item) {
        var code = item.dataset.criterion;
        if (!(code in state)) {
          return;
        }
        var met = state[code];
        item.dataset.met = met ? "1" : "0";
        item.querySelector(".semaine-criterion__mark").textContent = met ? "✓" : "✗";
        var detail = item.querySelector(".semaine-criterion__detail");
        if (detail) {
          detail.hidden = met;
        }
        var text = item.querySelector(".semaine-criterion__state");
        text.textContent = met ? text.dataset.metText : text.dataset.unmetText;
      });
    }

    form.addEventListener("input", update);
    form.addEventListener("change", update);
    form.addEventListener("click", function () {
      window.setTimeout(update, 0); // a session row added or removed
    });
    update();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
