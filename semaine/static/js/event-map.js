/* Map of the public event finder (/evenements/carte/).
 *
 * Progressive enhancement: the page lists the first results as HTML; this script shows the
 * map container only when Leaflet loaded, fetches the GeoJSON of the same filters
 * (data-url: /api/evenements/carte.json?<same query string>) and clusters the markers.
 * No inline script (CSP); texts come from data-* attributes, translated by the template.
 */
(function () {
  "use strict";

  // Metropolitan France (with Corsica): the default view, and the preferred fit when the
  // results are there, so that a few overseas markers do not zoom the map out to the world.
  var METROPOLE = [[41.2, -5.3], [51.2, 9.7]];

  function formatDate(iso, locale) {
    // "2025-11-18T10:00:00+01:00" is the académie's local time: show it as written,
    // whatever the visitor's time zone.
    var match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(iso || "");
    if (!match) {
      return "";
    }
    var date = new Date(Date.UTC(+match[1], +match[2] - 1, +match[3], +match[4], +match[5]));
    try {
      return new Intl.DateTimeFormat(locale, {
        timeZone: "UTC",
        weekday: "long",
        day: "numeric",
        month: "long",
        year: "numeric",
        hour: "2-digit",
        minute: "2-digit",
      }).format(date);
    } catch (error) {
      return match[3] + "/" + match[2] + "/" + match[1] + " " + match[4] + ":" + match[5];
    }
  }

  function popupContent(feature, texts, locale) {
    var props = feature.properties || {};
    var box = document.createElement("div");
    var title = document.createElement("p");
    title.className = "fr-text--bold fr-mb-1v";
    title.textContent = props.title || "";
    box.appendChild(title);
    var details = [formatDate(props.date, locale), props.city].filter(Boolean).join(" — ");
    if (details) {
      var info = document.createElement("p");
      info.className = "fr-text--sm fr-mb-1v";
      info.textContent = details;
      box.appendChild(info);
    }
    if (props.url) {
      var link = document.createElement("a");
      link.className = "fr-link fr-link--sm";
      link.href = props.url;
      link.textContent = texts.more;
      box.appendChild(link);
    }
    return box;
  }

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

  function inMetropole(latlng) {
    return (
      latlng.lat >= METROPOLE[0][0] && latlng.lat <= METROPOLE[1][0] &&
      latlng.lng >= METROPOLE[0][1] && latlng.lng <= METROPOLE[1][1]
    );
  }

  function init() {
    var element = document.getElementById("event-map");
    var status = document.getElementById("event-map-status");
    if (!element || typeof window.L === "undefined" || typeof window.fetch !== "function") {
      return;
    }
    var L = window.L;
    var locale = document.documentElement.lang || "fr";
    var texts = {
      more: element.dataset.textMore || "Voir l'événement",
      loading: element.dataset.textLoading || "",
      loaded: element.dataset.textLoaded || "",
      truncated: element.dataset.textTruncated || "",
      empty: element.dataset.textEmpty || "",
      error: element.dataset.textError || "",
    };
    function say(text) {
      if (status) {
        status.textContent = text;
      }
    }

    element.hidden = false;
    var map = L.map(element, { scrollWheelZoom: false }).fitBounds(METROPOLE);
    var tiles = mapTiles();
    if (tiles.images) {
      L.Icon.Default.imagePath = tiles.images;
    }
    L.tileLayer(tiles.url, { maxZoom: 19, attribution: tiles.attribution }).addTo(map);
    var cluster =
      typeof L.markerClusterGroup === "function"
        ? L.markerClusterGroup({ chunkedLoading: true, showCoverageOnHover: false })
        : L.featureGroup();
    map.addLayer(cluster);

    say(texts.loading);
    window
      .fetch(element.dataset.url, { headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("HTTP " + response.status);
        }
        return response.json();
      })
      .then(function (data) {
        var markers = [];
        var near = [];
        (data.features || []).forEach(function (feature) {
          var coords = feature.geometry && feature.geometry.coordinates;
          if (!coords || coords.length < 2) {
            return;
          }
          var latlng = L.latLng(coords[1], coords[0]);
          var title = (feature.properties && feature.properties.title) || "";
          var marker = L.marker(latlng, { title: title, alt: title });
          marker.bindPopup(function () {
            return popupContent(feature, texts, locale);
          });
          markers.push(marker);
          if (inMetropole(latlng)) {
            near.push(latlng);
          }
        });
        if (typeof cluster.addLayers === "function") {
          cluster.addLayers(markers);
        } else {
          markers.forEach(function (marker) {
            cluster.addLayer(marker);
          });
        }
        if (!markers.length) {
          say(texts.empty);
          return;
        }
        var bounds = near.length
          ? L.latLngBounds(near)
          : L.latLngBounds(markers.map(function (m) { return m.getLatLng(); }));
        map.fitBounds(bounds, { padding: [24, 24], maxZoom: 13 });
        var message = texts.loaded.replace("%(count)s", String(markers.length));
        if (data.truncated) {
          message += " " + texts.truncated;
        }
        say(message);
      })
      .catch(function () {
        say(texts.error);
      });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
