/* Small map of an event's place on its detail page.
 * Progressive enhancement: the address is printed as text, the map container stays hidden
 * unless Leaflet loaded and the coordinates are valid. No inline script (CSP). */
(function () {
  "use strict";

  // The tile server (settings.MAP_TILES_URL), written by templates/base.html.
  function mapTiles() {
    function meta(name) {
      var tag = document.querySelector('meta[name="' + name + '"]');
      return tag ? tag.getAttribute("content") : "";
    }
    return {
      url: meta("semaine-map-tiles") || "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
      attribution: meta("semaine-map-attribution"),
      // Leaflet finds its marker images through its CSS, which the hashed static file names
      // of production defeat: tell it where they are.
      images: meta("semaine-map-images"),
    };
  }

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
    element.classList.add("semaine-event-detail-map"); // its height (semaine.css)
    element.hidden = false;
    var map = window.L.map(element, { scrollWheelZoom: false }).setView([lat, lng], 15);
    var tiles = mapTiles();
    if (tiles.images) {
      window.L.Icon.Default.imagePath = tiles.images;
    }
    window.L.tileLayer(tiles.url, { maxZoom: 19, attribution: tiles.attribution }).addTo(map);
    var title = element.dataset.title || "";
    window.L.marker([lat, lng], { title: title, alt: title, keyboard: false }).addTo(map);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
