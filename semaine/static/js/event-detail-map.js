/* Small map of an event's place on its detail page.
 * Progressive enhancement: the address is printed as text, the map container stays hidden
 * unless Leaflet loaded and the coordinates are valid. No inline script (CSP). */
(function () {
  "use strict";

  function init() {
    var element = document.getElementById("event-map");
    if (!element || typeof window.L === "undefined") {
      return;
    }
    var lat = parseFloat(element.dataset.lat);
    var lng = parseFloat(element.dataset.lng);
    if (!isFinite(lat) || !isFinite(lng) || Math.abs(lat) > 90 || Math.abs(lng) > 180) {
      return;
    }
    element.hidden = false;
    var map = window.L.map(element, { scrollWheelZoom: false }).setView([lat, lng], 15);
    window.L.tileLayer("https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png", {
      maxZoom: 19,
      attribution: "&copy; <a href=\"https://www.openstreetmap.org/copyright\">OpenStreetMap</a>",
    }).addTo(map);
    var title = element.dataset.title || "";
    window.L.marker([lat, lng], { title: title, alt: title, keyboard: false }).addTo(map);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
