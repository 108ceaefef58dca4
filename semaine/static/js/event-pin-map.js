/* The organizer's map pin: drag the marker (or click the map) to correct the latitude and
 * longitude fields. Progressive enhancement: the two fields stay editable by hand, the map
 * shows only when Leaflet loaded. No inline script (CSP). */
(function () {
  "use strict";

  function meta(name) {
    var tag = document.querySelector('meta[name="' + name + '"]');
    return tag ? tag.getAttribute("content") : "";
  }

  function init() {
    var element = document.getElementById("event-pin-map");
    if (!element || typeof window.L === "undefined") {
      return;
    }
    var latInput = document.getElementById(element.dataset.latInput);
    var lngInput = document.getElementById(element.dataset.lngInput);
    if (!latInput || !lngInput) {
      return;
    }
    var lat = parseFloat(latInput.value.replace(",", "."));
    var lng = parseFloat(lngInput.value.replace(",", "."));
    var known = isFinite(lat) && isFinite(lng);
    element.hidden = false;
    element.style.height = "18rem";
    var center = known ? [lat, lng] : [46.6, 2.4];
    var map = window.L.map(element, { scrollWheelZoom: false }).setView(center, known ? 15 : 5);
    window.L.tileLayer(meta("semaine-map-tiles") || "https://tile.openstreetmap.org/{z}/{x}/{y}.png", {
      maxZoom: 19,
      attribution: meta("semaine-map-attribution"),
    }).addTo(map);
    var marker = window.L.marker(center, { draggable: true, keyboard: true }).addTo(map);

    function write(point) {
      latInput.value = point.lat.toFixed(6);
      lngInput.value = point.lng.toFixed(6);
    }
    marker.on("dragend", function () {
      write(marker.getLatLng());
    });
    map.on("click", function (event) {
      marker.setLatLng(event.latlng);
      write(event.latlng);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
